//! TablesView: every table as it was read.

#[allow(unused_imports)]
use super::*;

#[derive(Properties)]
pub(super) struct TablesProps {
    pub(super) outcome: Rc<Outcome>,
    pub(super) selected: Option<usize>,
    pub(super) lang: Lang,
    pub(super) on_select: Callback<(usize, Origin)>,
}

impl PartialEq for TablesProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.outcome, &other.outcome)
            && self.selected == other.selected
            && self.lang == other.lang
    }
}

/// "How the tables were read": every table redrawn, flagged and ambiguous cells marked.
#[function_component(TablesView)]
pub(super) fn tables_view(props: &TablesProps) -> Html {
    let lang = props.lang;
    let t = lang.t();
    let o = props.outcome.clone();
    let tables = use_memo(o.id, move |_| budget_lint::view::tables(&o.parsed));
    let o = &props.outcome;
    if tables.is_empty() {
        return html! {
            <div id="tables" class="tables" data-testid="tables">
                <p class="empty" data-testid="no-tables">
                    { if o.view.document.tables_as_images { t.tables_as_images } else { t.no_tables } }
                </p>
            </div>
        };
    }
    let on_click = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(f) =
                target_with(&e, "td[data-finding]").and_then(|c| attr_usize(&c, "data-finding"))
            {
                on_select.emit((f, Origin::Table));
            }
        })
    };
    let title_of = |tv: &TableView| match tv.number {
        Some(n) => format!("{}{n} {}", lang.pick("表", "Table "), tv.title),
        None => tv.title.clone(),
    };
    let unread: Vec<&TableView> = tables.iter().filter(|tv| tv.status == "unread").collect();
    let diags = &o.view.diagnostics;
    html! {
        <div id="tables" class="tables" data-testid="tables" onclick={on_click}>
            if !unread.is_empty() {
                <section class="unread-list" data-testid="unread-tables">
                    <h3>{ t.unread_tables }</h3>
                    <ul>{ for unread.iter().map(|tv| html! {
                        <li>{ title_of(tv) }{ lang.pick("：", ": ") }{ tv.reason.clone().unwrap_or_default() }</li>
                    }) }</ul>
                    // What would help: the same for every table read from the same kind of source.
                    { for unread_advice(&unread).into_iter().map(|a| html! { <p class="advice">{ a.to_string() }</p> }) }
                </section>
            }
            { for tables.iter().enumerate().map(|(k, tv)| {
                let rows: usize = tv.sections.iter().map(|s| s.rows.len()).sum();
                let (status_text, status_class) = match tv.status.as_str() {
                    "read" => (t.status_read, "status-read"),
                    "empty" => (t.status_empty, "status-empty"),
                    _ => (t.status_unread, "status-unread"),
                };
                let title = title_of(tv);
                let subject = tv.subject.clone();
                html! {
                    <section class="table-view" data-status={tv.status.clone()} aria-labelledby={format!("table-{k}-h")}>
                        <h3 id={format!("table-{k}-h")}>
                            { title.clone() }
                            if let Some(s) = subject { <span class="subject">{ format!("（{s}）") }</span> }
                        </h3>
                        <p class="chips">
                            <span class={classes!("chip", status_class)}>{ status_text }</span>
                            if tv.status == "read" { <span class="chip">{ lang.rows(rows) }</span> }
                            if let Some(u) = &tv.unit { <span class="chip">{ format!("{}{u}", lang.pick("单位：", "unit: ")) }</span> }
                            if !tv.findings.is_empty() { <span class="chip flagged">{ lang.findings_in_table(tv.findings.len()) }</span> }
                        </p>
                        if let Some(reason) = &tv.reason { <p class="reason">{ reason.clone() }</p> }
                        if let Some(advice) = &tv.advice { <p class="reason advice">{ advice.clone() }</p> }
                        { for tv.sections.iter().map(|s| {
                            let side = match s.side {
                                Some(budget_lint::model::Side::Income) => Some(t.side_income),
                                Some(budget_lint::model::Side::Expenditure) => Some(t.side_expenditure),
                                None => None,
                            };
                            let region = match side { Some(side) => format!("{title} · {side}"), None => title.clone() };
                            let has_code = s.rows.iter().any(|r| r.code.is_some());
                            html! {
                                <div class="table-scroll" role="region" tabindex="0" aria-label={region}>
                                    <table>
                                        if let Some(side) = side { <caption>{ side }</caption> }
                                        <thead><tr>
                                            if has_code { <th scope="col" class="code">{ t.col_code }</th> }
                                            <th scope="col">{ t.col_item }</th>
                                            { for s.columns.iter().map(|c| html! { <th scope="col">{ c.replace('/', " / ") }</th> }) }
                                        </tr></thead>
                                        <tbody>
                                            { for s.rows.iter().map(|r| html! {
                                                <tr class={classes!(format!("kind-{}", match r.kind {
                                                    budget_lint::model::RowKind::Total => "total",
                                                    budget_lint::model::RowKind::Coded => "coded",
                                                    budget_lint::model::RowKind::Item => "item",
                                                }), format!("depth-{}", r.depth))}>
                                                    if has_code { <td class="code">{ r.code.as_deref().map(spaced_code).unwrap_or_default() }</td> }
                                                    <th scope="row" class="label">{ r.label.clone() }</th>
                                                    { for r.cells.iter().map(|c| match c {
                                                        None => html! { <td class="num blank"></td> },
                                                        Some(c) => {
                                                            let primary = c.marks.iter().filter(|m| m.primary)
                                                                .find(|m| Some(m.finding) == props.selected)
                                                                .or_else(|| c.marks.iter().filter(|m| m.primary).max_by_key(|m| m.severity));
                                                            let related = c.marks.iter().find(|m| !m.primary && Some(m.finding) == props.selected);
                                                            let mut tips: Vec<String> = c.marks.iter().filter(|m| m.primary).filter_map(|m| {
                                                                let d = diags.get(m.finding)?;
                                                                Some(format!("[{} {}] {}", lang.severity(d.severity), d.code, message(lang, d)))
                                                            }).collect();
                                                            if let Some(r) = related {
                                                                let l = &diags[r.finding].labels[r.label];
                                                                tips.push(format!("※ {}", lang.pick(&l.message, &l.message_en)));
                                                            }
                                                            if !c.alternatives.is_empty() {
                                                                tips.push(lang.could_be(&c.alternatives));
                                                            }
                                                            let shown = primary.or(related);
                                                            html! {
                                                                <td class={classes!("num",
                                                                        shown.map(|m| severity_class(m.severity)),
                                                                        primary.is_some().then_some("flag"),
                                                                        (primary.is_none() && related.is_some()).then_some("related"),
                                                                        primary.is_some_and(|m| Some(m.finding) == props.selected).then_some("selected"),
                                                                        (!c.alternatives.is_empty()).then_some("ambiguous"))}
                                                                    data-finding={shown.map(|m| m.finding.to_string())}
                                                                    data-role={shown.map(|m| if m.primary { "primary" } else { "related" })}
                                                                    data-code={shown.and_then(|m| diags.get(m.finding)).map(|d| d.code.clone())}
                                                                    data-tip={(!tips.is_empty()).then(|| tips.join("\n"))}
                                                                    data-alternatives={(!c.alternatives.is_empty()).then(|| c.alternatives.join("|"))}>
                                                                    { c.value.clone() }
                                                                </td>
                                                            }
                                                        }
                                                    }) }
                                                </tr>
                                            }) }
                                        </tbody>
                                    </table>
                                </div>
                            }
                        }) }
                    </section>
                }
            }) }
        </div>
    }
}

/// The advice of the unread tables, each once, in order.
fn unread_advice<'a>(unread: &[&'a TableView]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for a in unread.iter().filter_map(|tv| tv.advice.as_deref()) {
        if !out.contains(&a) {
            out.push(a);
        }
    }
    out
}
