use super::*;
use std::path::PathBuf;

fn shared(rel: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "shared", rel]
        .iter()
        .collect();
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

fn data_lines(data: &str) -> usize {
    data.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .count()
}

// ---------------------------------------------------------------------------------------------
// The data itself

#[test]
fn every_data_line_parses() {
    assert_eq!(entries(Scheme::Function).len(), data_lines(FUNCTION_TSV));
    assert_eq!(entries(Scheme::Economic).len(), data_lines(ECONOMIC_TSV));
    assert!(entries(Scheme::Function).len() > 400);
    assert!(entries(Scheme::Economic).len() > 100);
    for e in entries(Scheme::Economic) {
        assert!(e.code.starts_with('3'), "{e:?}");
        assert_ne!(e.level(), Level::Xiang, "{e:?}");
    }
    for e in entries(Scheme::Function) {
        assert!(e.code.starts_with('2'), "{e:?}");
    }
}

#[test]
fn data_stays_small() {
    // The wasm bundle carries it (in its compact form, `compact.rs`): keep it under 40 KB. It grew
    // from 30.5 to 38.5 KB with the codes the wide corpus prints (2026-12-07), which tables printed
    // without codes need to name their rows.
    assert!(FUNCTION_TSV.len() + ECONOMIC_TSV.len() < 40 * 1024);
}

#[test]
fn every_entry_has_a_source_note_and_sane_years() {
    for scheme in [Scheme::Function, Scheme::Economic] {
        for e in entries(scheme) {
            assert!(!e.source.is_empty(), "{e:?}");
            assert!(
                e.source.split(';').all(|t| t == "rec"
                    || t == "yr?"
                    || t.starts_with("obs:")
                    || t.starts_with("n:")
                    || t.starts_with("pub:")
                    || t.starts_with("stale:")),
                "{e:?}"
            );
            assert!((2018..=LAST_YEAR).contains(&e.from_year), "{e:?}");
            if let Some(t) = e.to_year {
                assert!(e.from_year <= t && t < LAST_YEAR, "{e:?}");
            }
            // A name known only from a former year's documents is not "observed" as current.
            if e.to_year.is_some() {
                assert!(!e.source.contains("obs:"), "{e:?}");
            }
        }
    }
}

#[test]
fn names_of_one_code_do_not_overlap() {
    for scheme in [Scheme::Function, Scheme::Economic] {
        for w in entries(scheme).windows(2) {
            if w[0].code == w[1].code {
                let end = w[0].to_year.unwrap_or(u16::MAX);
                assert!(end < w[1].from_year, "{:?} overlaps {:?}", w[0], w[1]);
                assert!(!names_equal(w[0].name, w[1].name), "{:?}", w[1]);
            }
        }
    }
}

#[test]
fn every_code_sits_under_a_parent_in_force() {
    for scheme in [Scheme::Function, Scheme::Economic] {
        for e in entries(scheme) {
            let Some(p) = e.parent() else { continue };
            let last = e.to_year.unwrap_or(LAST_YEAR);
            for y in e.from_year..=last {
                assert!(
                    lookup(scheme, p, y).is_some(),
                    "{e:?}: no parent {p} in {y}"
                );
            }
        }
    }
}

#[test]
fn every_class_is_there_for_every_covered_year() {
    let classes = [
        "201", "202", "203", "204", "205", "206", "207", "208", "209", "210", "211", "212", "213",
        "214", "215", "216", "217", "219", "220", "221", "222", "223", "224", "227", "229", "230",
        "231", "232", "233",
    ];
    let (first, last) = covered_years();
    for y in first..=last {
        for c in classes {
            assert!(lookup(Scheme::Function, c, y).is_some(), "{c} in {y}");
        }
    }
    for c in [
        "301", "302", "303", "307", "309", "310", "311", "312", "313", "399",
    ] {
        assert!(lookup(Scheme::Economic, c, 2025).is_some(), "{c}");
    }
}

// ---------------------------------------------------------------------------------------------
// The API

