//! Word's automatic numbering: the numbers Word draws before numbered paragraphs (`一、`, `（二）`,
//! `3.`) are not in the text but in `word/numbering.xml` (the lists' levels: start, number format,
//! level text such as `%1、`) and are counted as the paragraphs come. A narrative whose headings are
//! numbered this way would lose `一、关于…` without them.
//!
//! Supported: numbering set on the paragraph (`w:numPr`) or by its style (`word/styles.xml`, following
//! `w:basedOn`), levels 0–8 with `%1`…`%9` in the level text, start values and start overrides,
//! lower levels restarting when a higher one counts; number formats decimal, decimalZero,
//! Chinese counting (一 … 九十九), ideographTraditional (甲乙丙丁…), upper/lower letter and roman,
//! decimalEnclosedCircle (①…), none; bullets are left out. Counters are kept per list (`w:num`),
//! as LibreOffice does; a start override restarts its list.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

/// A list and level a paragraph or style names: numId (`u32::MAX` when only the level is given
/// yet) and level (`None`: not given).
type NumRef = (u32, Option<u32>);

#[derive(Clone, Default)]
struct Level {
    start: i64,
    format: String,
    text: String,
}

/// The lists of a document and their counters.
#[derive(Default)]
pub struct Numbering {
    /// abstractNumId → its levels.
    abstracts: HashMap<u32, Vec<Level>>,
    /// numId → (abstractNumId, start overrides per level).
    nums: HashMap<u32, (u32, HashMap<u32, i64>)>,
    /// styleId → the numbering the style sets and the style it is based on.
    styles: HashMap<String, (Option<NumRef>, Option<String>)>,
    /// numId → the current count of each level (0: not used yet).
    counters: HashMap<u32, [i64; 9]>,
}

fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    Some(e.try_get_attribute(key).ok()??.value.to_string())
}

fn num(e: &BytesStart<'_>) -> Option<u32> {
    attr(e, "w:val")?.trim().parse().ok()
}

impl Numbering {
    /// Reads `numbering.xml` and `styles.xml` (either may be absent). Malformed XML ends the part
    /// read so far: numbering is a help, never a reason to refuse the file.
    pub fn parse(numbering: Option<&str>, styles: Option<&str>) -> Numbering {
        let mut n = Numbering::default();
        if let Some(xml) = numbering {
            n.read_numbering(xml);
        }
        if let Some(xml) = styles {
            n.read_styles(xml);
        }
        n
    }

