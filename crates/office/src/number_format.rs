//! A number as the sheet shows it: Excel's number format codes applied to the stored binary value.
//!
//! The checker compares printed figures with the rounding of their printed digits, so a cell must be
//! read as Excel displays it, not as the binary float it stores: `0.00` on 57.984999 shows `57.98`,
//! `#,##0.00` on 1234.5 shows `1,234.50`. Excel first takes the value to 15 significant digits and
//! then rounds half away from zero at the format's last place (so 1.005 shows 1.01 although the
//! double is 1.00499999…); this module does the same on decimal digits, never through floating point
//! arithmetic after the first conversion.
//!
//! Supported: up to four sections (`positive;negative;zero;text`), `0 # ?` placeholders, the
//! thousands separator, scaling commas (`#,##0,`), `%`, scientific `0.00E+00`, quoted literals,
//! `\x` escapes, `_x` padding and `*x` fills (dropped: they only add space), bracketed colours,
//! conditions and locales (`[Red]`, `[$¥-804]` shows `¥`), `@`. General shows the value's 15
//! significant digits with trailing zeros removed (`57.984999`, `140`, `0.3` for 0.1 + 0.2). Fractions
//! (`# ?/?`) fall back to General. Dates never reach here: calamine hands them over as dates.

/// `value` shown with the number format `code` (`General` or empty: the General format).
pub fn format(value: f64, code: &str) -> String {
    if !value.is_finite() {
        return "#NUM!".to_string();
    }
    let code = code.trim();
    if code.is_empty() || code.eq_ignore_ascii_case("general") {
        return general(value);
    }
    let sections = split_sections(code);
    let (section, abs, minus) = match sections.len() {
        0 => return general(value),
        1 => (sections[0], value.abs(), value < 0.0),
        2 => {
            if value < 0.0 {
                (sections[1], value.abs(), false)
            } else {
                (sections[0], value, false)
            }
        }
        _ => {
            if value > 0.0 {
                (sections[0], value, false)
            } else if value < 0.0 {
                (sections[1], value.abs(), false)
            } else {
                (sections[2], 0.0, false)
            }
        }
    };
    if section.eq_ignore_ascii_case("general") {
        let g = general(abs);
        return if minus { format!("-{g}") } else { g };
    }
    let pattern = Pattern::parse(section);
    let shown = pattern.render(abs);
    let shown = shown.trim().to_string();
    if minus && shown.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("-{shown}")
    } else {
        shown
    }
}

/// The General format: 15 significant digits, trailing zeros removed; scientific from 1e15 or
/// below 1e-9.
pub fn general(value: f64) -> String {
    if !value.is_finite() {
        return "#NUM!".to_string();
    }
    if value == 0.0 {
        return "0".to_string();
    }
    let d = Digits::of(value.abs());
    let sign = if value < 0.0 { "-" } else { "" };
    if d.exp >= 15 || d.exp < -9 {
        let mant = d.digits_str();
        let mant = mant.trim_end_matches('0');
        let (first, rest) = mant.split_at(1.min(mant.len()));
        let e = d.exp;
        let es = if e < 0 { '-' } else { '+' };
        return if rest.is_empty() {
            format!("{sign}{first}E{es}{:02}", e.abs())
        } else {
            format!("{sign}{first}.{rest}E{es}{:02}", e.abs())
        };
    }
    let (int, frac) = d.rounded(15);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

/// A non-negative value as 15 significant decimal digits: `0.d1 d2 … d15 × 10^(exp+1)`,
/// i.e. d1 stands at 10^exp.
struct Digits {
    digits: Vec<u8>,
    exp: i32,
}

impl Digits {
    fn of(v: f64) -> Digits {
        // `{:.14e}` rounds the exact binary value correctly to 15 significant digits.
        let s = format!("{:.14e}", v);
        let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        let digits: Vec<u8> = mant
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| b - b'0')
            .collect();
        Digits { digits, exp }
    }

    fn digits_str(&self) -> String {
        self.digits.iter().map(|d| char::from(b'0' + d)).collect()
    }

    /// The integer digits and exactly `places` fraction digits, rounded half away from zero.
    fn rounded(&self, places: usize) -> (String, String) {
        // Place the digits on a fixed grid: position 0 is the units digit.
        let int_len = if self.exp >= 0 {
            self.exp as usize + 1
        } else {
            0
        };
        let lead_zeros = if self.exp < 0 {
            (-self.exp - 1) as usize
        } else {
            0
        };
        // all = integer digits followed by fraction digits.
        let mut all: Vec<u8> = Vec::with_capacity(int_len + places + 1);
        let mut frac_digits: Vec<u8> = Vec::new();
        if self.exp >= 0 {
            for i in 0..int_len {
                all.push(*self.digits.get(i).unwrap_or(&0));
            }
            frac_digits.extend(self.digits.iter().skip(int_len));
        } else {
            frac_digits.extend(std::iter::repeat_n(0, lead_zeros));
            frac_digits.extend(self.digits.iter());
        }
        let int_count = all.len();
        for i in 0..places {
            all.push(*frac_digits.get(i).unwrap_or(&0));
        }
        let next = frac_digits.get(places).copied().unwrap_or(0);
        if next >= 5 {
            let mut i = all.len();
            let mut carry = true;
            while carry && i > 0 {
                i -= 1;
                if all[i] == 9 {
                    all[i] = 0;
                } else {
                    all[i] += 1;
                    carry = false;
                }
            }
            if carry {
                all.insert(0, 1);
                return split(&all, int_count + 1);
            }
        }
        split(&all, int_count)
    }
}

