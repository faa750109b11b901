//! The classification code → name dictionary of 《政府收支分类科目》 (the Ministry of Finance's annual
//! "Government Revenue and Expenditure Classification"), for checking that every code a disclosure prints
//! carries its official name for the document's fiscal year and sits under the right parent.
//!
//! # What it holds
//!
//! - [`Scheme::Function`] — 支出功能分类 (expenditure by function): 类 (3 digits, `201`
//!   一般公共服务支出), 款 (5 digits, `20103` 政府办公厅（室）及相关机构事务), 项 (7 digits, `2010301`
//!   行政运行). Every 类; the 款 in common use (most of 201, and the administrative, personnel and
//!   housing 款 of the other classes); every national 项 printed in the project's corpus; and the
//!   standard 项 (行政运行, 一般行政管理事务, 机关服务, 事业运行, 其他…支出) of the 201 款 and of other
//!   common 款. It is **not** the full catalogue: a code missing here may still be official (see
//!   [`NameCheck::UnknownCode`]).
//! - [`Scheme::Economic`] — 部门预算支出经济分类 (department-budget expenditure by economic nature,
//!   reformed in 2018): 类 (`301` 工资福利支出) and 款 (`30101` 基本工资) of 301, 302, 303, 307, 309,
//!   310, 311, 312, 313 and 399. Not the 政府预算支出经济分类 (501 …), and not the local codes some units
//!   print (the Shanghai welfare home in `corpus/real/32_…` prints `302 02 咨询费`, `303 离退休人员经费`:
//!   those are deliberately absent, so [`check_name`] reports them).
//!
//! # Years
//!
//! [`covered_years`] is 2019–2026: for those fiscal years the dictionary states which name each code it
//! holds carries. Every entry has a first fiscal year and, if it was replaced, a last one. A first year of
//! 2019 means "in force from 2019 or earlier". For 2018 (before coverage) the dictionary holds every 类 and
//! the 款/项 names that the 2019 edition replaced (210 医疗卫生与计划生育支出 → 卫生健康支出, 207
//! 文化体育与传媒支出 → 文化旅游体育与传媒支出, 215 资源勘探信息等支出 → 资源勘探工业信息等支出, 220
//! 国土海洋气象等支出 → 自然资源海洋气象等支出, 22001 国土资源事务 → 自然资源事务, …), so that a stale
//! name can be recognised ([`names_any_year`], [`check_name`]). Names that changed inside the covered span:
//! 20805 行政事业单位离退休 → 行政事业单位养老支出, 22402 消防事务 → 消防救援事务, 234
//! 抗疫特别国债安排的支出 (from 2020) → 抗疫特别国债还本支出; the exact years of these three are not
//! established (their entries carry `yr?`). The economic data hold the scheme of the 2018 reform
//! ([`ECONOMIC_REFORM_YEAR`]): their first year 2019 reaches back to 2018, and a budget before 2018
//! used another scheme the dictionary does not hold.
//!
//! # Sources
//!
//! The data are `data/function.tsv` and `data/economic.tsv` (tab-separated: code, name, first year, last
//! year, source note), read once with `include_str!` on first use. The source note of each entry says how
//! the name is known, so a rule can weigh it:
//!
//! - `obs:…` — printed with this code in real disclosures of the project corpus: `000`, `001`, `003` are
//!   the reference documents in `shared/corpus/`, `rNN` the documents `shared/corpus/real/NN_…`, `wNNN`
//!   the documents `shared/corpus/wide/NNN_…`, and `ref` the lists in `shared/reference/classification/`
//!   (real FY2023–2026 disclosures from Xinjiang and Shanghai). Observed names are the names real
//!   documents use; they are not thereby official.
//! - `n:…` — the name is printed in the standard layout of those documents (the 决算 basic-expenditure
//!   table of `r07`/`r08` lists the 款 of 301, 302, 303 and 310; the project table of
//!   `000`/`001`/`003` heads its columns with the economic 类), the code being implied by its position.
//! - `pub:…` — matches a published copy of an MOF catalogue edition: `mof2023` the 2023 edition
//!   (财预〔2022〕107号) as reproduced by a tax-law site (20809 退役安置 and its 项); `eco2020` a university
//!   finance office's copy of the 2020 部门预算支出经济分类科目 (`shared/reference/classification/partial_…`);
//!   `eco2018` the 两套支出经济分类科目对照表 of the 2018 economic-classification reform; `eco2018d` a 2018
//!   copy of the 302 款 with their descriptions; `news2018` a 2018 news report quoting 医疗卫生与计划生育支出.
//! - `rec` — recalled from the 《政府收支分类科目》 editions, not confirmed against a source available here.
//! - `yr?` — the first or last year is not established.
//! - `stale:…` — corpus documents that still print this former name after its last year.
//!
//! Everything here is plain `std` and panic-free on any input; it compiles for `wasm32-unknown-unknown`.

