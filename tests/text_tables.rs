//! Tables in text copied out of a PDF viewer or `pdftotext` without `-layout`: one cell per line,
//! in reading order. Each input is quoted from the wide corpus (the file named at its test); what is
//! asserted is what the printed figures add up to, not a recorded result.

use budget_lint::{check, report::TableOut, Severity};

/// The figures of a read table, row by row, as printed (without separators).
fn values(t: &TableOut) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.value.clone()).collect())
        .collect()
}

/// Every figure of `text` in reading order, separators removed.
fn figures(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| {
            l.contains('.')
                && l.chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        })
        .map(|l| l.replace(',', ""))
        .collect()
}

fn no_errors(text: &str) {
    let report = check(text);
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| &d.message)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

/// wide/129 (Jiangsu, 2017): the header names one amount column, 金额, where the reference template
/// prints 合计 / 基本支出 / 项目支出. Each row's one figure is in that column; the codes' sums
/// (合计 = 201 + 208 + 221, 201 = 20101, 20101 = its eight items …) confirm the rows.
const ONE_AMOUNT_COLUMN: &str = r#"一般公共预算支出预算表
部门：

功能科目代码

江苏省人大常委会办公厅

功能科目名称
合计

单位：万元

金额
13,649.07

201

一般公共服务支出

10,528.33

20101

人大事务

10,528.33

2010101

行政运行

4,545.94

2010102

一般行政管理事务

2,468.78

2010104

人大会议

1,305.25

2010105

人大立法

810.00

2010106

人大监督

418.75

2010107

人大代表履职能力提升

403.75

2010108

代表工作

428.36

2010109

人大信访工作

47.50

2010199

其他人大事务支出

100.00

208

社会保障和就业支出

1,608.51

20805

行政事业单位离退休

1,608.51

2080504

未归口管理的行政单位离退休

1,608.51

221

住房保障支出

1,512.23

22102

住房改革支出

1,512.23

2210201

住房公积金

494.22

2210202

提租补贴

1,018.01"#;

#[test]
fn a_header_naming_one_amount_column_reads_one_column() {
    let report = check(ONE_AMOUNT_COLUMN);
    let t = &report.tables[0];
    assert_eq!(t.status, "read", "{:?}", t.reason);
    assert_eq!(t.columns.len(), 1);
    let read: Vec<String> = values(t).concat();
    assert_eq!(read, figures(ONE_AMOUNT_COLUMN));
    assert_eq!(t.rows[1].code.as_deref(), Some("201"));
    no_errors(ONE_AMOUNT_COLUMN);
}

/// wide/108 (Zhuhai): codes printed in brackets before the names ("[30101]基本工资"), one cell per
/// line, a page break with the header repeated. The codes are codes: their sums confirm the rows.
const BRACKETED_CODES: &str = r#"一般公共预算基本支出情况表（按经济分类科目）
单位名称：珠海市商务局

单位：万元
部门预算支出经济科目

预算

合计

7,517.32

[301]工资福利支出

5,132.74

[30101]基本工资

636.67

[30102]津贴补贴

2,532.78

[30103]奖金

409.82

[30108]机关事业单位基本养老保险缴费

402.46

[30109]职业年金缴费

201.24

[30110]职工基本医疗保险缴费

153.63

[30111]公务员医疗补助缴费

48.05

[30112]其他社会保障缴费

7.45

[30113]住房公积金

472.88

[30199]其他工资福利支出

267.76

[302]商品和服务支出

524.04

[30201]办公费

32.55

[30202]印刷费

4.40

[30204]手续费

1.58

[30205]水费

7.00

[30207]邮电费

11.30

[30209]物业管理费

18.40

[30211]差旅费

23.00

[30212]因公出国（境）费用

7.70

[30213]维修（护）费

34.20

[30215]会议费

3.00

[30216]培训费

3.00

[30217]公务接待费

6.64

- 13 -

部门预算支出经济科目

预算

[30226]劳务费

3.00

[30227]委托业务费

16.00

[30228]工会经费

33.81

[30239]其他交通费用

118.17

[30299]其他商品和服务支出

200.30

[303]对个人和家庭的补助

1,802.38

[30301]离休费

42.63

[30302]退休费

1,744.91

[30305]生活补助

2.04

[30399]其他对个人和家庭的补助

12.80

[310]资本性支出

58.16

[31002]办公设备购置

14.16

[31007]信息网络及软件购置更新

4.00

[31099]其他资本性支出

40.00

注：无。"#;

#[test]
fn codes_in_brackets_before_names_are_codes() {
    let report = check(BRACKETED_CODES);
    let t = &report.tables[0];
    assert_eq!(t.status, "read", "{:?}", t.reason);
    let read: Vec<String> = values(t).concat();
    assert_eq!(read, figures(BRACKETED_CODES));
    let first = &t.rows[1];
    assert_eq!(
        (first.code.as_deref(), first.label.as_str()),
        (Some("301"), "工资福利支出")
    );
    assert!(t.rows.iter().skip(1).all(|r| r.code.is_some()));
    no_errors(BRACKETED_CODES);
}
