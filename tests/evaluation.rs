//! Native tests of carrying out a plan: occurrences of recurring steps counted against their
//! frequency, and when the next review is due.

use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use opora::model::evaluation::*;
use opora::model::*;
use uuid::Uuid;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A running long-term child plan from 2 Nov 2026 (a Monday) to 30 Apr 2027.
fn plan() -> Plan {
    let mut n = 10u128;
    let mut p = Plan::new(
        TemplateId::BgChildShortTerm.template(),
        Uuid::from_u128(1),
        Lang::Bg,
        Utc.with_ymd_and_hms(2026, 10, 20, 9, 0, 0).unwrap(),
        move || {
            n += 1;
            Uuid::from_u128(n)
        },
    );
    p.status = PlanStatus::InProgress;
    p.general.duration_from = Some(date(2026, 11, 2));
    p.general.duration_until = Some(date(2027, 4, 30));
    p
}

fn step(frequency: Option<Frequency>, deadline: Option<NaiveDate>, done: &[NaiveDate]) -> Step {
    let mut s = Step::new(Uuid::from_u128(99));
    s.frequency = frequency;
    s.deadline = deadline;
    s.occurrences = done.to_vec();
    s
}

#[test]
fn twice_a_week_counts_whole_weeks_since_the_start() {
    let p = plan();
    let done = [date(2026, 11, 3), date(2026, 11, 5), date(2026, 11, 12)];
    let s = step(Some(Frequency::PerWeek { times: 2 }), None, &done);
    // Day 7 of the plan (Sunday 8 Nov) ends the first week: 2 asked for.
    let c = occurrences(&p, &s, date(2026, 11, 8)).unwrap();
    assert_eq!((c.done, c.expected_so_far), (2, 2));
    assert!(!c.behind());
    // The day before, no whole week yet.
    let c = occurrences(&p, &s, date(2026, 11, 7)).unwrap();
    assert_eq!((c.done, c.expected_so_far), (2, 0));
    // Four weeks in (29 Nov): "3 of 8 so far", behind.
    let c = occurrences(&p, &s, date(2026, 11, 29)).unwrap();
    assert_eq!((c.done, c.expected_so_far), (3, 8));
    assert!(c.behind());
    // Over the whole plan, 2 Nov – 30 Apr: 180 days, 25 whole weeks.
    assert_eq!(c.expected_total, Some(50));
    // An occurrence recorded ahead (a planned date typed in) does not count yet.
    let s = step(
        Some(Frequency::PerWeek { times: 2 }),
        None,
        &[date(2026, 11, 3), date(2026, 12, 24)],
    );
    assert_eq!(
        occurrences(&p, &s, date(2026, 11, 29)).unwrap().done,
        1,
        "the 24 Dec date is not yet"
    );
}

#[test]
fn a_step_with_a_deadline_and_a_frequency_recurs_until_its_deadline() {
    let p = plan();
    let s = step(
        Some(Frequency::PerWeek { times: 1 }),
        Some(date(2026, 11, 29)),
        &[],
    );
    // 2–29 Nov is four whole weeks: asked for four times, and never more after the deadline.
    let c = occurrences(&p, &s, date(2027, 3, 1)).unwrap();
    assert_eq!((c.expected_so_far, c.expected_total), (4, Some(4)));
    let c = occurrences(&p, &s, date(2026, 11, 15)).unwrap();
    assert_eq!(c.expected_so_far, 2);
}

#[test]
fn monthly_steps_count_whole_calendar_months() {
    let mut p = plan();
    p.general.duration_from = Some(date(2026, 1, 31));
    let s = step(Some(Frequency::PerMonth { times: 1 }), None, &[]);
    // From 31 Jan the month ends the day before 28 Feb (a month on, clamped to the shorter
    // month), as 1–31 Jan is a whole month.
    assert_eq!(
        occurrences(&p, &s, date(2026, 2, 26))
            .unwrap()
            .expected_so_far,
        0
    );
    assert_eq!(
        occurrences(&p, &s, date(2026, 2, 27))
            .unwrap()
            .expected_so_far,
        1
    );
    let s = step(Some(Frequency::PerMonth { times: 3 }), None, &[]);
    assert_eq!(
        occurrences(&p, &s, date(2026, 5, 1))
            .unwrap()
            .expected_so_far,
        9
    );
}

#[test]
fn once_is_asked_for_by_its_deadline_and_steps_without_frequency_have_no_count() {
    let p = plan();
    let s = step(Some(Frequency::Once), Some(date(2026, 11, 20)), &[]);
    assert_eq!(
        occurrences(&p, &s, date(2026, 11, 19))
            .unwrap()
            .expected_so_far,
        0
    );
    assert_eq!(
        occurrences(&p, &s, date(2026, 11, 20))
            .unwrap()
            .expected_so_far,
        1
    );
    assert_eq!(
        occurrences(&p, &step(None, None, &[]), date(2026, 11, 20)),
        None
    );
    // Before the plan starts nothing is asked for.
    let s = step(Some(Frequency::PerWeek { times: 3 }), None, &[]);
    let c = occurrences(&p, &s, date(2026, 10, 25)).unwrap();
    assert_eq!(c.expected_so_far, 0);
}