use std::sync::OnceLock;

#[cfg(test)]
mod compact;

// With the `docs` feature (the CLI, the tests) the dictionary as written, source notes in full;
// without it (the web module) the compact form build.rs writes: the same entries and flags.
#[cfg(feature = "docs")]
const FUNCTION_TSV: &str = include_str!("data/function.tsv");
#[cfg(feature = "docs")]
const ECONOMIC_TSV: &str = include_str!("data/economic.tsv");
#[cfg(not(feature = "docs"))]
const FUNCTION_TSV: &str = include_str!(concat!(env!("OUT_DIR"), "/function.tsv"));
#[cfg(not(feature = "docs"))]
const ECONOMIC_TSV: &str = include_str!(concat!(env!("OUT_DIR"), "/economic.tsv"));

/// The first fiscal year the dictionary covers.
pub const FIRST_YEAR: u16 = 2019;
/// The first fiscal year of the reformed 部门预算支出经济分类 (财预〔2017〕98号), whose 款 the
/// dictionary holds; earlier budgets used the 款 of the 2007 scheme (30312 提租补贴, …).
pub const ECONOMIC_REFORM_YEAR: u16 = 2018;
/// The last fiscal year the dictionary covers.
pub const LAST_YEAR: u16 = 2026;

/// Which of the two classifications a code belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// 支出功能分类 (2xx).
    Function,
    /// 部门预算支出经济分类 (3xx).
    Economic,
}

impl Scheme {
    /// The scheme a code's first digit implies: `2…` function, `3…` economic.
    pub fn of_code(code: &str) -> Option<Scheme> {
        match code.trim_start().as_bytes().first() {
            Some(b'2') => Some(Scheme::Function),
            Some(b'3') => Some(Scheme::Economic),
            _ => None,
        }
    }
}

/// The level of a code in its hierarchy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// 类: 3 digits.
    Lei,
    /// 款: 5 digits.
    Kuan,
    /// 项: 7 digits (function classification only).
    Xiang,
}

impl Level {
    /// The level a code's length implies (`None` unless 3, 5 or 7 ASCII digits).
    pub fn of_code(code: &str) -> Option<Level> {
        if !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        match code.len() {
            3 => Some(Level::Lei),
            5 => Some(Level::Kuan),
            7 => Some(Level::Xiang),
            _ => None,
        }
    }

    /// 类, 款 or 项.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Lei => "类",
            Level::Kuan => "款",
            Level::Xiang => "项",
        }
    }
}

/// One name of one code, with the fiscal years it was in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Entry {
    /// The code, digits only (`2010301`).
    pub code: &'static str,
    /// The name as the catalogue prints it (full-width parentheses).
    pub name: &'static str,
    /// The first fiscal year of this name (2019 = "2019 or earlier"; 2018 entries are former names).
    pub from_year: u16,
    /// The last fiscal year of this name; `None` while it is current.
    pub to_year: Option<u16>,
    /// The source note (see the module documentation).
    pub source: &'static str,
}

impl Entry {
    /// Whether this name was in force in the fiscal year.
    pub fn in_force(&self, year: u16) -> bool {
        self.from_year <= year && self.to_year.is_none_or(|t| year <= t)
    }

    /// The level (类/款/项) of the code.
    pub fn level(&self) -> Level {
        Level::of_code(self.code).unwrap_or(Level::Lei)
    }

    /// The parent code (`2010301` → `20103`), `None` for a 类.
    pub fn parent(&self) -> Option<&'static str> {
        parent(self.code)
    }

    /// Printed with this code in a real disclosure of the corpus (`obs:`/`n:`).
    pub fn is_observed(&self) -> bool {
        self.note_tokens()
            .any(|t| t.starts_with("obs:") || t.starts_with("n:"))
    }

    /// Matches a published copy of an official catalogue edition (`pub:`).
    pub fn is_published(&self) -> bool {
        self.note_tokens().any(|t| t.starts_with("pub:"))
    }

    /// Known only from recollection of the catalogue: neither observed nor matched to a published copy.
    pub fn is_unconfirmed(&self) -> bool {
        !self.is_observed() && !self.is_published()
    }

    /// The first or last year is not established (`yr?`): a rule should soften a finding that rests on
    /// the exact year of a change.
    pub fn year_uncertain(&self) -> bool {
        self.note_tokens().any(|t| t == "yr?")
    }

    fn note_tokens(&self) -> impl Iterator<Item = &'static str> {
        self.source.split(';').map(str::trim)
    }
}

struct Table {
    entries: Vec<Entry>,
}

