//! What N303 and N304 share: a year-on-year statement with its figures resolved, and the change
//! it implies.

use super::common::{corners, figure_yuan, is_change_phrase, is_money, Yuan};
use crate::amount::Interval;
use crate::model::{Change, Direction, Figure, FigureUnit, Narrative};
use rust_decimal::Decimal;

/// A year-on-year statement whose figures can be used.
pub struct Resolved<'a> {
    pub change: &'a Change,
    pub current: Option<(usize, Yuan)>,
    /// A quoted base value ("2025年当年预算执行数为…").
    pub base: Option<(usize, Yuan)>,
    pub amount: Option<(usize, &'a Figure)>,
    pub percent: Option<(usize, &'a Figure)>,
}

/// The narrative's year-on-year statements, with the figures that are some statement's current
/// figure, amount or percentage marked once: resolving every statement, and asking whether a figure
/// is a statement's current figure, are then linear in the statements.
pub struct Statements<'a> {
    n: &'a Narrative,
    is_current: Vec<bool>,
    is_amount: Vec<bool>,
    is_percent: Vec<bool>,
}

impl<'a> Statements<'a> {
    pub fn of(n: &'a Narrative) -> Self {
        let mut is_current = vec![false; n.figures.len()];
        let mut is_amount = vec![false; n.figures.len()];
        let mut is_percent = vec![false; n.figures.len()];
        for c in &n.changes {
            for (marks, i) in [
                (&mut is_current, c.current),
                (&mut is_amount, c.amount),
                (&mut is_percent, c.percent),
            ] {
                if let Some(m) = i.and_then(|i| marks.get_mut(i)) {
                    *m = true;
                }
            }
        }
        Statements {
            n,
            is_current,
            is_amount,
            is_percent,
        }
    }

    /// Every statement with its figures resolved (see [`resolve`]).
    pub fn resolved(&self) -> impl Iterator<Item = Resolved<'a>> + '_ {
        self.n
            .changes
            .iter()
            .map(|c| resolve(self.n, c, &self.is_amount, &self.is_percent))
    }

    /// True when figure `i` is the current figure of some statement.
    pub fn is_current(&self, i: usize) -> bool {
        marked(&self.is_current, i)
    }
}

fn marked(marks: &[bool], i: usize) -> bool {
    marks.get(i).copied().unwrap_or(false)
}

/// The statement's figures, dropping links the reader made that cannot be right: a base value that
/// is itself the amount (`is_amount`) or the percentage (`is_percent`) of a statement, a current
/// figure that is a change.
fn resolve<'a>(
    n: &'a Narrative,
    c: &'a Change,
    is_amount: &[bool],
    is_percent: &[bool],
) -> Resolved<'a> {
    let current = c
        .current
        .filter(|&i| !marked(is_amount, i) && !is_change_phrase(&n.figures[i].subject))
        .and_then(|i| Some((i, figure_yuan(&n.figures[i])?)));
    let base = c
        .base_value
        .filter(|&i| {
            !marked(is_amount, i)
                && Some(i) != c.current
                && !marked(is_percent, i)
                && !is_change_phrase(&n.figures[i].subject)
        })
        .and_then(|i| Some((i, figure_yuan(&n.figures[i])?)));
    let amount = c
        .amount
        .map(|i| (i, &n.figures[i]))
        .filter(|(_, f)| is_money(f));
    let percent = c
        .percent
        .map(|i| (i, &n.figures[i]))
        .filter(|(_, f)| f.unit == FigureUnit::Percent);
    Resolved {
        change: c,
        current,
        base,
        amount,
        percent,
    }
}

/// The direction the statement's words give, preferring the amount's word.
pub fn word(c: &Change) -> Option<Direction> {
    c.amount_direction.or(c.percent_direction)
}

/// The base (last year's figure) implied by the current figure and the stated amount of change:
/// `current − amount` for an increase, `current + amount` for a decrease. Exact value and interval.
pub fn implied_base(current: Yuan, amount: Yuan, dir: Direction) -> Option<(Decimal, Interval)> {
    let c = current.interval();
    let a = amount.interval();
    match dir {
        Direction::Increase => Some((current.value - amount.value, c.minus(a))),
        Direction::Decrease => Some((current.value + amount.value, c.plus(a))),
        Direction::Flat => None,
    }
}

