//! What the plan list, search, filters and sorting need of a plan — and what a "due" view
//! will need — kept small and stored beside each plan, so the app starts from the summaries
//! and reads a whole plan only when it is opened or exported.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::plan::{Horizon, PlanStatus, StepStatus, StoredPlan};
use super::template::TemplateId;
use super::Lang;

/// Serde names are short: one summary per plan is stored, and every character counts
/// against the browser's quota.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub id: Uuid,
    /// The stored revision (`N-<id>`), to tell whether a summary still matches its plan.
    #[serde(rename = "r")]
    pub rev: String,
    #[serde(rename = "u", with = "super::time_format::serde_timestamp")]
    pub updated_at: DateTime<Utc>,
    #[serde(rename = "n")]
    pub client_name: String,
    #[serde(rename = "t")]
    pub template: TemplateId,
    #[serde(rename = "l")]
    pub language: Lang,
    #[serde(rename = "s")]
    pub status: PlanStatus,
    #[serde(rename = "h")]
    pub horizon: Horizon,
    #[serde(rename = "c", with = "super::time_format::serde_date")]
    pub created_on: NaiveDate,
    #[serde(rename = "k", default)]
    pub key_worker: String,
    #[serde(rename = "cp", default)]
    pub is_copy: bool,
    /// The earliest deadline of a step not done yet.
    #[serde(rename = "d", default, with = "super::time_format::serde_opt_date")]
    pub next_deadline: Option<NaiveDate>,
    /// When the plan's agreed duration ends (a review is due then at the latest).
    #[serde(rename = "e", default, with = "super::time_format::serde_opt_date")]
    pub ends_on: Option<NaiveDate>,
}

impl PlanSummary {
    pub fn of(stored: &StoredPlan) -> PlanSummary {
        let p = &stored.plan;
        let next_deadline = p
            .goals
            .iter()
            .flat_map(|g| &g.steps)
            .filter(|s| !matches!(s.status, StepStatus::Done | StepStatus::NotDone))
            .filter_map(|s| s.deadline)
            .min();
        PlanSummary {
            id: p.id,
            rev: stored.revisions.rev().unwrap_or_default(),
            updated_at: stored.updated_at,
            client_name: p.general.client_name.clone(),
            template: p.template,
            language: p.language,
            status: p.status,
            horizon: p.horizon,
            created_on: p.created_on,
            key_worker: p.general.key_worker.clone(),
            is_copy: p.copied_from.is_some(),
            next_deadline,
            ends_on: p.general.duration_until,
        }
    }

    /// The display name of the client, never empty (lists need something to click).
    pub fn display_name(&self) -> &str {
        let name = self.client_name.trim();
        if name.is_empty() {
            "—"
        } else {
            name
        }
    }
}
