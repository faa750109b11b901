//! Column layouts of the standard tables.
//!
//! Headers arrive broken into fragments, spread over lines and out of reading order, so the reader
//! does not rebuild them cell by cell. Each table kind has a few known layouts (Xinjiang's, Shanghai's,
//! final accounts'); the layout is chosen by key words of the header text and, where printed, the
//! number of columns in the `※ 1 2 3 …` row. A layout also states its row identities
//! (合计 = 基本支出 + 项目支出 …), which decide the column of a figure when empty cells were dropped,
//! and a preference order used only when the arithmetic leaves a choice.

use crate::model::{Side, TableKind};

/// `total = Σ parts` between columns of one row.
pub struct Identity {
    pub total: usize,
    pub parts: &'static [usize],
}

/// One known column layout.
pub struct Layout {
    /// The table kind the layout is known for; `None` for a layout of counted columns ([`counted`]).
    pub kind: Option<TableKind>,
    /// Words that must all appear in the header text (whitespace removed) for this layout to apply.
    pub signature: &'static [&'static str],
    pub columns: &'static [&'static str],
    /// Columns of the income side of a two-sided table.
    pub income_columns: &'static [&'static str],
    pub identities: &'static [Identity],
    pub income_identities: &'static [Identity],
    /// The table is one row of figures under its header (Shanghai's 三公 table): every figure of the
    /// body belongs to that row, in column order, whatever text the extraction put between them.
    pub single_row: bool,
    /// Column preference when the arithmetic cannot decide, most likely first (indices).
    /// Columns not listed rank after the listed ones, in order.
    pub preference: &'static [usize],
}

impl Layout {
    pub fn columns_of(&self, side: Option<Side>) -> &'static [&'static str] {
        match side {
            Some(Side::Income) => self.income_columns,
            _ => self.columns,
        }
    }

    pub fn identities_of(&self, side: Option<Side>) -> &'static [Identity] {
        match side {
            Some(Side::Income) => self.income_identities,
            _ => self.identities,
        }
    }

    /// The header names the layout: its signature, or — for a kind's default layout, which has none —
    /// one of its columns after the first (`基本支出`, `人员经费`). A default the header does not name
    /// is a guess: a header printing only `金额` is one column, not the default's three.
    pub fn named_by(&self, header: &str) -> bool {
        !self.signature.is_empty() || self.columns.iter().skip(1).any(|c| header.contains(c))
    }

    /// Rank of a column in the preference order (lower is preferred).
    pub fn rank(&self, column: usize) -> usize {
        self.preference
            .iter()
            .position(|&c| c == column)
            .unwrap_or(self.preference.len() + column)
    }
}

const BASIC_PROJECT: &[&str] = &["合计", "基本支出", "项目支出"];
const BASIC_PROJECT_ID: &[Identity] = &[Identity {
    total: 0,
    parts: &[1, 2],
}];

/// 基本支出 printed with its 小计 and its two parts (wide/116 表5, Hangzhou). The parts are not
/// named `基本支出/…`: rules add up the columns so named to make 基本支出, which 小计 already is.
const BASIC_SPLIT: &[&str] = &["合计", "基本支出", "人员经费", "公用经费", "项目支出"];
const BASIC_SPLIT_ID: &[Identity] = &[
    Identity {
        total: 0,
        parts: &[1, 4],
    },
    Identity {
        total: 1,
        parts: &[2, 3],
    },
];

const FUND: &[&str] = &["合计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"];
const FUND_ID: &[Identity] = &[Identity {
    total: 0,
    parts: &[1, 2, 3],
}];

const XJ_INCOME: &[&str] = &[
    "总计",
    "财政拨款（补助）/小计",
    "财政拨款（补助）/一般公共预算",
    "财政拨款（补助）/上级一般公共预算安排的转移支付",
    "财政拨款（补助）/政府性基金预算",
    "财政拨款（补助）/上级政府性基金安排的转移支付",
    "财政拨款（补助）/国有资本经营预算",
    "财政拨款（补助）/上级国有资本经营预算安排的转移支付",
    "财政专户（教育收费）",
    "单位资金",
    "财政拨款结转",
    "非财政拨款结转结余",
];

