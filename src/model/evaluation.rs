//! Carrying out a plan and reviewing it: how often a recurring step should have happened by
//! now, and when the next review is due.

use chrono::{Months, NaiveDate};

use super::plan::{Frequency, Horizon, Plan, PlanStatus, Review, Step};

/// When the plan's work starts: the first day of its agreed duration, else the day it was made.
pub fn plan_start(plan: &Plan) -> NaiveDate {
    plan.general.duration_from.unwrap_or(plan.created_on)
}

/// A recurring step's record against what its frequency asks: "3 of 8 so far".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OccurrenceCount {
    /// Occurrences recorded up to and including `today`.
    pub done: usize,
    /// How many the frequency asks for by `today`: whole periods elapsed since the start.
    pub expected_so_far: u32,
    /// How many it asks for over the whole step, when the step has an end.
    pub expected_total: Option<u32>,
}

impl OccurrenceCount {
    /// Fewer recorded than asked for so far.
    pub fn behind(&self) -> bool {
        (self.done as u64) < u64::from(self.expected_so_far)
    }
}

/// The record of a step with a frequency; `None` for a step without one. The step runs from
/// the plan's start to its deadline (or the end of the plan's duration).
pub fn occurrences(plan: &Plan, step: &Step, today: NaiveDate) -> Option<OccurrenceCount> {
    let frequency = step.frequency?;
    let start = plan_start(plan);
    let end = step.deadline.or(plan.general.duration_until);
    let done = step.occurrences.iter().filter(|d| **d <= today).count();
    let until_today = end.map_or(today, |e| e.min(today));
    Some(OccurrenceCount {
        done,
        expected_so_far: expected_between(frequency, start, until_today, step.deadline),
        expected_total: end.map(|e| expected_between(frequency, start, e, step.deadline)),
    })
}

/// Occurrences asked for from `start` to `until`, both days included. "Once" is asked for by
/// its deadline (when it has none, by nothing in particular: 0 so far).
fn expected_between(
    frequency: Frequency,
    start: NaiveDate,
    until: NaiveDate,
    deadline: Option<NaiveDate>,
) -> u32 {
    if until < start {
        return 0;
    }
    match frequency {
        Frequency::Once => u32::from(deadline.is_some_and(|d| d <= until)),
        Frequency::PerWeek { times } => {
            let days = (until - start).num_days() + 1;
            (days / 7) as u32 * u32::from(times)
        }
        Frequency::PerMonth { times } => whole_months(start, until) * u32::from(times),
    }
}

/// Whole months from `start` to `until` (both included): 1 Jan … 31 Jan is one month.
fn whole_months(start: NaiveDate, until: NaiveDate) -> u32 {
    let Some(day_after) = until.succ_opt() else {
        return 0;
    };
    let mut months = 0u32;
    while start
        .checked_add_months(Months::new(months + 1))
        .is_some_and(|d| d <= day_after)
    {
        months += 1;
    }
    months
}

/// The date `months` after `from` (the last day of a shorter month when needed).
pub fn months_after(from: NaiveDate, months: u32) -> NaiveDate {
    from.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The latest review by date (the last recorded of those on one day).
pub fn last_review(plan: &Plan) -> Option<&Review> {
    plan.reviews
        .iter()
        .enumerate()
        .max_by_key(|(i, r)| (r.date, *i))
        .map(|(_, r)| r)
}

/// The date a new review proposes as the next one: `interval_months` after `date`.
pub fn proposed_next_review(date: NaiveDate, interval_months: u32) -> NaiveDate {
    months_after(date, interval_months)
}

/// What decides when a plan's next review is due, apart from the interval: the plan's and the
/// summary's (`PlanSummary::review_basis`) shared input, so the plan view and the "Today" view
/// cannot disagree. The interval is not part of it: it is a setting the user may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewBasis {
    pub status: PlanStatus,
    pub horizon: Horizon,
    /// `plan_start`.
    pub start: NaiveDate,
    /// The latest review's date and the next review it set.
    pub last_review: Option<(NaiveDate, Option<NaiveDate>)>,
}

impl ReviewBasis {
    pub fn of(plan: &Plan) -> ReviewBasis {
        ReviewBasis {
            status: plan.status,
            horizon: plan.horizon,
            start: plan_start(plan),
            last_review: last_review(plan).map(|r| (r.date, r.next_review)),
        }
    }

    /// When the next review is due: the date the last review set, else `interval_months`
    /// after the last review or, before any, after the plan's start. `None` for a plan that
    /// is not running (draft, completed, other) or a one-off plan (evaluated at the end of its
    /// meeting).
    pub fn next_review_due(&self, interval_months: u32) -> Option<NaiveDate> {
        if self.status != PlanStatus::InProgress || self.horizon == Horizon::OneOff {
            return None;
        }
        Some(match self.last_review {
            Some((date, next)) => {
                next.unwrap_or_else(|| proposed_next_review(date, interval_months))
            }
            None => proposed_next_review(self.start, interval_months),
        })
    }
}

/// When the plan's next review is due (see `ReviewBasis::next_review_due`).
pub fn next_review_due(plan: &Plan, interval_months: u32) -> Option<NaiveDate> {
    ReviewBasis::of(plan).next_review_due(interval_months)
}
