//! Templates are data: which sections a form has, in which order, which fields it shows and
//! requires, its life areas and its own wording. The UI renders any template the same way.

mod bg_child_short_term;
mod cz_counselling;

pub use bg_child_short_term::BG_CHILD_SHORT_TERM;
pub use cz_counselling::CZ_COUNSELLING;

use serde::Serialize;

use super::plan::{Horizon, Role};
use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateId {
    /// Seed 000: individual planning in a Czech counselling service.
    CzCounselling,
    /// Seed 002: Bulgarian individual plan for short-term social work with a child at risk.
    BgChildShortTerm,
}

crate::model::codes::code_enum!(
    TemplateId,
    [
        CzCounselling = "cz_counselling",
        BgChildShortTerm = "bg_child_short_term"
    ]
);

impl TemplateId {
    pub const ALL: [TemplateId; 2] = [TemplateId::CzCounselling, TemplateId::BgChildShortTerm];

    pub fn code(self) -> &'static str {
        match self {
            TemplateId::CzCounselling => "cz_counselling",
            TemplateId::BgChildShortTerm => "bg_child_short_term",
        }
    }

    pub fn from_code(code: &str) -> Option<TemplateId> {
        TemplateId::ALL.into_iter().find(|t| t.code() == code)
    }

    pub fn template(self) -> &'static Template {
        match self {
            TemplateId::CzCounselling => &CZ_COUNSELLING,
            TemplateId::BgChildShortTerm => &BG_CHILD_SHORT_TERM,
        }
    }
}

/// A text in each UI language. A struct, not a map, so a missing translation does not compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    pub cs: &'static str,
    pub bg: &'static str,
    pub en: &'static str,
}

impl Tr {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Cs => self.cs,
            Lang::Bg => self.bg,
            Lang::En => self.en,
        }
    }
}

/// The steps of the guided form, in the order a template lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionId {
    Form,
    General,
    Situation,
    Goals,
    Participants,
    /// The child's and the parents' views, how the child was informed, consent (child form).
    Voice,
    Evaluation,
}

impl SectionId {
    pub const ALL: [SectionId; 7] = [
        SectionId::Form,
        SectionId::General,
        SectionId::Situation,
        SectionId::Goals,
        SectionId::Participants,
        SectionId::Voice,
        SectionId::Evaluation,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            SectionId::Form => "form",
            SectionId::General => "general",
            SectionId::Situation => "situation",
            SectionId::Goals => "goals",
            SectionId::Participants => "participants",
            SectionId::Voice => "voice",
            SectionId::Evaluation => "evaluation",
        }
    }

    pub fn from_slug(slug: &str) -> Option<SectionId> {
        SectionId::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// Every field a template can show. Goal, step and participant fields apply to each item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    CreatedOn,
    Language,
    Status,
    StatusNote,
    PlanForm,
    MeetingRecord,
    Horizon,
    SignatureRequired,
    ClientName,
    DateOfBirth,
    PlaceOfService,
    KeyWorker,
    DurationFrom,
    DurationUntil,
    WhyTheyCome,
    Needs,
    Wishes,
    Dreams,
    Abilities,
    Possibilities,
    Experience,
    GoalLifeArea,
    GoalText,
    GoalSuccessCriteria,
    GoalTargetDate,
    StepActivity,
    StepResponsible,
    StepDeadline,
    StepFrequency,
    StepResult,
    StepNetworkSupport,
    StepRiskManagement,
    StepFeedback,
    StepStatus,
    StepStatusOn,
    StepStatusNote,
    StepOccurrences,
    ParticipantName,
    ParticipantRole,
    ParticipantPresent,
    ParticipantSigned,
    ParticipantSignedOn,
    ChildView,
    ParentsView,
    HowInformed,
    ConsentBy,
    ConsentOn,
    Disagreement,
    Evaluation,
}

