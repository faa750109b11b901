//! SourceView: the marked text, block by block (SourceBlock), with its gutter.

#[allow(unused_imports)]
use super::*;

#[derive(Properties)]
pub(super) struct SourceProps {
    pub(super) outcome: Rc<Outcome>,
    pub(super) selected: Option<usize>,
    pub(super) lang: Lang,
    pub(super) hidden: BTreeSet<Severity>,
    pub(super) on_select: Callback<(usize, Origin)>,
}

impl PartialEq for SourceProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.outcome, &other.outcome)
            && self.selected == other.selected
            && self.lang == other.lang
            && self.hidden == other.hidden
    }
}

/// The tooltip of a primary mark: every finding whose primary label covers the run.
pub(super) fn primary_tip(lang: Lang, o: &Outcome, marks: &[Mark]) -> String {
    let mut lines: Vec<String> = Vec::new();
    for m in marks.iter().filter(|m| m.primary) {
        let Some(d) = o.view.diagnostics.get(m.finding) else {
            continue;
        };
        lines.push(format!(
            "[{} {}] {}",
            lang.severity(d.severity),
            d.code,
            message(lang, d)
        ));
        if let Some(l) = d.labels.get(m.label) {
            let lm = lang.pick(&l.message, &l.message_en);
            if !lm.is_empty() {
                lines.push(format!("→ {lm}"));
            }
        }
    }
    lines.join("\n")
}

/// The marked text, block by block, with its gutter.
#[function_component(SourceView)]
pub(super) fn source_view(props: &SourceProps) -> Html {
    let o = &props.outcome;
    let lang = props.lang;
    let diags = &o.view.diagnostics;
    let selected = props.selected;
    // The mark that takes the Tab key (roving): the selected finding's first primary mark, else
    // the first primary mark of the text.
    let focus_segment = o.view.segments.iter().position(|s| match selected {
        Some(f) => s.marks.iter().any(|m| m.finding == f && m.primary),
        None => s.primary().is_some(),
    });
    let focus_block = focus_segment.map(|i| o.view.blocks.partition_point(|b| b.end <= i));
    let on_click = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(f) =
                target_with(&e, "mark[data-finding]").and_then(|m| attr_usize(&m, "data-finding"))
            {
                on_select.emit((f, Origin::Source));
            }
        })
    };
    let on_key = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                if let Some(f) = target_with(&e, "mark[data-finding]")
                    .and_then(|m| attr_usize(&m, "data-finding"))
                {
                    e.prevent_default();
                    on_select.emit((f, Origin::Source));
                }
            }
        })
    };
    let on_gutter = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(f) =
                target_with(&e, "[data-finding]").and_then(|m| attr_usize(&m, "data-finding"))
            {
                on_select.emit((f, Origin::Gutter));
            }
        })
    };
    let lines = o.view.lines.max(1);
    // Inline styles are set through the CSS object model (a Content-Security-Policy without
    // 'unsafe-inline' refuses `style` attributes): each gutter mark's place is in `data-top`.
    let gutter = use_node_ref();
    {
        let gutter = gutter.clone();
        use_effect(move || {
            if let Some(gutter) = gutter.cast::<Element>() {
                dom::place_from_data(&gutter, "data-top", "top");
            }
        });
    }
    let hidden_classes: Vec<String> = props
        .hidden
        .iter()
        .map(|s| format!("hide-{}", s.as_str()))
        .collect();
    html! {
        <div class={classes!("source-pane", hidden_classes)}>
            <div class="source-scroll" id="source-scroll">
                <div class="source" id="source" data-testid="source" role="document"
                    aria-label={lang.t().source_label} onclick={on_click} onkeydown={on_key}>
                    { for o.view.blocks.iter().enumerate().map(|(k, b)| html! {
                        <SourceBlock key={k} outcome={o.clone()} index={k} {lang}
                            selected={selected.filter(|s| b.findings.contains(s))}
                            focus={(focus_block == Some(k)).then_some(focus_segment).flatten()} />
                    }) }
                </div>
            </div>
            <div class="gutter" ref={gutter} aria-hidden="true" title={lang.t().gutter_label} onclick={on_gutter}
                data-testid="gutter">
                { for diags.iter().enumerate().filter(|(_, d)| !props.hidden.contains(&d.severity)).filter_map(|(i, d)| {
                    let line = o.line_of(i)?;
                    let top = dom::percent(line - 1, lines);
                    Some(html! {
                        <span class={classes!("gutter-mark", severity_class(d.severity), (Some(i) == selected).then_some("selected"))}
                            data-top={top} data-finding={i.to_string()}
                            title={format!("{} · {} {}", lang.line(line), d.code, message(lang, d))}></span>
                    })
                }) }
            </div>
        </div>
    }
}

