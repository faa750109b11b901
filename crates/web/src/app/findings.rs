//! FindingsPanel: the findings by family (FindingEntry), what could not be checked, coverage.

#[allow(unused_imports)]
use super::*;

#[derive(Properties)]
pub(super) struct PanelProps {
    pub(super) outcome: Option<Rc<Outcome>>,
    pub(super) selected: Option<usize>,
    pub(super) open: BTreeSet<usize>,
    pub(super) hidden: BTreeSet<Severity>,
    pub(super) lang: Lang,
    pub(super) printing: bool,
    pub(super) on_toggle: Callback<usize>,
    pub(super) on_label: Callback<(usize, usize)>,
    pub(super) on_filter: Callback<Severity>,
}

impl PartialEq for PanelProps {
    fn eq(&self, other: &Self) -> bool {
        let same_outcome = match (&self.outcome, &other.outcome) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_outcome
            && self.selected == other.selected
            && self.open == other.open
            && self.hidden == other.hidden
            && self.lang == other.lang
            && self.printing == other.printing
    }
}

/// Counts and filter, findings by family, what could not be checked, what was checked.
#[function_component(FindingsPanel)]
pub(super) fn findings_panel(props: &PanelProps) -> Html {
    let lang = props.lang;
    let t = lang.t();
    let Some(o) = props.outcome.as_ref().filter(|o| !o.is_empty()) else {
        return html! {
            <aside class="panel" aria-labelledby="findings-h" data-testid="findings">
                <h2 id="findings-h">{ t.findings }</h2>
                <p class="empty">{ if props.outcome.is_none() { t.waiting } else { t.empty_text } }</p>
            </aside>
        };
    };
    let v = &o.view;
    let count = |s: Severity| match s {
        Severity::Error => v.summary.errors,
        Severity::Rounding => v.summary.rounding,
        Severity::Warning => v.summary.warnings,
        Severity::Info => v.summary.infos,
    };
    let visible_total = v
        .diagnostics
        .iter()
        .filter(|d| !props.hidden.contains(&d.severity))
        .count();
    let rule = |code: &str| v.rules.iter().find(|r| r.code == code);
    let skipped: Vec<Html> = v
        .coverage
        .iter()
        .flat_map(|c| {
            let summary = rule(&c.code)
                .map(|r| lang.pick(&r.summary, &r.summary_en).to_string())
                .unwrap_or_default();
            c.skipped.iter().map(move |reason| {
                html! { <li><span class="code">{ c.code.clone() }</span>{ format!(" {summary}{}{reason}", lang.pick("：", ": ")) }</li> }
            })
        })
        .collect();
    let unread: Vec<&DiagnosticOut> = v.diagnostics.iter().filter(|d| d.code == "R001").collect();
    html! {
        <aside class="panel" aria-labelledby="findings-h" data-testid="findings">
            <h2 id="findings-h">{ t.findings }<span class="total" data-testid="total">{ v.diagnostics.len() }</span></h2>
            <div class="filters" role="group" aria-label={t.filter_label}>
                { for SEVERITIES.iter().map(|&s| {
                    let on_filter = props.on_filter.clone();
                    let shown = !props.hidden.contains(&s);
                    html! {
                        <button type="button" class={classes!("filter", severity_class(s))} aria-pressed={shown.to_string()}
                            data-severity={s.as_str()} data-count={count(s).to_string()}
                            onclick={Callback::from(move |_: MouseEvent| on_filter.emit(s))}>
                            <span class="dot" aria-hidden="true"></span>
                            { lang.severity(s) }<span class="n">{ count(s) }</span>
                        </button>
                    }
                }) }
            </div>
            <p class="hint">{ t.keys_hint }</p>
            if v.diagnostics.is_empty() {
                <p class="empty" data-testid="no-findings">{ t.no_findings }</p>
            } else if visible_total == 0 {
                <p class="empty">{ t.all_filtered }</p>
            }
            { for v.groups.iter().map(|g| {
                let n = g.findings.iter().filter(|&&i| !props.hidden.contains(&v.diagnostics[i].severity)).count();
                html! {
                    <section class="group" data-family={g.family.clone()} hidden={n == 0}>
                        <h3>{ lang.pick(&g.name, &g.name_en).to_string() }<span class="n">{ n }</span></h3>
                        <ol class="findings">
                            { for g.findings.iter().map(|&i| html! {
                                <FindingEntry key={i} outcome={o.clone()} index={i} {lang}
                                    open={props.open.contains(&i) || props.printing}
                                    selected={props.selected == Some(i)}
                                    hidden={props.hidden.contains(&v.diagnostics[i].severity)}
                                    on_toggle={props.on_toggle.clone()} on_label={props.on_label.clone()} />
                            }) }
                        </ol>
                    </section>
                }
            }) }
            <section class="not-checked" data-testid="not-checked">
                <h3>{ t.not_checked }</h3>
                if skipped.is_empty() && unread.is_empty() && !v.document.tables_as_images && v.tables_found > 0 {
                    <p class="quiet">{ t.nothing_skipped }</p>
                } else {
                    <ul>
                        if v.tables_found == 0 && !v.document.tables_as_images {
                            <li>{ t.no_tables }</li>
                        }
                        if v.document.tables_as_images {
                            <li>{ t.tables_as_images }</li>
                        }
                        { for unread.iter().map(|d| html! { <li>{ message(lang, d).to_string() }</li> }) }
                        { for skipped }
                    </ul>
                }
            </section>
            <section class="coverage">
                <h3>{ t.coverage }</h3>
                <ul>
                    { for v.coverage.iter().map(|c| {
                        let summary = rule(&c.code).map(|r| lang.pick(&r.summary, &r.summary_en).to_string()).unwrap_or_else(|| c.rule.clone());
                        html! {
                            <li data-code={c.code.clone()}>
                                <span class="code">{ c.code.clone() }</span>{ " " }{ summary }
                                <span class="quiet">{ format!(" · {}", lang.checks(c.checked)) }</span>
                            </li>
                        }
                    }) }
                </ul>
            </section>
        </aside>
    }
}