impl Field {
    /// Stable snake_case name, used for form control names and element ids.
    pub fn key(self) -> &'static str {
        use Field::*;
        match self {
            CreatedOn => "created_on",
            Language => "language",
            Status => "status",
            StatusNote => "status_note",
            PlanForm => "form",
            MeetingRecord => "meeting_record",
            Horizon => "horizon",
            SignatureRequired => "signature_required",
            ClientName => "client_name",
            DateOfBirth => "date_of_birth",
            PlaceOfService => "place_of_service",
            KeyWorker => "key_worker",
            DurationFrom => "duration_from",
            DurationUntil => "duration_until",
            WhyTheyCome => "why_they_come",
            Needs => "needs",
            Wishes => "wishes",
            Dreams => "dreams",
            Abilities => "abilities",
            Possibilities => "possibilities",
            Experience => "experience",
            GoalLifeArea => "goal_life_area",
            GoalText => "goal_text",
            GoalSuccessCriteria => "goal_success_criteria",
            GoalTargetDate => "goal_target_date",
            StepActivity => "step_activity",
            StepResponsible => "step_responsible",
            StepDeadline => "step_deadline",
            StepFrequency => "step_frequency",
            StepResult => "step_result",
            StepNetworkSupport => "step_network_support",
            StepRiskManagement => "step_risk_management",
            StepFeedback => "step_feedback",
            StepStatus => "step_status",
            StepStatusOn => "step_status_on",
            StepStatusNote => "step_status_note",
            StepOccurrences => "step_occurrences",
            ParticipantName => "participant_name",
            ParticipantRole => "participant_role",
            ParticipantPresent => "participant_present",
            ParticipantSigned => "participant_signed",
            ParticipantSignedOn => "participant_signed_on",
            ChildView => "child_view",
            ParentsView => "parents_view",
            HowInformed => "how_informed",
            ConsentBy => "consent_by",
            ConsentOn => "consent_on",
            Disagreement => "disagreement",
            Evaluation => "evaluation",
        }
    }

    /// The section a field is edited in.
    pub fn section(self) -> SectionId {
        use Field::*;
        match self {
            PlanForm | MeetingRecord | Horizon | SignatureRequired => SectionId::Form,
            CreatedOn | Language | Status | StatusNote | ClientName | DateOfBirth
            | PlaceOfService | KeyWorker | DurationFrom | DurationUntil => SectionId::General,
            WhyTheyCome | Needs | Wishes | Dreams | Abilities | Possibilities | Experience => {
                SectionId::Situation
            }
            GoalLifeArea | GoalText | GoalSuccessCriteria | GoalTargetDate | StepActivity
            | StepResponsible | StepDeadline | StepFrequency | StepResult | StepNetworkSupport
            | StepRiskManagement | StepFeedback | StepStatus | StepStatusOn | StepStatusNote
            | StepOccurrences => SectionId::Goals,
            ParticipantName | ParticipantRole | ParticipantPresent | ParticipantSigned
            | ParticipantSignedOn => SectionId::Participants,
            ChildView | ParentsView | HowInformed | ConsentBy | ConsentOn | Disagreement => {
                SectionId::Voice
            }
            Evaluation => SectionId::Evaluation,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LifeArea {
    /// Stable key stored in a goal.
    pub key: &'static str,
    pub label: Tr,
}

#[derive(Debug)]
pub struct Template {
    pub id: TemplateId,
    pub name: Tr,
    /// One line that helps a worker choose the form.
    pub description: Tr,
    pub sections: &'static [SectionId],
    /// Fields shown; all others are hidden for this template.
    pub shown: &'static [Field],
    pub required: &'static [Field],
    /// Template wording that replaces the generic label of a field.
    pub labels: &'static [(Field, Tr)],
    pub life_areas: &'static [LifeArea],
    pub roles: &'static [Role],
    /// Signature lines a new plan starts with.
    pub default_participants: &'static [Role],
    pub default_horizon: Horizon,
    pub signature_required: bool,
    /// A step needs a deadline or a frequency (the "срокове" column of seed 002).
    pub step_needs_timing: bool,
    /// Months from one review to the next, unless the user sets another interval for this
    /// form (DOMAIN: Bulgarian short-term services within 3 months; Czech practice 3–6).
    pub review_interval_months: u32,
    /// How a plan of this template is printed: the paper form's layout and wording.
    pub print: PrintForm,
}

/// One part of a printed plan, in the order a [`PrintForm`] lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintPart {
    /// The fields of [`PrintForm::general`] as label: value lines.
    General,
    /// The client's starting situation.
    Situation,
    /// The goals, numbered, with their life area (seed 002, part II).
    Goals,
    /// The goals, numbered, each followed by its table of steps (seed 000).
    GoalsWithSteps,
    /// One table of steps per goal, headed by the goal (seed 002, part III).
    StepTables,
    Evaluation,
    /// The reviews: progress at a glance (per goal a chart and its table, the plan's count),
    /// then each review, then the record of status changes. Left out while there is none.
    Reviews,
    /// Who took part, role and name.
    Participants,
    /// The date and the signature lines.
    Signatures,
    /// The child's and the parents' views apart, how the child was informed, consent.
    ChildVoice,
}

/// The printed form of a template. Texts are the paper form's own wording (a `Tr`, so the
/// form prints in the plan's language whatever the UI's).
#[derive(Debug)]
pub struct PrintForm {
    /// The title at the top of the first page.
    pub title: Tr,
    /// The parts in print order, each with its heading if the form has one.
    pub parts: &'static [(PrintPart, Option<Tr>)],
    /// The fields of the general part, in order. `DurationFrom` stands for the whole duration.
    pub general: &'static [Field],
    /// Print wording of a field where it differs from the editor's label.
    pub labels: &'static [(Field, Tr)],
    /// The columns of a goal's table of steps. `StepDeadline` is the timing: deadline and/or
    /// frequency.
    pub step_columns: &'static [(Field, Tr)],
    /// The form's signature lines, by role, in order: one line per participant with that
    /// role (their name printed on it), an empty line for signing when there is none.
    pub signature_lines: &'static [(Role, Tr)],
    /// Participants of other roles get a line too (with their role's word).
    pub sign_others: bool,
    /// Signature lines only when the plan asks for signatures (seed 000: "may or may not be
    /// signed by the client"); otherwise always.
    pub signatures_optional: bool,
    /// Printed on landscape pages (tables too wide for portrait).
    pub landscape: bool,
}

impl PrintForm {
    pub fn label(&self, field: Field) -> Option<&Tr> {
        self.labels
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, t)| t)
    }
}

impl Template {
    pub fn all() -> [&'static Template; 2] {
        [&CZ_COUNSELLING, &BG_CHILD_SHORT_TERM]
    }

    pub fn shows(&self, field: Field) -> bool {
        self.shown.contains(&field)
    }

    pub fn requires(&self, field: Field) -> bool {
        self.required.contains(&field) && self.shows(field)
    }

    pub fn has_section(&self, section: SectionId) -> bool {
        self.sections.contains(&section)
    }

    pub fn label_override(&self, field: Field) -> Option<&Tr> {
        self.labels
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, t)| t)
    }

    pub fn life_area(&self, key: &str) -> Option<&LifeArea> {
        self.life_areas.iter().find(|a| a.key == key)
    }

    pub fn section_index(&self, section: SectionId) -> Option<usize> {
        self.sections.iter().position(|s| *s == section)
    }
}

pub(super) const fn tr(cs: &'static str, bg: &'static str, en: &'static str) -> Tr {
    Tr { cs, bg, en }
}

pub(super) const fn area(key: &'static str, label: Tr) -> LifeArea {
    LifeArea { key, label }
}