#[test]
fn lookup_across_a_naming_change() {
    let f = Scheme::Function;
    assert_eq!(
        lookup(f, "210", 2018).unwrap().name,
        "医疗卫生与计划生育支出"
    );
    assert_eq!(lookup(f, "210", 2019).unwrap().name, "卫生健康支出");
    assert_eq!(lookup(f, "210", 2025).unwrap().name, "卫生健康支出");
    assert_eq!(lookup(f, "207", 2018).unwrap().name, "文化体育与传媒支出");
    assert_eq!(
        lookup(f, "207", 2024).unwrap().name,
        "文化旅游体育与传媒支出"
    );
    assert_eq!(
        lookup(f, "220", 2026).unwrap().name,
        "自然资源海洋气象等支出"
    );
    assert_eq!(
        lookup(f, "2200199", 2018).unwrap().name,
        "其他国土资源事务支出"
    );
    assert_eq!(
        lookup(f, "2200199", 2024).unwrap().name,
        "其他自然资源事务支出"
    );
    assert_eq!(lookup(f, "20805", 2020).unwrap().name, "行政事业单位离退休");
    assert_eq!(
        lookup(f, "20805", 2025).unwrap().name,
        "行政事业单位养老支出"
    );
    assert!(lookup(f, "20805", 2025).unwrap().year_uncertain());
    // 224 is new in 2019; 234 existed only from 2020.
    assert!(lookup(f, "224", 2018).is_none());
    assert_eq!(
        lookup(f, "224", 2019).unwrap().name,
        "灾害防治及应急管理支出"
    );
    assert!(lookup(f, "234", 2019).is_none());
    assert_eq!(
        lookup(f, "234", 2021).unwrap().name,
        "抗疫特别国债安排的支出"
    );
    assert_eq!(lookup(f, "234", 2024).unwrap().name, "抗疫特别国债还本支出");
    // Printed forms of the code.
    assert_eq!(lookup(f, "201 03 01", 2025).unwrap().code, "2010301");
    assert_eq!(lookup(f, "210\t11\t01", 2025).unwrap().name, "行政单位医疗");
    assert_eq!(
        lookup(Scheme::Economic, "302 13", 2025).unwrap().name,
        "维修（护）费"
    );
    // Not codes, or codes of the other scheme.
    for bad in [
        "",
        "2",
        "2010",
        "20103011",
        "abc",
        "２０１",
        "201-03",
        "201 03 01 01",
    ] {
        assert!(lookup(f, bad, 2025).is_none(), "{bad:?}");
    }
    assert!(lookup(f, "30101", 2025).is_none());
    assert!(lookup(Scheme::Economic, "201", 2025).is_none());
}

#[test]
fn names_any_year_lists_former_names_in_order() {
    let names: Vec<_> = names_any_year(Scheme::Function, "210")
        .map(|e| (e.name, e.from_year, e.to_year))
        .collect();
    assert_eq!(
        names,
        [
            ("医疗卫生与计划生育支出", 2018, Some(2018)),
            ("卫生健康支出", 2019, None)
        ]
    );
    let stale = names_any_year(Scheme::Function, "207")
        .find(|e| names_equal(e.name, "文化体育与传媒支出"))
        .unwrap();
    assert_eq!(stale.to_year, Some(2018));
    assert_eq!(names_any_year(Scheme::Function, "999").count(), 0);
    assert_eq!(names_any_year(Scheme::Function, "not a code").count(), 0);
}

#[test]
fn names_equal_folds_width_and_whitespace_only() {
    assert!(names_equal("维修(护)费", "维修（护）费"));
    assert!(names_equal("因公出国(境)费用", "因公出国（境）费用"));
    assert!(names_equal(
        "政府办公厅（室）及相关机构 事务",
        "政府办公厅（室）及相关机构事务"
    ));
    assert!(names_equal(" 行政运行\t", "行政\u{3000}运行"));
    assert!(names_equal("退职(役)费", "退职（役）费"));
    assert!(names_equal("Ａ１", "A1"));
    assert!(names_equal("", " "));
    assert!(!names_equal(
        "其它行政事业单位养老支出",
        "其他行政事业单位养老支出"
    ));
    assert!(!names_equal("行政运行", "行政运行支出"));
    assert!(!names_equal("维修护费", "维修（护）费"));
    assert!(!names_equal("维修〔护〕费", "维修（护）费"));
    assert!(!names_equal("卫生健康", "卫生健康支出"));
    assert_eq!(normalize_name("维修（护） 费"), "维修(护)费");
}

