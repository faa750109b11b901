//! The typed document model: what the reader makes of a disclosure.
//!
//! Everything here points back into the original text with [`Span`]s.

mod document;
mod narrative;
mod table;
mod units;

pub use document::{DocKind, Document, Facts, Located, MoneyUnit, Part, PartKind, Scope};
pub use narrative::{Change, ComponentList, Direction, Figure, FigureUnit, Narrative, Section};
pub use table::{
    column_period, expenditure_classes, fiscal_fund, Cell, Column, LeftUnread, Period, Row,
    RowKind, Side, Table, TableKind, TableStatus, COST, FISCAL_FUNDS, FISCAL_FUND_TABLES,
};

pub use units::{units, Units};

pub use crate::source::Span;
