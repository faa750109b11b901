//! Classification names quoted in the narrative: "医疗卫生与计划生育支出（210类）行政事业单位医疗（11款）
//! 行政单位医疗（01项）", "“社会保障和就业支出(类）-行政事业单位养老支出（款）-…（项）”".

use crate::classification::{self, Level, Scheme};
use crate::rules::consistency::text::{Flow, BREAK};
use crate::source::Span;

/// One quoted name with its level marker and the code it resolves to.
pub(crate) struct Mention {
    pub level: Level,
    /// The code the name was resolved to (from the printed digits, or by name under its parent).
    pub code: Option<String>,
    pub name: String,
    pub name_span: Span,
    /// The code digits were printed ("（210类）").
    pub explicit: bool,
}

/// A level marker `（类）`, `(210类)`, `（05款）`, `（01项）` ending at byte `close` (the closing
/// parenthesis) of `s`: (level, digits, byte of the opening parenthesis).
fn marker_ending(s: &str, close: usize) -> Option<(Level, &str, usize)> {
    let head = &s[..close];
    let (level, rest) = if let Some(r) = head.strip_suffix('类') {
        (Level::Lei, r)
    } else if let Some(r) = head.strip_suffix('款') {
        (Level::Kuan, r)
    } else if let Some(r) = head.strip_suffix('项') {
        (Level::Xiang, r)
    } else {
        return None;
    };
    let digits = rest.bytes().rev().take_while(u8::is_ascii_digit).count();
    let before_digits = &rest[..rest.len() - digits];
    let open = before_digits
        .strip_suffix('（')
        .or_else(|| before_digits.strip_suffix('('))?;
    let want = match level {
        Level::Lei => [0, 3],
        Level::Kuan | Level::Xiang => [0, 2],
    };
    want.contains(&digits)
        .then(|| (level, &rest[rest.len() - digits..], open.len()))
}

/// Where the name before byte `end` of `s` starts: back to a delimiter, stepping over parentheses
/// that belong to the name ("政府办公厅（室）及相关机构事务") but not over another level marker.
fn name_start(s: &str, end: usize) -> usize {
    let mut i = end;
    let mut depth = 0usize;
    while let Some(c) = s[..i].chars().next_back() {
        let at = i - c.len_utf8();
        match c {
            '）' | ')' => {
                if marker_ending(s, at).is_some() {
                    break;
                }
                depth += 1;
            }
            '（' | '(' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            c if c == BREAK
                || c.is_ascii_digit()
                || "“”\"'‘’、，,。；;：:-—–－《》（(.．·*#".contains(c) =>
            {
                break
            }
            _ => {}
        }
        i = at;
        if end - i > 3 * 40 {
            break;
        }
    }
    i
}

/// Every classification name the narrative quotes with a level marker, resolved to a code when the
/// digits are printed or the name identifies it under its parent.
pub(crate) fn mentions(flow: &Flow, year: u16) -> Vec<Mention> {
    let s = &flow.s;
    let mut out: Vec<Mention> = Vec::new();
    // The previous mention and the byte where its marker ended, for chains 类 → 款 → 项.
    let mut last: Option<(usize, usize)> = None;
    for (close, c) in s.char_indices() {
        if c != '）' && c != ')' {
            continue;
        }
        let Some((level, digits, open)) = marker_ending(s, close) else {
            continue;
        };
        let start = name_start(s, open);
        let name = &s[start..open];
        if name.chars().count() < 2 {
            continue;
        }
        // The parent is the previous mention if nothing but a dash separates them.
        let parent = last.and_then(|(k, end)| {
            let gap = s.get(end..start).unwrap_or("?");
            (gap.chars().all(|c| "-—–－".contains(c)) && out[k].level < level)
                .then(|| out[k].code.clone())
                .flatten()
        });
        let code = resolve(level, digits, name, parent.as_deref(), year);
        out.push(Mention {
            level,
            code,
            name: name.to_string(),
            name_span: flow.span(start, open),
            explicit: !digits.is_empty(),
        });
        last = Some((out.len() - 1, close + c.len_utf8()));
    }
    out
}

fn resolve(
    level: Level,
    digits: &str,
    name: &str,
    parent: Option<&str>,
    year: u16,
) -> Option<String> {
    if !digits.is_empty() {
        return match level {
            Level::Lei => Some(digits.to_string()),
            _ => parent.map(|p| format!("{p}{digits}")),
        };
    }
    let want_len = match level {
        Level::Lei => 3,
        Level::Kuan => 5,
        Level::Xiang => 7,
    };
    if level != Level::Lei && parent.is_none() {
        return None;
    }
    // In force that year first, else any year (a former name).
    let fits = |e: &&classification::Entry| {
        e.code.len() == want_len
            && parent.is_none_or(|p| e.parent() == Some(p))
            && classification::names_equal(e.name, name)
    };
    let all = classification::entries(Scheme::Function);
    let mut found = all.iter().filter(fits).filter(|e| e.in_force(year));
    if let Some(e) = found.next() {
        return found.next().is_none().then(|| e.code.to_string());
    }
    let mut codes: Vec<&str> = all.iter().filter(fits).map(|e| e.code).collect();
    codes.dedup();
    (codes.len() == 1).then(|| codes[0].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(t: &str, year: u16) -> Vec<(Level, Option<String>, String)> {
        let f = Flow::of(t, 0, t.len());
        mentions(&f, year)
            .into_iter()
            .map(|m| (m.level, m.code, m.name))
            .collect()
    }

    #[test]
    fn chains_resolve_codes() {
        let m = found(
            "11、医疗卫生与计划生育支出（210类）行政事业单位医疗（11款）行政单位医疗（01项）114.97万元",
            2026,
        );
        assert_eq!(m.len(), 3);
        assert_eq!(m[0].1.as_deref(), Some("210"));
        assert_eq!(m[0].2, "医疗卫生与计划生育支出");
        assert_eq!(m[1].1.as_deref(), Some("21011"));
        assert_eq!(m[2].1.as_deref(), Some("2101101"));
    }

    #[test]
    fn names_without_digits_and_with_parentheses() {
        let m = found(
            "1.“一般公共服务支出(类）-政府办公厅（室）及相关机构事务（款）-行政运行（项）”",
            2025,
        );
        assert_eq!(m[0].1.as_deref(), Some("201"));
        assert_eq!(m[1].2, "政府办公厅（室）及相关机构事务");
        assert_eq!(m[1].1.as_deref(), Some("20103"));
        assert_eq!(m[2].1.as_deref(), Some("2010301"));
        // A former name resolves to its code.
        let m = found("“医疗卫生与计划生育支出(类）", 2024);
        assert_eq!(m[0].1.as_deref(), Some("210"));
    }
}
