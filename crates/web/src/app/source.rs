//! SourceView: the marked text, block by block (SourceBlock), with its gutter.

#[allow(unused_imports)]
use super::*;
use budget_lint::view::grid::{Grid, GridKind, GridLine};

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
    let Some(block) = o.view.blocks.get(props.index) else {
        return html! {};
    };
    let marks = Marks {
        outcome: o,
        lang: props.lang,
        selected: props.selected,
    };
    let segs = &o.view.segments[block.first..block.end];
    let tabindex = |k: usize| {
        if props.focus == Some(block.first + k) {
            "0"
        } else {
            "-1"
        }
    };
    if let Some(grid) = block.grid.and_then(|g| o.view.grids.get(g)) {
        let first = segs.first().map_or(grid.start, |s| s.start);
        return html! {
            <div class="block grid-block" ref={node}>{ sheet_table(o, grid, first, segs, &marks, tabindex) }</div>
        };
    }
    let nodes = segs.iter().enumerate().map(|(k, seg)| {
        let run = o.text.get(seg.start..seg.end).unwrap_or("");
        marks.node(seg, run, tabindex(k))
    });
    // A page of a PDF starts here: marked by the style sheet from the label (not a text node, so
    // the text of the view stays the checked text).
    let page = block.page.and_then(|p| o.view.pages.get(p));
    let label = page.map(|p| props.lang.page(p.file.as_deref(), p.page));
    html! {
        <div class={classes!("block", page.is_some().then_some("page-start"))} ref={node}
            data-page={page.map(|p| p.page.to_string())} data-page-label={label}>
            { for nodes }
        </div>
    }
}

/// What drawing a run of the text needs: the findings, the language, the selected finding.
struct Marks<'a> {
    outcome: &'a Outcome,
    lang: Lang,
    selected: Option<usize>,
}

impl Marks<'_> {
    /// A run of the text: plain, or marked by the findings whose labels cover it (the selected
    /// finding's first, else the most severe).
    fn node(&self, seg: &Segment, run: &str, tabindex: &str) -> Html {
        let (o, lang, selected) = (self.outcome, self.lang, self.selected);
        let diags = &o.view.diagnostics;
        let marks = &seg.marks;
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
        match (shown, related) {
            (None, None) => Html::from(run.to_string()),
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
                html! {
                    <mark class={classes!("m", severity_class(d.severity), "primary",
                            is_selected.then_some("selected"), related.is_some().then_some("related"))}
                        data-code={d.code.clone()} data-severity={d.severity.as_str()}
                        data-finding={p.finding.to_string()} data-label={p.label.to_string()}
                        data-role="primary" data-tip={tip} data-callout={callout}
                        data-n={related_n.map(|n| n.to_string())}
                        tabindex={tabindex.to_string()} aria-describedby="tooltip">
                        { run.to_string() }
                    </mark>
                }
            }
            (None, Some(r)) => {
                let d = &diags[r.finding];
                let l = &d.labels[r.label];
                html! {
                    <mark class={classes!("m", severity_class(d.severity), "related")}
                        data-code={d.code.clone()} data-severity={d.severity.as_str()}
                        data-finding={r.finding.to_string()} data-label={r.label.to_string()}
                        data-role="related" data-n={related_n.map(|n| n.to_string())}
                        data-tip={lang.pick(&l.message, &l.message_en).to_string()}
                        tabindex="-1" aria-describedby="tooltip">
                        { run.to_string() }
                    </mark>
                }
            }
        }
    }
}

