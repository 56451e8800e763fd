//! Life areas: how often each appears in goals, how its goals ended up, how long reaching one
//! took, and how its review ratings moved over time.

use uuid::Uuid;

use super::classify::{days_to_reach_in, GoalOutcome, Month};
use super::filter::Filter;
use crate::model::plan::Plan;
use crate::model::progress;

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
    // Per area: the row, the last plan counted in it, the days to reach of its goals.
    let mut rows: Vec<(AreaRow, Option<Uuid>, Vec<i64>)> = Vec::new();
    for p in plans {
        for g in &p.goals {
            let key = g.life_area.trim();
            let (row, last_plan, days) = super::row(
                &mut rows,
                |r| r.0.area == key,
                || (AreaRow::new(key), None, Vec::new()),
            );
            row.goals += 1;
            // A plan's goals come together, so a plan is new to the area when it differs
            // from the last one counted.
            if *last_plan != Some(p.id) {
                row.plans += 1;
                *last_plan = Some(p.id);
            }
            let series = progress::goal_series(p, g.id);
            match GoalOutcome::of(&series) {
                GoalOutcome::Reached => row.reached += 1,
                GoalOutcome::Partly => row.partly += 1,
                GoalOutcome::Not => row.not += 1,
                GoalOutcome::Unrated => row.unrated += 1,
            }
            days.extend(days_to_reach_in(p, &series));
        }
    }
    let mut out: Vec<AreaRow> = rows
        .into_iter()
        .map(|(mut row, _, days)| {
            row.days_to_reach = median(days);
            row
        })
        .collect();
    out.sort_unstable_by(|a, b| b.goals.cmp(&a.goals).then_with(|| a.area.cmp(&b.area)));
    out
}

impl AreaRow {
    fn new(area: &str) -> AreaRow {
        AreaRow {
            area: area.to_string(),
            goals: 0,
            plans: 0,
            reached: 0,
            partly: 0,
            not: 0,
            unrated: 0,
            days_to_reach: None,
        }
    }
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
    filter: &Filter,
    order: &[AreaRow],
) -> Vec<AreaProgress> {
    // (area, quarter) → (sum of scores, ratings).
    type Sum<'a> = ((&'a str, Month), (u32, usize));
    let mut sums: Vec<Sum> = Vec::new();
    for p in plans {
        for r in &p.reviews {
            if !filter.in_period(r.date) {
                continue;
            }
            for gr in &r.goals {
                let (Some(progress), Some(goal)) = (gr.progress, p.goal(gr.goal)) else {
                    continue;
                };
                let key = (goal.life_area.trim(), Month::of(r.date).quarter());
                let (_, (sum, n)) = super::row(&mut sums, |(k, _)| *k == key, || (key, (0, 0)));
                *sum += u32::from(progress.score());
                *n += 1;
            }
        }
    }
    sums.sort_unstable_by_key(|(k, _)| k.1);
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