#[derive(Properties)]
pub(super) struct EntryProps {
    pub(super) outcome: Rc<Outcome>,
    pub(super) index: usize,
    pub(super) lang: Lang,
    pub(super) open: bool,
    pub(super) selected: bool,
    pub(super) hidden: bool,
    pub(super) on_toggle: Callback<usize>,
    pub(super) on_label: Callback<(usize, usize)>,
}

impl PartialEq for EntryProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.outcome, &other.outcome)
            && self.index == other.index
            && self.lang == other.lang
            && self.open == other.open
            && self.selected == other.selected
            && self.hidden == other.hidden
    }
}

/// One finding: severity, code, message, where; opened, expected and actual, the figures it
/// relates to (each shows its figure in the text), the notes and the rule's explanation.
#[function_component(FindingEntry)]
pub(super) fn finding_entry(props: &EntryProps) -> Html {
    let o = &props.outcome;
    let lang = props.lang;
    let t = lang.t();
    let i = props.index;
    // The rule's explanation is loaded when the first entry is opened (crate::docs).
    let docs = use_state(docs::cached);
    {
        let docs = docs.clone();
        use_effect_with(props.open, move |&open| {
            if open && docs.is_none() {
                docs::when_loaded(move |loaded| docs.set(Some(loaded)));
            }
        });
    }
    let Some(d) = o.view.diagnostics.get(i) else {
        return html! {};
    };
    let open = props.open;
    let selected = props.selected;
    let on_toggle = props.on_toggle.clone();
    let line = o.line_of(i);
    // Where its figure stands in the file the text was read from (第 12 页, 表3!D12).
    let origin = d
        .labels
        .iter()
        .find(|l| l.primary)
        .and_then(|l| l.origin.as_ref())
        .map(|o| lang.origin(o));
    // The body is drawn only when open (thousands of findings stay cheap); printing opens all.
    let body = open.then(|| {
        let mut related_n = 0;
        let labels: Vec<Html> = d
            .labels
            .iter()
            .enumerate()
            .map(|(li, l)| {
                let marker = if l.primary {
                    "★".to_string()
                } else {
                    related_n += 1;
                    related_n.to_string()
                };
                let figure = o.text.get(l.start..l.end).unwrap_or("").to_string();
                let on_label = props.on_label.clone();
                html! {
                    <li>
                        <button type="button" class={classes!("label-link", l.primary.then_some("primary"))}
                            data-label={li.to_string()}
                            onclick={Callback::from(move |_: MouseEvent| on_label.emit((i, li)))}>
                            <span class="row">
                                <span class="n" aria-hidden="true">{ marker }</span>
                                <span class="fig">{ figure }</span>
                                <span class="lmsg">{ lang.pick(&l.message, &l.message_en).to_string() }</span>
                                <span class="where">{ lang.line(l.line) }
                                    if let Some(o) = &l.origin { { " · " }{ lang.origin(o) } }
                                </span>
                            </span>
                        </button>
                    </li>
                }
            })
            .collect();
        let info = o.view.rules.iter().find(|r| r.code == d.code);
        html! {
            <>
                if d.expected.is_some() || d.actual.is_some() {
                    <dl class="ea">
                        if let Some(e) = &d.expected { <div><dt>{ t.expected }</dt><dd data-testid="expected">{ e.clone() }</dd></div> }
                        if let Some(a) = &d.actual { <div><dt>{ t.actual }</dt><dd data-testid="actual">{ a.clone() }</dd></div> }
                    </dl>
                }
                if !d.labels.is_empty() {
                    <p class="sub">{ if d.labels.len() > 1 { t.related } else { t.figure } }</p>
                    <ol class="labels">{ for labels }</ol>
                }
                if !d.notes.is_empty() {
                    <p class="sub">{ t.notes }</p>
                    <ul class="notes">{ for d.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
                }
                if let Some(r) = info {
                    <details class="rule">
                        <summary>{ format!("{} {} · {}", t.rule, r.code, lang.pick(&r.summary, &r.summary_en)) }</summary>
                        <p class="rule-name"><code>{ r.name.clone() }</code>{ " " }{ t.rule_in_chinese }</p>
                        if let Some(long) = docs.as_ref().and_then(|docs| docs.get(&r.code)) {
                            <dl>
                                <dt>{ t.rule_what }</dt><dd>{ long.what.clone() }</dd>
                                <dt>{ t.rule_why }</dt><dd>{ long.why.clone() }</dd>
                                <dt>{ t.rule_example }</dt><dd>{ long.example.clone() }</dd>
                            </dl>
                        } else {
                            <p class="rule-loading">{ t.rule_loading }</p>
                        }
                    </details>
                }
            </>
        }
    });
    html! {
        <li class={classes!("finding", severity_class(d.severity), selected.then_some("selected"), open.then_some("open"))}
            data-code={d.code.clone()} data-severity={d.severity.as_str()} data-finding={i.to_string()}
            hidden={props.hidden}>
            <button type="button" class="finding-head" id={format!("finding-{i}")}
                aria-expanded={open.to_string()} aria-controls={format!("finding-{i}-body")}
                aria-current={selected.then_some("true")}
                onclick={Callback::from(move |_: MouseEvent| on_toggle.emit(i))}>
                <span class="row">
                    <span class={classes!("sev", severity_class(d.severity))}>{ lang.severity(d.severity) }</span>
                    <span class="code">{ d.code.clone() }</span>
                    <span class="msg" id={format!("finding-{i}-msg")}>{ message(lang, d).to_string() }</span>
                    <span class="where">{ line.map_or_else(|| t.no_position.to_string(), |l| lang.line(l)) }
                        if let Some(origin) = &origin {
                            <span class="origin" data-testid="origin">{ " · " }{ origin.clone() }</span>
                        }
                    </span>
                </span>
            </button>
            <div class="finding-body" id={format!("finding-{i}-body")} hidden={!open}>
                { for body }
            </div>
        </li>
    }
}
