//! Where two versions of a plan differ, field by field, and how to build a version that takes
//! each difference from one side or the other (or a combined text). Used when the same plan
//! was changed in two windows.

use chrono::NaiveDate;
use uuid::Uuid;

use super::plan::{Frequency, Horizon, Plan, PlanForm, PlanStatus, Role, Step, StepStatus};
use super::template::Field;
use super::validation::FieldPath;
use super::Lang;

/// A value of one field, comparable and printable by the UI.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    Text(String),
    Date(Option<NaiveDate>),
    Bool(bool),
    Lang(Lang),
    Status(PlanStatus),
    Form(PlanForm),
    Horizon(Horizon),
    Role(Role),
    StepStatus(StepStatus),
    Frequency(Option<Frequency>),
    Dates(Vec<NaiveDate>),
}

/// One place where two versions differ: a field both have, or a goal, step or participant
/// only one of them has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Field(FieldPath),
    Goal(Uuid),
    Step {
        goal: Uuid,
        step: Uuid,
    },
    Participant(Uuid),
    /// A review only one version has, or that differs (reviews are taken whole).
    Review(Uuid),
    /// The record of status changes.
    StatusLog,
}

const PLAN_FIELDS: [Field; 28] = [
    Field::CreatedOn,
    Field::Language,
    Field::Status,
    Field::StatusNote,
    Field::PlanForm,
    Field::MeetingRecord,
    Field::Horizon,
    Field::SignatureRequired,
    Field::ClientName,
    Field::DateOfBirth,
    Field::PlaceOfService,
    Field::KeyWorker,
    Field::DurationFrom,
    Field::DurationUntil,
    Field::WhyTheyCome,
    Field::Needs,
    Field::Wishes,
    Field::Dreams,
    Field::Abilities,
    Field::Possibilities,
    Field::Experience,
    Field::ChildView,
    Field::ParentsView,
    Field::HowInformed,
    Field::ConsentBy,
    Field::ConsentOn,
    Field::Disagreement,
    Field::Evaluation,
];
const PARTICIPANT_FIELDS: [Field; 5] = [
    Field::ParticipantName,
    Field::ParticipantRole,
    Field::ParticipantPresent,
    Field::ParticipantSigned,
    Field::ParticipantSignedOn,
];
const GOAL_FIELDS: [Field; 4] = [
    Field::GoalLifeArea,
    Field::GoalText,
    Field::GoalSuccessCriteria,
    Field::GoalTargetDate,
];
const STEP_FIELDS: [Field; 12] = [
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
];

/// The places where `mine` and `theirs` differ, in the order of the form.
pub fn differences(mine: &Plan, theirs: &Plan) -> Vec<Part> {
    let mut out = Vec::new();
    let fields = |out: &mut Vec<Part>, paths: &mut dyn Iterator<Item = FieldPath>| {
        for path in paths {
            if value(mine, path) != value(theirs, path) {
                out.push(Part::Field(path));
            }
        }
    };
    fields(&mut out, &mut PLAN_FIELDS.into_iter().map(FieldPath::Plan));
    for p in union(&mine.participants, &theirs.participants, |p| p.id) {
        if both_have(&mine.participants, &theirs.participants, p, |x| x.id) {
            let paths = PARTICIPANT_FIELDS.into_iter();
            fields(
                &mut out,
                &mut paths.map(|field| FieldPath::Participant {
                    participant: p,
                    field,
                }),
            );
        } else {
            out.push(Part::Participant(p));
        }
    }
    for g in union(&mine.goals, &theirs.goals, |g| g.id) {
        if !both_have(&mine.goals, &theirs.goals, g, |x| x.id) {
            out.push(Part::Goal(g));
            continue;
        }
        let paths = GOAL_FIELDS.into_iter();
        fields(
            &mut out,
            &mut paths.map(|field| FieldPath::Goal { goal: g, field }),
        );
        let (ms, ts) = (steps_of(mine, g), steps_of(theirs, g));
        for s in union(ms, ts, |s: &Step| s.id) {
            if both_have(ms, ts, s, |x| x.id) {
                let paths = STEP_FIELDS.into_iter();
                fields(
                    &mut out,
                    &mut paths.map(|field| FieldPath::Step {
                        goal: g,
                        step: s,
                        field,
                    }),
                );
            } else {
                out.push(Part::Step { goal: g, step: s });
            }
        }
    }
    for r in union(&mine.reviews, &theirs.reviews, |r| r.id) {
        if mine.review(r) != theirs.review(r) {
            out.push(Part::Review(r));
        }
    }
    if mine.status_log != theirs.status_log {
        out.push(Part::StatusLog);
    }
    out
}

fn steps_of(plan: &Plan, goal: Uuid) -> &[Step] {
    plan.goal(goal).map_or(&[], |g| &g.steps)
}

/// Ids of both lists, first `a`'s in order, then those only in `b`.
fn union<T>(a: &[T], b: &[T], id: impl Fn(&T) -> Uuid) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = a.iter().map(&id).collect();
    ids.extend(b.iter().map(&id).filter(|x| !a.iter().any(|y| id(y) == *x)));
    ids
}

