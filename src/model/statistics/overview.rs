//! Who the plans are for: plans and clients by form, status, horizon and oral/written, and
//! new and completed plans per month.

use super::classify::{client_key, closed_on, Month};
use super::filter::Filter;
use crate::model::plan::{Horizon, Plan, PlanForm, PlanStatus};
use crate::model::template::TemplateId;

/// Plans, and the clients they are for, in one group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count<K> {
    pub key: K,
    pub plans: usize,
    pub clients: usize,
}

/// New and completed plans in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthCount {
    pub month: Month,
    /// Plans dated in the month.
    pub new: usize,
    /// Plans completed in the month (by their status record).
    pub completed: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    pub plans: usize,
    pub clients: usize,
    pub by_template: Vec<Count<TemplateId>>,
    pub by_status: Vec<Count<PlanStatus>>,
    pub by_horizon: Vec<Count<Horizon>>,
    pub by_form: Vec<Count<PlanForm>>,
    /// Every month from the first to the last with a new or completed plan (within the
    /// period when it has both ends), gaps included.
    pub months: Vec<MonthCount>,
    /// Completed plans with no completion date recorded: in no month.
    pub completed_undated: usize,
}

fn clients(plans: &[&Plan]) -> usize {
    // Sorted and deduplicated rather than hashed: no hasher in the wasm for this.
    let mut keys: Vec<_> = plans.iter().map(|p| client_key(p)).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.len()
}

fn breakdown<K: Copy + PartialEq>(
    plans: &[&Plan],
    keys: &[K],
    key_of: impl Fn(&Plan) -> K,
) -> Vec<Count<K>> {
    keys.iter()
        .map(|&key| {
            let group: Vec<&Plan> = plans.iter().copied().filter(|p| key_of(p) == key).collect();
            Count {
                key,
                plans: group.len(),
                clients: clients(&group),
            }
        })
        .collect()
}

pub fn overview(plans: &[&Plan], filter: &Filter) -> Overview {
    let new: Vec<Month> = plans
        .iter()
        .map(|p| p.created_on)
        .filter(|d| filter.in_period(*d))
        .map(Month::of)
        .collect();
    let completed_plans: Vec<&&Plan> = plans
        .iter()
        .filter(|p| p.status == PlanStatus::Completed)
        .collect();
    let completed: Vec<Month> = completed_plans
        .iter()
        .filter_map(|p| closed_on(p))
        .filter(|d| filter.in_period(*d))
        .map(Month::of)
        .collect();
    let first = filter
        .from
        .map(Month::of)
        .or_else(|| new.iter().chain(&completed).min().copied());
    let last = filter
        .until
        .map(Month::of)
        .or_else(|| new.iter().chain(&completed).max().copied());
    let mut months = Vec::new();
    if let (Some(mut m), Some(last)) = (first, last) {
        while m <= last {
            months.push(MonthCount {
                month: m,
                new: new.iter().filter(|x| **x == m).count(),
                completed: completed.iter().filter(|x| **x == m).count(),
            });
            m = m.next();
        }
    }
    Overview {
        plans: plans.len(),
        clients: clients(plans),
        by_template: breakdown(plans, &TemplateId::ALL, |p| p.template),
        by_status: breakdown(plans, &PlanStatus::ALL, |p| p.status),
        by_horizon: breakdown(plans, &[Horizon::OneOff, Horizon::LongTerm], |p| p.horizon),
        by_form: breakdown(plans, &[PlanForm::Written, PlanForm::Oral], |p| p.form),
        months,
        completed_undated: completed_plans
            .iter()
            .filter(|p| closed_on(p).is_none())
            .count(),
    }
}