#[derive(Properties)]
pub(super) struct BlockProps {
    pub(super) outcome: Rc<Outcome>,
    pub(super) index: usize,
    pub(super) lang: Lang,
    /// The selected finding, when it has a label in this block.
    pub(super) selected: Option<usize>,
    /// The segment whose mark takes the Tab key, when it is in this block.
    pub(super) focus: Option<usize>,
}

impl PartialEq for BlockProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.outcome, &other.outcome)
            && self.index == other.index
            && self.lang == other.lang
            && self.selected == other.selected
            && self.focus == other.focus
    }
}

/// One block of whole lines. The browser skips laying out and painting blocks off screen
/// (`content-visibility: auto`), and a block is redrawn only when the selection touches it.
#[function_component(SourceBlock)]
pub(super) fn source_block(props: &BlockProps) -> Html {
    let o = &props.outcome;
    // Room kept for a block not drawn yet (`content-visibility: auto`): its lines at the source's
    // line height, 1.75em (set through the CSS object model, like the gutter's marks).
    let node = use_node_ref();
    {
        let node = node.clone();
        let lines = o.view.blocks.get(props.index).map_or(0, |b| b.lines);
        use_effect_with(lines, move |&lines| {
            if let Some(el) = node.cast::<Element>() {
                let size = format!("auto {}em", dom::hundredths(lines * 175));
                dom::set_style(&el, "contain-intrinsic-size", &size);
            }
        });
    }
    let lang = props.lang;
    let text = o.text.as_str();
    let diags = &o.view.diagnostics;
    let selected = props.selected;
    let Some(block) = o.view.blocks.get(props.index) else {
        return html! {};
    };
    let segs = &o.view.segments[block.first..block.end];
    let mut nodes: Vec<Html> = Vec::with_capacity(segs.len());
    for (k, seg) in segs.iter().enumerate() {
        let Segment { start, end, marks } = seg;
        let run = text.get(*start..*end).unwrap_or("");
        let sel_primary = selected.and_then(|s| marks.iter().find(|m| m.finding == s && m.primary));
        let related = selected.and_then(|s| marks.iter().find(|m| m.finding == s && !m.primary));
        let shown = sel_primary.or_else(|| seg.primary());
        let related_n = related.map(|r| {
            diags[r.finding].labels[..r.label]
                .iter()
                .filter(|l| !l.primary)
                .count()
                + 1
        });
        let tabindex = if props.focus == Some(block.first + k) {
            "0"
        } else {
            "-1"
        };
        match (shown, related) {
            (None, None) => nodes.push(Html::from(run.to_string())),
            (Some(p), _) => {
                let d = &diags[p.finding];
                let is_selected = Some(p.finding) == selected;
                let callout = is_selected
                    .then(|| d.labels.get(p.label))
                    .flatten()
                    .map(|l| lang.pick(&l.message, &l.message_en).to_string());
                let mut tip = primary_tip(lang, o, marks);
                if let Some(r) = related {
                    let l = &diags[r.finding].labels[r.label];
                    tip.push_str(&format!("\n※ {}", lang.pick(&l.message, &l.message_en)));
                }
                nodes.push(html! {
                    <mark class={classes!("m", severity_class(d.severity), "primary",
                            is_selected.then_some("selected"), related.is_some().then_some("related"))}
                        data-code={d.code.clone()} data-severity={d.severity.as_str()}
                        data-finding={p.finding.to_string()} data-label={p.label.to_string()}
                        data-role="primary" data-tip={tip} data-callout={callout}
                        data-n={related_n.map(|n| n.to_string())}
                        tabindex={tabindex} aria-describedby="tooltip">
                        { run.to_string() }
                    </mark>
                });
            }
            (None, Some(r)) => {
                let d = &diags[r.finding];
                let l = &d.labels[r.label];
                nodes.push(html! {
                    <mark class={classes!("m", severity_class(d.severity), "related")}
                        data-code={d.code.clone()} data-severity={d.severity.as_str()}
                        data-finding={r.finding.to_string()} data-label={r.label.to_string()}
                        data-role="related" data-n={related_n.map(|n| n.to_string())}
                        data-tip={lang.pick(&l.message, &l.message_en).to_string()}
                        tabindex="-1" aria-describedby="tooltip">
                        { run.to_string() }
                    </mark>
                });
            }
        }
    }
    html! { <div class="block" ref={node}>{ for nodes }</div> }
}
