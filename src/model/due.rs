//! What is due across all plans (the "Today" view), computed from the plan summaries alone:
//! no plan is read.
//!
//! Rules (ARCHITECTURE.md, "What is due"):
//! - Only plans in progress count: a draft is not agreed yet, a completed or closed plan has
//!   nothing due.
//! - A step's deadline is due on that day.
//! - A recurring step (per week / per month) runs in periods from the plan's start, as
//!   `evaluation::occurrences` counts them (weeks of 7 days; months from the start's day), until
//!   its deadline or the end of the plan's duration; a period that does not fit whole asks
//!   nothing. With fewer occurrences recorded in the current period than asked, the step is
//!   due on the period's last day; with fewer in the period before, it is behind (overdue since
//!   that period's last day). A step with both a deadline and a frequency recurs until its
//!   deadline and is due at it. One item per step: the earliest of these dates.
//! - A review is due on `ReviewBasis::next_review_due`, with the interval set for the plan's
//!   form (`ReviewIntervals`).
//! - A plan's duration ending within `PLAN_END_DAYS` is shown; one that has ended while the plan
//!   is still in progress is overdue.
//! - Groups: before today → overdue; today; up to `SOON_DAYS` ahead (a plan's end: up to
//!   `PLAN_END_DAYS`) → coming up; later → not shown.

use chrono::{DateTime, Duration, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::plan::{Frequency, PlanStatus};
use super::summary::{DueStep, PlanSummary};
use super::template::TemplateId;

/// Steps and reviews this many days ahead are "coming up".
pub const SOON_DAYS: i64 = 7;
/// A plan's end this many days ahead is "coming up" (time to prepare the final review).
pub const PLAN_END_DAYS: i64 = 14;
/// The review interval a user may set, in months.
pub const MIN_INTERVAL_MONTHS: u32 = 1;
pub const MAX_INTERVAL_MONTHS: u32 = 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    Overdue,
    Today,
    Soon,
}

impl Group {
    pub const ALL: [Group; 3] = [Group::Overdue, Group::Today, Group::Soon];
}

/// What falls due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// A step's deadline.
    Deadline {
        step: DueStepRef,
    },
    /// A recurring step with fewer occurrences in the current period than asked: due at the
    /// period's end. `done` is how many are recorded in it so far.
    Recurring {
        step: DueStepRef,
        frequency: Frequency,
        done: u32,
    },
    /// The last whole period ended with fewer occurrences than asked (`done` of them).
    Behind {
        step: DueStepRef,
        frequency: Frequency,
        done: u32,
    },
    Review,
    /// The plan's agreed duration ends (or ended, for a date before today).
    PlanEnds,
}

/// Which step, and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueStepRef {
    /// Goal and step numbers from 1.
    pub at: (u16, u16),
    pub activity: String,
}

impl What {
    pub fn step(&self) -> Option<&DueStepRef> {
        match self {
            What::Deadline { step } | What::Recurring { step, .. } | What::Behind { step, .. } => {
                Some(step)
            }
            What::Review | What::PlanEnds => None,
        }
    }

    fn order(&self) -> u8 {
        match self {
            What::PlanEnds => 0,
            What::Review => 1,
            What::Behind { .. } => 2,
            What::Deadline { .. } => 3,
            What::Recurring { .. } => 4,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    pub plan: Uuid,
    /// The client's display name (never empty).
    pub client: String,
    pub date: NaiveDate,
    pub group: Group,
    pub what: What,
}

/// The review interval per form, as the user set it; a form not set (or set out of range) takes
/// its template's `review_interval_months`. Stored in the app settings as `{"<form code>": n}`
/// (a field per form rather than a map: less code in the wasm).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewIntervals {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cz_counselling: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bg_child_short_term: Option<u32>,
}

impl ReviewIntervals {
    fn slot(&mut self, template: TemplateId) -> &mut Option<u32> {
        match template {
            TemplateId::CzCounselling => &mut self.cz_counselling,
            TemplateId::BgChildShortTerm => &mut self.bg_child_short_term,
        }
    }

    pub fn months(&self, template: TemplateId) -> u32 {
        let set = match template {
            TemplateId::CzCounselling => self.cz_counselling,
            TemplateId::BgChildShortTerm => self.bg_child_short_term,
        };
        set.filter(|m| (MIN_INTERVAL_MONTHS..=MAX_INTERVAL_MONTHS).contains(m))
            .unwrap_or(template.template().review_interval_months)
    }

