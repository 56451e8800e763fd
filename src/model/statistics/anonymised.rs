//! The anonymised CSV for the service's own spreadsheets (issue 11): one row per goal and one
//! per step, with nothing in it that names or dates a person. Every value is a code, a number
//! or a month: no name, no free text, an age band for the date of birth, months for dates, and
//! pseudonyms for plans and clients that are drawn afresh for each export (two exports cannot
//! be joined). The columns are documented in `docs/statistics-csv.md`; `COLUMNS` is the list
//! the file's header and the tests follow.
//!
//! Kept coarse on purpose (DOMAIN: anonymous statistics fall outside the GDPR, pseudonymised
//! data does not): a value that is not from a closed set (a life-area key read from a file)
//! is written only when the plan's template knows it, else `other_key`.

use crate::model::codes::code;
use chrono::NaiveDate;

use super::classify::{
    age_band, client_key, closed_on, days_to_reach_in, step_outcome, GoalOutcome, Month, RoleReader,
};
use crate::model::evaluation::occurrences;
use crate::model::plan::{Frequency, Goal, Plan, Step};
use crate::model::progress;
use crate::model::sample::Rng;

/// The header, in order. `docs/statistics-csv.md` describes each.
pub const COLUMNS: [&str; 25] = [
    "record",
    "plan",
    "client",
    "form",
    "horizon",
    "plan_form",
    "plan_status",
    "plan_month",
    "closed_month",
    "age_band",
    "goal",
    "life_area",
    "goal_outcome",
    "goal_latest_score",
    "goal_ratings",
    "months_to_reached",
    "step",
    "responsible_role",
    "frequency",
    "deadline_month",
    "step_status",
    "status_month",
    "outcome",
    "occurrences_done",
    "occurrences_expected",
];

/// Where the plan-level columns end and the goal-level ones start, and where the step-level
/// ones start: goal rows leave the step columns empty.
const GOAL_FROM: usize = 10;
const STEP_FROM: usize = 16;

/// What a life area the plan's template does not know is written as.
pub const OTHER_KEY: &str = "other_key";

/// Days in an average month, for whole months from days.
const DAYS_PER_MONTH: f64 = 30.44;

/// The anonymised CSV of `plans` as of `today` (RFC 4180: comma-separated, CRLF line ends, a
/// header row first, UTF-8 — in practice ASCII). `seed` shuffles the pseudonyms: pass a fresh
/// random number for each export, so the numbers say nothing about storage order and two
/// exports cannot be joined.
pub fn anonymised_csv(plans: &[&Plan], today: NaiveDate, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    // Plan pseudonyms: P0001… in a shuffled order.
    let plan_order = shuffled(plans.len(), &mut rng);
    let plan_number = numbers(&plan_order);
    // Client pseudonyms: one per client (`client_key`), numbered in a shuffled order of their
    // own, so a client's number says nothing about their plans' numbers.
    let mut keys: Vec<_> = plans.iter().map(|p| client_key(p)).collect();
    keys.sort_unstable();
    keys.dedup();
    let client_number = numbers(&shuffled(keys.len(), &mut rng));

    let mut out = String::new();
    push_row(&mut out, COLUMNS.iter().map(|c| c.to_string()));
    for &i in &plan_order {
        let plan = plans[i];
        let key = client_key(plan);
        let client = keys.binary_search(&key).map_or(0, |k| client_number[k]);
        let head = plan_columns(plan, plan_number[i], client);
        let roles = RoleReader::new(plan);
        for (g, goal) in plan.goals.iter().enumerate() {
            let goal_cols = goal_columns(plan, goal, g + 1);
            let empty_steps = std::iter::repeat_n(String::new(), COLUMNS.len() - STEP_FROM);
            push_row(
                &mut out,
                std::iter::once("goal".to_string())
                    .chain(head.iter().cloned())
                    .chain(goal_cols.iter().cloned())
                    .chain(empty_steps),
            );
            for (s, step) in goal.steps.iter().enumerate() {
                push_row(
                    &mut out,
                    std::iter::once("step".to_string())
                        .chain(head.iter().cloned())
                        .chain(goal_cols.iter().cloned())
                        .chain(step_columns(plan, &roles, step, s + 1, today)),
                );
            }
        }
    }
    out
}

/// `0..n` in an order drawn from `rng` (Fisher–Yates).
fn shuffled(n: usize, rng: &mut Rng) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = rng.range(0, i as u64) as usize;
        order.swap(i, j);
    }
    order
}

