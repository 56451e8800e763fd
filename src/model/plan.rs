//! The plan and its parts. Serde names are stable: they are the storage and file format.
//!
//! `Plan` is what the user edits, and nothing else: the editor compares it to what was saved
//! to know whether to save. The store's bookkeeping (revisions, time of the save) lives beside
//! it in `StoredPlan` and never travels back into the editor's copy.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::revision::Revisions;
use super::template::{Template, TemplateId};
use super::Lang;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub id: Uuid,
    pub template: TemplateId,
    pub language: Lang,
    #[serde(with = "super::time_format::serde_date")]
    pub created_on: NaiveDate,
    pub status: PlanStatus,
    /// The text for `PlanStatus::Other` ("др." in the Bulgarian form).
    #[serde(default)]
    pub status_note: String,
    pub form: PlanForm,
    /// For an oral plan: its wording as recorded in the meeting record.
    #[serde(default)]
    pub meeting_record: String,
    pub horizon: Horizon,
    pub signature_required: bool,
    pub general: GeneralInfo,
    pub participants: Vec<Participant>,
    pub situation: Situation,
    pub goals: Vec<Goal>,
    /// Evaluation at the end of a one-off meeting, or notes of the continuous one.
    #[serde(default)]
    pub evaluation: String,
    /// Set on a copy made by "keep both" at import: the id of the plan it was copied from.
    #[serde(default)]
    pub copied_from: Option<Uuid>,
    /// Reviews of the plan, in the order they were recorded (see `model::evaluation`).
    #[serde(default)]
    pub reviews: Vec<Review>,
    /// Every change of `status` made through the lifecycle (complete, reopen, …), oldest first.
    #[serde(default)]
    pub status_log: Vec<StatusChange>,
    /// For a child: the child's and the parents' views, how the child was informed, consent.
    #[serde(default)]
    pub child_voice: ChildVoice,
}

/// A review of the plan (seed 000: evaluated together, at the end of a one-off meeting or
/// continuously; DOMAIN: periodic reviews are minuted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub id: Uuid,
    pub kind: ReviewKind,
    #[serde(with = "super::time_format::serde_date")]
    pub date: NaiveDate,
    /// Who took part, as written on the minutes.
    #[serde(default)]
    pub took_part: String,
    /// One entry per goal rated, in the plan's goal order when recorded.
    #[serde(default)]
    pub goals: Vec<GoalReview>,
    /// What happens next.
    #[serde(default)]
    pub next_steps: String,
    #[serde(default, with = "super::time_format::serde_opt_date")]
    pub next_review: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewKind {
    /// The evaluation at the end of a one-off meeting.
    EndOfMeeting,
    Periodic,
    Final,
}

crate::model::codes::code_enum!(
    ReviewKind,
    [
        EndOfMeeting = "end_of_meeting",
        Periodic = "periodic",
        Final = "final"
    ]
);

impl ReviewKind {
    pub const ALL: [ReviewKind; 3] = [
        ReviewKind::EndOfMeeting,
        ReviewKind::Periodic,
        ReviewKind::Final,
    ];
}

/// How far a goal has come, on a four-point scale that maps straight onto "reached / partly /
/// not" and that a client or a child can answer in their own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    NotStarted,
    SomeProgress,
    Mostly,
    Reached,
}

crate::model::codes::code_enum!(
    Progress,
    [
        NotStarted = "not_started",
        SomeProgress = "some_progress",
        Mostly = "mostly",
        Reached = "reached"
    ]
);

impl Progress {
    pub const ALL: [Progress; 4] = [
        Progress::NotStarted,
        Progress::SomeProgress,
        Progress::Mostly,
        Progress::Reached,
    ];

    /// 0 (not started) … 3 (reached): the value a chart plots.
    pub fn score(self) -> u8 {
        self as u8
    }
}

/// One goal in one review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalReview {
    pub goal: Uuid,
    #[serde(default)]
    pub progress: Option<Progress>,
    #[serde(default)]
    pub comment: String,
    /// The client's (or child's) own view, kept beside the worker's.
    #[serde(default)]
    pub client_view: String,
    #[serde(default)]
    pub worker_view: String,
}

/// A recorded change of the plan's status (completing, reopening, closing for another reason).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    #[serde(with = "super::time_format::serde_date")]
    pub on: NaiveDate,
    pub from: PlanStatus,
    pub to: PlanStatus,
    #[serde(default)]
    pub reason: String,
}