fn both_have<T>(a: &[T], b: &[T], x: Uuid, id: impl Fn(&T) -> Uuid) -> bool {
    a.iter().any(|y| id(y) == x) && b.iter().any(|y| id(y) == x)
}

/// The plan-level free texts, by field: one list for reading (`&`) and writing (`&mut`).
macro_rules! plan_text {
    ($plan:expr, $field:expr, $($r:tt)+) => {
        match $field {
            Field::StatusNote => Some($($r)+ $plan.status_note),
            Field::MeetingRecord => Some($($r)+ $plan.meeting_record),
            Field::ClientName => Some($($r)+ $plan.general.client_name),
            Field::PlaceOfService => Some($($r)+ $plan.general.place_of_service),
            Field::KeyWorker => Some($($r)+ $plan.general.key_worker),
            Field::WhyTheyCome => Some($($r)+ $plan.situation.why_they_come),
            Field::Needs => Some($($r)+ $plan.situation.needs),
            Field::Wishes => Some($($r)+ $plan.situation.wishes),
            Field::Dreams => Some($($r)+ $plan.situation.dreams),
            Field::Abilities => Some($($r)+ $plan.situation.abilities),
            Field::Possibilities => Some($($r)+ $plan.situation.possibilities),
            Field::Experience => Some($($r)+ $plan.situation.experience),
            Field::Evaluation => Some($($r)+ $plan.evaluation),
            Field::ChildView => Some($($r)+ $plan.child_voice.child_view),
            Field::ParentsView => Some($($r)+ $plan.child_voice.parents_view),
            Field::HowInformed => Some($($r)+ $plan.child_voice.how_informed),
            Field::ConsentBy => Some($($r)+ $plan.child_voice.consent_by),
            Field::Disagreement => Some($($r)+ $plan.child_voice.disagreement),
            _ => None,
        }
    };
}

/// A step's free texts, by field, the same way.
macro_rules! step_text {
    ($step:expr, $field:expr, $($r:tt)+) => {
        match $field {
            Field::StepActivity => Some($($r)+ $step.activity),
            Field::StepResponsible => Some($($r)+ $step.responsible),
            Field::StepResult => Some($($r)+ $step.result),
            Field::StepNetworkSupport => Some($($r)+ $step.network_support),
            Field::StepRiskManagement => Some($($r)+ $step.risk_management),
            Field::StepFeedback => Some($($r)+ $step.feedback),
            Field::StepStatusNote => Some($($r)+ $step.status_note),
            _ => None,
        }
    };
}

/// The value of a field, if the plan has it (a field of a goal the plan lacks: `None`).
pub fn value(plan: &Plan, path: FieldPath) -> Option<FieldValue> {
    use FieldValue as V;
    match path {
        FieldPath::Plan(f) => Some(match f {
            Field::CreatedOn => V::Date(Some(plan.created_on)),
            Field::Language => V::Lang(plan.language),
            Field::Status => V::Status(plan.status),
            Field::PlanForm => V::Form(plan.form),
            Field::Horizon => V::Horizon(plan.horizon),
            Field::SignatureRequired => V::Bool(plan.signature_required),
            Field::DateOfBirth => V::Date(plan.general.date_of_birth),
            Field::DurationFrom => V::Date(plan.general.duration_from),
            Field::DurationUntil => V::Date(plan.general.duration_until),
            Field::ConsentOn => V::Date(plan.child_voice.consent_on),
            _ => V::Text(plan_text!(plan, f, &)?.clone()),
        }),
        FieldPath::Participant { participant, field } => {
            let p = plan.participant(participant)?;
            Some(match field {
                Field::ParticipantName => V::Text(p.name.clone()),
                Field::ParticipantRole => V::Role(p.role),
                Field::ParticipantPresent => V::Bool(p.present),
                Field::ParticipantSigned => V::Bool(p.signed),
                Field::ParticipantSignedOn => V::Date(p.signed_on),
                _ => return None,
            })
        }
        FieldPath::Goal { goal, field } => {
            let g = plan.goal(goal)?;
            Some(match field {
                Field::GoalLifeArea => V::Text(g.life_area.clone()),
                Field::GoalText => V::Text(g.text.clone()),
                Field::GoalSuccessCriteria => V::Text(g.success_criteria.clone()),
                Field::GoalTargetDate => V::Date(g.target_date),
                _ => return None,
            })
        }
        FieldPath::Step { goal, step, field } => {
            let s = plan.step(goal, step)?;
            Some(match field {
                Field::StepDeadline => V::Date(s.deadline),
                Field::StepFrequency => V::Frequency(s.frequency),
                Field::StepStatus => V::StepStatus(s.status),
                Field::StepStatusOn => V::Date(s.status_on),
                Field::StepOccurrences => V::Dates(s.occurrences.clone()),
                _ => V::Text(step_text!(s, field, &)?.clone()),
            })
        }
        FieldPath::Section(_) => None,
    }
}