fn review(date: NaiveDate, next: Option<NaiveDate>) -> Review {
    Review {
        id: Uuid::from_u128(u128::from(date.num_days_from_ce() as u32)),
        kind: ReviewKind::Periodic,
        date,
        took_part: String::new(),
        goals: Vec::new(),
        next_steps: String::new(),
        next_review: next,
    }
}

#[test]
fn the_next_review_follows_the_last_review_or_the_interval() {
    let mut p = plan();
    let months = p.template.template().review_interval_months;
    assert_eq!(months, 3, "Bulgarian short-term work: within 3 months");
    assert_eq!(
        TemplateId::CzCounselling.template().review_interval_months,
        6
    );
    // No review yet: three months after the start.
    assert_eq!(next_review_due(&p, months), Some(date(2027, 2, 2)));
    // A review without a date for the next one: three months after it.
    p.reviews.push(review(date(2026, 12, 15), None));
    assert_eq!(next_review_due(&p, months), Some(date(2027, 3, 15)));
    // The latest review by date decides, whatever order they were recorded in.
    p.reviews
        .push(review(date(2026, 12, 1), Some(date(2026, 12, 10))));
    assert_eq!(next_review_due(&p, months), Some(date(2027, 3, 15)));
    p.reviews
        .push(review(date(2027, 1, 10), Some(date(2027, 2, 1))));
    assert_eq!(next_review_due(&p, months), Some(date(2027, 2, 1)));
    // A month end stays a month end.
    assert_eq!(
        proposed_next_review(date(2026, 11, 30), 3),
        date(2027, 2, 28)
    );
    // Nothing is due for a plan that is not running, or a one-off plan.
    for status in [PlanStatus::Draft, PlanStatus::Completed, PlanStatus::Other] {
        p.status = status;
        assert_eq!(next_review_due(&p, months), None);
    }
    p.status = PlanStatus::InProgress;
    p.horizon = Horizon::OneOff;
    assert_eq!(next_review_due(&p, months), None);
}

#[test]
fn the_childs_voice_is_validated_and_compared_field_by_field() {
    let mut p = plan();
    p.child_voice.child_view = "x".repeat(MAX_TEXT_CHARS + 1);
    p.child_voice.consent_on = Some(date(2099, 1, 1));
    let errors = validate_section(&p, SectionId::Voice, date(2026, 11, 24));
    let kinds: Vec<_> = errors.iter().map(|e| (e.path, e.kind)).collect();
    assert!(kinds.contains(&(
        FieldPath::Plan(Field::ChildView),
        ErrorKind::TooLong {
            max: MAX_TEXT_CHARS
        }
    )));
    assert!(kinds.contains(&(FieldPath::Plan(Field::ConsentOn), ErrorKind::DateInFuture)));
    // The child form has the section; the counselling form does not.
    assert!(p.template.template().has_section(SectionId::Voice));
    assert!(!TemplateId::CzCounselling
        .template()
        .has_section(SectionId::Voice));
    // Two versions differing in the parents' view differ there and nowhere else.
    let mut other = plan();
    other.child_voice.parents_view = "Съгласни сме.".into();
    let parts = merge::differences(&plan(), &other);
    assert_eq!(
        parts,
        vec![merge::Part::Field(FieldPath::Plan(Field::ParentsView))]
    );
    let mut taken = plan();
    merge::take(&mut taken, &other, parts[0]);
    assert_eq!(taken, other);
}

#[test]
fn reviews_and_occurrences_are_compared_and_taken_whole() {
    let base = plan();
    let mut theirs = base.clone();
    theirs.reviews.push(review(date(2026, 12, 1), None));
    let mut g = Goal::new(Uuid::from_u128(500));
    g.steps.push(step(
        Some(Frequency::PerWeek { times: 2 }),
        None,
        &[date(2026, 11, 3)],
    ));
    let mut mine = base.clone();
    mine.goals.push(g.clone());
    theirs.goals.push(g);
    theirs.goals[0].steps[0].occurrences.push(date(2026, 11, 5));
    let parts = merge::differences(&mine, &theirs);
    assert_eq!(parts.len(), 2, "{parts:?}");
    let mut result = mine.clone();
    for part in parts {
        merge::take(&mut result, &theirs, part);
    }
    assert_eq!(result, theirs);
    // And back: a review only one side has is removed by taking the other.
    merge::take(
        &mut result,
        &mine,
        merge::Part::Review(theirs.reviews[0].id),
    );
    assert!(result.reviews.is_empty());
}