#[test]
fn find_by_name_infers_lost_codes() {
    let f = Scheme::Function;
    let code = |p: Option<&str>, n: &str, y: u16| find_by_name(f, p, n, y).map(|e| e.code);
    assert_eq!(code(Some("20103"), "行政运行", 2025), Some("2010301"));
    assert_eq!(code(Some("201 03"), "事业运行", 2025), Some("2010350"));
    assert_eq!(
        code(Some("201"), "政府办公厅(室)及相关机构事务", 2025),
        Some("20103")
    );
    assert_eq!(code(Some("21011"), "公务员医疗补助", 2025), Some("2101103"));
    assert_eq!(code(None, "一般公共服务支出", 2025), Some("201"));
    assert_eq!(
        code(None, "机关事业单位基本养老保险缴费支出", 2024),
        Some("2080505")
    );
    // Ambiguous without a parent; not a child of that parent; wrong name; wrong year.
    assert_eq!(code(None, "行政运行", 2025), None);
    assert_eq!(code(None, "其他支出", 2025), None);
    assert_eq!(code(Some("20106"), "事业运行", 2025), Some("2010650"));
    assert_eq!(code(Some("2010"), "行政运行", 2025), None);
    assert_eq!(code(Some("201"), "行政运行", 2025), None);
    assert_eq!(code(Some("20103"), "行政运行费", 2025), None);
    assert_eq!(code(None, "医疗卫生与计划生育支出", 2025), None);
    assert_eq!(code(None, "医疗卫生与计划生育支出", 2018), Some("210"));
    assert_eq!(
        find_by_name(Scheme::Economic, Some("302"), "维修(护)费", 2024).map(|e| e.code),
        Some("30213")
    );
    assert_eq!(
        find_by_name(Scheme::Economic, None, "其他支出", 2024).map(|e| e.code),
        None
    );
    assert_eq!(
        find_all_by_name(Scheme::Economic, None, "其他支出", 2024)
            .map(|e| e.code)
            .collect::<Vec<_>>(),
        ["399", "39999"]
    );
}

#[test]
fn parent_walks_up_the_hierarchy() {
    assert_eq!(parent("2010301"), Some("20103"));
    assert_eq!(parent("20103"), Some("201"));
    assert_eq!(parent("201"), None);
    assert_eq!(parent("30101"), Some("301"));
    for bad in [
        "",
        "2",
        "2010",
        "201030",
        "20103011",
        "abcde",
        "２０１０３",
        "201 03",
    ] {
        assert_eq!(parent(bad), None, "{bad:?}");
    }
    assert_eq!(
        lookup(Scheme::Function, "2010301", 2025).unwrap().parent(),
        Some("20103")
    );
    assert_eq!(Level::of_code("2010301"), Some(Level::Xiang));
    assert_eq!(Scheme::of_code("302 13"), Some(Scheme::Economic));
}

#[test]
fn check_name_tells_stale_from_wrong() {
    let f = Scheme::Function;
    assert!(matches!(
        check_name(f, "210", "卫生健康支出", 2024),
        NameCheck::Matches(e) if e.code == "210"
    ));
    // Real stale names in the corpus (10_, 12_, 32_ print 医疗卫生与计划生育支出 in 2024–2026).
    match check_name(f, "210", "医疗卫生与计划生育支出", 2026) {
        NameCheck::OtherYear { printed, current } => {
            assert_eq!(printed.to_year, Some(2018));
            assert_eq!(current.name, "卫生健康支出");
        }
        other => panic!("{other:?}"),
    }
    // 08_ (FY2024 决算) narrative: 自然资源事务（款）其他国土资源事务支出（项）.
    assert!(matches!(
        check_name(f, "2200199", "其他国土资源事务支出", 2024),
        NameCheck::OtherYear { .. }
    ));
    // 31_ prints 其它 for 其他: not a width variant, so a different name.
    assert!(matches!(
        check_name(f, "2080599", "其它行政事业单位养老支出", 2025),
        NameCheck::Differs { .. }
    ));
    assert!(matches!(
        check_name(f, "224", "灾害防治及应急管理支出", 2018),
        NameCheck::NotInForce { printed: Some(_) }
    ));
    assert_eq!(check_name(f, "218", "x", 2025), NameCheck::UnknownCode);
    // The economic scheme is the 2018 reform's: wide/130 (FY2018) prints 301 工资福利支出.
    assert!(matches!(
        check_name(Scheme::Economic, "301", "工资福利支出", 2018),
        NameCheck::Matches(_)
    ));
    assert!(matches!(
        check_name(Scheme::Economic, "301", "工资福利支出", 2017),
        NameCheck::NotInForce { .. }
    ));
    // The local economic codes of 32_ are not national entries.
    assert!(matches!(
        check_name(Scheme::Economic, "302 02", "咨询费", 2024),
        NameCheck::Differs { current } if current.name == "印刷费"
    ));
    assert_eq!(
        check_name(Scheme::Economic, "30210", "车辆运行费", 2024),
        NameCheck::UnknownCode
    );
}

