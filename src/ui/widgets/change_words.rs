//! A difference between two versions of a plan (`model::merge::Part`) in words: which place it
//! is ("Goal 2 · Activity") and what a version holds there. Shared by the conflict view (both
//! sides of a field) and the history (what a save changed).

use crate::i18n::*;
use crate::model::merge::{differences, value, FieldValue, Part};
use crate::model::{FieldPath, Plan, Template};
use crate::ui::labels;

/// What the difference is about ("Goal 2 · Activity") and the field's key for tests and
/// styling. Goals are numbered as in `a`, or in `b` when `a` lacks them.
pub fn describe(
    l: Locale,
    template: &Template,
    a: &Plan,
    b: &Plan,
    part: Part,
) -> (String, &'static str) {
    let goal_no = |id| {
        let pos = |p: &Plan| p.goals.iter().position(|g| g.id == id);
        pos(a).or(pos(b)).map_or(0, |n| n + 1)
    };
    let word = |f: fn(Locale) -> &'static str| f(l);
    match part {
        Part::Field(path) => {
            let Some(field) = path.field() else {
                return (String::new(), "");
            };
            let name = labels::field(l, template, field);
            let label = match path {
                FieldPath::Goal { goal, .. } | FieldPath::Step { goal, .. } => format!(
                    "{} {} · {name}",
                    word(|l| td_string!(l, conflict_goal)),
                    goal_no(goal)
                ),
                _ => name.to_string(),
            };
            (label, field.key())
        }
        Part::Goal(id) => (
            format!("{} {}", word(|l| td_string!(l, conflict_goal)), goal_no(id)),
            "goal",
        ),
        Part::Step { goal, .. } => (
            format!(
                "{} {} · {}",
                word(|l| td_string!(l, conflict_goal)),
                goal_no(goal),
                word(|l| td_string!(l, conflict_step))
            ),
            "step",
        ),
        Part::Participant(_) => (
            word(|l| td_string!(l, conflict_participant)).into(),
            "participant",
        ),
        Part::Review(_) => (word(|l| td_string!(l, conflict_review)).into(), "review"),
        Part::StatusLog => (
            word(|l| td_string!(l, conflict_status_log)).into(),
            "status_log",
        ),
    }
}

/// What `plan` holds at `part`, in words; "(not there)" when it lacks it.
pub fn show(l: Locale, plan: &Plan, part: Part) -> String {
    let absent = || td_string!(l, conflict_absent).to_string();
    let v = match part {
        Part::Field(path) => value(plan, path),
        Part::Goal(id) => plan.goal(id).map(|g| FieldValue::Text(g.text.clone())),
        Part::Step { goal, step } => plan
            .step(goal, step)
            .map(|s| FieldValue::Text(s.activity.clone())),
        Part::Participant(id) => plan
            .participant(id)
            .map(|p| FieldValue::Text(format!("{} ({})", p.name, labels::role(l, p.role)))),
        Part::Review(id) => plan.review(id).map(|r| {
            FieldValue::Text(format!(
                "{} {}",
                labels::review_kind(l, r.kind),
                labels::date(l, r.date)
            ))
        }),
        Part::StatusLog => Some(FieldValue::Text(
            plan.status_log
                .iter()
                .map(|c| format!("{} {}", labels::date(l, c.on), labels::status(l, c.to)))
                .collect::<Vec<_>>()
                .join(", "),
        )),
    };
    let Some(v) = v else { return absent() };
    match v {
        FieldValue::Text(t) if t.trim().is_empty() => "—".into(),
        FieldValue::Text(t) => t,
        FieldValue::Date(d) => labels::opt_date(l, d),
        FieldValue::Bool(b) => if b {
            td_string!(l, yes)
        } else {
            td_string!(l, no)
        }
        .into(),
        FieldValue::Lang(lang) => lang.native_name().into(),
        FieldValue::Status(s) => labels::status(l, s).into(),
        FieldValue::Form(f) => labels::plan_form(l, f).into(),
        FieldValue::Horizon(h) => labels::horizon(l, h).into(),
        FieldValue::Role(r) => labels::role(l, r).into(),
        FieldValue::StepStatus(s) => labels::step_status(l, s).into(),
        FieldValue::Frequency(f) => f.map_or_else(|| "—".into(), |f| labels::frequency(l, f)),
        FieldValue::Dates(d) if d.is_empty() => "—".into(),
        FieldValue::Dates(d) => d
            .into_iter()
            .map(|d| labels::date(l, d))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Whether `plan` has the goal, step, participant or review `part` names (a field: always).
fn has(plan: &Plan, part: Part) -> bool {
    match part {
        Part::Goal(id) => plan.goal(id).is_some(),
        Part::Step { goal, step } => plan.step(goal, step).is_some(),
        Part::Participant(id) => plan.participant(id).is_some(),
        Part::Review(id) => plan.review(id).is_some(),
        Part::Field(_) | Part::StatusLog => true,
    }
}

/// A long text cut to about `max` characters, with "…".
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((i, _)) => format!("{}…", text[..i].trim_end()),
    }
}

