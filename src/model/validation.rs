//! Field-level validation. Returns typed errors (the UI words them in its language); never panics.

use chrono::NaiveDate;
use uuid::Uuid;

use super::plan::{Frequency, Plan, PlanForm, PlanStatus};
use super::template::{Field, SectionId, Template};

/// Longest text accepted in one field: a guard against pasted novels and hostile files.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// Most occurrences one step records: daily for almost three years.
pub const MAX_OCCURRENCES: usize = 1000;

/// Where an error belongs: a plan field, a field of one goal, step or participant, or a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldPath {
    Plan(Field),
    Goal {
        goal: Uuid,
        field: Field,
    },
    Step {
        goal: Uuid,
        step: Uuid,
        field: Field,
    },
    Participant {
        participant: Uuid,
        field: Field,
    },
    Section(SectionId),
}

impl FieldPath {
    /// The field this path names; `None` for a whole section.
    pub fn field(self) -> Option<Field> {
        match self {
            FieldPath::Plan(f)
            | FieldPath::Goal { field: f, .. }
            | FieldPath::Step { field: f, .. }
            | FieldPath::Participant { field: f, .. } => Some(f),
            FieldPath::Section(_) => None,
        }
    }

    pub fn section(self) -> SectionId {
        match self {
            FieldPath::Plan(f)
            | FieldPath::Goal { field: f, .. }
            | FieldPath::Step { field: f, .. }
            | FieldPath::Participant { field: f, .. } => f.section(),
            FieldPath::Section(s) => s,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Required,
    TooLong {
        max: usize,
    },
    /// "Until" lies before "from".
    EndBeforeStart,
    DateInFuture,
    UnknownLifeArea,
    /// A step needs a deadline or a frequency.
    NeedsTiming,
    FrequencyOutOfRange {
        max: u8,
    },
    NoGoals,
    /// Someone is marked as signed but has no name.
    SignedWithoutName,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldError {
    pub path: FieldPath,
    pub kind: ErrorKind,
}

/// All errors of the plan, section by section in the template's order.
pub fn validate_plan(plan: &Plan, today: NaiveDate) -> Vec<FieldError> {
    let template = plan.template.template();
    template
        .sections
        .iter()
        .flat_map(|&s| validate_section(plan, s, today))
        .collect()
}

/// The errors of one section, in the order its fields are shown.
pub fn validate_section(plan: &Plan, section: SectionId, today: NaiveDate) -> Vec<FieldError> {
    let mut v = Validator {
        t: plan.template.template(),
        errors: Vec::new(),
    };
    match section {
        SectionId::Form => {
            let oral = plan.form == PlanForm::Oral;
            if oral {
                v.text(FieldPath::Plan(Field::MeetingRecord), &plan.meeting_record);
            } else {
                v.max_len(FieldPath::Plan(Field::MeetingRecord), &plan.meeting_record);
            }
        }
        SectionId::General => {
            let g = &plan.general;
            let note = FieldPath::Plan(Field::StatusNote);
            if plan.status == PlanStatus::Other && plan.status_note.trim().is_empty() {
                v.push(note, ErrorKind::Required);
            }
            v.max_len(note, &plan.status_note);
            v.text(FieldPath::Plan(Field::ClientName), &g.client_name);
            v.date(FieldPath::Plan(Field::DateOfBirth), g.date_of_birth);
            if g.date_of_birth.is_some_and(|d| d > today) {
                v.push(FieldPath::Plan(Field::DateOfBirth), ErrorKind::DateInFuture);
            }
            v.text(FieldPath::Plan(Field::PlaceOfService), &g.place_of_service);
            v.text(FieldPath::Plan(Field::KeyWorker), &g.key_worker);
            v.date(FieldPath::Plan(Field::DurationFrom), g.duration_from);
            v.date(FieldPath::Plan(Field::DurationUntil), g.duration_until);
            if let (Some(from), Some(until)) = (g.duration_from, g.duration_until) {
                if until < from {
                    v.push(
                        FieldPath::Plan(Field::DurationUntil),
                        ErrorKind::EndBeforeStart,
                    );
                }
            }
        }
        SectionId::Situation => {
            let s = &plan.situation;
            for (field, text) in [
                (Field::WhyTheyCome, &s.why_they_come),
                (Field::Needs, &s.needs),
                (Field::Wishes, &s.wishes),
                (Field::Dreams, &s.dreams),
                (Field::Abilities, &s.abilities),
                (Field::Possibilities, &s.possibilities),
                (Field::Experience, &s.experience),
            ] {
                v.text(FieldPath::Plan(field), text);
            }
        }
        SectionId::Goals => v.goals(plan),
        SectionId::Participants => {
            for p in &plan.participants {
                let path = |field| FieldPath::Participant {
                    participant: p.id,
                    field,
                };
                v.max_len(path(Field::ParticipantName), &p.name);
                if p.signed && p.name.trim().is_empty() {
                    v.push(path(Field::ParticipantName), ErrorKind::SignedWithoutName);
                }
            }
        }
        SectionId::Voice => {
            let c = &plan.child_voice;
            for (field, text) in [
                (Field::ChildView, &c.child_view),
                (Field::ParentsView, &c.parents_view),
                (Field::HowInformed, &c.how_informed),
                (Field::ConsentBy, &c.consent_by),
                (Field::Disagreement, &c.disagreement),
            ] {
                v.text(FieldPath::Plan(field), text);
            }
            v.date(FieldPath::Plan(Field::ConsentOn), c.consent_on);
            if c.consent_on.is_some_and(|d| d > today) {
                v.push(FieldPath::Plan(Field::ConsentOn), ErrorKind::DateInFuture);
            }
        }
        SectionId::Evaluation => v.text(FieldPath::Plan(Field::Evaluation), &plan.evaluation),
    }
    v.errors
}

struct Validator {
    t: &'static Template,
    errors: Vec<FieldError>,
}

impl Validator {
    fn push(&mut self, path: FieldPath, kind: ErrorKind) {
        self.errors.push(FieldError { path, kind });
    }

    fn required(&self, path: FieldPath) -> bool {
        path.field().is_some_and(|f| self.t.requires(f))
    }

    fn max_len(&mut self, path: FieldPath, text: &str) {
        if text.chars().count() > MAX_TEXT_CHARS {
            self.push(
                path,
                ErrorKind::TooLong {
                    max: MAX_TEXT_CHARS,
                },
            );
        }
    }

    /// Required (if the template says so) and not too long.
    fn text(&mut self, path: FieldPath, text: &str) {
        if self.required(path) && text.trim().is_empty() {
            self.push(path, ErrorKind::Required);
        }
        self.max_len(path, text);
    }

    fn date(&mut self, path: FieldPath, date: Option<NaiveDate>) {
        if self.required(path) && date.is_none() {
            self.push(path, ErrorKind::Required);
        }
    }

    fn goals(&mut self, plan: &Plan) {
        if plan.goals.is_empty() {
            self.push(FieldPath::Section(SectionId::Goals), ErrorKind::NoGoals);
        }
        for goal in &plan.goals {
            let path = |field| FieldPath::Goal {
                goal: goal.id,
                field,
            };
            if self.t.shows(Field::GoalLifeArea) {
                if goal.life_area.is_empty() {
                    if self.t.requires(Field::GoalLifeArea) {
                        self.push(path(Field::GoalLifeArea), ErrorKind::Required);
                    }
                } else if self.t.life_area(&goal.life_area).is_none() {
                    self.push(path(Field::GoalLifeArea), ErrorKind::UnknownLifeArea);
                }
            }
            self.text(path(Field::GoalText), &goal.text);
            self.text(path(Field::GoalSuccessCriteria), &goal.success_criteria);
            self.date(path(Field::GoalTargetDate), goal.target_date);
            for step in &goal.steps {
                let path = |field| FieldPath::Step {
                    goal: goal.id,
                    step: step.id,
                    field,
                };
                self.text(path(Field::StepActivity), &step.activity);
                self.text(path(Field::StepResponsible), &step.responsible);
                for (field, text) in [
                    (Field::StepResult, &step.result),
                    (Field::StepNetworkSupport, &step.network_support),
                    (Field::StepRiskManagement, &step.risk_management),
                    (Field::StepFeedback, &step.feedback),
                    (Field::StepStatusNote, &step.status_note),
                ] {
                    self.text(path(field), text);
                }
                if step.occurrences.len() > MAX_OCCURRENCES {
                    self.push(
                        path(Field::StepOccurrences),
                        ErrorKind::TooLong {
                            max: MAX_OCCURRENCES,
                        },
                    );
                }
                if self.t.step_needs_timing && step.deadline.is_none() && step.frequency.is_none() {
                    self.push(path(Field::StepDeadline), ErrorKind::NeedsTiming);
                }
                let range = match step.frequency {
                    Some(Frequency::PerWeek { times }) => Some((times, 7)),
                    Some(Frequency::PerMonth { times }) => Some((times, 31)),
                    _ => None,
                };
                if let Some((times, max)) = range {
                    if times == 0 || times > max {
                        self.push(
                            path(Field::StepFrequency),
                            ErrorKind::FrequencyOutOfRange { max },
                        );
                    }
                }
            }
        }
    }
}
