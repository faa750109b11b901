//! The page's state and its transitions (pure, unit-tested natively): the newest check's outcome,
//! the selected finding, which entries are open, the severity filter, the tab, the language.

use crate::i18n::Lang;
use budget_lint::view::View;
use budget_lint::Severity;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// One entry of `examples/index.json` (written at build time by `scripts/copy-examples.mjs`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Example {
    /// File name inside `examples/`.
    pub file: String,
    /// What the button shows.
    pub title: String,
}

/// The example to load at start: the one named in the query (`?example=<file>`), else the first.
pub fn initial_example<'a>(
    examples: &'a [Example],
    requested: Option<&str>,
) -> Option<&'a Example> {
    match requested {
        Some(name) => examples.iter().find(|e| e.file == name),
        None => examples.first(),
    }
}

/// The last message about loading a text (worded in the current language when shown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Loading(String),
    Example(String),
    /// A file opened or dropped: its name and encoding.
    Opened(String, &'static str),
    Failed(String, String),
    /// Files being read by the reader worker (www/reader.js): the file, pages (or files) done
    /// and in all; `pdf` counts pages, otherwise files.
    Reading {
        name: String,
        done: u32,
        total: u32,
        pdf: bool,
    },
    /// Files read: their names, and the pages (or files) read.
    Read {
        name: String,
        total: u32,
        pdf: bool,
    },
    /// The reading was stopped; the text box kept what it had.
    Stopped(String),
    /// A check was stopped (it took long): whether the findings of an earlier check stay shown.
    CheckStopped {
        earlier: bool,
    },
    /// A file the reader could not read: the file and the reader's messages.
    Unreadable {
        file: String,
        message: String,
        message_en: String,
    },
}

impl Status {
    /// Whether files are being read (the stop button shows).
    pub fn reading(&self) -> bool {
        matches!(self, Status::Reading { .. })
    }
}

/// A checked text and what the worker returned for it.
#[derive(Debug)]
pub struct Outcome {
    pub id: u32,
    pub text: Rc<String>,
    pub view: View,
    /// The report, decoded (the tables view is built from it when shown).
    pub parsed: Rc<budget_lint::Report>,
    /// The JSON report (for export).
    pub report: JsValue,
    /// Milliseconds: the check in the worker; on the page, decoding the report and building the
    /// view from it; from the worker's end to the page's receiving the answer.
    pub check_ms: f64,
    pub view_ms: f64,
    pub transfer_ms: f64,
}

impl Outcome {
    /// True when no text was given.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Line of the finding's primary label (or first label), for the gutter and the panel.
    pub fn line_of(&self, finding: usize) -> Option<usize> {
        let d = self.view.diagnostics.get(finding)?;
        d.labels
            .iter()
            .find(|l| l.primary)
            .or(d.labels.first())
            .map(|l| l.line)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Source,
    Tables,
}

/// Where a selection came from: decides what scrolls and what takes the focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// F8 / Shift+F8: the entry takes the focus, the figure scrolls into view.
    Keyboard,
    /// A mark in the text was clicked: the entry opens and scrolls into view.
    Source,
    /// A gutter marker: the figure and the entry scroll into view.
    Gutter,
    /// The entry itself: the figure scrolls into view.
    Panel,
    /// A flagged cell of the tables view: the entry opens and scrolls into view.
    Table,
}

/// The last navigation, for the effects that scroll and focus (`seq` changes every time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Nav {
    pub seq: u32,
    pub finding: usize,
    /// A particular label of the finding (from its entry's list of figures), else its primary one.
    pub label: Option<usize>,
    pub origin: Origin,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    Next,
    Prev,
}

pub const SEVERITIES: [Severity; 4] = [
    Severity::Error,
    Severity::Rounding,
    Severity::Warning,
    Severity::Info,
];