const XJ_PROJECTS: &[&str] = &[
    "合计",
    "工资福利支出",
    "商品和服务支出",
    "对个人和家庭的补助",
    "债务利息及费用支出",
    "资本性支出（基本建设）",
    "资本性支出",
    "对企业补助（基本建设）",
    "对企业补助",
    "对社会保障基金补助",
    "其他支出",
];

const XJ_CARRY_OVER: &[&str] = &[
    "合计",
    "财政拨款/小计",
    "财政拨款/基本支出/人员经费",
    "财政拨款/基本支出/公用经费",
    "财政拨款/项目支出",
    "非财政拨款/小计",
    "非财政拨款/基本支出/人员经费",
    "非财政拨款/基本支出/公用经费",
    "非财政拨款/项目支出",
];

const NONE: &[&str] = &[];
const NO_ID: &[Identity] = &[];

/// Changchun's summaries: each side's 本年预算 = 编制预算 (this year's new budget) + 上年结转.
const fn with_carry(kind: TableKind) -> Layout {
    const COLUMNS: &[&str] = &["本年预算", "编制预算", "上年结转"];
    const ID: &[Identity] = &[Identity {
        total: 0,
        parts: &[1, 2],
    }];
    Layout {
        kind: Some(kind),
        signature: &["编制预算", "上年结转"],
        income_columns: COLUMNS,
        columns: COLUMNS,
        income_identities: ID,
        identities: ID,
        single_row: false,
        preference: &[0, 1, 2],
    }
}