/// Each index's number (from 1) in `order`: the pseudonym numbers of a shuffled order.
fn numbers(order: &[usize]) -> Vec<usize> {
    let mut number = vec![0; order.len()];
    for (n, &i) in order.iter().enumerate() {
        number[i] = n + 1;
    }
    number
}

/// `plan` … `age_band`.
fn plan_columns(plan: &Plan, number: usize, client: usize) -> Vec<String> {
    let cols = vec![
        format!("P{number:04}"),
        format!("C{client:04}"),
        plan.template.code().to_string(),
        code(plan.horizon),
        code(plan.form),
        code(plan.status),
        Month::of(plan.created_on).code(),
        month(closed_on(plan)),
        age_band(plan.general.date_of_birth, plan.created_on)
            .code()
            .to_string(),
    ];
    debug_assert_eq!(cols.len(), GOAL_FROM - 1);
    cols
}

/// `goal` … `months_to_reached`.
fn goal_columns(plan: &Plan, goal: &Goal, number: usize) -> Vec<String> {
    let ratings = progress::goal_series(plan, goal.id);
    let cols = vec![
        number.to_string(),
        life_area(plan, goal),
        GoalOutcome::of(&ratings).code().to_string(),
        ratings
            .last()
            .map_or(String::new(), |r| r.progress.score().to_string()),
        ratings.len().to_string(),
        days_to_reach_in(plan, &ratings).map_or(String::new(), |d| {
            ((d as f64 / DAYS_PER_MONTH).floor() as i64).to_string()
        }),
    ];
    debug_assert_eq!(cols.len(), STEP_FROM - GOAL_FROM);
    cols
}

/// `step` … `occurrences_expected`.
fn step_columns(
    plan: &Plan,
    roles: &RoleReader,
    step: &Step,
    number: usize,
    today: NaiveDate,
) -> Vec<String> {
    let count = occurrences(plan, step, today);
    let cols = vec![
        number.to_string(),
        roles.role(step).map_or("unknown".to_string(), code),
        step.frequency.map_or(String::new(), frequency),
        month(step.deadline),
        code(step.status),
        month(step.status_on),
        step_outcome(step, today).code().to_string(),
        count.map_or(String::new(), |c| c.done.to_string()),
        count.map_or(String::new(), |c| c.expected_so_far.to_string()),
    ];
    debug_assert_eq!(cols.len(), COLUMNS.len() - STEP_FROM);
    cols
}

/// The goal's life-area key when the plan's template knows it, empty when none is chosen, else
/// `other_key`: a plan read from a file could carry any text there.
fn life_area(plan: &Plan, goal: &Goal) -> String {
    let key = goal.life_area.trim();
    if key.is_empty() {
        String::new()
    } else if plan.template.template().life_area(key).is_some() {
        key.to_string()
    } else {
        OTHER_KEY.to_string()
    }
}

fn month(date: Option<NaiveDate>) -> String {
    date.map_or(String::new(), |d| Month::of(d).code())
}

/// `once`, `2_per_week`, `1_per_month`.
fn frequency(f: Frequency) -> String {
    match f {
        Frequency::Once => "once".to_string(),
        Frequency::PerWeek { times } => format!("{times}_per_week"),
        Frequency::PerMonth { times } => format!("{times}_per_month"),
    }
}

/// One CSV line, CRLF-terminated.
fn push_row(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, &field);
    }
    out.push_str("\r\n");
}

/// A field as RFC 4180 wants it: quoted, with its quotes doubled, when it holds a comma, a
/// quote or a line break. Written by hand because every value here is a short code: the csv
/// crate would add wasm size for nothing.
fn push_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(s: &str) -> String {
        let mut out = String::new();
        push_field(&mut out, s);
        out
    }

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(field("on_time"), "on_time");
        assert_eq!(field(""), "");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("cr\r"), "\"cr\r\"");
    }

    #[test]
    fn a_shuffle_is_a_permutation_that_depends_on_the_seed() {
        let a = shuffled(50, &mut Rng::new(1));
        let b = shuffled(50, &mut Rng::new(2));
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
        assert_ne!(a, b);
        assert!(shuffled(0, &mut Rng::new(1)).is_empty());
    }

    #[test]
    fn codes_are_the_file_format_codes() {
        use crate::model::{Horizon, PlanStatus, Role};
        assert_eq!(code(PlanStatus::InProgress), "in_progress");
        assert_eq!(code(Horizon::OneOff), "one_off");
        assert_eq!(
            code(Role::ParentOrLegalRepresentative),
            "parent_or_legal_representative"
        );
        assert_eq!(frequency(Frequency::PerWeek { times: 2 }), "2_per_week");
    }
}
