//! Statistics over plans, for the service (seed 000: where staff need training, strategic
//! planning): who the plans are for, in which life areas, how goals end up, where steps
//! stall. Pure functions over plans already read; the screen only shows them. Plans from
//! several files are joined first (`join`), each plan counted once.

pub mod anonymised;
pub mod areas;
pub mod classify;
pub mod filter;
pub mod follow_through;
pub mod overview;

use chrono::NaiveDate;

use crate::model::plan::{Plan, StoredPlan};
use crate::model::revision::{relate, Relation};

pub use areas::{AreaProgress, AreaRow, Median, QuarterScore};
pub use classify::{Month, StepOutcome};
pub use filter::{key_workers, Filter};
pub use follow_through::{FollowThrough, Group, GroupCounts, StepCounts, MIN_PLANS};
pub use overview::{Count, MonthCount, Overview};

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub overview: Overview,
    pub areas: Vec<AreaRow>,
    pub progress: Vec<AreaProgress>,
    pub follow_through: FollowThrough,
}

/// Every figure for the plans `filter` covers, as of `today`.
pub fn report<'a>(
    plans: impl IntoIterator<Item = &'a Plan>,
    filter: &Filter,
    today: NaiveDate,
) -> Report {
    let chosen: Vec<&Plan> = plans
        .into_iter()
        .filter(|p| filter.covers(p, today))
        .collect();
    let areas = areas::areas(&chosen);
    Report {
        overview: overview::overview(&chosen, filter),
        progress: areas::progress_by_quarter(&chosen, filter, &areas),
        areas,
        follow_through: follow_through::follow_through(&chosen, today),
    }
}

/// The row `found` picks in `rows`, added by `new` when there is none. A linear search: the
/// statistics keep a few dozen groups, and a map would bring its code into the wasm.
fn row<T>(rows: &mut Vec<T>, found: impl Fn(&T) -> bool, new: impl FnOnce() -> T) -> &mut T {
    let i = match rows.iter().position(found) {
        Some(i) => i,
        None => {
            rows.push(new());
            rows.len() - 1
        }
    };
    &mut rows[i]
}

/// Joins plans from several sources, each plan once: of two copies of one plan the later
/// version (by revision; two diverged copies: the one saved last). Returns the plans and
/// how many copies were dropped.
pub fn join(sources: impl IntoIterator<Item = StoredPlan>) -> (Vec<StoredPlan>, usize) {
    let mut out: Vec<StoredPlan> = Vec::new();
    let mut dropped = 0;
    for plan in sources {
        match out.iter_mut().find(|p| p.id() == plan.id()) {
            None => out.push(plan),
            Some(seen) => {
                dropped += 1;
                let newer = match relate(&seen.revisions, &plan.revisions) {
                    Relation::TheirsNewer => true,
                    Relation::Identical | Relation::TheirsOlder => false,
                    Relation::Conflict => plan.updated_at > seen.updated_at,
                };
                if newer {
                    *seen = plan;
                }
            }
        }
    }
    (out, dropped)
}