/// Every known layout. For a kind, the first whose signature matches wins.
pub const LAYOUTS: &[Layout] = &[
    // Two-sided summary tables.
    with_carry(TableKind::IncomeExpenditure),
    with_carry(TableKind::FiscalIncomeExpenditure),
    Layout {
        kind: Some(TableKind::IncomeExpenditure),
        signature: &["人员经费", "项目支出"],
        income_columns: &["预算数"],
        columns: FUND,
        income_identities: NO_ID,
        identities: FUND_ID,
        single_row: false,
        preference: &[0, 3, 1, 2],
    },
    Layout {
        kind: Some(TableKind::IncomeExpenditure),
        signature: &["决算数"],
        income_columns: &["决算数"],
        columns: &["决算数"],
        income_identities: NO_ID,
        identities: NO_ID,
        single_row: false,
        preference: &[],
    },
    Layout {
        kind: Some(TableKind::IncomeExpenditure),
        signature: &[],
        income_columns: &["预算数"],
        columns: &["预算数"],
        income_identities: NO_ID,
        identities: NO_ID,
        single_row: false,
        preference: &[],
    },
    Layout {
        kind: Some(TableKind::FiscalIncomeExpenditure),
        signature: &["国有资本经营预算"],
        income_columns: &["合计"],
        columns: &["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
        income_identities: NO_ID,
        identities: &[Identity {
            total: 0,
            parts: &[1, 2, 3],
        }],
        single_row: false,
        preference: &[0, 1, 2, 3],
    },
    Layout {
        kind: Some(TableKind::FiscalIncomeExpenditure),
        signature: &[],
        income_columns: &["预算数"],
        columns: &["预算数"],
        income_identities: NO_ID,
        identities: NO_ID,
        single_row: false,
        preference: &[],
    },
    // Coded tables.
    Layout {
        kind: Some(TableKind::Income),
        // Jiangsu's 收入总表 also has a 财政专户管理资金 column, but no 财政拨款（补助） group.
        signature: &["财政专户", "财政拨款（补助）"],
        income_columns: NONE,
        columns: XJ_INCOME,
        income_identities: NO_ID,
        identities: &[
            Identity {
                total: 0,
                parts: &[1, 8, 9, 10, 11],
            },
            Identity {
                total: 1,
                parts: &[2, 3, 4, 5, 6, 7],
            },
        ],
        single_row: false,
        preference: &[0, 1, 2, 9, 10, 11, 4, 6, 8, 3, 5, 7],
    },
    Layout {
        kind: Some(TableKind::Income),
        signature: &["财政拨款收入"],
        income_columns: NONE,
        columns: &[
            "合计",
            "财政拨款收入",
            "事业收入",
            "事业单位经营收入",
            "其他收入",
        ],
        income_identities: NO_ID,
        identities: &[Identity {
            total: 0,
            parts: &[1, 2, 3, 4],
        }],
        single_row: false,
        preference: &[0, 1, 4, 2, 3],
    },
    Layout {
        kind: Some(TableKind::Expenditure),
        signature: &[],
        income_columns: NONE,
        columns: BASIC_PROJECT,
        income_identities: NO_ID,
        identities: BASIC_PROJECT_ID,
        single_row: false,
        preference: &[],
    },
    Layout {
        kind: Some(TableKind::GeneralBudget),
        signature: &["小计", "人员经费"],
        income_columns: NONE,
        columns: BASIC_SPLIT,
        income_identities: NO_ID,
        identities: BASIC_SPLIT_ID,
        single_row: false,
        preference: &[0, 4, 1, 2, 3],
    },
    Layout {
        kind: Some(TableKind::GeneralBudget),
        signature: &[],
        income_columns: NONE,
        columns: BASIC_PROJECT,
        income_identities: NO_ID,
        identities: BASIC_PROJECT_ID,
        single_row: false,
        preference: &[],
    },
    Layout {
        kind: Some(TableKind::GeneralBudgetBasic),
        signature: &[],
        income_columns: NONE,
        columns: &["合计", "人员经费", "公用经费"],
        income_identities: NO_ID,
        identities: BASIC_PROJECT_ID,
        single_row: false,
        preference: &[],
    },
    Layout {
        kind: Some(TableKind::GeneralBudgetProjects),
        signature: &[],
        income_columns: NONE,
        columns: XJ_PROJECTS,
        income_identities: NO_ID,
        identities: &[Identity {
            total: 0,
            parts: &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        }],
        single_row: false,
        preference: &[0, 2, 6, 3, 1, 5, 10],
    },
    Layout {
        kind: Some(TableKind::GovernmentFund),
        signature: &["人员经费"],
        income_columns: NONE,
        columns: FUND,
        income_identities: NO_ID,
        identities: FUND_ID,
        single_row: false,
        preference: &[0, 3, 1, 2],
    },
    Layout {
        kind: Some(TableKind::GovernmentFund),
        signature: &[],
        income_columns: NONE,
        columns: BASIC_PROJECT,
        income_identities: NO_ID,
        identities: BASIC_PROJECT_ID,
        single_row: false,
        preference: &[0, 2, 1],
    },
    Layout {
        kind: Some(TableKind::StateCapital),
        signature: &["人员经费"],
        income_columns: NONE,
        columns: FUND,
        income_identities: NO_ID,
        identities: FUND_ID,
        single_row: false,
        preference: &[0, 3, 1, 2],
    },
    Layout {
        kind: Some(TableKind::StateCapital),
        signature: &[],
        income_columns: NONE,
        columns: BASIC_PROJECT,
        income_identities: NO_ID,
        identities: BASIC_PROJECT_ID,
        single_row: false,
        preference: &[0, 2, 1],
    },
    // Labelled tables.
    Layout {
        kind: Some(TableKind::ThreePublic),
        signature: &["资金来源"],
        income_columns: NONE,
        columns: &["合计", "一般公共预算", "政府性基金", "国有资本经营预算"],
        income_identities: NO_ID,
        identities: &[Identity {
            total: 0,
            parts: &[1, 2, 3],
        }],
        single_row: false,
        preference: &[],
    },
    // Guangdong (部门预算基本支出预算表): each unit and its economic classes, by source of funds.
    Layout {
        kind: Some(TableKind::BasicExpenditure),
        signature: &["支出项目类别", "财政专户拨款", "其他资金"],
        income_columns: NONE,
        columns: &[
            "总计",
            "财政拨款/合计",
            "财政拨款/一般公共预算",
            "财政拨款/政府性基金预算",
            "财政拨款/国有资本经营预算",
            "财政专户拨款",
            "其他资金",
        ],
        income_identities: NO_ID,
        identities: &[
            Identity {
                total: 0,
                parts: &[1, 5, 6],
            },
            Identity {
                total: 1,
                parts: &[2, 3, 4],
            },
        ],
        single_row: false,
        preference: &[],
    },
    // Jiangsu (政府采购支出表): items under their category and unit, by source of funds, 总计 last.
    Layout {
        kind: Some(TableKind::Procurement),
        signature: &["采购组织形式", "上年结转和", "总计"],
        income_columns: NONE,
        columns: &[
            "一般公共预算资金",
            "政府性基金",
            "其他资金",
            "上年结转和结余资金",
            "总计",
        ],
        income_identities: NO_ID,
        identities: &[Identity {
            total: 4,
            parts: &[0, 1, 2, 3],
        }],
        single_row: false,
        preference: &[],
    },
    // Hunan (Changsha): a row per unit, 公务接待费 before 因公出国 and the cars.
    Layout {
        kind: Some(TableKind::ThreePublic),
        signature: &["预（决）算数", "公务接待费", "其中：公务用车购置"],
        income_columns: NONE,
        columns: &[
            "合计",
            "公务接待费",
            "因公出国（境）费",
            "公务用车购置及运行费/小计",
            "公务用车购置及运行费/购置费",
            "公务用车购置及运行费/运行费",
        ],
        income_identities: NO_ID,
        identities: &[
            Identity {
                total: 0,
                parts: &[1, 2, 3],
            },
            Identity {
                total: 3,
                parts: &[4, 5],
            },
        ],
        single_row: false,
        preference: &[],
    },
    // Guangdong (表8 行政经费及“三公”经费): the same columns by fund, named without 资金来源.
    Layout {
        kind: Some(TableKind::ThreePublic),
        signature: &["合计", "一般公共预算", "政府性基金", "国有资本经营"],
        income_columns: NONE,
        columns: &["合计", "一般公共预算", "政府性基金", "国有资本经营预算"],
        income_identities: NO_ID,
        identities: &[Identity {
            total: 0,
            parts: &[1, 2, 3],
        }],
        single_row: false,
        preference: &[],
    },
    // The central 决算 template (公开09表): one row, the 预算数 of the six items beside their 决算数.
    Layout {
        kind: Some(TableKind::ThreePublic),
        signature: &["预算数", "决算数", "公务接待"],
        income_columns: NONE,
        columns: &[
            "预算数/合计",
            "预算数/因公出国（境）费",
            "预算数/公务用车购置及运行维护费/小计",
            "预算数/公务用车购置及运行维护费/公务用车购置费",
            "预算数/公务用车购置及运行维护费/公务用车运行维护费",
            "预算数/公务接待费",
            "决算数/合计",
            "决算数/因公出国（境）费",
            "决算数/公务用车购置及运行维护费/小计",
            "决算数/公务用车购置及运行维护费/公务用车购置费",
            "决算数/公务用车购置及运行维护费/公务用车运行维护费",
            "决算数/公务接待费",
        ],
        income_identities: NO_ID,
        identities: &[
            Identity {
                total: 0,
                parts: &[1, 2, 5],
            },
            Identity {
                total: 2,
                parts: &[3, 4],
            },
            Identity {
                total: 6,
                parts: &[7, 8, 11],
            },
            Identity {
                total: 8,
                parts: &[9, 10],
            },
        ],
        // 公务接待 and 公务用车运行 are far more common than 因公出国 and 车辆购置.
        single_row: true,
        preference: &[0, 2, 4, 5, 6, 8, 10, 11, 1, 3, 7, 9],
    },
    // Xi'an (表13): a row per unit, the 三公 items with 会议费 and 培训费 for last year, this year and
    // the change between them.
    Layout {
        kind: Some(TableKind::ThreePublic),
        signature: &["增减变化情况", "会议费", "培训费"],
        income_columns: NONE,
        columns: &[
            "上年/三公、会议费、培训费合计",
            "上年/“三公”经费/合计",
            "上年/“三公”经费/因公出国（境）费",
            "上年/“三公”经费/公务接待费",
            "上年/“三公”经费/公务用车购置及运行费/小计",
            "上年/“三公”经费/公务用车购置及运行费/购置费",
            "上年/“三公”经费/公务用车购置及运行费/运行费",
            "上年/会议费",
            "上年/培训费",
            "本年/三公、会议费、培训费合计",
            "本年/“三公”经费/合计",
            "本年/“三公”经费/因公出国（境）费",
            "本年/“三公”经费/公务接待费",
            "本年/“三公”经费/公务用车购置及运行费/小计",
            "本年/“三公”经费/公务用车购置及运行费/购置费",
            "本年/“三公”经费/公务用车购置及运行费/运行费",
            "本年/会议费",
            "本年/培训费",
            "增减/三公、会议费、培训费合计",
            "增减/“三公”经费/合计",
            "增减/“三公”经费/因公出国（境）费",
            "增减/“三公”经费/公务接待费",
            "增减/“三公”经费/公务用车购置及运行费/小计",
            "增减/“三公”经费/公务用车购置及运行费/购置费",
            "增减/“三公”经费/公务用车购置及运行费/运行费",
            "增减/会议费",
            "增减/培训费",
        ],
        income_identities: NO_ID,
        identities: XIAN_THREE_PUBLIC_ID,
        single_row: false,
        preference: &[],
    },
    // Shandong (Yantai): one row, last year's 预算数 of the 三公 items beside this year's.
    Layout {
        kind: Some(TableKind::ThreePublic),
        signature: &["年预算数", "公务用车购置及运行维护费", "公务接待费"],
        income_columns: NONE,
        columns: &[
            "上年/合计",
            "上年/因公出国（境）费",
            "上年/公务用车购置及运行费/小计",
            "上年/公务用车购置及运行费/购置费",
            "上年/公务用车购置及运行费/运行费",
            "上年/公务接待费",
            "本年/合计",
            "本年/因公出国（境）费",
            "本年/公务用车购置及运行费/小计",
            "本年/公务用车购置及运行费/购置费",
            "本年/公务用车购置及运行费/运行费",
            "本年/公务接待费",
        ],
        income_identities: NO_ID,
        identities: &[
            Identity {
                total: 0,
                parts: &[1, 2, 5],
            },
            Identity {
                total: 2,
                parts: &[3, 4],
            },
            Identity {
                total: 6,
                parts: &[7, 8, 11],
            },
            Identity {
                total: 8,
                parts: &[9, 10],
            },
        ],
        single_row: true,
        preference: &[],
    },
    // Jiangsu (公开10表): one row, the 三公 items with 会议费 and 培训费 beside them, 公务接待费 after
    // the cars.
    Layout {
        kind: Some(TableKind::ThreePublic),
        signature: &["经费合计", "会议费", "培训费"],
        income_columns: NONE,
        columns: &[
            "合计",
            "因公出国（境）费",
            "公务用车购置及运行费/小计",
            "公务用车购置及运行费/购置费",
            "公务用车购置及运行费/运行费",
            "公务接待费",
            "会议费",
            "培训费",
        ],
        income_identities: NO_ID,
        identities: &[
            Identity {
                total: 0,
                parts: &[1, 2, 5],
            },
            Identity {
                total: 2,
                parts: &[3, 4],
            },
        ],
        single_row: true,
        preference: &[0, 5, 2, 4, 1, 3, 6, 7],
    },
    // Shanghai: one row of figures under a two-level header, with 机关运行经费 beside the 三公.
    Layout {
        kind: Some(TableKind::ThreePublic),
        signature: &["机关运行经费"],
        income_columns: NONE,
        columns: &[
            "合计",
            "因公出国（境）费",
            "公务接待费",
            "公务用车购置及运行费/小计",
            "公务用车购置及运行费/购置费",
            "公务用车购置及运行费/运行费",
            "机关运行经费",
        ],
        income_identities: NO_ID,
        identities: &[
            Identity {
                total: 0,
                parts: &[1, 2, 3],
            },
            Identity {
                total: 3,
                parts: &[4, 5],
            },
        ],
        // 公务接待 and 公务用车运行 are far more common than 因公出国 and 车辆购置.
        single_row: true,
        preference: &[0, 2, 3, 5, 1, 4, 6],
    },
    Layout {
        kind: Some(TableKind::CarryOver),
        signature: &[],
        income_columns: NONE,
        columns: XJ_CARRY_OVER,
        income_identities: NO_ID,
        identities: &[
            Identity {
                total: 0,
                parts: &[1, 5],
            },
            Identity {
                total: 1,
                parts: &[2, 3, 4],
            },
            Identity {
                total: 5,
                parts: &[6, 7, 8],
            },
        ],
        single_row: false,
        preference: &[0, 1, 4, 5, 8, 2, 3, 6, 7],
    },
];

/// Xi'an's 三公 table: in each block of nine (上年, 本年, 增减) 合计 = 三公 + 会议费 + 培训费, 三公 =
/// 出国 + 接待 + 公务用车, 公务用车 = 购置 + 运行; and each of this year's columns = last year's + the
/// change.
const XIAN_THREE_PUBLIC_ID: &[Identity] = &[
    Identity {
        total: 0,
        parts: &[1, 7, 8],
    },
    Identity {
        total: 1,
        parts: &[2, 3, 4],
    },
    Identity {
        total: 4,
        parts: &[5, 6],
    },
    Identity {
        total: 9,
        parts: &[10, 16, 17],
    },
    Identity {
        total: 10,
        parts: &[11, 12, 13],
    },
    Identity {
        total: 13,
        parts: &[14, 15],
    },
    Identity {
        total: 18,
        parts: &[19, 25, 26],
    },
    Identity {
        total: 19,
        parts: &[20, 21, 22],
    },
    Identity {
        total: 22,
        parts: &[23, 24],
    },
    Identity {
        total: 9,
        parts: &[0, 18],
    },
    Identity {
        total: 10,
        parts: &[1, 19],
    },
    Identity {
        total: 11,
        parts: &[2, 20],
    },
    Identity {
        total: 12,
        parts: &[3, 21],
    },
    Identity {
        total: 13,
        parts: &[4, 22],
    },
    Identity {
        total: 14,
        parts: &[5, 23],
    },
    Identity {
        total: 15,
        parts: &[6, 24],
    },
    Identity {
        total: 16,
        parts: &[7, 25],
    },
    Identity {
        total: 17,
        parts: &[8, 26],
    },
];

/// Names of counted columns: the text cannot say which header cell is above which figure.
const COUNTED_NAMES: [&str; MAX_COUNTED] = [
    "第1列", "第2列", "第3列", "第4列", "第5列", "第6列", "第7列", "第8列", "第9列", "第10列",
    "第11列", "第12列", "第13列", "第14列", "第15列", "第16列", "第17列", "第18列", "第19列",
    "第20列", "第21列", "第22列", "第23列", "第24列",
];

/// The most columns a table read by counting may have (Suzhou's 收入总表: 18 figure columns, 本年收入
/// and 上年结转结余 each by source).
const MAX_COUNTED: usize = 24;

const fn counted_layout(n: usize) -> Layout {
    Layout {
        kind: None,
        signature: &[],
        columns: COUNTED_NAMES.split_at(n).0,
        income_columns: NONE,
        identities: NO_ID,
        income_identities: NO_ID,
        single_row: false,
        preference: &[],
    }
}

const COUNTED: [Layout; MAX_COUNTED] = {
    let mut out = [const { counted_layout(1) }; MAX_COUNTED];
    let mut n = 1;
    while n < MAX_COUNTED {
        out[n] = counted_layout(n + 1);
        n += 1;
    }
    out
};

/// A layout of `n` unnamed columns, for a one-sided table whose header matches no known layout:
/// the figures are counted into columns and only the table's own arithmetic (parent = Σ children in
/// every column) can confirm the reading. Rules that compare named columns do not use such tables.
pub fn counted(n: usize) -> Option<&'static Layout> {
    COUNTED.get(n.checked_sub(1)?)
}

