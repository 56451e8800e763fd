//! Templates are data: which sections a form has, in which order, which fields it shows and
//! requires, its life areas and its own wording. The UI renders any template the same way.

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

const fn tr(cs: &'static str, bg: &'static str, en: &'static str) -> Tr {
    Tr { cs, bg, en }
}

const fn area(key: &'static str, label: Tr) -> LifeArea {
    LifeArea { key, label }
}

pub static CZ_COUNSELLING: Template = Template {
    id: TemplateId::CzCounselling,
    name: tr(
        "Individuální plán v poradně",
        "Индивидуален план в консултантска услуга",
        "Individual plan in a counselling service",
    ),
    description: tr(
        "Dohoda klienta s klíčovým poradcem: výchozí situace, osobní cíle a kroky; ústně nebo písemně, jednorázově i dlouhodobě.",
        "Споразумение между клиента и ключовия консултант: изходна ситуация, лични цели и стъпки; устно или писмено, еднократно или дългосрочно.",
        "An agreement between the client and the key counsellor: starting situation, personal goals and steps; oral or written, one-off or long-term.",
    ),
    sections: &[
        SectionId::Form,
        SectionId::General,
        SectionId::Situation,
        SectionId::Goals,
        SectionId::Participants,
        SectionId::Evaluation,
    ],
    shown: &[
        Field::CreatedOn,
        Field::Language,
        Field::Status,
        Field::StatusNote,
        Field::PlanForm,
        Field::MeetingRecord,
        Field::Horizon,
        Field::SignatureRequired,
        Field::ClientName,
        Field::KeyWorker,
        Field::WhyTheyCome,
        Field::Needs,
        Field::Wishes,
        Field::Dreams,
        Field::Abilities,
        Field::Possibilities,
        Field::Experience,
        Field::GoalLifeArea,
        Field::GoalText,
        Field::GoalSuccessCriteria,
        Field::GoalTargetDate,
        Field::StepActivity,
        Field::StepResponsible,
        Field::StepDeadline,
        Field::StepFrequency,
        Field::StepStatus,
        Field::StepStatusOn,
        Field::StepStatusNote,
        Field::StepOccurrences,
        Field::ParticipantName,
        Field::ParticipantRole,
        Field::ParticipantPresent,
        Field::ParticipantSigned,
        Field::ParticipantSignedOn,
        Field::Evaluation,
    ],
    required: &[
        Field::CreatedOn,
        Field::ClientName,
        Field::KeyWorker,
        Field::MeetingRecord,
        Field::GoalText,
        Field::StepActivity,
        Field::StepResponsible,
    ],
    labels: &[
        (Field::KeyWorker, tr("Klíčový poradce", "Ключов консултант", "Key counsellor")),
        (
            Field::GoalText,
            tr(
                "Osobní cíl (slovy klienta)",
                "Личната цел (с думите на клиента)",
                "Personal goal (in the client's words)",
            ),
        ),
    ],
    life_areas: &[
        area("debts", tr("Dluhy a finance", "Дългове и финанси", "Debts and finances")),
        area("housing", tr("Bydlení", "Жилище", "Housing")),
        area("work", tr("Práce a zaměstnání", "Работа и заетост", "Work and employment")),
        area("budget", tr("Rozpočet domácnosti", "Бюджет на домакинството", "Household budget")),
        area("family", tr("Rodina a vztahy", "Семейство и взаимоотношения", "Family and relationships")),
        area("social", tr("Sociální síť a volný čas", "Социална мрежа и свободно време", "Social network and leisure")),
        area("health", tr("Zdraví", "Здраве", "Health")),
        area("legal", tr("Právní záležitosti", "Правни въпроси", "Legal matters")),
        area("education", tr("Vzdělávání", "Образование", "Education")),
        area("benefits", tr("Dávky a sociální systém", "Помощи и социална система", "Benefits and social systems")),
        area("other", tr("Jiné", "Друго", "Other")),
    ],
    roles: &[
        Role::Client,
        Role::KeyCounsellor,
        Role::FamilyMember,
        Role::NetworkMember,
        Role::Other,
    ],
    default_participants: &[Role::Client, Role::KeyCounsellor],
    default_horizon: Horizon::OneOff,
    signature_required: false,
    step_needs_timing: false,
    review_interval_months: 6,
    print: PrintForm {
        title: tr("Individuální plán", "Индивидуален план", "Individual plan"),
        parts: &[
            (PrintPart::General, None),
            (
                PrintPart::Situation,
                Some(tr("Výchozí situace klienta", "Изходна ситуация на клиента", "The client's starting situation")),
            ),
            (
                PrintPart::GoalsWithSteps,
                Some(tr(
                    "Osobní cíle spolupráce klienta",
                    "Лични цели на клиента за сътрудничеството",
                    "The client's personal goals",
                )),
            ),
            (
                PrintPart::Evaluation,
                Some(tr(
                    "Zhodnocení naplnění individuálního plánu",
                    "Оценка на изпълнението на индивидуалния план",
                    "Evaluation of the individual plan",
                )),
            ),
            (
                PrintPart::Reviews,
                Some(tr("Hodnocení plánu", "Прегледи на плана", "Reviews of the plan")),
            ),
            (
                PrintPart::Participants,
                Some(tr("Účastníci plánování", "Участници в планирането", "Participants in the planning")),
            ),
            (PrintPart::Signatures, None),
        ],
        general: &[
            Field::CreatedOn,
            Field::ClientName,
            Field::KeyWorker,
            Field::PlanForm,
            Field::Horizon,
            Field::MeetingRecord,
            Field::Status,
        ],
        labels: &[
            (Field::ClientName, tr("Klient", "Клиент", "Client")),
        ],
        step_columns: &[
            (Field::StepActivity, tr("Co se udělá", "Какво ще се направи", "What will be done")),
            (Field::StepResponsible, tr("Kdo", "Кой", "Who")),
            (Field::StepDeadline, tr("Kdy, jak často", "Кога, колко често", "When, how often")),
        ],
        signature_lines: &[(Role::Client, tr("Podpis klienta", "Подпис на клиента", "Client's signature"))],
        sign_others: false,
        signatures_optional: true,
        landscape: false,
    },
};