fn split(all: &[u8], int_count: usize) -> (String, String) {
    let s: String = all.iter().map(|d| char::from(b'0' + d)).collect();
    let (i, f) = s.split_at(int_count.min(s.len()));
    let i = i.trim_start_matches('0');
    (if i.is_empty() { "0".into() } else { i.into() }, f.into())
}

/// Splits a format code at the `;` that are not quoted, escaped or bracketed.
fn split_sections(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    let mut bracket = false;
    let mut escaped = false;
    for (i, c) in code.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if !quoted => escaped = true,
            '"' if !bracket => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            ';' if !quoted && !bracket => {
                out.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&code[start..]);
    out
}

/// One piece of a section.
#[derive(Debug, PartialEq)]
enum Piece {
    Literal(String),
    /// Where the number goes (its first placeholder).
    Number,
}

/// One section of a format code, parsed.
#[derive(Debug, Default)]
struct Pattern {
    pieces: Vec<Piece>,
    /// Integer placeholders (`0`, `#`, `?`), in order.
    int: Vec<char>,
    /// Fraction placeholders, in order.
    frac: Vec<char>,
    point: bool,
    thousands: bool,
    /// Trailing commas: divide by 1000 each.
    scale: u32,
    percent: u32,
    /// Scientific: the exponent's minimum digits and whether `+` is shown.
    exponent: Option<(usize, bool)>,
    fraction: bool,
}