#[test]
fn provenance_flags() {
    let e = lookup(Scheme::Function, "2010301", 2025).unwrap();
    assert!(e.is_observed() && !e.is_unconfirmed());
    let e = lookup(Scheme::Function, "2080901", 2025).unwrap();
    assert!(e.is_published());
    let e = lookup(Scheme::Function, "2010103", 2025).unwrap();
    assert!(e.is_unconfirmed());
}

// ---------------------------------------------------------------------------------------------
// Coverage of real documents

/// Every code + name of the reference lists (`shared/reference/classification`) is in the dictionary
/// under a names_equal name for some year they were seen in (FY2023–2026).
#[test]
fn reference_lists_are_covered() {
    for (file, scheme) in [
        (
            "reference/classification/observed_function_codes_from_real_docs.tsv",
            Scheme::Function,
        ),
        (
            "reference/classification/observed_dept_econ_codes_from_real_docs.tsv",
            Scheme::Economic,
        ),
    ] {
        let text = shared(file);
        let mut n = 0;
        for line in text.lines().skip(1).filter(|l| !l.is_empty()) {
            let cols: Vec<&str> = line.split('\t').collect();
            let (code, name) = (cols[0], cols[2]);
            let ok = (2023..=2026)
                .any(|y| lookup(scheme, code, y).is_some_and(|e| names_equal(e.name, name)));
            assert!(ok, "{file}: {code} {name}");
            n += 1;
        }
        assert!(n > 50, "{file}: {n} rows");
    }
}

/// One code printed in a document, with the name fragments that follow it (separated by whitespace
/// or line breaks: long names wrap, and some tables put the project name after the item name).
#[derive(Debug)]
struct Occurrence {
    line: usize,
    code: String,
    frags: Vec<String>,
}

fn is_name_token(t: &str) -> bool {
    !t.is_empty()
        && t.chars().all(|c| {
            ('\u{4E00}'..='\u{9FFF}').contains(&c) || matches!(c, '（' | '）' | '(' | ')' | '、')
        })
}

fn is_code_head(t: &str) -> bool {
    t.len() == 3
        && t.bytes().all(|b| b.is_ascii_digit())
        && matches!(t.parse::<u16>(), Ok(201..=234) | Ok(301..=399))
}

