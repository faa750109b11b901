//! Diagnostics: a finding with its severity, the figure judged wrong and the figures it disagrees with.

use crate::source::Span;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Background: what was read and how.
    Info,
    /// Needs a person to look.
    Warning,
    /// The printed figures differ, but rounding explains it (尾差).
    Rounding,
    /// The printed figures cannot all be true.
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Rounding => "rounding",
            Severity::Error => "error",
        }
    }
}

/// A span with a short message: the primary one is the figure judged wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub primary: bool,
    pub message: String,
    pub message_en: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `A101`.
    pub code: &'static str,
    /// Kebab-case rule name, e.g. `parent-sum-mismatch`.
    pub rule: &'static str,
    pub severity: Severity,
    /// The message in Chinese.
    pub message: String,
    /// The same message in English.
    pub message_en: String,
    pub labels: Vec<Label>,
    pub expected: Option<String>,
    pub actual: Option<String>,
    /// The identity or fact the finding rests on.
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn new(
        code: &'static str,
        rule: &'static str,
        severity: Severity,
        message: String,
        message_en: String,
    ) -> Self {
        Diagnostic {
            code,
            rule,
            severity,
            message,
            message_en,
            labels: Vec::new(),
            expected: None,
            actual: None,
            notes: Vec::new(),
        }
    }

    /// The figure judged wrong, with a short message in Chinese and English.
    pub fn primary(
        mut self,
        span: Span,
        message: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Self {
        self.labels.push(Label {
            span,
            primary: true,
            message: message.into(),
            message_en: message_en.into(),
        });
        self
    }

    /// A figure the primary one disagrees with.
    pub fn related(
        mut self,
        span: Span,
        message: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Self {
        self.labels.push(Label {
            span,
            primary: false,
            message: message.into(),
            message_en: message_en.into(),
        });
        self
    }

    pub fn expected_actual(
        mut self,
        expected: impl Into<String>,
        actual: impl Into<String>,
    ) -> Self {
        self.expected = Some(expected.into());
        self.actual = Some(actual.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Where the diagnostic sorts: by its primary label, then code.
    pub fn sort_key(&self) -> (usize, &'static str) {
        let at = self
            .labels
            .iter()
            .find(|l| l.primary)
            .map_or(usize::MAX, |l| l.span.start);
        (at, self.code)
    }
}