    fn read_numbering(&mut self, xml: &str) {
        let mut r = Reader::from_str(xml);
        let mut abstract_id: Option<u32> = None;
        let mut level: Option<(u32, Level)> = None;
        let mut num_id: Option<u32> = None;
        let mut override_level: Option<u32> = None;
        while let Ok(ev) = r.read_event() {
            let (e, is_end) = match &ev {
                Event::Start(e) | Event::Empty(e) => (e.clone(), false),
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        "abstractNum" => abstract_id = None,
                        "lvl" => {
                            if let (Some(a), Some((i, l))) = (abstract_id, level.take()) {
                                let levels = self.abstracts.entry(a).or_default();
                                if (i as usize) < 9 {
                                    if levels.len() <= i as usize {
                                        levels.resize(i as usize + 1, Level::default());
                                    }
                                    levels[i as usize] = l;
                                }
                            }
                        }
                        "num" => num_id = None,
                        "lvlOverride" => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            if is_end {
                continue;
            }
            match e.local_name().as_ref() {
                "abstractNum" => {
                    abstract_id = attr(&e, "w:abstractNumId").and_then(|v| v.parse().ok())
                }
                "lvl" if num_id.is_none() => {
                    let i = attr(&e, "w:ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    level = Some((
                        i,
                        Level {
                            start: 1,
                            format: "decimal".into(),
                            text: String::new(),
                        },
                    ));
                }
                "start" => {
                    if let (Some((_, l)), Some(v)) = (level.as_mut(), num(&e)) {
                        l.start = i64::from(v);
                    }
                }
                "numFmt" => {
                    if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, "w:val")) {
                        l.format = v;
                    }
                }
                "lvlText" => {
                    if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, "w:val")) {
                        l.text = v;
                    }
                }
                "num" => num_id = attr(&e, "w:numId").and_then(|v| v.parse().ok()),
                "abstractNumId" => {
                    if let (Some(id), Some(a)) = (num_id, num(&e)) {
                        self.nums.entry(id).or_default().0 = a;
                    }
                }
                "lvlOverride" => override_level = attr(&e, "w:ilvl").and_then(|v| v.parse().ok()),
                "startOverride" => {
                    if let (Some(id), Some(i), Some(v)) = (num_id, override_level, num(&e)) {
                        self.nums.entry(id).or_default().1.insert(i, i64::from(v));
                    }
                }
                _ => {}
            }
        }
    }

    fn read_styles(&mut self, xml: &str) {
        let mut r = Reader::from_str(xml);
        let mut style: Option<String> = None;
        let mut in_ppr = false;
        while let Ok(ev) = r.read_event() {
            match &ev {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "style" => {
                        style = attr(e, "w:styleId");
                        if let Some(s) = &style {
                            self.styles.entry(s.clone()).or_default();
                        }
                    }
                    "pPr" if matches!(ev, Event::Start(_)) => in_ppr = true,
                    "basedOn" => {
                        if let (Some(s), Some(v)) = (&style, attr(e, "w:val")) {
                            self.styles.entry(s.clone()).or_default().1 = Some(v);
                        }
                    }
                    "numId" if in_ppr => {
                        if let (Some(s), Some(v)) = (&style, num(e)) {
                            let entry = self.styles.entry(s.clone()).or_default();
                            let level = entry.0.and_then(|(_, l)| l);
                            entry.0 = Some((v, level));
                        }
                    }
                    "ilvl" if in_ppr => {
                        if let (Some(s), Some(v)) = (&style, num(e)) {
                            let entry = self.styles.entry(s.clone()).or_default();
                            let id = entry.0.map_or(u32::MAX, |(n, _)| n);
                            entry.0 = Some((id, Some(v)));
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "style" => style = None,
                    "pPr" => in_ppr = false,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
    }

    /// The numbering a style gives (following `basedOn`), as (numId, level).
    fn of_style(&self, style: &str) -> Option<(u32, u32)> {
        let mut s = style;
        for _ in 0..16 {
            let (num, based) = self.styles.get(s)?;
            if let Some((id, level)) = num {
                if *id != u32::MAX {
                    return Some((*id, level.unwrap_or(0)));
                }
            }
            s = based.as_deref()?;
        }
        None
    }

    /// The label of the next paragraph numbered by `num` (numId, level: `None` from its style) or by
    /// its style, counting it; empty when it is not numbered or is a bullet.
    pub fn label(&mut self, num: Option<(u32, Option<u32>)>, style: Option<&str>) -> String {
        let from_style = style.and_then(|s| self.of_style(s));
        let (id, level) = match (num, from_style) {
            (Some((id, Some(l))), _) => (id, l),
            (Some((id, None)), s) => (id, s.map_or(0, |(_, l)| l)),
            (None, Some(s)) => s,
            (None, None) => return String::new(),
        };
        if id == 0 || level > 8 {
            return String::new(); // numId 0: numbering switched off
        }
        let Some((abstract_id, overrides)) = self.nums.get(&id).cloned() else {
            return String::new();
        };
        let Some(levels) = self.abstracts.get(&abstract_id).cloned() else {
            return String::new();
        };
        let Some(this) = levels.get(level as usize) else {
            return String::new();
        };
        if this.format == "bullet" || this.format == "none" {
            return String::new();
        }
        let counters = self.counters.entry(id).or_insert([0; 9]);
        let l = level as usize;
        let start = |i: usize| {
            overrides
                .get(&(i as u32))
                .copied()
                .or_else(|| levels.get(i).map(|x| x.start))
                .unwrap_or(1)
        };
        counters[l] = if counters[l] == 0 {
            start(l)
        } else {
            counters[l] + 1
        };
        for c in counters.iter_mut().skip(l + 1) {
            *c = 0;
        }
        let mut out = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let i = (d as usize).saturating_sub(1).min(8);
                    let value = if counters[i] == 0 {
                        start(i)
                    } else {
                        counters[i]
                    };
                    let format = levels.get(i).map_or("decimal", |x| x.format.as_str());
                    out.push_str(&number(value, format));
                    continue;
                }
            }
            out.push(c);
        }
        out
    }
}