fn occurrences(text: &str) -> Vec<Occurrence> {
    let lines: Vec<Vec<&str>> = text
        .split('\n')
        .map(|l| {
            l.split(|c: char| c.is_whitespace())
                .filter(|t| !t.is_empty())
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    for (i, toks) in lines.iter().enumerate() {
        for j in 0..toks.len() {
            if !is_code_head(toks[j]) {
                continue;
            }
            let max = if toks[j].starts_with('2') { 7 } else { 5 };
            let mut code = toks[j].to_string();
            let mut k = j + 1;
            while k < toks.len()
                && code.len() < max
                && toks[k].len() == 2
                && toks[k].bytes().all(|b| b.is_ascii_digit())
            {
                code.push_str(toks[k]);
                k += 1;
            }
            let mut frags: Vec<String> = Vec::new();
            while k < toks.len() && is_name_token(toks[k]) {
                frags.push(toks[k].to_string());
                k += 1;
            }
            if k == toks.len() {
                // The name goes on (or starts) on the next lines: take lines of name fragments, and
                // the leading fragments of the first line that holds something else.
                for next in lines.iter().skip(i + 1).take(12) {
                    if next.is_empty() {
                        continue;
                    }
                    let names = next.iter().take_while(|t| is_name_token(t)).count();
                    frags.extend(next[..names].iter().map(|t| t.to_string()));
                    if names < next.len() {
                        break;
                    }
                }
            }
            if frags.is_empty() {
                continue;
            }
            out.push(Occurrence {
                line: i + 1,
                code,
                frags,
            });
        }
    }
    out
}

/// Whether some leading run of fragments makes up the name.
fn prefix_matches(frags: &[String], name: &str) -> bool {
    (1..=frags.len()).any(|n| names_equal(&frags[..n].concat(), name))
}

/// Every function and economic code + name printed in the three reference documents is in the
/// dictionary with a names_equal name for the document's fiscal year.
#[test]
fn reference_documents_are_covered() {
    // Printed names that are not the name of the document's year, each for a reason a rule reports:
    // (document, code, printed name).
    let former_names = [
        // 003 (FY2024) prints 234 as 抗疫特别国债还本支出 in 表4 but as the former name in 表1.
        ("003", "234", "抗疫特别国债安排的支出"),
    ];
    // Names cut by a page break and continued after the repeated header: (document, code, the part
    // before the break).
    let split_by_page = [("003", "2010399", "其他政府办公厅（室）及相")];
    let docs = [
        ("000", "000_799292fe1e9c1d1b.txt", 2025),
        ("001", "001_6149e9281c444aee.txt", 2025),
        ("003", "003_03cb8317ef3ace4d.txt", 2024),
    ];
    let mut failures = Vec::new();
    let mut used_former = Vec::new();
    let mut used_split = Vec::new();
    for (id, file, year) in docs {
        let text = shared(&format!("corpus/{file}"));
        let occ = occurrences(&text);
        assert!(occ.len() > 80, "{id}: only {} codes found", occ.len());
        let mut codes: Vec<&str> = occ.iter().map(|o| o.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        for must in ["201", "233", "2010301", "2080505", "301", "30217", "30299"] {
            assert!(codes.contains(&must), "{id}: {must} not found");
        }
        for o in &occ {
            let scheme = Scheme::of_code(&o.code).unwrap();
            if let Some(e) = lookup(scheme, &o.code, year) {
                if prefix_matches(&o.frags, e.name) {
                    continue;
                }
            }
            let former = names_any_year(scheme, &o.code)
                .find(|e| !e.in_force(year) && prefix_matches(&o.frags, e.name));
            if let Some(e) = former {
                if former_names.contains(&(id, e.code, e.name)) {
                    used_former.push((id, e.code));
                    continue;
                }
            }
            let split = split_by_page.iter().find(|(d, c, part)| {
                *d == id
                    && *c == o.code
                    && (1..=o.frags.len()).any(|n| names_equal(&o.frags[..n].concat(), part))
                    && lookup(scheme, c, year)
                        .is_some_and(|e| normalize_name(e.name).starts_with(&normalize_name(part)))
            });
            if split.is_some() {
                used_split.push((id, o.code.clone()));
                continue;
            }
            failures.push(format!("{id}:{} {} {:?}", o.line, o.code, o.frags));
        }
    }
    assert!(
        failures.is_empty(),
        "not in the dictionary:\n{}",
        failures.join("\n")
    );
    assert_eq!(used_former.len(), former_names.len(), "{used_former:?}");
    assert_eq!(used_split.len(), split_by_page.len(), "{used_split:?}");
}

#[test]
fn the_compact_dictionary_has_the_same_entries_and_flags() {
    for full in [FUNCTION_TSV, ECONOMIC_TSV] {
        let compact: &'static str = Box::leak(super::compact::compact(full).into_boxed_str());
        assert!(compact.len() < full.len(), "compact is smaller");
        let (a, b) = (parse(full, FIRST_YEAR), parse(compact, FIRST_YEAR));
        assert_eq!(a.entries.len(), b.entries.len());
        for (x, y) in a.entries.iter().zip(&b.entries) {
            assert_eq!(
                (x.code, x.name, x.from_year, x.to_year),
                (y.code, y.name, y.from_year, y.to_year)
            );
            assert_eq!(
                (x.is_observed(), x.is_published(), x.year_uncertain()),
                (y.is_observed(), y.is_published(), y.year_uncertain()),
                "{x:?}"
            );
        }
    }
}

#[test]
fn a_codes_names_are_those_of_any_year_and_either_scheme() {
    assert!(is_name_of("210", "卫生健康支出"));
    assert!(is_name_of("210", "医疗卫生与计划生育支出"));
    assert!(is_name_of("30201", "办公费"));
    assert!(!is_name_of("30201", "印刷费"));
    assert!(!is_name_of("9999999", "办公费"));
    assert!(names_of_code("30201").any(|n| n == "办公费"));
}