#[derive(Clone, Debug, Default)]
pub struct State {
    pub lang: Lang,
    pub outcome: Option<Rc<Outcome>>,
    /// Id of the newest check requested (0: none yet).
    pub requested: u32,
    /// The newest check has run long (the page says so and offers to stop it).
    pub slow: bool,
    pub selected: Option<usize>,
    /// Entries shown open.
    pub open: BTreeSet<usize>,
    /// Severities filtered out of the panel, the gutter and F8.
    pub hidden: BTreeSet<Severity>,
    pub tab: Tab,
    pub examples: Vec<Example>,
    /// The example whose text is in the box (until the person edits it).
    pub example: Option<String>,
    /// The last message about loading a text.
    pub status: Option<Status>,
    pub nav: Option<Nav>,
    /// About to print: every entry is drawn open.
    pub printing: bool,
    /// The text box holds a large text (it is then folded away unless asked for: see app.rs).
    pub large_input: bool,
    pub show_input: bool,
}

pub enum Action {
    Lang(Lang),
    Examples(Vec<Example>),
    Example(Option<String>),
    Status(Option<Status>),
    /// A check was sent to the worker.
    Requested(u32),
    /// The worker answered.
    Received(Rc<Outcome>),
    /// Check `id` has run for long.
    Slow(u32),
    /// The running check was stopped: the page shows the last answer (or none) and waits.
    CheckStopped,
    Select(usize, Origin),
    /// Show one figure of a finding (from the list in its entry).
    SelectLabel(usize, usize),
    /// Open or close an entry (Enter or a click on it), selecting it.
    Toggle(usize),
    Step(Dir),
    Filter(Severity),
    Tab(Tab),
    Printing(bool),
    LargeInput(bool),
    ShowInput,
}

impl State {
    pub fn checking(&self) -> bool {
        self.outcome.as_ref().map_or(0, |o| o.id) != self.requested
    }

    /// The text box is folded away (a large text, not asked for).
    pub fn input_folded(&self) -> bool {
        self.large_input && !self.show_input
    }

    pub fn shows(&self, severity: Severity) -> bool {
        !self.hidden.contains(&severity)
    }

    /// The findings the filter lets through, in report order (by position in the text).
    pub fn visible(&self) -> Vec<usize> {
        self.outcome.as_ref().map_or_else(Vec::new, |o| {
            o.view
                .diagnostics
                .iter()
                .enumerate()
                .filter(|(_, d)| self.shows(d.severity))
                .map(|(i, _)| i)
                .collect()
        })
    }