impl Pattern {
    fn parse(section: &str) -> Pattern {
        let mut p = Pattern::default();
        let chars: Vec<char> = section.chars().collect();
        let mut lit = String::new();
        let mut in_frac = false;
        let mut number_seen = false;
        let mut pending_commas = 0u32;
        let mut i = 0;
        let flush = |lit: &mut String, pieces: &mut Vec<Piece>| {
            if !lit.is_empty() {
                pieces.push(Piece::Literal(std::mem::take(lit)));
            }
        };
        while i < chars.len() {
            let c = chars[i];
            match c {
                '"' => {
                    i += 1;
                    while i < chars.len() && chars[i] != '"' {
                        lit.push(chars[i]);
                        i += 1;
                    }
                }
                '\\' => {
                    if let Some(&n) = chars.get(i + 1) {
                        lit.push(n);
                    }
                    i += 1;
                }
                '_' | '*' => i += 1, // padding / fill: the next character only takes space
                '[' => {
                    let mut inner = String::new();
                    i += 1;
                    while i < chars.len() && chars[i] != ']' {
                        inner.push(chars[i]);
                        i += 1;
                    }
                    // `[$¥-804]`: a currency symbol shown as text.
                    if let Some(rest) = inner.strip_prefix('$') {
                        let sym = rest.split('-').next().unwrap_or("");
                        lit.push_str(sym);
                    }
                }
                '0' | '#' | '?' => {
                    if !number_seen {
                        flush(&mut lit, &mut p.pieces);
                        p.pieces.push(Piece::Number);
                        number_seen = true;
                    }
                    if pending_commas > 0 {
                        // Commas between placeholders: thousands separator.
                        p.thousands = true;
                        pending_commas = 0;
                    }
                    if p.exponent.is_some() {
                        if let Some((n, _)) = p.exponent.as_mut() {
                            *n += 1;
                        }
                    } else if in_frac {
                        p.frac.push(c);
                    } else {
                        p.int.push(c);
                    }
                }
                '.' if number_seen || chars.get(i + 1).is_some_and(|n| "0#?".contains(*n)) => {
                    if !number_seen {
                        flush(&mut lit, &mut p.pieces);
                        p.pieces.push(Piece::Number);
                        number_seen = true;
                    }
                    if p.exponent.is_none() && !in_frac {
                        in_frac = true;
                        p.point = true;
                    } else {
                        lit.push('.');
                    }
                }
                ',' if number_seen && p.exponent.is_none() => pending_commas += 1,
                '%' => {
                    p.percent += 1;
                    lit.push('%');
                }
                'E' | 'e' if number_seen && matches!(chars.get(i + 1), Some('+') | Some('-')) => {
                    p.exponent = Some((0, chars[i + 1] == '+'));
                    i += 1;
                }
                '/' if number_seen => p.fraction = true,
                '@' => {}
                _ => {
                    if pending_commas > 0 {
                        p.scale += pending_commas;
                        pending_commas = 0;
                    }
                    lit.push(c);
                }
            }
            i += 1;
        }
        p.scale += pending_commas;
        flush(&mut lit, &mut p.pieces);
        p
    }

    fn render(&self, value: f64) -> String {
        if self.fraction || !self.pieces.contains(&Piece::Number) {
            if self.pieces.contains(&Piece::Number) {
                return general(value);
            }
            // Only literals (e.g. `"-"` for zero in accounting formats).
            return self.literals_with(String::new());
        }
        let mut v = value;
        for _ in 0..self.percent {
            v *= 100.0;
        }
        for _ in 0..self.scale {
            v /= 1000.0;
        }
        let number = if let Some((exp_digits, plus)) = self.exponent {
            self.scientific(v, exp_digits, plus)
        } else {
            self.fixed(v)
        };
        self.literals_with(number)
    }