/// The lines of a block inside a sheet's grid as a table: column letters above, the sheet's row
/// numbers beside, one cell a field (tab-separated), each cell's runs marked as in the text. A
/// blank line standing for empty rows left out is a thin row marked `⋯`.
fn sheet_table(
    o: &Outcome,
    grid: &Grid,
    first: usize,
    segs: &[Segment],
    marks: &Marks<'_>,
    tabindex: impl Fn(usize) -> &'static str,
) -> Html {
    let text = o.text.as_str();
    let mut line = text
        .get(grid.start..first)
        .map_or(0, |t| t.matches('\n').count());
    // The rows, each a list of fields, each a list of runs (and its plain text).
    let mut rows: Vec<Html> = Vec::new();
    let mut fields: Vec<(Vec<Html>, String)> = vec![(Vec::new(), String::new())];
    let mut finish_row = |fields: &mut Vec<(Vec<Html>, String)>, line: usize| {
        let taken = std::mem::replace(fields, vec![(Vec::new(), String::new())]);
        rows.push(match grid.kind {
            GridKind::Sheet => sheet_row(grid, grid.lines.get(line).copied().flatten(), taken),
            GridKind::Tabs => tab_row(grid, taken),
        });
    };
    // The separators stay in the view, hidden, so that its text is still the checked text.
    let hidden = |sep: &str| html! { <span class="sep" hidden=true>{ sep.to_string() }</span> };
    for (k, seg) in segs.iter().enumerate() {
        let run = text.get(seg.start..seg.end).unwrap_or("");
        let mut first_piece = true;
        for (piece, end) in split_fields(run) {
            // A form feed (a new page or sheet) starts the line.
            let (feed, piece) = match piece.strip_prefix('\u{c}') {
                Some(rest) => (true, rest),
                None => (false, piece),
            };
            let Some(field) = fields.last_mut() else {
                continue;
            };
            if feed {
                field.0.push(hidden("\u{c}"));
            }
            if !piece.is_empty() {
                let tab = if first_piece { tabindex(k) } else { "-1" };
                first_piece = false;
                field.1.push_str(piece);
                field.0.push(marks.node(seg, piece, tab));
            }
            match end {
                Some(sep) => field.0.push(hidden(&sep.to_string())),
                None => continue,
            }
            if end == Some('\t') {
                fields.push((Vec::new(), String::new()));
            } else {
                finish_row(&mut fields, line);
                line += 1;
            }
        }
    }
    if fields.len() > 1 || fields.first().is_some_and(|f| !f.1.is_empty()) {
        finish_row(&mut fields, line);
    }
    if grid.kind == GridKind::Tabs {
        return html! { <table class="sheet tabs"><tbody>{ for rows }</tbody></table> };
    }
    let name = match &grid.file {
        Some(file) => format!("{file} · {}", grid.sheet),
        None => grid.sheet.clone(),
    };
    let caption = if first == grid.start {
        name
    } else {
        format!("{name} {}", marks.lang.t().continued)
    };
    html! {
        <table class="sheet" data-sheet={grid.sheet.clone()}>
            <caption>{ caption }</caption>
            <thead><tr>
                <th class="corner"></th>
                { for (0..grid.columns).map(|c| html! {
                    <th scope="col">{ budget_lint::origin::column_name(grid.first_column + c) }</th>
                }) }
            </tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

/// One line of a grid as a table row: its fields in their columns from the line's first; a line
/// of one field in the grid's first column (a title) spans the width.
fn sheet_row(grid: &Grid, place: Option<GridLine>, fields: Vec<(Vec<Html>, String)>) -> Html {
    let Some(GridLine { row, column }) = place else {
        return html! {
            <tr class="gap"><th scope="row">{ "⋯" }</th><td colspan={grid.columns.to_string()}>
                { for fields.into_iter().flat_map(|f| f.0) }
            </td></tr>
        };
    };
    let skip = column.saturating_sub(grid.first_column);
    let used = skip + fields.len() as u32;
    let lone = fields.len() == 1;
    // The last field takes the columns left over (a title, or a line shorter than the widest).
    let last = fields.len().saturating_sub(1);
    let rest = grid.columns.saturating_sub(used);
    html! {
        <tr>
            <th scope="row">{ row + 1 }</th>
            { for (0..skip).map(|_| html! { <td></td> }) }
            { for fields.into_iter().enumerate().map(|(k, (runs, plain))| {
                let figure = looks_like_figure(&plain);
                let span = (k == last && rest > 0).then(|| (rest + 1).to_string());
                html! {
                    <td class={classes!(figure.then_some("figure"), lone.then_some("lone"))}
                        colspan={span}
                        data-cell={budget_lint::origin::cell_ref(row, column + k as u32)}>
                        { for runs }
                    </td>
                }
            }) }
        </tr>
    }
}

/// One line of a PDF page's table as a row: its fields in order, the last taking the columns left.
fn tab_row(grid: &Grid, fields: Vec<(Vec<Html>, String)>) -> Html {
    let last = fields.len().saturating_sub(1);
    let rest = grid.columns.saturating_sub(fields.len() as u32);
    html! {
        <tr>
            { for fields.into_iter().enumerate().map(|(k, (runs, plain))| html! {
                <td class={classes!(looks_like_figure(&plain).then_some("figure"))}
                    colspan={(k == last && rest > 0).then(|| (rest + 1).to_string())}>
                    { for runs }
                </td>
            }) }
        </tr>
    }
}

/// `run` cut after each tab and line end: the pieces, each with the separator that ends it.
fn split_fields(run: &str) -> impl Iterator<Item = (&str, Option<char>)> {
    let mut rest = run;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match rest.find(['\t', '\n']) {
            Some(i) => {
                let sep = rest[i..].chars().next();
                let piece = &rest[..i];
                rest = &rest[i + 1..];
                Some((piece, sep))
            }
            None => {
                let piece = rest;
                rest = "";
                Some((piece, None))
            }
        }
    })
}

/// Whether a cell's text is a figure (drawn right-aligned, as a spreadsheet draws numbers).
fn looks_like_figure(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || ",.-%()（）".contains(c))
}