/// What changed from `older` to `newer`, one line per change, in the order of the form:
/// "Goal 2 · Activity: “old” → “new”", "Goal 3: added “…”", "Review: added “Periodic 20 Nov 2026”",
/// "Order of the goals changed". Long texts are shortened.
pub fn changes(l: Locale, newer: &Plan, older: &Plan) -> Vec<String> {
    const MAX: usize = 60;
    let template = newer.template.template();
    let mut out = Vec::new();
    if newer.template != older.template {
        let lang = labels::lang_of(l);
        out.push(format!(
            "{}: {} → {}",
            td_string!(l, history_form),
            older.template.template().name.get(lang),
            template.name.get(lang)
        ));
    }
    let order = |a: Vec<uuid::Uuid>, b: Vec<uuid::Uuid>| {
        let common = |x: &[uuid::Uuid], y: &[uuid::Uuid]| -> Vec<uuid::Uuid> {
            x.iter().copied().filter(|i| y.contains(i)).collect()
        };
        common(&a, &b) != common(&b, &a)
    };
    let ids = |p: &Plan| p.goals.iter().map(|g| g.id).collect::<Vec<_>>();
    if order(ids(newer), ids(older)) {
        out.push(td_string!(l, history_goal_order).to_string());
    }
    let ids = |p: &Plan| p.participants.iter().map(|g| g.id).collect::<Vec<_>>();
    if order(ids(newer), ids(older)) {
        out.push(td_string!(l, history_participant_order).to_string());
    }
    for (n, g) in newer.goals.iter().enumerate() {
        let steps = |p: &Plan| {
            p.goal(g.id)
                .map(|g| g.steps.iter().map(|s| s.id).collect::<Vec<_>>())
                .unwrap_or_default()
        };
        if order(steps(newer), steps(older)) {
            out.push(format!(
                "{} {} · {}",
                td_string!(l, conflict_goal),
                n + 1,
                td_string!(l, history_step_order)
            ));
        }
    }
    for part in differences(newer, older) {
        let (label, _) = describe(l, template, newer, older, part);
        let quote = |p: &Plan| {
            let text = shorten(&show(l, p, part), MAX);
            match l {
                Locale::en => format!("“{text}”"),
                _ => format!("„{text}“"),
            }
        };
        let line = match (has(older, part), has(newer, part)) {
            (false, _) => format!("{label}: {} {}", td_string!(l, history_added), quote(newer)),
            (_, false) => format!(
                "{label}: {} {}",
                td_string!(l, history_removed),
                quote(older)
            ),
            _ if matches!(part, Part::Review(_)) => {
                format!(
                    "{label}: {} {}",
                    td_string!(l, history_changed),
                    quote(newer)
                )
            }
            _ => format!("{label}: {} → {}", quote(older), quote(newer)),
        };
        out.push(line);
    }
    out
}
