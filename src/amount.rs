//! Printed figures: exact decimals with the precision they were printed at.
//!
//! A printed `x` with `d` decimals stands for the interval `[x − ½·10⁻ᵈ, x + ½·10⁻ᵈ]`
//! (DOMAIN.md, "Rounding"). Amounts are never floating point (architecture invariant 3).

use rust_decimal::Decimal;
use serde::Serialize;
use std::str::FromStr;

/// A closed interval of exact decimals: the values a printed, rounded figure can stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Interval {
    pub lo: Decimal,
    pub hi: Decimal,
}

impl Interval {
    pub fn exact(v: Decimal) -> Self {
        Interval { lo: v, hi: v }
    }

    /// The interval a printed figure stands for: its value ± half a unit of its last printed digit.
    pub fn of_printed(v: Decimal) -> Self {
        let half = half_unit(v);
        Interval {
            lo: v - half,
            hi: v + half,
        }
    }

    pub fn plus(self, o: Interval) -> Interval {
        Interval {
            lo: self.lo.saturating_add(o.lo),
            hi: self.hi.saturating_add(o.hi),
        }
    }

    /// The values `a − b` can take for `a` in `self` and `b` in `o`.
    pub fn minus(self, o: Interval) -> Interval {
        Interval {
            lo: self.lo.saturating_sub(o.hi),
            hi: self.hi.saturating_sub(o.lo),
        }
    }

    /// Whether the two can hold the same true value. Printed figures round half away from zero, so
    /// `57.98` ([57.975, 57.985)) and `57.99` ([57.985, 57.995)) cannot: intervals that only touch do
    /// not intersect, unless one of them is an exact value.
    pub fn intersects(self, o: Interval) -> bool {
        meet((self.lo, self.hi), (o.lo, o.hi))
    }
}

/// Whether two rounding intervals `(lo, hi)` meet, in any exact number type: as
/// [`Interval::intersects`], intervals that only touch do not, unless one of them is an exact value.
pub fn meet<T: PartialOrd>(a: (T, T), b: (T, T)) -> bool {
    if a.0 == a.1 || b.0 == b.1 {
        a.0 <= b.1 && b.0 <= a.1
    } else {
        a.0 < b.1 && b.0 < a.1
    }
}

/// Adds printed values and the intervals they stand for: the exact sum of the printed values and the
/// interval of the true sum. Saturates instead of overflowing (a text can print figures whose sum no
/// exact decimal holds).
pub fn sum_printed(values: impl IntoIterator<Item = (Decimal, Interval)>) -> (Decimal, Interval) {
    values.into_iter().fold(
        (Decimal::ZERO, Interval::exact(Decimal::ZERO)),
        |(s, i), (v, iv)| (s.saturating_add(v), i.plus(iv)),
    )
}

/// How a printed figure agrees with what other printed figures imply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agreement {
    /// The printed values match exactly.
    Exact,
    /// They differ, but rounding explains it (尾差).
    Rounding,
    /// They cannot all be true.
    Mismatch,
}

/// Compares a printed figure with an implied one: `exact` computed from the printed values,
/// `interval` from their rounding intervals.
pub fn agree(printed: Decimal, exact: Decimal, interval: Interval) -> Agreement {
    if printed == exact {
        Agreement::Exact
    } else if Interval::of_printed(printed).intersects(interval) {
        Agreement::Rounding
    } else {
        Agreement::Mismatch
    }
}

/// Half a unit of the last printed digit: 0.005 for `9.00`, 0.5 for `1200`.
pub fn half_unit(v: Decimal) -> Decimal {
    Decimal::new(5, v.scale() + 1)
}

/// Parses a printed figure: optional sign, digits with optional thousands separators (`,` or `，`),
/// optional decimals. Full-width digits are accepted. An accounting negative, a figure with decimals
/// in brackets (`(1.20)`, `（1.20）`), is negative; brackets around a whole number (`(1)`) are a list
/// ordinal, not a figure. Returns `None` for anything else, including a figure cut after a separator
/// (`131.`, `1,`) and figures too large for an exact decimal.
pub fn parse_figure(s: &str) -> Option<Decimal> {
    let bracketed = s
        .strip_prefix(['(', '（'])
        .and_then(|r| r.strip_suffix([')', '）']));
    if let Some(inner) = bracketed {
        let signed = inner.starts_with(['-', '－', '—']);
        return if inner.contains(['.', '．']) && !signed {
            parse_plain(inner).map(|v| -v)
        } else {
            None
        };
    }
    parse_plain(s)
}