    fn navigate(&mut self, finding: usize, label: Option<usize>, origin: Origin) {
        self.selected = Some(finding);
        let seq = self.nav.map_or(1, |n| n.seq.wrapping_add(1));
        self.nav = Some(Nav {
            seq,
            finding,
            label,
            origin,
        });
    }

    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Lang(lang) => self.lang = lang,
            Action::Examples(list) => self.examples = list,
            Action::Example(file) => self.example = file,
            Action::Status(status) => self.status = status,
            Action::Requested(id) => {
                self.requested = id;
                self.slow = false;
            }
            Action::Slow(id) => self.slow = id == self.requested && self.checking(),
            Action::CheckStopped => {
                self.requested = self.outcome.as_ref().map_or(0, |o| o.id);
                self.slow = false;
                self.status = Some(Status::CheckStopped {
                    earlier: self.outcome.is_some(),
                });
            }
            Action::Received(outcome) => {
                // Latest wins: an answer to an older text is dropped.
                if outcome.id == self.requested {
                    self.slow = false;
                    self.outcome = Some(outcome);
                    self.selected = None;
                    self.open.clear();
                    self.nav = None;
                }
            }
            Action::Select(finding, origin) => {
                if matches!(origin, Origin::Source | Origin::Table) {
                    self.open.insert(finding);
                }
                self.navigate(finding, None, origin);
            }
            Action::SelectLabel(finding, label) => {
                self.navigate(finding, Some(label), Origin::Panel)
            }
            Action::Toggle(finding) => {
                if !self.open.remove(&finding) {
                    self.open.insert(finding);
                }
                self.navigate(finding, None, Origin::Panel);
            }
            Action::Step(dir) => {
                let visible = self.visible();
                let next = match (dir, self.selected) {
                    (_, _) if visible.is_empty() => None,
                    (Dir::Next, None) => visible.first().copied(),
                    (Dir::Prev, None) => visible.last().copied(),
                    (Dir::Next, Some(cur)) => visible
                        .iter()
                        .copied()
                        .find(|&i| i > cur)
                        .or(visible.first().copied()),
                    (Dir::Prev, Some(cur)) => visible
                        .iter()
                        .rev()
                        .copied()
                        .find(|&i| i < cur)
                        .or(visible.last().copied()),
                };
                if let Some(i) = next {
                    self.navigate(i, None, Origin::Keyboard);
                }
            }
            Action::Filter(severity) => {
                if !self.hidden.remove(&severity) {
                    self.hidden.insert(severity);
                }
                let hidden_now = self.selected.is_some_and(|i| {
                    self.outcome
                        .as_ref()
                        .and_then(|o| o.view.diagnostics.get(i))
                        .is_some_and(|d| !self.shows(d.severity))
                });
                if hidden_now {
                    self.selected = None;
                }
            }
            Action::Tab(tab) => self.tab = tab,
            Action::Printing(on) => self.printing = on,
            Action::LargeInput(large) => {
                self.large_input = large;
                if !large {
                    self.show_input = false;
                }
            }
            Action::ShowInput => self.show_input = true,
        }
    }
}

impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(file: &str) -> Example {
        Example {
            file: file.to_owned(),
            title: file.to_owned(),
        }
    }

    fn outcome(id: u32, text: &str) -> Rc<Outcome> {
        let report = budget_lint::check(text);
        Rc::new(Outcome {
            id,
            text: Rc::new(text.to_string()),
            view: budget_lint::view::view(text, &report, &budget_lint::origin::Origins::new()),
            parsed: Rc::new(budget_lint::check(text)),
            report: JsValue::UNDEFINED,
            check_ms: 0.0,
            view_ms: 0.0,
            transfer_ms: 0.0,
        })
    }

    /// The A101 rounding fixture: a 款 whose 项 add up to 0.01 more.
    const FIXTURE: &str = "表3\n单位支出总体情况表\n单位：万元\n功能分类科目编码 功能分类科目名称 合计 基本支出 项目支出\n\
        总计 31.03 31.03\n210 卫生健康支出 31.03 31.03\n210 11 行政事业单位医疗 31.03 31.03\n\
        210 11 01 行政单位医疗 15.11 15.11\n210 11 02 事业单位医疗 13.89 13.89\n\
        210 11 03 公务员医疗补助 1.81 1.81\n210 11 99 其他行政事业单位医疗支出 0.23 0.23\n";

    #[test]
    fn initial_example_prefers_the_requested_one() {
        let list = [ex("a.txt"), ex("b.txt")];
        assert_eq!(initial_example(&list, None), Some(&list[0]));
        assert_eq!(initial_example(&list, Some("b.txt")), Some(&list[1]));
        assert_eq!(initial_example(&list, Some("missing.txt")), None);
        assert_eq!(initial_example(&[], None), None);
    }

    #[test]
    fn only_the_newest_answer_is_kept() {
        let mut s = State::default();
        s.apply(Action::Requested(1));
        s.apply(Action::Requested(2));
        assert!(s.checking());
        s.apply(Action::Received(outcome(1, "旧文本")));
        assert!(s.outcome.is_none(), "a stale answer is dropped");
        s.apply(Action::Received(outcome(2, FIXTURE)));
        assert_eq!(s.outcome.as_ref().unwrap().id, 2);
        assert!(!s.checking());
    }

    #[test]
    fn a_long_check_is_said_to_be_slow_until_answered_or_stopped() {
        let mut s = State::default();
        s.apply(Action::Requested(1));
        s.apply(Action::Received(outcome(1, FIXTURE)));
        s.apply(Action::Requested(2));
        s.apply(Action::Slow(1));
        assert!(!s.slow, "an older check's timer says nothing");
        s.apply(Action::Slow(2));
        assert!(s.slow);
        s.apply(Action::CheckStopped);
        assert!(!s.slow && !s.checking(), "stopped: nothing runs");
        assert_eq!(
            s.outcome.as_ref().unwrap().id,
            1,
            "the earlier answer stays"
        );
        assert_eq!(s.status, Some(Status::CheckStopped { earlier: true }));
        s.apply(Action::Requested(3));
        assert!(s.checking() && !s.slow);
        s.apply(Action::Slow(3));
        s.apply(Action::Received(outcome(3, FIXTURE)));
        assert!(!s.slow && !s.checking());
    }

    #[test]
    fn f8_walks_the_visible_findings_and_wraps() {
        let mut s = State::default();
        s.apply(Action::Requested(1));
        s.apply(Action::Received(outcome(1, FIXTURE)));
        let n = s.outcome.as_ref().unwrap().view.diagnostics.len();
        assert!(n >= 1, "the fixture has findings");
        s.apply(Action::Step(Dir::Next));
        assert_eq!(s.selected, Some(0));
        assert_eq!(s.nav.unwrap().origin, Origin::Keyboard);
        for _ in 0..n {
            s.apply(Action::Step(Dir::Next));
        }
        assert_eq!(s.selected, Some(0), "wraps around");
        s.apply(Action::Step(Dir::Prev));
        assert_eq!(s.selected, Some(n - 1));
        let seq = s.nav.unwrap().seq;
        s.apply(Action::Step(Dir::Prev));
        assert_ne!(s.nav.unwrap().seq, seq, "every step is a new navigation");

        // Filtering out every severity of the findings leaves nothing to step to.
        let severities: Vec<Severity> = s
            .outcome
            .as_ref()
            .unwrap()
            .view
            .diagnostics
            .iter()
            .map(|d| d.severity)
            .collect();
        for sev in SEVERITIES {
            if severities.contains(&sev) {
                s.apply(Action::Filter(sev));
            }
        }
        assert_eq!(s.selected, None, "a hidden selection is dropped");
        assert!(s.visible().is_empty());
        s.apply(Action::Step(Dir::Next));
        assert_eq!(s.selected, None);
    }

    #[test]
    fn toggling_opens_and_selects() {
        let mut s = State::default();
        s.apply(Action::Toggle(3));
        assert!(s.open.contains(&3));
        assert_eq!(s.selected, Some(3));
        s.apply(Action::Toggle(3));
        assert!(!s.open.contains(&3));
        s.apply(Action::Select(5, Origin::Source));
        assert!(s.open.contains(&5), "a click on a mark opens its entry");
        s.apply(Action::Select(6, Origin::Gutter));
        assert!(!s.open.contains(&6));
        assert_eq!(s.selected, Some(6));
    }

    #[test]
    fn a_large_text_folds_the_text_box_until_asked() {
        let mut s = State::default();
        assert!(!s.input_folded());
        s.apply(Action::LargeInput(true));
        assert!(s.input_folded());
        s.apply(Action::ShowInput);
        assert!(!s.input_folded());
        s.apply(Action::LargeInput(false));
        s.apply(Action::LargeInput(true));
        assert!(s.input_folded(), "a new large text folds it again");
    }

    #[test]
    fn lines_of_findings() {
        let o = outcome(1, FIXTURE);
        for i in 0..o.view.diagnostics.len() {
            let line = o.line_of(i).unwrap();
            assert!(line >= 1 && line <= o.view.lines);
        }
        assert!(outcome(1, "  \n").is_empty());
    }
}
