//! What the narrative says: quoted figures, year-on-year changes and component lists.

use super::Span;
use rust_decimal::Decimal;
use serde::Serialize;

/// The unit a narrative figure is quoted in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "word")]
pub enum FigureUnit {
    Yuan,
    WanYuan,
    YiYuan,
    Percent,
    /// A count with its measure word (人, 个, 辆, 台, 项 …).
    Count(String),
    /// Square metres.
    SquareMetres,
}

/// One figure quoted in the narrative, with the phrase it is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Figure {
    pub value: Decimal,
    pub unit: FigureUnit,
    /// The figure with its unit word.
    pub span: Span,
    /// The phrase the figure is about ("一般公共预算", "行政运行（项）", "在职"), as printed.
    pub subject: String,
    /// Index of the section it appears in.
    pub section: Option<usize>,
    /// For a share ("占 80.75%"): the index of the amount figure it is a share of.
    pub share_of: Option<usize>,
}

/// Direction words of a year-on-year statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// 增加 / 增长 / 上升
    Increase,
    /// 减少 / 下降 / 降低
    Decrease,
    /// 持平 / 保持一致 / 无变化
    Flat,
}

/// "比上年预算增加 A 万元，增长 B%" and its variants.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub span: Span,
    pub subject: String,
    /// Index of the current-year figure the change is about, when quoted just before.
    pub current: Option<usize>,
    /// The base it is compared with, as printed ("上年预算", "2025年预算执行数").
    pub base: String,
    pub base_span: Span,
    /// A base value quoted in the same sentence ("2025年当年预算执行数为43269.3万元").
    pub base_value: Option<usize>,
    /// The direction word of the amount part (增加/减少), if any.
    pub amount_direction: Option<Direction>,
    pub amount: Option<usize>,
    /// The direction word of the percentage part (增长/下降), if any.
    pub percent_direction: Option<Direction>,
    pub percent: Option<usize>,
    pub section: Option<usize>,
}

/// "其中：货物 A 万元，工程 B 万元，服务 C 万元" — a total and its listed components.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ComponentList {
    pub span: Span,
    /// Index of the total figure, when the list follows one.
    pub total: Option<usize>,
    /// Indices of the component figures, in order.
    pub items: Vec<usize>,
    pub section: Option<usize>,
}

/// A heading of the narrative (一、… / （一）… / 1、…).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Section {
    pub heading: String,
    pub span: Span,
    pub level: u8,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Narrative {
    pub sections: Vec<Section>,
    pub figures: Vec<Figure>,
    pub changes: Vec<Change>,
    pub lists: Vec<ComponentList>,
}
