//! Native tests of reviews and the plan's lifecycle: progress over the reviews in date order,
//! the plan's count of goals reached / partly / not, a new review's defaults, review
//! validation, and which status changes are allowed and recorded.

use chrono::{NaiveDate, TimeZone, Utc};
use opora::model::due::ReviewIntervals;
use opora::model::lifecycle::{self, LifecycleError};
use opora::model::progress::{self, ReviewField, Tally};
use opora::model::*;
use uuid::Uuid;

fn ids() -> impl FnMut() -> Uuid {
    let mut n = 100u128;
    move || {
        n += 1;
        Uuid::from_u128(n)
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A long-term Czech plan with three goals and two people present (one absent).
fn plan() -> Plan {
    let now = Utc.with_ymd_and_hms(2026, 1, 10, 9, 0, 0).unwrap();
    let mut p = Plan::new(&CZ_COUNSELLING, Uuid::from_u128(1), Lang::Cs, now, ids());
    p.horizon = Horizon::LongTerm;
    p.participants[0].name = "Jana".into();
    p.participants[1].name = " Petr ".into();
    let mut absent = Participant::new(Uuid::from_u128(50), Role::FamilyMember);
    absent.name = "Sestra".into();
    absent.present = false;
    p.participants.push(absent);
    for n in 0..3 {
        let mut g = Goal::new(Uuid::from_u128(10 + n));
        g.text = format!("Cíl {n}");
        p.goals.push(g);
    }
    p
}

fn goal(n: u128) -> Uuid {
    Uuid::from_u128(10 + n)
}

fn rate(r: &mut Review, goal: Uuid, progress: Progress) {
    r.goal_mut(goal).progress = Some(progress);
}

#[test]
fn a_new_review_starts_with_those_present_every_goal_and_the_next_date() {
    let p = plan();
    let r = progress::new_review(
        &p,
        Uuid::from_u128(7),
        ReviewKind::Periodic,
        date(2026, 3, 31),
        &ReviewIntervals::default(),
    );
    assert_eq!(r.took_part, "Jana, Petr", "present people only, trimmed");
    // The interval set for the form on the Today screen is the one proposed.
    let mut every = ReviewIntervals::default();
    every.set(TemplateId::CzCounselling, 4);
    let set = progress::new_review(
        &p,
        Uuid::from_u128(9),
        ReviewKind::Periodic,
        date(2026, 3, 31),
        &every,
    );
    assert_eq!(set.next_review, Some(date(2026, 7, 31)));
    assert_eq!(r.goals.len(), 3);
    assert!(r.goals.iter().all(|g| g.progress.is_none()));
    assert_eq!(
        r.next_review,
        Some(date(2026, 9, 30)),
        "six months on the counselling form (the shorter month's last day)"
    );
    let mut child = p.clone();
    child.template = TemplateId::BgChildShortTerm;
    let r = progress::new_review(
        &child,
        Uuid::from_u128(7),
        ReviewKind::Periodic,
        date(2026, 3, 1),
        &ReviewIntervals::default(),
    );
    assert_eq!(
        r.next_review,
        Some(date(2026, 6, 1)),
        "three months on the child form"
    );
    let r = progress::new_review(
        &p,
        Uuid::from_u128(8),
        ReviewKind::Final,
        date(2026, 3, 1),
        &ReviewIntervals::default(),
    );
    assert_eq!(r.next_review, None, "nothing follows a final review");
    assert!(r.is_blank(), "defaults are not an evaluation");
}

#[test]
fn each_goal_has_its_ratings_in_date_order_and_the_plan_counts_the_latest() {
    let mut p = plan();
    assert_eq!(
        progress::tally(&p),
        Tally {
            reached: 0,
            partly: 0,
            not: 3
        },
        "never rated"
    );

    // Recorded out of date order: the series follows the dates.
    let mut later = progress::new_review(
        &p,
        Uuid::from_u128(21),
        ReviewKind::Periodic,
        date(2026, 6, 1),
        &ReviewIntervals::default(),
    );
    rate(&mut later, goal(0), Progress::Reached);
    rate(&mut later, goal(1), Progress::Mostly);
    let mut earlier = progress::new_review(
        &p,
        Uuid::from_u128(22),
        ReviewKind::Periodic,
        date(2026, 3, 1),
        &ReviewIntervals::default(),
    );
    rate(&mut earlier, goal(0), Progress::SomeProgress);
    rate(&mut earlier, goal(1), Progress::NotStarted);
    rate(&mut earlier, goal(2), Progress::Mostly);
    // A review that rates goal 2 as not started later, and one that leaves goal 0 out.
    let mut same_day = Review::new(Uuid::from_u128(23), ReviewKind::Periodic, date(2026, 6, 1));
    rate(&mut same_day, goal(2), Progress::NotStarted);
    p.reviews = vec![later, earlier, same_day];

    let series = progress::goal_series(&p, goal(0));
    let points: Vec<_> = series
        .iter()
        .map(|r| (r.date, r.progress.score()))
        .collect();
    assert_eq!(points, [(date(2026, 3, 1), 1), (date(2026, 6, 1), 3)]);
    assert_eq!(series[1].review, Uuid::from_u128(21));
    let g2: Vec<_> = progress::goal_series(&p, goal(2))
        .iter()
        .map(|r| r.progress)
        .collect();
    assert_eq!(
        g2,
        [Progress::Mostly, Progress::NotStarted],
        "same day: order recorded"
    );
    assert_eq!(progress::latest(&p, goal(1)), Some(Progress::Mostly));
    assert_eq!(
        progress::tally(&p),
        Tally {
            reached: 1,
            partly: 1,
            not: 1
        },
        "reached; mostly counts as partly; the latest of goal 2 is not started"
    );
    let by_date: Vec<_> = progress::reviews_by_date(&p)
        .iter()
        .map(|r| r.id.as_u128())
        .collect();
    assert_eq!(by_date, [22, 21, 23]);
}

#[test]
fn review_texts_are_capped_and_the_next_review_follows_it() {
    let p = plan();
    let mut r = progress::new_review(
        &p,
        Uuid::from_u128(7),
        ReviewKind::Periodic,
        date(2026, 3, 1),
        &ReviewIntervals::default(),
    );
    assert_eq!(progress::validate_review(&r), []);
    r.goal_mut(goal(1)).client_view = "x".repeat(MAX_TEXT_CHARS + 1);
    r.next_review = Some(date(2026, 2, 1));
    let errors: Vec<_> = progress::validate_review(&r)
        .into_iter()
        .map(|e| (e.field, e.kind))
        .collect();
    assert_eq!(
        errors,
        [
            (
                ReviewField::ClientView(goal(1)),
                ErrorKind::TooLong {
                    max: MAX_TEXT_CHARS
                }
            ),
            (ReviewField::NextReview, ErrorKind::EndBeforeStart),
        ]
    );
}

#[test]
fn the_lifecycle_allows_forward_steps_and_records_every_change() {
    use PlanStatus::*;
    for (from, to, ok) in [
        (Draft, InProgress, true),
        (Draft, Completed, true),
        (InProgress, Completed, true),
        (InProgress, Other, true),
        (Completed, InProgress, true),
        (Other, InProgress, true),
        (InProgress, Draft, false),
        (Completed, Other, false),
        (Completed, Draft, false),
        (Other, Completed, false),
    ] {
        assert_eq!(lifecycle::allowed(from, to), ok, "{from:?} → {to:?}");
    }

    let mut p = plan();
    let day = date(2026, 1, 12);
    lifecycle::start(&mut p, day).unwrap();
    assert_eq!(p.status, InProgress);
    assert_eq!(
        lifecycle::start(&mut p, day),
        Err(LifecycleError::NotAllowed {
            from: InProgress,
            to: InProgress
        })
    );

    // Completing asks for the final review.
    let periodic = progress::new_review(
        &p,
        Uuid::from_u128(31),
        ReviewKind::Periodic,
        day,
        &ReviewIntervals::default(),
    );
    p.reviews.push(periodic);
    assert_eq!(
        lifecycle::complete(&mut p, Uuid::from_u128(31), day),
        Err(LifecycleError::NotAFinalReview)
    );
    assert_eq!(
        lifecycle::complete(&mut p, Uuid::from_u128(99), day),
        Err(LifecycleError::NotAFinalReview),
        "no such review"
    );
    let end = progress::new_review(
        &p,
        Uuid::from_u128(32),
        ReviewKind::EndOfMeeting,
        day,
        &ReviewIntervals::default(),
    );
    p.reviews.push(end);
    assert_eq!(
        lifecycle::complete(&mut p, Uuid::from_u128(32), day),
        Err(LifecycleError::NotAFinalReview),
        "an end-of-meeting evaluation completes only a one-off plan"
    );
    assert!(!lifecycle::is_read_only(&p));
    let fin = progress::new_review(
        &p,
        Uuid::from_u128(33),
        ReviewKind::Final,
        date(2026, 6, 30),
        &ReviewIntervals::default(),
    );
    p.reviews.push(fin);
    lifecycle::complete(&mut p, Uuid::from_u128(33), date(2026, 6, 30)).unwrap();
    assert_eq!(p.status, Completed);
    assert!(lifecycle::is_read_only(&p));
    assert_eq!(
        lifecycle::close_other(&mut p, "moved", day),
        Err(LifecycleError::NotAllowed {
            from: Completed,
            to: Other
        })
    );

    // Reopening says why, and is recorded.
    assert_eq!(
        lifecycle::reopen(&mut p, "  ", day),
        Err(LifecycleError::ReasonRequired)
    );
    assert_eq!(p.status, Completed, "nothing changed");
    lifecycle::reopen(&mut p, " New debts came up ", date(2026, 8, 1)).unwrap();
    assert_eq!(p.status, InProgress);
    assert!(!lifecycle::is_read_only(&p));

    // Closed for another reason: the reason is the status note; reopening clears it.
    lifecycle::close_other(&mut p, "Moved to another town", date(2026, 9, 1)).unwrap();
    assert_eq!(
        (p.status, p.status_note.as_str()),
        (Other, "Moved to another town")
    );
    assert!(
        !lifecycle::is_read_only(&p),
        "only a completed plan is kept as it was"
    );
    lifecycle::reopen(&mut p, "Came back", date(2026, 10, 1)).unwrap();
    assert_eq!(p.status_note, "");

    let log: Vec<_> = p
        .status_log
        .iter()
        .map(|c| (c.on, c.from, c.to, c.reason.as_str()))
        .collect();
    assert_eq!(
        log,
        [
            (day, Draft, InProgress, ""),
            (date(2026, 6, 30), InProgress, Completed, ""),
            (date(2026, 8, 1), Completed, InProgress, "New debts came up"),
            (date(2026, 9, 1), InProgress, Other, "Moved to another town"),
            (date(2026, 10, 1), Other, InProgress, "Came back"),
        ]
    );
}

#[test]
fn a_one_off_plan_is_completed_by_its_end_of_meeting_evaluation() {
    let mut p = plan();
    p.horizon = Horizon::OneOff;
    let day = date(2026, 1, 10);
    let end = progress::new_review(
        &p,
        Uuid::from_u128(32),
        ReviewKind::EndOfMeeting,
        day,
        &ReviewIntervals::default(),
    );
    p.reviews.push(end);
    lifecycle::complete(&mut p, Uuid::from_u128(32), day).unwrap();
    assert_eq!(p.status, PlanStatus::Completed);
    assert_eq!(p.status_log.len(), 1);
}

#[test]
fn the_forms_status_field_records_changes_and_leaves_completing_to_the_final_review() {
    let mut p = plan();
    p.horizon = Horizon::LongTerm;
    assert!(!lifecycle::form_choices(&p).contains(&PlanStatus::Completed));
    p.horizon = Horizon::OneOff;
    assert!(lifecycle::form_choices(&p).contains(&PlanStatus::Completed));
    p.horizon = Horizon::LongTerm;
    let day = date(2026, 3, 1);
    lifecycle::set_in_form(&mut p, PlanStatus::InProgress, day);
    assert_eq!(p.status, PlanStatus::InProgress);
    assert_eq!(p.status_log.len(), 1);
    // Changing one's mind the same day amends that entry; back to where it was, it goes.
    lifecycle::set_in_form(&mut p, PlanStatus::Other, day);
    assert_eq!(p.status_log.len(), 1);
    assert_eq!(p.status_log[0].to, PlanStatus::Other);
    lifecycle::set_in_form(&mut p, PlanStatus::Draft, day);
    assert!(p.status_log.is_empty());
    assert_eq!(p.status, PlanStatus::Draft);
    // On another day it is a new entry.
    lifecycle::set_in_form(&mut p, PlanStatus::InProgress, day);
    lifecycle::set_in_form(&mut p, PlanStatus::Other, date(2026, 3, 2));
    assert_eq!(p.status_log.len(), 2);
    // Setting the same status changes nothing.
    lifecycle::set_in_form(&mut p, PlanStatus::Other, date(2026, 3, 3));
    assert_eq!(p.status_log.len(), 2);
}