fn parse_plain(s: &str) -> Option<Decimal> {
    let mut clean = String::with_capacity(s.len());
    let mut digits = 0usize;
    let mut seen_dot = false;
    let mut last_separator = false;
    for (i, c) in s.chars().enumerate() {
        last_separator = matches!(c, ',' | '，');
        let c = match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32)?,
            '．' => '.',
            '－' | '—' if i == 0 => '-',
            other => other,
        };
        match c {
            '0'..='9' => {
                digits += 1;
                clean.push(c);
            }
            ',' | '，' if !seen_dot && digits > 0 => {}
            '.' if !seen_dot && digits > 0 => {
                seen_dot = true;
                clean.push('.');
            }
            '-' if i == 0 => clean.push('-'),
            _ => return None,
        }
    }
    if digits == 0 || clean.ends_with('.') || last_separator || digits > 26 {
        return None;
    }
    Decimal::from_str(&clean).ok()
}

/// True when the thousands separators of a printed figure sit every three digits.
pub fn separators_well_placed(s: &str) -> bool {
    let int_part = s.split(['.', '．']).next().unwrap_or("");
    let groups: Vec<&str> = int_part.split([',', '，']).collect();
    groups.len() == 1
        || ((1..=3).contains(&groups[0].chars().count())
            && groups.iter().skip(1).all(|g| g.chars().count() == 3))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn parses_printed_figures() {
        assert_eq!(parse_figure("1,388.82"), Some(d("1388.82")));
        assert_eq!(parse_figure("9.00").unwrap().scale(), 2);
        assert_eq!(parse_figure("76,306,134"), Some(d("76306134")));
        assert_eq!(parse_figure("-3.5"), Some(d("-3.5")));
        assert_eq!(parse_figure("１２．５"), Some(d("12.5")));
        assert_eq!(parse_figure("131."), None);
        assert_eq!(parse_figure(",5"), None);
        assert_eq!(parse_figure("1.2.3"), None);
        assert_eq!(parse_figure("12a"), None);
        assert_eq!(parse_figure(&"9".repeat(40)), None);
        assert_eq!(parse_figure("1,"), None);
    }

    #[test]
    fn accounting_negatives() {
        assert_eq!(parse_figure("(1.20)"), Some(d("-1.20")));
        assert_eq!(parse_figure("（1,388.82）"), Some(d("-1388.82")));
        // A list ordinal, not a figure; a doubled sign is not a figure either.
        assert_eq!(parse_figure("(1)"), None);
        assert_eq!(parse_figure("（一）"), None);
        assert_eq!(parse_figure("(-1.20)"), None);
        assert_eq!(parse_figure("(1.20"), None);
    }

    #[test]
    fn intervals_follow_printed_precision() {
        let sum = Interval::of_printed(d("15.11"))
            .plus(Interval::of_printed(d("13.89")))
            .plus(Interval::of_printed(d("1.81")))
            .plus(Interval::of_printed(d("0.23")));
        assert!(sum.intersects(Interval::of_printed(d("31.03"))));
        assert!(!sum.intersects(Interval::of_printed(d("31.10"))));
        // The same quantity printed twice at one precision: 57.98 and 57.99 cannot both be right.
        assert!(!Interval::of_printed(d("57.98")).intersects(Interval::of_printed(d("57.99"))));
        assert!(Interval::of_printed(d("4614")).intersects(Interval::of_printed(d("4614.00"))));
        assert!(Interval::exact(d("0")).intersects(Interval::exact(d("0"))));
        assert_eq!(half_unit(d("1200")), d("0.5"));
    }

    #[test]
    fn separator_placement() {
        assert!(separators_well_placed("1,388.82"));
        assert!(!separators_well_placed("13,88.82"));
        assert!(!separators_well_placed("1234,567.00"));
        assert!(separators_well_placed("1388.82"));
    }
}