    /// Sets the interval; back to the template's own, it is forgotten.
    pub fn set(&mut self, template: TemplateId, months: u32) {
        let default = template.template().review_interval_months;
        *self.slot(template) = (months != default).then_some(months);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntervalError {
    Empty,
    NotANumber,
    OutOfRange,
}

/// Reads a review interval the user typed: whole months, 1 to 24.
pub fn parse_interval(text: &str) -> Result<u32, IntervalError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(IntervalError::Empty);
    }
    let months: u32 = text.parse().map_err(|_| {
        if text.starts_with('-') && text[1..].bytes().all(|b| b.is_ascii_digit()) {
            IntervalError::OutOfRange
        } else {
            IntervalError::NotANumber
        }
    })?;
    if (MIN_INTERVAL_MONTHS..=MAX_INTERVAL_MONTHS).contains(&months) {
        Ok(months)
    } else {
        Err(IntervalError::OutOfRange)
    }
}

/// The calendar date at `now` for a user `offset_minutes` east of UTC (Sofia in winter: 120).
pub fn local_date(now: DateTime<Utc>, offset_minutes: i32) -> NaiveDate {
    let minutes = i64::from(offset_minutes.clamp(-16 * 60, 16 * 60));
    (now + Duration::minutes(minutes)).date_naive()
}

/// Which group a date falls in on `today`, if it is shown (`ahead`: how many days ahead are).
fn group_of(date: NaiveDate, today: NaiveDate, ahead: i64) -> Option<Group> {
    match (date - today).num_days() {
        d if d < 0 => Some(Group::Overdue),
        0 => Some(Group::Today),
        d if d <= ahead => Some(Group::Soon),
        _ => None,
    }
}

/// Everything due on `today` across `plans`, sorted by date (then client, then what).
pub fn due_items(
    plans: &[PlanSummary],
    today: NaiveDate,
    intervals: &ReviewIntervals,
) -> Vec<DueItem> {
    let mut items = Vec::new();
    for p in plans.iter().filter(|p| p.status == PlanStatus::InProgress) {
        let mut push = |date: NaiveDate, ahead: i64, what: What| {
            if let Some(group) = group_of(date, today, ahead) {
                items.push(DueItem {
                    plan: p.id,
                    client: p.display_name().to_string(),
                    date,
                    group,
                    what,
                });
            }
        };
        for step in &p.steps {
            if let Some((date, what)) = step_due(step, p.start(), p.ends_on, today) {
                push(date, SOON_DAYS, what);
            }
        }
        let interval = intervals.months(p.template);
        if let Some(date) = p.review_basis().next_review_due(interval) {
            push(date, SOON_DAYS, What::Review);
        }
        if let Some(end) = p.ends_on {
            push(end, PLAN_END_DAYS, What::PlanEnds);
        }
    }
    // Unstable is enough: no two items of one plan have the same kind and position.
    items.sort_unstable_by(|a, b| {
        (
            a.date,
            &a.client,
            a.plan,
            a.what.order(),
            a.what.step().map(|s| s.at),
        )
            .cmp(&(
                b.date,
                &b.client,
                b.plan,
                b.what.order(),
                b.what.step().map(|s| s.at),
            ))
    });
    items
}

/// How many items are overdue or due today: the count on the plan list.
pub fn urgent_count(items: &[DueItem]) -> usize {
    items.iter().filter(|i| i.group != Group::Soon).count()
}

/// When a step falls due and why: the earliest of its deadline, the end of a past period it
/// fell behind in (only for a step whose occurrences are recorded at all) and the end of the
/// current period it is short in.
pub fn step_due(
    step: &DueStep,
    plan_start: NaiveDate,
    plan_end: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<(NaiveDate, What)> {
    let at = DueStepRef {
        at: step.at,
        activity: step.activity.clone(),
    };
    let mut candidates: Vec<(NaiveDate, What)> = Vec::new();
    if let Some(d) = step.deadline {
        candidates.push((d, What::Deadline { step: at.clone() }));
    }
    let recurring = step.frequency.and_then(|f| match f {
        Frequency::PerWeek { times } | Frequency::PerMonth { times } if times > 0 => {
            Some((f, u32::from(times)))
        }
        _ => None,
    });
    let end = step.deadline.or(plan_end);
    // After its end a step recurs no more (its deadline, if any, says the rest).
    let recurring = recurring.filter(|_| end.is_none_or(|e| today <= e));
    if let Some((frequency, times)) = recurring {
        let fits = |(_, last): (NaiveDate, NaiveDate)| end.is_none_or(|e| last <= e);
        let count = |(first, last): (NaiveDate, NaiveDate)| {
            let last = last.min(today);
            step.occurrences
                .iter()
                .filter(|d| **d >= first && **d <= last)
                .count() as u32
        };
        if let Some((current, previous)) = periods(frequency, plan_start, today) {
            if let Some(prev) = previous.filter(|p| step.tracked && fits(*p)) {
                let done = count(prev);
                if done < times {
                    candidates.push((
                        prev.1,
                        What::Behind {
                            step: at.clone(),
                            frequency,
                            done,
                        },
                    ));
                }
            }
            if fits(current) {
                let done = count(current);
                if done < times {
                    candidates.push((
                        current.1,
                        What::Recurring {
                            step: at,
                            frequency,
                            done,
                        },
                    ));
                }
            }
        }
    }
    candidates.into_iter().min_by_key(|(d, w)| (*d, w.order()))
}

/// The period holding `today` and the one before it (first and last day each), counted from
/// `start`; `None` before the start.
#[allow(clippy::type_complexity)]
pub fn periods(
    frequency: Frequency,
    start: NaiveDate,
    today: NaiveDate,
) -> Option<((NaiveDate, NaiveDate), Option<(NaiveDate, NaiveDate)>)> {
    if today < start {
        return None;
    }
    let day = Duration::days(1);
    match frequency {
        Frequency::PerWeek { .. } => {
            let k = (today - start).num_days() / 7;
            let first = start + Duration::days(7 * k);
            let current = (first, first + Duration::days(6));
            let previous = (k > 0).then(|| (first - Duration::days(7), first - day));
            Some((current, previous))
        }
        Frequency::PerMonth { .. } => {
            let after = |k: u32| start.checked_add_months(Months::new(k));
            // Whole months from the start to today: an estimate from the calendar, corrected.
            let mut k = month_index(today).saturating_sub(month_index(start)) as u32;
            while k > 0 && after(k).is_none_or(|d| d > today) {
                k -= 1;
            }
            while after(k + 1).is_some_and(|d| d <= today) {
                k += 1;
            }
            let first = after(k)?;
            let current = (first, after(k + 1)? - day);
            let previous = match k {
                0 => None,
                _ => after(k - 1).map(|p| (p, first - day)),
            };
            Some((current, previous))
        }
        Frequency::Once => None,
    }
}

fn month_index(d: NaiveDate) -> i64 {
    use chrono::Datelike;
    i64::from(d.year()) * 12 + i64::from(d.month0())
}
