//! How one plan, goal or step counts in the statistics: a step's outcome against its deadline,
//! a goal's latest rating and when it was reached, when a plan was closed, who a step's
//! "responsible" text names, a client's age band. Each rule is a one-line definition the
//! statistics screen repeats under its figure.

use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

use crate::model::plan::{Goal, Plan, PlanStatus, Progress, Role, Step, StepStatus};
use crate::model::progress::{self, Rating};
use crate::model::query::fold;
use crate::model::template::TemplateId;

/// Who a plan is for: the same name (folded: case and diacritics aside) and date of birth is
/// the same client. A plan with no
/// name stands for a client of its own.
pub fn client_key(plan: &Plan) -> (String, Option<NaiveDate>, Option<Uuid>) {
    let name = fold(plan.general.client_name.trim());
    let own = name.is_empty().then_some(plan.id);
    (name, plan.general.date_of_birth, own)
}

/// A step against its deadline, on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StepOutcome {
    /// Done by its deadline (or done with no deadline, or with no date of doing recorded).
    OnTime,
    /// Done after its deadline.
    Late,
    /// Marked "not done".
    NotDone,
    /// Planned or in progress, and its deadline has passed.
    Overdue,
    /// Planned or in progress, not due yet (or with no deadline).
    Open,
}

impl StepOutcome {
    pub const ALL: [StepOutcome; 5] = [
        StepOutcome::OnTime,
        StepOutcome::Late,
        StepOutcome::NotDone,
        StepOutcome::Overdue,
        StepOutcome::Open,
    ];

    /// The stable code used in exports.
    pub fn code(self) -> &'static str {
        match self {
            StepOutcome::OnTime => "on_time",
            StepOutcome::Late => "late",
            StepOutcome::NotDone => "not_done",
            StepOutcome::Overdue => "overdue",
            StepOutcome::Open => "open",
        }
    }
}

pub fn step_outcome(step: &Step, today: NaiveDate) -> StepOutcome {
    match step.status {
        StepStatus::Done => match (step.deadline, step.status_on) {
            (Some(deadline), Some(done)) if done > deadline => StepOutcome::Late,
            _ => StepOutcome::OnTime,
        },
        StepStatus::NotDone => StepOutcome::NotDone,
        StepStatus::Planned | StepStatus::InProgress => match step.deadline {
            Some(deadline) if deadline < today => StepOutcome::Overdue,
            _ => StepOutcome::Open,
        },
    }
}

pub use crate::model::progress::GoalOutcome;

pub fn goal_outcome(plan: &Plan, goal: &Goal) -> GoalOutcome {
    progress::outcome(plan, goal.id)
}

/// The date of the first review that rated the goal "reached", from its ratings in date order.
pub fn reached_on(series: &[Rating]) -> Option<NaiveDate> {
    series
        .iter()
        .find(|r| r.progress == Progress::Reached)
        .map(|r| r.date)
}

/// Days from the plan's date (the agreement) to the goal's first "reached" rating.
pub fn days_to_reach(plan: &Plan, goal: &Goal) -> Option<i64> {
    days_to_reach_in(plan, &progress::goal_series(plan, goal.id))
}

/// `days_to_reach` from the goal's ratings, for callers that have them already.
pub fn days_to_reach_in(plan: &Plan, series: &[Rating]) -> Option<i64> {
    reached_on(series).map(|d| (d - plan.created_on).num_days().max(0))
}

/// When a completed or otherwise closed plan was closed: its last recorded status change to
/// its present status. `None` for an open plan, or a closed one with no change recorded
/// (plans closed through the form's status field before the status record existed).
pub fn closed_on(plan: &Plan) -> Option<NaiveDate> {
    if !matches!(plan.status, PlanStatus::Completed | PlanStatus::Other) {
        return None;
    }
    plan.status_log
        .iter()
        .filter(|c| c.to == plan.status)
        .map(|c| c.on)
        .max()
}

/// The days a plan ran: from its date to the day it was closed, or to `today` while open (a
/// closed plan with no closing date recorded: to the end of its agreed duration, else its date).
pub fn span(plan: &Plan, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let start = plan.created_on;
    let end = match plan.status {
        PlanStatus::Completed | PlanStatus::Other => closed_on(plan)
            .or(plan.general.duration_until)
            .unwrap_or(start),
        PlanStatus::Draft | PlanStatus::InProgress => today,
    };
    (start, end.max(start))
}