/// The entries of one scheme's data. `earliest`: the year a first year of [`FIRST_YEAR`] ("2019
/// or earlier") stands for.
fn parse(data: &'static str, earliest: u16) -> Table {
    let mut entries = Vec::new();
    for line in data.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(code), Some(name), Some(from), to, source) =
            (f.next(), f.next(), f.next(), f.next(), f.next())
        else {
            continue;
        };
        if Level::of_code(code).is_none() || name.is_empty() {
            continue;
        }
        let Ok(from_year) = from.parse::<u16>() else {
            continue;
        };
        let from_year = if from_year == FIRST_YEAR {
            earliest
        } else {
            from_year
        };
        let to_year = match to.unwrap_or("") {
            "" => None,
            t => match t.parse::<u16>() {
                Ok(y) => Some(y),
                Err(_) => continue,
            },
        };
        entries.push(Entry {
            code,
            name,
            from_year,
            to_year,
            source: source.unwrap_or(""),
        });
    }
    crate::order::sort_by(&mut entries, |a, b| {
        a.code.cmp(b.code).then(a.from_year.cmp(&b.from_year))
    });
    Table { entries }
}

fn table(scheme: Scheme) -> &'static Table {
    static FUNCTION: OnceLock<Table> = OnceLock::new();
    static ECONOMIC: OnceLock<Table> = OnceLock::new();
    match scheme {
        // The function data list 2018's names apart (former names end in 2018).
        Scheme::Function => FUNCTION.get_or_init(|| parse(FUNCTION_TSV, FIRST_YEAR)),
        // The economic data begin every entry in 2019, meaning "2019 or earlier": back to the
        // 2018 reform, whose scheme they are (`pub:eco2018`, the reform's 对照表).
        Scheme::Economic => ECONOMIC.get_or_init(|| parse(ECONOMIC_TSV, ECONOMIC_REFORM_YEAR)),
    }
}

/// Every entry of a scheme, sorted by code, then by first year.
pub fn entries(scheme: Scheme) -> &'static [Entry] {
    &table(scheme).entries
}

/// The fiscal years the dictionary covers: `(2019, 2026)`.
pub fn covered_years() -> (u16, u16) {
    (FIRST_YEAR, LAST_YEAR)
}

/// A code as digits, accepting the printed forms `2010301`, `201 03 01` and `201⇥03⇥01` (ASCII or
/// ideographic whitespace between the parts). `None` unless it comes to 3, 5 or 7 digits.
pub fn normalize_code(code: &str) -> Option<String> {
    let mut out = String::with_capacity(7);
    for c in code.chars() {
        if c.is_ascii_digit() {
            if out.len() == 7 {
                return None;
            }
            out.push(c);
        } else if !c.is_whitespace() {
            return None;
        }
    }
    Level::of_code(&out).map(|_| out)
}

/// All names a code has had, oldest first (empty for an unknown code). A rule can say "this was the
/// name until 2018" from the entry whose name matches the printed one.
pub fn names_any_year(scheme: Scheme, code: &str) -> std::slice::Iter<'static, Entry> {
    let all = entries(scheme);
    let Some(code) = normalize_code(code) else {
        return all[..0].iter();
    };
    let start = all.partition_point(|e| e.code < code.as_str());
    let len = all[start..]
        .iter()
        .take_while(|e| e.code == code.as_str())
        .count();
    all[start..start + len].iter()
}

/// Every name the catalogue gives `code` in any year, in either scheme.
pub fn names_of_code(code: &str) -> impl Iterator<Item = &'static str> + '_ {
    [Scheme::Function, Scheme::Economic]
        .into_iter()
        .flat_map(move |scheme| names_any_year(scheme, code).map(|e| e.name))
}

/// Whether the catalogue gives `code` this name (by [`names_equal`]) in some year, in either scheme.
pub fn is_name_of(code: &str, name: &str) -> bool {
    names_of_code(code).any(|n| names_equal(n, name))
}

/// The entry in force for a code in a fiscal year. The code may be printed with spaces (`201 03 01`).
pub fn lookup(scheme: Scheme, code: &str, year: u16) -> Option<&'static Entry> {
    names_any_year(scheme, code)
        .rev()
        .find(|e| e.in_force(year))
}

/// Whether the dictionary knows the code in any year.
pub fn is_known(scheme: Scheme, code: &str) -> bool {
    names_any_year(scheme, code).next().is_some()
}

/// The parent code: `2010301` → `20103` → `201` → `None`. `None` for anything but 5 or 7 ASCII digits.
pub fn parent(code: &str) -> Option<&str> {
    match Level::of_code(code)? {
        Level::Lei => None,
        Level::Kuan => code.get(..3),
        Level::Xiang => code.get(..5),
    }
}

