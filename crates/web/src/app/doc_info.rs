//! DocInfo: what the document is, as read.

#[allow(unused_imports)]
use super::*;

#[derive(Properties)]
pub(super) struct DocInfoProps {
    pub(super) outcome: Rc<Outcome>,
    pub(super) lang: Lang,
}

impl PartialEq for DocInfoProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.outcome, &other.outcome) && self.lang == other.lang
    }
}

/// What the document is, as read: body, year, kind, unit, tables found.
#[function_component(DocInfo)]
pub(super) fn doc_info(props: &DocInfoProps) -> Html {
    let o = &props.outcome;
    if o.is_empty() {
        return html! {};
    }
    let lang = props.lang;
    let d = &o.view.document;
    let s = &o.view.summary;
    let mut parts: Vec<String> = Vec::new();
    if let Some(unit) = &d.unit {
        parts.push(unit.clone());
    }
    if let Some(year) = d.year {
        parts.push(lang.year(year));
    }
    if let Some(kind) = lang.doc_kind(d.scope.as_deref(), d.kind.as_deref()) {
        parts.push(kind);
    }
    if let Some(unit) = &d.money_unit {
        parts.push(lang.money_unit(unit));
    }
    parts.push(lang.tables_found(s.tables_read, s.tables_empty, s.tables_unread));
    parts.push(lang.narrative_figures(s.narrative_figures));
    html! {
        <p class="doc-info" data-testid="doc-info">
            { for parts.into_iter().enumerate().map(|(i, p)| html! {
                <span class={classes!("fact", (i == 0 && d.unit.is_some()).then_some("body"))}>{ p }</span>
            }) }
        </p>
    }
}