pub static BG_CHILD_SHORT_TERM: Template = Template {
    id: TemplateId::BgChildShortTerm,
    name: tr(
        "Individuální plán krátkodobé sociální práce (dítě v riziku)",
        "Индивидуален план за краткосрочна социална работа",
        "Individual plan for short-term social work (child at risk)",
    ),
    description: tr(
        "Plán pro dítě v riziku: cíle podle oblastí života, činnosti, odpovědní, termíny, výsledky, podpora sítě, řízení rizika; podpisy účastníků.",
        "План за дете в риск: цели по области на живота, дейности, отговорни лица, срокове, резултати, подкрепа от мрежата, управление на риска; подписи.",
        "A plan for a child at risk: goals by life area, activities, responsible persons, deadlines, results, network support, risk management; signatures.",
    ),
    sections: &[
        SectionId::General,
        SectionId::Goals,
        SectionId::Participants,
        SectionId::Voice,
    ],
    shown: &[
        Field::CreatedOn,
        Field::Language,
        Field::Status,
        Field::StatusNote,
        Field::ClientName,
        Field::DateOfBirth,
        Field::PlaceOfService,
        Field::KeyWorker,
        Field::DurationFrom,
        Field::DurationUntil,
        Field::GoalLifeArea,
        Field::GoalText,
        Field::GoalTargetDate,
        Field::StepActivity,
        Field::StepResponsible,
        Field::StepDeadline,
        Field::StepFrequency,
        Field::StepResult,
        Field::StepNetworkSupport,
        Field::StepRiskManagement,
        Field::StepFeedback,
        Field::StepStatus,
        Field::StepStatusOn,
        Field::StepStatusNote,
        Field::StepOccurrences,
        Field::ParticipantName,
        Field::ParticipantRole,
        Field::ParticipantPresent,
        Field::ParticipantSigned,
        Field::ParticipantSignedOn,
        Field::ChildView,
        Field::ParentsView,
        Field::HowInformed,
        Field::ConsentBy,
        Field::ConsentOn,
        Field::Disagreement,
    ],
    required: &[
        Field::CreatedOn,
        Field::ClientName,
        Field::PlaceOfService,
        Field::KeyWorker,
        Field::DurationFrom,
        Field::DurationUntil,
        Field::GoalLifeArea,
        Field::GoalText,
        Field::StepActivity,
        Field::StepResponsible,
    ],
    labels: &[
        (Field::ClientName, tr("Jméno dítěte", "Име на детето", "Child's name")),
        (Field::KeyWorker, tr("Klíčový odpovědný pracovník", "Ключов отговорник", "Key responsible worker")),
        (Field::StepActivity, tr("Plánovaná činnost", "Планирана дейност", "Planned activity")),
        (Field::StepResponsible, tr("Odpovědné osoby", "Отговорни лица", "Responsible persons")),
        (Field::StepDeadline, tr("Termín činnosti", "Срок на дейността", "Deadline")),
        (Field::StepResult, tr("Výsledky", "Резултати", "Results")),
        (Field::GoalText, tr("Cíl", "Цел", "Goal")),
    ],
    life_areas: &[
        area("basic_needs", tr("Základní denní potřeby", "Основни ежедневни потребности", "Basic daily needs")),
        area("health", tr("Zdraví", "Здраве", "Health")),
        area("education", tr("Vzdělávání", "Образование", "Education")),
        area("emotional_behavioural", tr("Emoční a behaviorální vývoj", "Емоционално и поведенческо развитие", "Emotional and behavioural development")),
        area("identity", tr("Identita", "Идентичност", "Identity")),
        area("family_social_relationships", tr("Rodinné a sociální vztahy", "Семейни и социални взаимоотношения", "Family and social relationships")),
        area("basic_care", tr("Základní péče", "Базисни грижи", "Basic care")),
        area("safety", tr("Bezpečí", "Безопасност", "Safety")),
        area("emotional_warmth", tr("Emoční vřelost", "Емоционална топлина", "Emotional warmth")),
        area("stimulation", tr("Podněcování", "Стимулиране", "Stimulation")),
        area("guidance_boundaries", tr("Vedení a hranice", "Напътствия и граници", "Guidance and boundaries")),
        area("stability", tr("Stabilita", "Стабилност", "Stability")),
        area("family_functioning", tr("Historie a fungování rodiny", "История и функциониране на семейството", "Family history and functioning")),
        area("wider_family", tr("Širší rodina", "Разширено семейство", "Wider family")),
        area("housing", tr("Bydlení", "Жилищни условия", "Housing")),
        area("work_income", tr("Práce a příjem", "Работа и доходи", "Work and income")),
        area("social_integration", tr("Sociální začlenění rodiny", "Социална интеграция на семейството", "Family's social integration")),
        area("community_resources", tr("Zdroje v komunitě", "Ресурси в общността", "Community resources")),
    ],
    roles: &[
        Role::ParentOrLegalRepresentative,
        Role::Child,
        Role::TeamSocialWorker,
        Role::ChildProtectionSocialWorker,
        Role::FamilyMember,
        Role::NetworkMember,
        Role::Other,
    ],
    default_participants: &[
        Role::ParentOrLegalRepresentative,
        Role::Child,
        Role::TeamSocialWorker,
        Role::ChildProtectionSocialWorker,
    ],
    default_horizon: Horizon::LongTerm,
    signature_required: true,
    step_needs_timing: true,
    review_interval_months: 3,
    print: PrintForm {
        title: tr(
            "Individuální plán krátkodobé sociální práce",
            "Индивидуален план за краткосрочна социална работа",
            "Individual plan for short-term social work",
        ),
        parts: &[
            (PrintPart::General, Some(tr("I. Obecné informace", "I. Обща информация", "I. General information"))),
            (
                PrintPart::Goals,
                Some(tr(
                    "II. Cíle krátkodobé sociální práce",
                    "II. Цели на краткосрочна социална работа",
                    "II. Goals of short-term social work",
                )),
            ),
            (
                PrintPart::StepTables,
                Some(tr(
                    "III. Individuální plán krátkodobé sociální práce",
                    "III. Индивидуален план за краткосрочна социална работа",
                    "III. Individual plan for short-term social work",
                )),
            ),
            (
                PrintPart::ChildVoice,
                Some(tr(
                    "IV. Názor dítěte a rodičů, souhlas",
                    "IV. Мнение на детето и на родителите, съгласие",
                    "IV. The child's and the parents' views, consent",
                )),
            ),
            (
                PrintPart::Reviews,
                Some(tr("Hodnocení plánu", "Преглед и оценка на плана", "Reviews of the plan")),
            ),
            (PrintPart::Signatures, Some(tr("Účastníci", "Участници", "Participants"))),
        ],
        general: &[
            Field::ClientName,
            Field::DateOfBirth,
            Field::PlaceOfService,
            Field::KeyWorker,
            Field::DurationFrom,
            Field::Status,
        ],
        labels: &[
            (Field::Status, tr("Stav plánu", "Статус на плана", "Status of the plan")),
        ],
        step_columns: &[
            (Field::StepActivity, tr("Plánované činnosti", "Планирани дейности", "Planned activities")),
            (Field::StepResponsible, tr("Odpovědné osoby", "Отговорни лица", "Responsible persons")),
            (Field::StepDeadline, tr("Termíny činností", "Срокове на дейностите", "Timescales")),
            (Field::StepResult, tr("Výsledky", "Резултати", "Results")),
            (Field::StepNetworkSupport, tr("Podpora sítě", "Подкрепа от мрежата", "Support from the network")),
            (Field::StepRiskManagement, tr("Řízení rizika", "Управление на риска", "Risk management")),
            (Field::StepFeedback, tr("Zpětná vazba", "Обратна връзка", "Feedback")),
        ],
        signature_lines: &[
            (
                Role::ParentOrLegalRepresentative,
                tr("Rodič / zákonný zástupce", "Родител/ законен представител", "Parent / legal representative"),
            ),
            (Role::Child, tr("Dítě (je-li to vhodné)", "Дете (когато е приложимо)", "Child (when applicable)")),
            (Role::TeamSocialWorker, tr("Sociální pracovník (tým)", "Социален работник (екип)", "Social worker (team)")),
            (
                Role::ChildProtectionSocialWorker,
                tr("Sociální pracovník OSPOD", "Социален работник ОЗД", "Social worker, child protection department"),
            ),
        ],
        sign_others: true,
        signatures_optional: false,
        landscape: true,
    },
};