/// Sets a field to `v` (ignored when the plan lacks the place or the kinds differ).
pub fn set_value(plan: &mut Plan, path: FieldPath, v: FieldValue) {
    use FieldValue as V;
    match (path, v) {
        (FieldPath::Plan(f), v) => match (f, v) {
            (Field::CreatedOn, V::Date(Some(d))) => plan.created_on = d,
            (Field::Language, V::Lang(l)) => plan.language = l,
            (Field::Status, V::Status(x)) => plan.status = x,
            (Field::PlanForm, V::Form(x)) => plan.form = x,
            (Field::Horizon, V::Horizon(x)) => plan.horizon = x,
            (Field::SignatureRequired, V::Bool(x)) => plan.signature_required = x,
            (Field::DateOfBirth, V::Date(d)) => plan.general.date_of_birth = d,
            (Field::DurationFrom, V::Date(d)) => plan.general.duration_from = d,
            (Field::DurationUntil, V::Date(d)) => plan.general.duration_until = d,
            (Field::ConsentOn, V::Date(d)) => plan.child_voice.consent_on = d,
            (f, V::Text(t)) => {
                if let Some(slot) = plan_text!(plan, f, &mut) {
                    *slot = t;
                }
            }
            _ => {}
        },
        (FieldPath::Participant { participant, field }, v) => {
            let Some(p) = plan.participant_mut(participant) else {
                return;
            };
            match (field, v) {
                (Field::ParticipantName, V::Text(t)) => p.name = t,
                (Field::ParticipantRole, V::Role(r)) => p.role = r,
                (Field::ParticipantPresent, V::Bool(b)) => p.present = b,
                (Field::ParticipantSigned, V::Bool(b)) => p.signed = b,
                (Field::ParticipantSignedOn, V::Date(d)) => p.signed_on = d,
                _ => {}
            }
        }
        (FieldPath::Goal { goal, field }, v) => {
            let Some(g) = plan.goal_mut(goal) else { return };
            match (field, v) {
                (Field::GoalLifeArea, V::Text(t)) => g.life_area = t,
                (Field::GoalText, V::Text(t)) => g.text = t,
                (Field::GoalSuccessCriteria, V::Text(t)) => g.success_criteria = t,
                (Field::GoalTargetDate, V::Date(d)) => g.target_date = d,
                _ => {}
            }
        }
        (FieldPath::Step { goal, step, field }, v) => {
            let Some(s) = plan.step_mut(goal, step) else {
                return;
            };
            match (field, v) {
                (Field::StepDeadline, V::Date(d)) => s.deadline = d,
                (Field::StepFrequency, V::Frequency(f)) => s.frequency = f,
                (Field::StepStatus, V::StepStatus(x)) => s.status = x,
                (Field::StepStatusOn, V::Date(d)) => s.status_on = d,
                (Field::StepOccurrences, V::Dates(d)) => s.occurrences = d,
                (f, V::Text(t)) => {
                    if let Some(slot) = step_text!(s, f, &mut) {
                        *slot = t;
                    }
                }
                _ => {}
            }
        }
        (FieldPath::Section(_), _) => {}
    }
}

/// Makes `target` agree with `from` at `part`: the field's value, or the goal, step or
/// participant present or absent as in `from`.
pub fn take(target: &mut Plan, from: &Plan, part: Part) {
    match part {
        Part::Field(path) => {
            if let Some(v) = value(from, path) {
                set_value(target, path, v);
            }
        }
        Part::Participant(id) => {
            target.participants.retain(|p| p.id != id);
            target.participants.extend(from.participant(id).cloned());
        }
        Part::Goal(id) => {
            target.goals.retain(|g| g.id != id);
            target.goals.extend(from.goal(id).cloned());
        }
        Part::Step { goal, step } => {
            let Some(g) = target.goal_mut(goal) else {
                return;
            };
            g.steps.retain(|s| s.id != step);
            g.steps.extend(from.step(goal, step).cloned());
        }
        Part::Review(id) => match (target.review_mut(id), from.review(id)) {
            (Some(mine), Some(theirs)) => *mine = theirs.clone(),
            (None, Some(theirs)) => target.reviews.push(theirs.clone()),
            (_, None) => target.reviews.retain(|r| r.id != id),
        },
        Part::StatusLog => target.status_log = from.status_log.clone(),
    }
}

/// Whether `part` is the same in `a` and `b` (used to tell which side changed it since the
/// common base).
pub fn same_at(a: &Plan, b: &Plan, part: Part) -> bool {
    match part {
        Part::Field(path) => value(a, path) == value(b, path),
        Part::Participant(id) => a.participant(id) == b.participant(id),
        Part::Goal(id) => a.goal(id) == b.goal(id),
        Part::Step { goal, step } => a.step(goal, step) == b.step(goal, step),
        Part::Review(id) => a.review(id) == b.review(id),
        Part::StatusLog => a.status_log == b.status_log,
    }
}
