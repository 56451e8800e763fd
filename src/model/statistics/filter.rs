//! Which plans a report covers: a period, a form, a status and a key worker.

use chrono::NaiveDate;

use super::classify::span;
use crate::model::plan::{Plan, PlanStatus};
use crate::model::query::fold;
use crate::model::template::TemplateId;

/// Every part is optional: `Filter::default()` covers every plan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Plans that ran on at least one day from `from` to `until` (both included).
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub template: Option<TemplateId>,
    pub status: Option<PlanStatus>,
    /// A key worker as `key_workers` lists them (compared without case, diacritics or outer
    /// spaces).
    pub key_worker: Option<String>,
}

impl Filter {
    pub fn covers(&self, plan: &Plan, today: NaiveDate) -> bool {
        let (start, end) = span(plan, today);
        self.from.is_none_or(|from| end >= from)
            && self.until.is_none_or(|until| start <= until)
            && self.template.is_none_or(|t| plan.template == t)
            && self.status.is_none_or(|s| plan.status == s)
            && self
                .key_worker
                .as_deref()
                .is_none_or(|k| same_name(k, &plan.general.key_worker))
    }
}

impl Filter {
    /// Whether something dated `d` (a plan's date, a completion, a review) falls in the period.
    pub fn in_period(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|from| d >= from) && self.until.is_none_or(|until| d <= until)
    }
}

fn same_name(a: &str, b: &str) -> bool {
    fold(a.trim()) == fold(b.trim())
}

/// The key workers named in `plans`, once each (as first written), sorted; unnamed left out.
pub fn key_workers<'a>(plans: impl IntoIterator<Item = &'a Plan>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in plans {
        let name = p.general.key_worker.trim();
        if !name.is_empty() && !out.iter().any(|k| same_name(k, name)) {
            out.push(name.to_string());
        }
    }
    out.sort_unstable_by_key(|k| fold(k));
    out
}