/// `100 · amount / base` where base = current ∓ amount: exact value and the range over the
/// rounding intervals of current and amount (the function is monotone in each, so its extremes
/// are at the corners). `None` when the base can be zero.
pub fn rate_from_amount(
    current: Yuan,
    amount: Yuan,
    dir: Direction,
) -> Option<(Decimal, Interval)> {
    let (_, base_iv) = implied_base(current, amount, dir)?;
    if base_iv.lo <= Decimal::ZERO && base_iv.hi >= Decimal::ZERO {
        return None;
    }
    let sign = if dir == Direction::Increase {
        Decimal::NEGATIVE_ONE
    } else {
        Decimal::ONE
    };
    let f = |a: Decimal, c: Decimal| {
        let b = c + sign * a;
        a.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(b)
    };
    let range = corners(amount.interval(), current.interval(), f)?;
    let exact = f(amount.value, current.value)?;
    Some((exact.abs(), abs_interval(range)))
}

/// `100 · (current − base) / base`: exact value (signed) and range.
pub fn rate_from_base(current: Yuan, base: Yuan) -> Option<(Decimal, Interval)> {
    let b = base.interval();
    if b.lo <= Decimal::ZERO && b.hi >= Decimal::ZERO {
        return None;
    }
    let f = |c: Decimal, v: Decimal| (c - v).checked_mul(Decimal::ONE_HUNDRED)?.checked_div(v);
    let range = corners(current.interval(), base.interval(), f)?;
    Some((f(current.value, base.value)?, range))
}

/// The interval of |x| for x in the interval.
pub fn abs_interval(i: Interval) -> Interval {
    if i.lo >= Decimal::ZERO {
        i
    } else if i.hi <= Decimal::ZERO {
        Interval {
            lo: -i.hi,
            hi: -i.lo,
        }
    } else {
        Interval {
            lo: Decimal::ZERO,
            hi: i.hi.max(-i.lo),
        }
    }
}

/// Which way `current` stands from `base` by the printed figures' intervals: equal values are flat;
/// a rise or a fall only when the intervals do not overlap (touching intervals do not: 57.98 and
/// 57.99 cannot be the same number rounded); overlapping intervals of different values cannot be
/// told apart (None).
pub fn direction_between(current: Yuan, base: Yuan) -> Option<Direction> {
    let (ci, bi) = (current.interval(), base.interval());
    if current.value == base.value {
        Some(Direction::Flat)
    } else if ci.lo >= bi.hi && current.value > base.value && !ci.intersects(bi) {
        Some(Direction::Increase)
    } else if ci.hi <= bi.lo && current.value < base.value && !ci.intersects(bi) {
        Some(Direction::Decrease)
    } else {
        None
    }
}

pub fn direction_zh(d: Direction) -> &'static str {
    match d {
        Direction::Increase => "增加",
        Direction::Decrease => "减少",
        Direction::Flat => "持平",
    }
}

pub fn direction_en(d: Direction) -> &'static str {
    match d {
        Direction::Increase => "an increase",
        Direction::Decrease => "a decrease",
        Direction::Flat => "no change",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn printed(s: &str) -> Yuan {
        let v = Decimal::from_str(s).unwrap();
        Yuan {
            value: v,
            half: crate::amount::half_unit(v),
        }
    }

    #[test]
    fn direction_between_printed_figures() {
        // Touching intervals do not overlap: 57.99 is more than 57.98.
        assert_eq!(
            direction_between(printed("57.99"), printed("57.98")),
            Some(Direction::Increase)
        );
        assert_eq!(
            direction_between(printed("2066.84"), printed("2325.72")),
            Some(Direction::Decrease)
        );
        assert_eq!(
            direction_between(printed("10.00"), printed("10.00")),
            Some(Direction::Flat)
        );
        // 57.9 stands for [57.85, 57.95): it may be 57.94, so neither way can be told.
        assert_eq!(direction_between(printed("57.9"), printed("57.94")), None);
    }
}