/// Layouts of tables printing groups of (code, name, amount) side by side ([`super::panels`]): one
/// column per printed total, named by the total's label (`人员经费合计` → `人员经费`). The central
/// template's 基本支出决算表 prints 人员经费 in one panel and 公用经费 in two.
const PANELS: &[Layout] = &[Layout {
    kind: Some(TableKind::GeneralBudgetBasic),
    signature: &[],
    columns: &["人员经费", "公用经费"],
    income_columns: NONE,
    identities: NO_ID,
    income_identities: NO_ID,
    single_row: false,
    preference: &[],
}];

/// The layout of a table of `kind` printed in panels whose totals name the columns `names`.
pub fn panels(kind: TableKind, names: &[String]) -> Option<&'static Layout> {
    PANELS.iter().find(|l| {
        l.kind == Some(kind)
            && l.columns.len() == names.len()
            && l.columns.iter().zip(names).all(|(a, b)| *a == b)
    })
}

/// The layout of a table of `kind` whose header text (whitespace removed) is `header`, and whose
/// `※` row, if printed, counts `star_columns` value columns.
pub fn choose(
    kind: TableKind,
    header: &str,
    star_columns: Option<usize>,
) -> Option<&'static Layout> {
    // Brackets are printed half- or full-width: compare full-width.
    let header = super::lex::full_width_brackets(header);
    let header = header.as_str();
    let mut fitting = LAYOUTS.iter().filter(|l| {
        l.kind == Some(kind)
            && l.signature.iter().all(|w| header.contains(w))
            && (!has_last_year(l) || years_ascending(header))
    });
    match star_columns {
        Some(n) => {
            let all: Vec<&Layout> = fitting.collect();
            all.iter()
                .find(|l| l.columns.len() + l.income_columns.len() == n || l.columns.len() == n)
                .or_else(|| all.first())
                .copied()
        }
        None => fitting.next(),
    }
}

