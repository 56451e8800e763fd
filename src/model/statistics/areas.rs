//! Life areas: how often each appears in goals, how its goals ended up, how long reaching one
//! took, and how its review ratings moved over time.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;

use super::classify::{days_to_reach, goal_outcome, GoalOutcome, Month};
use crate::model::plan::Plan;

/// A life area by its key (the same key in both forms is the same area); "" is "not chosen".
pub type AreaKey = String;

/// A median and how many values it rests on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Median {
    pub value: f64,
    pub of: usize,
}

pub fn median(mut values: Vec<i64>) -> Option<Median> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    let value = if n % 2 == 1 {
        values[n / 2] as f64
    } else {
        (values[n / 2 - 1] + values[n / 2]) as f64 / 2.0
    };
    Some(Median { value, of: n })
}

#[derive(Debug, Clone, PartialEq)]
pub struct AreaRow {
    pub area: AreaKey,
    pub goals: usize,
    /// Plans with at least one goal in the area.
    pub plans: usize,
    pub reached: usize,
    pub partly: usize,
    pub not: usize,
    pub unrated: usize,
    /// Days from the plan's date to the first "reached" rating, over the reached goals.
    pub days_to_reach: Option<Median>,
}

/// Areas by how many goals name them, most first (ties by key).
pub fn areas(plans: &[&Plan]) -> Vec<AreaRow> {
    let mut rows: BTreeMap<&str, (AreaRow, HashSet<uuid::Uuid>, Vec<i64>)> = BTreeMap::new();
    for p in plans {
        for g in &p.goals {
            let key = g.life_area.trim();
            let (row, in_plans, days) = rows.entry(key).or_insert_with(|| {
                let row = AreaRow {
                    area: key.to_string(),
                    goals: 0,
                    plans: 0,
                    reached: 0,
                    partly: 0,
                    not: 0,
                    unrated: 0,
                    days_to_reach: None,
                };
                (row, HashSet::new(), Vec::new())
            });
            row.goals += 1;
            in_plans.insert(p.id);
            match goal_outcome(p, g) {
                GoalOutcome::Reached => row.reached += 1,
                GoalOutcome::Partly => row.partly += 1,
                GoalOutcome::Not => row.not += 1,
                GoalOutcome::Unrated => row.unrated += 1,
            }
            days.extend(days_to_reach(p, g));
        }
    }
    let mut out: Vec<AreaRow> = rows
        .into_values()
        .map(|(mut row, in_plans, days)| {
            row.plans = in_plans.len();
            row.days_to_reach = median(days);
            row
        })
        .collect();
    out.sort_by(|a, b| b.goals.cmp(&a.goals).then_with(|| a.area.cmp(&b.area)));
    out
}

/// The mean rating (0 not started … 3 reached) of an area's goals in the reviews of one quarter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuarterScore {
    /// The quarter, as its first month.
    pub quarter: Month,
    pub mean: f64,
    /// How many ratings it rests on.
    pub ratings: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AreaProgress {
    pub area: AreaKey,
    pub quarters: Vec<QuarterScore>,
}

/// Per area, the ratings its goals got in reviews dated within the period, by quarter. Areas
/// in the order of `order` (the areas table's), those never rated left out.
pub fn progress_by_quarter(
    plans: &[&Plan],
    period: (Option<NaiveDate>, Option<NaiveDate>),
    order: &[AreaRow],
) -> Vec<AreaProgress> {
    let mut sums: BTreeMap<(&str, Month), (u32, usize)> = BTreeMap::new();
    for p in plans {
        for r in &p.reviews {
            let in_period =
                period.0.is_none_or(|f| r.date >= f) && period.1.is_none_or(|u| r.date <= u);
            if !in_period {
                continue;
            }
            for gr in &r.goals {
                let (Some(progress), Some(goal)) = (gr.progress, p.goal(gr.goal)) else {
                    continue;
                };
                let e = sums
                    .entry((goal.life_area.trim(), Month::of(r.date).quarter()))
                    .or_default();
                e.0 += u32::from(progress.score());
                e.1 += 1;
            }
        }
    }
    order
        .iter()
        .filter_map(|row| {
            let quarters: Vec<QuarterScore> = sums
                .iter()
                .filter(|((area, _), _)| *area == row.area)
                .map(|((_, quarter), (sum, n))| QuarterScore {
                    quarter: *quarter,
                    mean: f64::from(*sum) / *n as f64,
                    ratings: *n,
                })
                .collect();
            (!quarters.is_empty()).then(|| AreaProgress {
                area: row.area.clone(),
                quarters,
            })
        })
        .collect()
}
