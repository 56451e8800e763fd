//! What the plan list, search, filters and sorting need of a plan — and what the "Today" view
//! (`model::due`) needs — kept small and stored beside each plan, so the app starts from the
//! summaries and reads a whole plan only when it is opened or exported.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::evaluation::{last_review, ReviewBasis};
use super::plan::{Frequency, Horizon, PlanStatus, Step, StepStatus, StoredPlan};
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
    /// When the plan's agreed duration starts (`general.duration_from`); the plan's start is
    /// this, else `created_on` (as `evaluation::plan_start`).
    #[serde(
        rename = "b",
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::time_format::serde_opt_date"
    )]
    pub starts_on: Option<NaiveDate>,
    /// The latest review's date…
    #[serde(
        rename = "lr",
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::time_format::serde_opt_date"
    )]
    pub last_review: Option<NaiveDate>,
    /// …and the next review it set. The due date itself is not stored: it depends on the
    /// review interval, a setting the user can change (`ReviewBasis::next_review_due`).
    #[serde(
        rename = "nr",
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::time_format::serde_opt_date"
    )]
    pub next_review: Option<NaiveDate>,
    /// The open steps with a deadline or a recurring frequency, for a plan in progress only
    /// (no other plan has anything due).
    #[serde(rename = "st", default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<DueStep>,
}

/// The longest activity text a summary keeps, in characters (the "Today" view shows one line).
pub const DUE_ACTIVITY_CHARS: usize = 60;

/// The most occurrence dates a summary keeps per step.
pub const DUE_OCCURRENCES: usize = 31;

/// An open step with timing, as the "Today" view needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueStep {
    /// Where the step is: goal and step numbers from 1, as the editor heads them ("Goal 2 ·
    /// Step 3"). Positions, not ids: two UUIDs would cost 80 characters per step, and the
    /// summary is always rewritten with its plan, so the positions are the stored plan's.
    #[serde(rename = "p")]
    pub at: (u16, u16),
    /// The activity, at most `DUE_ACTIVITY_CHARS` characters (cut with "…").
    #[serde(rename = "a", default, skip_serializing_if = "String::is_empty")]
    pub activity: String,
    #[serde(
        rename = "d",
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::time_format::serde_opt_date"
    )]
    pub deadline: Option<NaiveDate>,
    /// A recurring frequency (per week or per month); "once" is not kept (the deadline says
    /// it all).
    #[serde(
        rename = "f",
        default,
        skip_serializing_if = "Option::is_none",
        with = "compact_frequency"
    )]
    pub frequency: Option<Frequency>,
    /// The occurrences recorded from two periods before the save on (sorted, at most
    /// `DUE_OCCURRENCES`, the latest): enough to count the current and the previous period
    /// on any later day, since no occurrence is recorded without a save.
    #[serde(
        rename = "o",
        default,
        skip_serializing_if = "Vec::is_empty",
        with = "super::time_format::serde_dates"
    )]
    pub occurrences: Vec<NaiveDate>,
    /// Whether any occurrence was ever recorded: only a step whose occurrences are kept can
    /// fall behind (a worker who never uses the register is reminded, not told it is overdue).
    #[serde(rename = "t", default, skip_serializing_if = "std::ops::Not::not")]
    pub tracked: bool,
}

impl DueStep {
    /// The step as a summary keeps it, or `None` when nothing about it can fall due (closed,
    /// or neither a deadline nor a recurring frequency).
    pub fn of(step: &Step, at: (u16, u16), saved_on: NaiveDate) -> Option<DueStep> {
        if matches!(step.status, StepStatus::Done | StepStatus::NotDone) {
            return None;
        }
        let frequency = step.frequency.filter(|f| *f != Frequency::Once);
        if step.deadline.is_none() && frequency.is_none() {
            return None;
        }
        let occurrences = match frequency {
            Some(f) => {
                let from = match f {
                    Frequency::PerMonth { .. } => months_before(saved_on, 2),
                    _ => saved_on - Duration::days(14),
                    // A week's margin: month lengths differ by up to three days.
                } - Duration::days(7);
                let mut dates: Vec<NaiveDate> = step
                    .occurrences
                    .iter()
                    .copied()
                    .filter(|d| *d >= from)
                    .collect();
                // Two sessions on one day are two occurrences, as the editor counts them.
                dates.sort_unstable();
                let extra = dates.len().saturating_sub(DUE_OCCURRENCES);
                dates.drain(..extra);
                dates
            }
            None => Vec::new(),
        };
        Some(DueStep {
            at,
            activity: short_text(&step.activity, DUE_ACTIVITY_CHARS),
            deadline: step.deadline,
            frequency,
            occurrences,
            tracked: !step.occurrences.is_empty(),
        })
    }
}

fn months_before(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_sub_months(chrono::Months::new(months))
        .unwrap_or(NaiveDate::MIN)
}

/// `text` on one line, trimmed, cut to `max` characters (the last one "…") when longer.
pub fn short_text(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// A recurring frequency as 2–4 characters: `w2` (twice a week), `m1` (once a month), `o`.
mod compact_frequency {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    use crate::model::Frequency;

    pub fn serialize<S: Serializer>(f: &Option<Frequency>, s: S) -> Result<S::Ok, S::Error> {
        match f {
            None => s.serialize_none(),
            Some(Frequency::Once) => s.serialize_str("o"),
            Some(Frequency::PerWeek { times }) => s.serialize_str(&format!("w{times}")),
            Some(Frequency::PerMonth { times }) => s.serialize_str(&format!("m{times}")),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Frequency>, D::Error> {
        let Some(text) = Option::<String>::deserialize(d)? else {
            return Ok(None);
        };
        let times = || text.get(1..).and_then(|n| n.parse::<u8>().ok());
        match (text.get(..1), times()) {
            (Some("o"), _) if text.len() == 1 => Ok(Some(Frequency::Once)),
            (Some("w"), Some(times)) => Ok(Some(Frequency::PerWeek { times })),
            (Some("m"), Some(times)) => Ok(Some(Frequency::PerMonth { times })),
            _ => Err(D::Error::custom(format!("not a frequency: '{text}'"))),
        }
    }
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
        let saved_on = stored.updated_at.date_naive();
        let steps = if p.status == PlanStatus::InProgress {
            p.goals
                .iter()
                .enumerate()
                .flat_map(|(g, goal)| {
                    goal.steps.iter().enumerate().filter_map(move |(s, step)| {
                        DueStep::of(step, (number(g), number(s)), saved_on)
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        let last = last_review(p);
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
            starts_on: p.general.duration_from,
            last_review: last.map(|r| r.date),
            next_review: last.and_then(|r| r.next_review),
            steps,
        }
    }

    /// What decides the next review (the same input `evaluation::next_review_due` takes from
    /// the plan).
    pub fn review_basis(&self) -> ReviewBasis {
        ReviewBasis {
            status: self.status,
            horizon: self.horizon,
            start: self.start(),
            last_review: self.last_review.map(|d| (d, self.next_review)),
        }
    }

    /// When the plan's work starts (`evaluation::plan_start`).
    pub fn start(&self) -> NaiveDate {
        self.starts_on.unwrap_or(self.created_on)
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

/// A position from 0 as a number from 1 (saturating: no plan has 65,535 goals).
fn number(i: usize) -> u16 {
    u16::try_from(i + 1).unwrap_or(u16::MAX)
}