fn fold_width(c: char) -> char {
    match c {
        // Full-width ASCII forms (！ … ～, including （ ） ０-９ Ａ-Ｚ) to their ASCII counterparts.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        // Half-width CJK punctuation to the full-width forms.
        '\u{FF61}' => '。',
        '\u{FF62}' => '「',
        '\u{FF63}' => '」',
        '\u{FF64}' => '、',
        _ => c,
    }
}

fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| !c.is_whitespace()).map(fold_width)
}

/// A name with whitespace removed and full-/half-width variants folded (`维修（护）费` → `维修(护)费`):
/// the key [`names_equal`] compares.
pub fn normalize_name(name: &str) -> String {
    folded(name).collect()
}

/// Whether two names are the same after removing whitespace and folding full-/half-width punctuation
/// and parentheses (`维修(护)费` == `维修（护）费`, `政府办公厅（室）及相关机构 事务` ==
/// `政府办公厅（室）及相关机构事务`). Nothing else is forgiven: `其它` ≠ `其他`.
pub fn names_equal(a: &str, b: &str) -> bool {
    folded(a).eq(folded(b))
}

/// Every entry in force in the year with this name (by [`names_equal`]), under `parent_code` if given
/// (its direct children only; the parent may be printed with spaces).
pub fn find_all_by_name<'a>(
    scheme: Scheme,
    parent_code: Option<&str>,
    name: &'a str,
    year: u16,
) -> impl Iterator<Item = &'static Entry> + 'a {
    // `Some(None)`: a parent was given but is not a code, so nothing can match.
    let parent_code: Option<Option<String>> = parent_code.map(normalize_code);
    entries(scheme).iter().filter(move |e| {
        e.in_force(year)
            && match &parent_code {
                None => true,
                Some(None) => false,
                Some(Some(p)) => e.parent() == Some(p.as_str()),
            }
            && names_equal(e.name, name)
    })
}

/// The one entry in force in the year with this name (by [`names_equal`]) under `parent_code` (e.g.
/// 行政运行 under `20103` → `2010301`): for inferring the code of a row whose code was lost. `None` if
/// there is no such entry or more than one (行政运行 without a parent).
pub fn find_by_name(
    scheme: Scheme,
    parent_code: Option<&str>,
    name: &str,
    year: u16,
) -> Option<&'static Entry> {
    let mut found = find_all_by_name(scheme, parent_code, name, year);
    let first = found.next()?;
    match found.next() {
        None => Some(first),
        Some(_) => None,
    }
}

/// Whether a name is the name of a function class (类, a 3-digit code) in any year of the catalogue
/// (by [`names_equal`]). The classes' names are gathered once: summary tables ask for every
/// uncoded expenditure item, in the reader and in the rules.
pub fn is_class_name(name: &str) -> bool {
    static CLASSES: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    CLASSES
        .get_or_init(|| {
            entries(Scheme::Function)
                .iter()
                .filter(|e| e.code.len() == 3)
                .map(|e| normalize_name(e.name))
                .collect()
        })
        .contains(&normalize_name(name))
}

/// What [`check_name`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameCheck {
    /// The printed name is the name in force that year.
    Matches(&'static Entry),
    /// The printed name is the code's name in other years (a stale or premature name).
    OtherYear {
        printed: &'static Entry,
        current: &'static Entry,
    },
    /// The code is in force that year under another name, and the printed name was never its name.
    Differs { current: &'static Entry },
    /// The dictionary knows the code, but not in that year (not yet created, or abolished).
    NotInForce {
        /// The printed name as a name of the code in another year, if it is one.
        printed: Option<&'static Entry>,
    },
    /// The dictionary does not hold the code (not in the catalogue, or one of the catalogue codes it
    /// does not carry: see the module documentation).
    UnknownCode,
}

/// Checks a printed code and name against the catalogue of a fiscal year.
pub fn check_name(scheme: Scheme, code: &str, name: &str, year: u16) -> NameCheck {
    let mut all = names_any_year(scheme, code).peekable();
    if all.peek().is_none() {
        return NameCheck::UnknownCode;
    }
    let mut current = None;
    let mut printed = None;
    for e in all {
        if e.in_force(year) {
            current = Some(e);
        }
        if names_equal(e.name, name) {
            // Prefer the entry in force; else the latest that matches.
            if printed.is_none_or(|p: &Entry| !p.in_force(year)) {
                printed = Some(e);
            }
        }
    }
    match (current, printed) {
        (Some(c), Some(p)) if p.in_force(year) => NameCheck::Matches(c),
        (Some(c), Some(p)) => NameCheck::OtherYear {
            printed: p,
            current: c,
        },
        (Some(c), None) => NameCheck::Differs { current: c },
        (None, p) => NameCheck::NotInForce { printed: p },
    }
}

#[cfg(test)]
mod tests;