/// The layout has columns of last year (`上年/…`) before this year's.
fn has_last_year(l: &Layout) -> bool {
    l.columns.iter().any(|c| c.starts_with("上年/"))
}

/// The years a header names ("2025年预算数 … 2026年预算数"), each where it is first named, stand
/// in ascending order, as the
/// `上年/…` then `本年/…` columns of a layout say: a header printing this year first is another
/// layout.
fn years_ascending(header: &str) -> bool {
    let b = header.as_bytes();
    let mut years: Vec<&str> = (0..b.len().saturating_sub(3))
        .filter(|&i| {
            b[i..i + 4].iter().all(u8::is_ascii_digit)
                && (i == 0 || !b[i - 1].is_ascii_digit())
                && header[i + 4..].starts_with('年')
        })
        .map(|i| &header[i..i + 4])
        .collect();
    // The header may hold its cells twice (as printed, then stacked by column): first mentions.
    let mut seen = std::collections::HashSet::new();
    years.retain(|y| seen.insert(*y));
    years.windows(2).all(|w| w[0] <= w[1])
}

/// Income items of a summary table (收支总表, left side) and the income-table column holding the
/// same money. Items named exactly like a column (事业收入, 单位资金 …) need no entry.
pub const INCOME_ITEM_COLUMNS: &[(&str, &str)] = &[
    ("一般财力", "财政拨款（补助）/一般公共预算"),
    (
        "上级一般公共预算安排转移支付",
        "财政拨款（补助）/上级一般公共预算安排的转移支付",
    ),
    ("政府性基金收入", "财政拨款（补助）/政府性基金预算"),
    (
        "上级政府性基金安排转移支付",
        "财政拨款（补助）/上级政府性基金安排的转移支付",
    ),
    ("国有资本经营收入", "财政拨款（补助）/国有资本经营预算"),
    (
        "上级国有资本经营预算安排转移支付",
        "财政拨款（补助）/上级国有资本经营预算安排的转移支付",
    ),
    ("财政专户核拨", "财政专户（教育收费）"),
    ("非财政拨款结余", "非财政拨款结转结余"),
];