    fn literals_with(&self, number: String) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Literal(s) => out.push_str(s),
                Piece::Number => out.push_str(&number),
            }
        }
        out
    }

    fn fixed(&self, v: f64) -> String {
        let places = self.frac.len();
        let (int, frac) = if v == 0.0 {
            ("0".to_string(), "0".repeat(places))
        } else {
            Digits::of(v).rounded(places)
        };
        let min_int = self.int.iter().filter(|&&c| c == '0').count();
        let mut int = if int == "0" && min_int == 0 {
            String::new()
        } else {
            int
        };
        while int.len() < min_int {
            int.insert(0, '0');
        }
        if self.thousands && int.len() > 3 {
            let bytes = int.as_bytes();
            let mut grouped = String::with_capacity(int.len() + int.len() / 3);
            for (i, b) in bytes.iter().enumerate() {
                if i > 0 && (bytes.len() - i) % 3 == 0 {
                    grouped.push(',');
                }
                grouped.push(char::from(*b));
            }
            int = grouped;
        }
        // Fraction digits: those under `0` always, those under `#`/`?` only when not trailing zeros.
        let min_frac = self
            .frac
            .iter()
            .rposition(|&c| c == '0')
            .map_or(0, |p| p + 1);
        let mut frac = frac;
        while frac.len() > min_frac && frac.ends_with('0') {
            frac.pop();
        }
        let mut out = int;
        if self.point {
            out.push('.');
            out.push_str(&frac);
        }
        out
    }

    fn scientific(&self, v: f64, exp_digits: usize, plus: bool) -> String {
        let places = self.frac.len();
        let (mant, exp) = if v == 0.0 {
            (format!("{:.*}", places, 0.0), 0)
        } else {
            let d = Digits::of(v);
            let shifted = Digits {
                digits: d.digits.clone(),
                exp: 0,
            };
            let (i, f) = shifted.rounded(places);
            let mut exp = d.exp;
            let (i, f) = if i.len() > 1 {
                // 9.99 rounded up to 10.0: one more power of ten.
                exp += 1;
                let all = format!("{i}{f}");
                let (a, b) = all.split_at(1);
                (a.to_string(), b[..places.min(b.len())].to_string())
            } else {
                (i, f)
            };
            (if places > 0 { format!("{i}.{f}") } else { i }, exp)
        };
        let sign = if exp < 0 {
            "-"
        } else if plus {
            "+"
        } else {
            ""
        };
        format!(
            "{mant}E{sign}{:0width$}",
            exp.abs(),
            width = exp_digits.max(1)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displayed_rounding_not_the_binary_float() {
        assert_eq!(format(57.984999, "0.00"), "57.98");
        assert_eq!(format(57.985, "0.00"), "57.99");
        assert_eq!(format(1.005, "0.00"), "1.01"); // the double is 1.00499999999999989…
        assert_eq!(format(0.285, "0.00"), "0.29");
        assert_eq!(format(1234.5, "#,##0.00"), "1,234.50");
        assert_eq!(format(1234567.891, "#,##0.00"), "1,234,567.89");
        assert_eq!(format(999.995, "#,##0.00"), "1,000.00");
        assert_eq!(format(140.0, "0.00"), "140.00");
        assert_eq!(format(0.0, "0.00"), "0.00");
        assert_eq!(format(-2.5, "0.00"), "-2.50");
        assert_eq!(format(-0.001, "0.00"), "0.00");
        assert_eq!(format(5.0, "0"), "5");
        assert_eq!(format(2.5, "0"), "3");
        assert_eq!(format(0.5, "#.00"), ".50");
    }

    #[test]
    fn sections_literals_and_padding() {
        assert_eq!(format(57.98, "0.00_ "), "57.98");
        assert_eq!(format(-3.0, "#,##0.00_);[Red]\\(#,##0.00\\)"), "(3.00)");
        assert_eq!(format(3.0, "#,##0.00_);[Red]\\(#,##0.00\\)"), "3.00");
        let acct = "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)";
        assert_eq!(format(1234.5, acct), "1,234.50");
        assert_eq!(format(-1234.5, acct), "(1,234.50)");
        assert_eq!(format(0.0, acct), "-");
        assert_eq!(format(12.0, "0.00\"万元\""), "12.00万元");
        assert_eq!(format(12.0, "[$¥-804]#,##0.00"), "¥12.00");
        assert_eq!(format(12345678.0, "#,##0,"), "12,346");
        assert_eq!(format(0.6599, "0.00%"), "65.99%");
        assert_eq!(format(0.5, "0%"), "50%");
        assert_eq!(format(12345.0, "0.00E+00"), "1.23E+04");
        assert_eq!(format(99999.0, "0.0E+00"), "1.0E+05");
        assert_eq!(format(1.5, "# ?/?"), "1.5");
        assert_eq!(format(7.0, "General"), "7");
    }

    #[test]
    fn general_is_fifteen_significant_digits() {
        assert_eq!(general(57.984999), "57.984999");
        assert_eq!(general(0.1 + 0.2), "0.3");
        assert_eq!(general(140.0), "140");
        assert_eq!(general(-1388.82), "-1388.82");
        assert_eq!(general(0.000123), "0.000123");
        assert_eq!(general(1e20), "1E+20");
        assert_eq!(general(123456789012.0), "123456789012");
        assert_eq!(general(0.0), "0");
    }
}