/// Words that name a role in a step's "responsible" text, in the three languages, folded
/// (lower case, no Czech diacritics: `query::fold`, as the text is).
/// Checked in this order, so "client's sister" is family and "ОЗД social worker" is child
/// protection, not the team.
const ROLE_WORDS: &[(Role, &[&str])] = &[
    (
        Role::ChildProtectionSocialWorker,
        &[
            "озд",
            "закрила",
            "ospod",
            "child protection",
            "socialni pracovnice ospod",
        ],
    ),
    (
        Role::TeamSocialWorker,
        &[
            "от екипа",
            "екип",
            "team",
            "social worker",
            "социален работник",
        ],
    ),
    (
        Role::KeyCounsellor,
        &[
            "klicov",
            "key worker",
            "key counsellor",
            "ключов",
            "pracovnik",
            "pracovnice",
            "counsellor",
        ],
    ),
    (
        Role::ParentOrLegalRepresentative,
        &[
            "родител",
            "майка",
            "баща",
            "rodic",
            "matka",
            "otec",
            "parent",
            "mother",
            "father",
            "guardian",
            "настойник",
            "opatrovnik",
        ],
    ),
    (
        Role::FamilyMember,
        &[
            "sestra",
            "bratr",
            "babick",
            "dedec",
            "teta",
            "stryc",
            "сестра",
            "брат",
            "баба",
            "дядо",
            "леля",
            "чичо",
            "sister",
            "brother",
            "grandm",
            "grandf",
            "aunt",
            "uncle",
            "family",
            "rodin",
            "семейств",
        ],
    ),
    (Role::Child, &["дете", "детето", "dite", "child"]),
    (Role::Client, &["klient", "клиент", "client"]),
    (
        Role::NetworkMember,
        &[
            "poradn",
            "skol",
            "psycholog",
            "психолог",
            "училищ",
            "класен",
            "school",
            "service",
            "nurse",
            "teacher",
            "ucitel",
            "учител",
            "lekar",
            "лекар",
            "doctor",
            "urad",
            "office",
        ],
    ),
];

/// The role a step's "responsible" text names: a participant named in it (the key worker
/// counts as the form's worker role), else the first role whose words it contains, else
/// `None` (not recognised). One role per step, so the roles add up to the steps.
pub fn responsible_role(plan: &Plan, step: &Step) -> Option<Role> {
    RoleReader::new(plan).role(step)
}

/// Reads `responsible_role` for the steps of one plan, its people's names folded once.
pub struct RoleReader {
    /// Participants' names (then the key worker's), folded, with their roles; none empty.
    names: Vec<(String, Role)>,
}

impl RoleReader {
    pub fn new(plan: &Plan) -> RoleReader {
        let names = plan
            .participants
            .iter()
            .map(|p| (p.name.as_str(), p.role))
            .chain([(plan.general.key_worker.as_str(), worker_role(plan.template))])
            .map(|(name, role)| (fold(name.trim()), role))
            .filter(|(name, _)| !name.is_empty())
            .collect();
        RoleReader { names }
    }

    pub fn role(&self, step: &Step) -> Option<Role> {
        let text = fold(step.responsible.trim());
        if text.is_empty() {
            return None;
        }
        if let Some((_, role)) = self.names.iter().find(|(name, _)| text.contains(name)) {
            return Some(*role);
        }
        ROLE_WORDS
            .iter()
            .find(|(_, words)| words.iter().any(|w| text.contains(w)))
            .map(|(role, _)| *role)
    }
}

/// The role of the worker who keeps the plan, in each form.
fn worker_role(template: TemplateId) -> Role {
    match template {
        TemplateId::CzCounselling => Role::KeyCounsellor,
        TemplateId::BgChildShortTerm => Role::TeamSocialWorker,
    }
}

/// Age bands for exports: wide enough not to single anyone out, and split where the child
/// form's rules change (consent of its own from 14, adulthood at 18).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AgeBand {
    Under6,
    From6To13,
    From14To17,
    From18To25,
    From26To39,
    From40To64,
    From65,
    Unknown,
}

impl AgeBand {
    pub fn code(self) -> &'static str {
        match self {
            AgeBand::Under6 => "0-5",
            AgeBand::From6To13 => "6-13",
            AgeBand::From14To17 => "14-17",
            AgeBand::From18To25 => "18-25",
            AgeBand::From26To39 => "26-39",
            AgeBand::From40To64 => "40-64",
            AgeBand::From65 => "65+",
            AgeBand::Unknown => "unknown",
        }
    }
}

/// The age band on `on` of someone born on `born`.
pub fn age_band(born: Option<NaiveDate>, on: NaiveDate) -> AgeBand {
    let Some(age) = born.and_then(|b| on.years_since(b)) else {
        return AgeBand::Unknown;
    };
    match age {
        0..=5 => AgeBand::Under6,
        6..=13 => AgeBand::From6To13,
        14..=17 => AgeBand::From14To17,
        18..=25 => AgeBand::From18To25,
        26..=39 => AgeBand::From26To39,
        40..=64 => AgeBand::From40To64,
        _ => AgeBand::From65,
    }
}

/// A calendar month: what statistics group dates by, and the finest date an export shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(d: NaiveDate) -> Month {
        Month {
            year: d.year(),
            month: d.month(),
        }
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The quarter it falls in, as its first month.
    pub fn quarter(self) -> Month {
        Month {
            year: self.year,
            month: (self.month - 1) / 3 * 3 + 1,
        }
    }

    /// "2026-03": sorts as text, reads the same in every language.
    pub fn code(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::ROLE_WORDS;
    use crate::model::query::fold;

    #[test]
    fn role_words_are_folded_as_the_text_they_are_looked_for_in() {
        for (_, words) in ROLE_WORDS {
            for w in *words {
                assert_eq!(fold(w), *w);
            }
        }
    }
}