const CN_DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// A count in a Word number format.
fn number(n: i64, format: &str) -> String {
    match format {
        "chineseCounting" | "chineseCountingThousand" | "chineseLegalSimplified"
            if (1..100).contains(&n) =>
        {
            let (tens, ones) = ((n / 10) as usize, (n % 10) as usize);
            let mut s = String::new();
            if tens > 1 {
                s.push_str(CN_DIGITS[tens]);
            }
            if tens > 0 {
                s.push('十');
            }
            if ones > 0 || tens == 0 {
                s.push_str(CN_DIGITS[ones]);
            }
            s
        }
        "ideographTraditional" if (1..=10).contains(&n) => {
            ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"][n as usize - 1].to_string()
        }
        "upperLetter" | "lowerLetter" if n >= 1 => {
            let c = char::from(b'A' + ((n - 1) % 26) as u8);
            let s: String = std::iter::repeat_n(c, ((n - 1) / 26 + 1) as usize).collect();
            if format == "lowerLetter" {
                s.to_lowercase()
            } else {
                s
            }
        }
        "upperRoman" | "lowerRoman" if (1..4000).contains(&n) => {
            let mut v = n;
            let mut s = String::new();
            for (value, sym) in [
                (1000, "M"),
                (900, "CM"),
                (500, "D"),
                (400, "CD"),
                (100, "C"),
                (90, "XC"),
                (50, "L"),
                (40, "XL"),
                (10, "X"),
                (9, "IX"),
                (5, "V"),
                (4, "IV"),
                (1, "I"),
            ] {
                while v >= value {
                    s.push_str(sym);
                    v -= value;
                }
            }
            if format == "lowerRoman" {
                s.to_lowercase()
            } else {
                s
            }
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n as u32 - 1).map_or(n.to_string(), String::from)
        }
        "decimalZero" if (0..10).contains(&n) => format!("0{n}"),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3."/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="3"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="4"/></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="11"/></w:lvlOverride></w:num>
</w:numbering>"#;

    const STYLES: &str = r#"<w:styles xmlns:w="w"><w:style w:styleId="1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:styleId="My"><w:basedOn w:val="1"/></w:style></w:styles>"#;

    #[test]
    fn levels_count_restart_and_format() {
        let mut n = Numbering::parse(Some(NUMBERING), Some(STYLES));
        let labels: Vec<String> = [
            (Some((1, Some(0))), None),
            (Some((1, Some(1))), None),
            (Some((1, Some(1))), None),
            (None, Some("My")),
            (Some((1, Some(1))), None),
            (Some((1, Some(2))), None),
            (Some((2, Some(0))), None),
            (None, Some("Normal")),
            (Some((0, Some(0))), None),
        ]
        .into_iter()
        .map(|(num, style)| n.label(num, style))
        .collect();
        assert_eq!(
            labels,
            [
                "一、",
                "（一）",
                "（二）",
                "二、",
                "（一）",
                "二.1.",
                "",
                "",
                ""
            ]
        );
        assert_eq!(number(11, "chineseCounting"), "十一");
        assert_eq!(number(20, "chineseCounting"), "二十");
        assert_eq!(number(3, "ideographTraditional"), "丙");
        assert_eq!(number(4, "lowerRoman"), "iv");
        assert_eq!(number(2, "decimalEnclosedCircle"), "②");
        let mut n = Numbering::parse(Some(NUMBERING), None);
        assert_eq!(n.label(Some((5, Some(0))), None), "十一、");
    }
}