/// What the rules around the child form ask to be recorded (DOMAIN: ЗСУ art. 9(3), art. 81;
/// ППЗЗД): the child's and the parents' opinions apart, how the child was informed, written
/// consent, and why a party did not agree.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChildVoice {
    #[serde(default)]
    pub child_view: String,
    #[serde(default)]
    pub parents_view: String,
    #[serde(default)]
    pub how_informed: String,
    /// Who gave written consent.
    #[serde(default)]
    pub consent_by: String,
    #[serde(default, with = "super::time_format::serde_opt_date")]
    pub consent_on: Option<NaiveDate>,
    /// Why a party did not agree, if one did not.
    #[serde(default)]
    pub disagreement: String,
}

/// A plan as stored and as it travels in files: the content and the store's bookkeeping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredPlan {
    pub revisions: Revisions,
    /// When this revision was saved.
    #[serde(with = "super::time_format::serde_timestamp")]
    pub updated_at: DateTime<Utc>,
    pub plan: Plan,
}

impl StoredPlan {
    pub fn id(&self) -> Uuid {
        self.plan.id
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    Draft,
    InProgress,
    Completed,
    Other,
}

crate::model::codes::code_enum!(
    PlanStatus,
    [
        Draft = "draft",
        InProgress = "in_progress",
        Completed = "completed",
        Other = "other"
    ]
);

impl PlanStatus {
    pub const ALL: [PlanStatus; 4] = [
        PlanStatus::Draft,
        PlanStatus::InProgress,
        PlanStatus::Completed,
        PlanStatus::Other,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanForm {
    Written,
    Oral,
}

crate::model::codes::code_enum!(PlanForm, [Written = "written", Oral = "oral"]);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Horizon {
    /// A short plan for the situation "here and now", evaluated at the end of the meeting.
    OneOff,
    LongTerm,
}

crate::model::codes::code_enum!(Horizon, [OneOff = "one_off", LongTerm = "long_term"]);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GeneralInfo {
    /// The client's or child's name, or a pseudonym where the service works anonymously.
    pub client_name: String,
    #[serde(default, with = "super::time_format::serde_opt_date")]
    pub date_of_birth: Option<NaiveDate>,
    #[serde(default)]
    pub place_of_service: String,
    pub key_worker: String,
    #[serde(default, with = "super::time_format::serde_opt_date")]
    pub duration_from: Option<NaiveDate>,
    #[serde(default, with = "super::time_format::serde_opt_date")]
    pub duration_until: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Client,
    KeyCounsellor,
    Child,
    ParentOrLegalRepresentative,
    TeamSocialWorker,
    ChildProtectionSocialWorker,
    FamilyMember,
    NetworkMember,
    Other,
}

crate::model::codes::code_enum!(
    Role,
    [
        Client = "client",
        KeyCounsellor = "key_counsellor",
        Child = "child",
        ParentOrLegalRepresentative = "parent_or_legal_representative",
        TeamSocialWorker = "team_social_worker",
        ChildProtectionSocialWorker = "child_protection_social_worker",
        FamilyMember = "family_member",
        NetworkMember = "network_member",
        Other = "other"
    ]
);

impl Role {
    pub const ALL: [Role; 9] = [
        Role::Client,
        Role::KeyCounsellor,
        Role::Child,
        Role::ParentOrLegalRepresentative,
        Role::TeamSocialWorker,
        Role::ChildProtectionSocialWorker,
        Role::FamilyMember,
        Role::NetworkMember,
        Role::Other,
    ];
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
    pub present: bool,
    pub signed: bool,
    #[serde(default, with = "super::time_format::serde_opt_date")]
    pub signed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Situation {
    pub why_they_come: String,
    pub needs: String,
    pub wishes: String,
    pub dreams: String,
    pub abilities: String,
    pub possibilities: String,
    pub experience: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub id: Uuid,
    /// A key of the template's life areas; empty until chosen.
    pub life_area: String,
    /// The goal as the client would say it.
    pub text: String,
    /// How we will know the goal is reached.
    pub success_criteria: String,
    #[serde(default, with = "super::time_format::serde_opt_date")]
    pub target_date: Option<NaiveDate>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub id: Uuid,
    pub activity: String,
    pub responsible: String,
    #[serde(default, with = "super::time_format::serde_opt_date")]
    pub deadline: Option<NaiveDate>,
    pub frequency: Option<Frequency>,
    pub result: String,
    pub network_support: String,
    pub risk_management: String,
    pub feedback: String,
    pub status: StepStatus,
    /// When the status was last set (done on, found not done on, …).
    #[serde(default, with = "super::time_format::serde_opt_date")]
    pub status_on: Option<NaiveDate>,
    /// A short note on the status.
    #[serde(default)]
    pub status_note: String,
    /// Dates on which a step with a frequency took place, in the order recorded.
    #[serde(default, with = "super::time_format::serde_dates")]
    pub occurrences: Vec<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Frequency {
    Once,
    PerWeek { times: u8 },
    PerMonth { times: u8 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    Planned,
    InProgress,
    Done,
    NotDone,
}

crate::model::codes::code_enum!(
    StepStatus,
    [
        Planned = "planned",
        InProgress = "in_progress",
        Done = "done",
        NotDone = "not_done"
    ]
);

impl StepStatus {
    pub const ALL: [StepStatus; 4] = [
        StepStatus::Planned,
        StepStatus::InProgress,
        StepStatus::Done,
        StepStatus::NotDone,
    ];
}

/// Where a change to a list item should go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
}

impl Plan {
    /// A new draft following `template`: its default form, horizon and signature lines.
    pub fn new(
        template: &Template,
        id: Uuid,
        language: Lang,
        now: DateTime<Utc>,
        mut new_id: impl FnMut() -> Uuid,
    ) -> Plan {
        let participants = template
            .default_participants
            .iter()
            .map(|&role| Participant::new(new_id(), role))
            .collect();
        Plan {
            id,
            template: template.id,
            language,
            created_on: now.date_naive(),
            status: PlanStatus::Draft,
            status_note: String::new(),
            form: PlanForm::Written,
            meeting_record: String::new(),
            horizon: template.default_horizon,
            signature_required: template.signature_required,
            general: GeneralInfo::default(),
            participants,
            situation: Situation::default(),
            goals: Vec::new(),
            evaluation: String::new(),
            copied_from: None,
            reviews: Vec::new(),
            status_log: Vec::new(),
            child_voice: ChildVoice::default(),
        }
    }

    pub fn goal(&self, goal: Uuid) -> Option<&Goal> {
        self.goals.iter().find(|g| g.id == goal)
    }

    pub fn step(&self, goal: Uuid, step: Uuid) -> Option<&Step> {
        self.goal(goal)?.steps.iter().find(|s| s.id == step)
    }

    pub fn participant(&self, id: Uuid) -> Option<&Participant> {
        self.participants.iter().find(|p| p.id == id)
    }

    pub fn goal_mut(&mut self, goal: Uuid) -> Option<&mut Goal> {
        self.goals.iter_mut().find(|g| g.id == goal)
    }

    pub fn step_mut(&mut self, goal: Uuid, step: Uuid) -> Option<&mut Step> {
        self.goal_mut(goal)?.steps.iter_mut().find(|s| s.id == step)
    }

    pub fn review(&self, id: Uuid) -> Option<&Review> {
        self.reviews.iter().find(|r| r.id == id)
    }

    pub fn review_mut(&mut self, id: Uuid) -> Option<&mut Review> {
        self.reviews.iter_mut().find(|r| r.id == id)
    }

    pub fn participant_mut(&mut self, id: Uuid) -> Option<&mut Participant> {
        self.participants.iter_mut().find(|p| p.id == id)
    }

    pub fn step_count(&self) -> usize {
        self.goals.iter().map(|g| g.steps.len()).sum()
    }

    /// The display name of the client, never empty (lists need something to click).
    pub fn display_name(&self) -> &str {
        let name = self.general.client_name.trim();
        if name.is_empty() {
            "—"
        } else {
            name
        }
    }
}

impl Participant {
    pub fn new(id: Uuid, role: Role) -> Participant {
        Participant {
            id,
            name: String::new(),
            role,
            present: true,
            signed: false,
            signed_on: None,
        }
    }
}

impl Goal {
    pub fn new(id: Uuid) -> Goal {
        Goal {
            id,
            life_area: String::new(),
            text: String::new(),
            success_criteria: String::new(),
            target_date: None,
            steps: Vec::new(),
        }
    }
}

impl Step {
    pub fn new(id: Uuid) -> Step {
        Step {
            id,
            activity: String::new(),
            responsible: String::new(),
            deadline: None,
            frequency: None,
            result: String::new(),
            network_support: String::new(),
            risk_management: String::new(),
            feedback: String::new(),
            status: StepStatus::Planned,
            status_on: None,
            status_note: String::new(),
            occurrences: Vec::new(),
        }
    }
}

/// Moves the item with `id` one place up or down; returns whether anything moved.
pub fn move_item<T>(items: &mut [T], id: Uuid, dir: Move, id_of: impl Fn(&T) -> Uuid) -> bool {
    let Some(i) = items.iter().position(|x| id_of(x) == id) else {
        return false;
    };
    let j = match dir {
        Move::Up if i > 0 => i - 1,
        Move::Down if i + 1 < items.len() => i + 1,
        _ => return false,
    };
    items.swap(i, j);
    true
}

/// Removes the item with `id`; returns whether it was there.
pub fn remove_item<T>(items: &mut Vec<T>, id: Uuid, id_of: impl Fn(&T) -> Uuid) -> bool {
    let before = items.len();
    items.retain(|x| id_of(x) != id);
    items.len() != before
}