/// The layout a read table was read with (same kind and columns).
pub fn for_table(t: &crate::model::Table) -> Option<&'static Layout> {
    LAYOUTS.iter().find(|l| {
        l.kind == Some(t.kind)
            && l.columns.len() == t.columns.len()
            && l.columns.iter().zip(&t.columns).all(|(a, b)| *a == b.name)
            && l.income_columns.len() == t.income_columns.len()
    })
}

/// Words that belong to table headers: column names of every layout and the usual header cells.
/// A body token equal to one of them, not followed by figures, is header residue.
pub fn is_header_word(word: &str) -> bool {
    const GENERIC: &[&str] = &[
        "项目",
        "科目",
        "类",
        "款",
        "项",
        "类款项",
        "功能分类",
        "科目编码",
        "功能分类科目编码",
        "功能分类科目名称",
        "经济分类科目编码",
        "经济分类科目名称",
        "科目名称",
        "科目编码科目名称",
        "预算数",
        "决算数",
        "收入",
        "支出",
        "本年收入",
        "本年支出",
        "收入预算",
        "支出预算",
        "金额",
        "资金来源",
        "财政拨款",
        "非财政拨款",
        "小计",
        "合计",
        "总计",
        "项目名称",
        "财政拨款（补助）",
        "财政拨款(补助)",
        "基本支出",
        "项目支出",
        "人员经费",
        "公用经费",
        "一般公共预算支出",
        "一般公共预算基本支出",
        "政府性基金预算支出",
        "国有资本经营预算支出",
        "财政拨款收入",
        "财政拨款支出",
        "事业收入",
        "事业单位经营收入",
        "其他收入",
        "功能分类科目",
        "购置费",
        "运行费",
    ];
    // Made once: the generic words, and every column's name and last header level. Single-row,
    // 三公 and summary (two-sided) layouts are left out: their column names are row labels
    // elsewhere (三公 items; 上年结转, 一般公共预算 on a summary's income side).
    static WORDS: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| {
            let columns = LAYOUTS
                .iter()
                .filter(|l| {
                    !l.single_row
                        && l.kind != Some(TableKind::ThreePublic)
                        && !l.kind.is_some_and(TableKind::is_two_sided)
                })
                .flat_map(|l| l.columns.iter().chain(l.income_columns));
            let names = columns.flat_map(|&c| [c, c.rsplit('/').next().unwrap_or(c)]);
            GENERIC.iter().copied().chain(names).collect()
        })
        .contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_stay_inside_their_columns() {
        for l in LAYOUTS {
            for side in [None, Some(Side::Income)] {
                let n = l.columns_of(side).len();
                for id in l.identities_of(side) {
                    assert!(id.total < n && id.parts.iter().all(|&p| p < n && p != id.total));
                }
            }
            assert!(l.preference.iter().all(|&p| p < l.columns.len()));
        }
    }

    #[test]
    fn chooses_by_signature_and_star_count() {
        let l = choose(
            TableKind::Income,
            "功能分类科目编码财政拨款(补助)财政专户（教育收费）单位资金",
            Some(12),
        )
        .unwrap();
        assert_eq!(l.columns.len(), 12);
        let l = choose(
            TableKind::Income,
            "项目收入预算合计财政拨款收入事业收入",
            None,
        )
        .unwrap();
        assert_eq!(l.columns[1], "财政拨款收入");
        assert!(choose(TableKind::Income, "合计", None).is_none());
    }

    #[test]
    fn last_years_columns_need_the_years_in_ascending_order() {
        // Yantai's 三公 table: 2025年预算数 then 2026年预算数, the header also stacked by column.
        let header = "2025年预算数2026年预算数公务用车购置及运行维护费因公出国合计公务接待费\
                      合计因公出国（境）经费2025年预算数公务用车购置及运行维护费小计公务接待费";
        let l = choose(TableKind::ThreePublic, header, None).expect("a layout");
        assert_eq!(l.columns[0], "上年/合计");
        // This year printed first: not the layout whose first block is last year's.
        let swapped = header.replace("2025", "2027");
        assert!(choose(TableKind::ThreePublic, &swapped, None)
            .is_none_or(|l| !l.columns[0].starts_with("上年/")));
    }
}
