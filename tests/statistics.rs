//! Native tests of the statistics: every figure on a fixture of seven plans whose numbers
//! were worked out by hand (in the comments), the rules that classify steps, goals and
//! responsible persons, the filters, and joining plans from several files.
//!
//! The fixture is described in `fixtures/statistics_plans.rs`.

#[path = "fixtures/statistics_plans.rs"]
mod fixture;

use chrono::{Duration, TimeZone, Utc};
use fixture::*;
use opora::model::statistics::classify::{self, AgeBand, GoalOutcome};
use opora::model::statistics::{self, Filter, Group, Month, StepOutcome};
use opora::model::*;
use uuid::Uuid;

fn report(filter: &Filter) -> statistics::Report {
    statistics::report(&fixture(), filter, today())
}

fn month(year: i32, month: u32) -> Month {
    Month { year, month }
}

#[test]
fn the_overview_counts_plans_and_clients_by_form_status_horizon_and_oral_or_written() {
    let o = report(&Filter::default()).overview;
    assert_eq!((o.plans, o.clients), (7, 6), "P7 is for P1's client");
    assert_eq!(
        o.by_template
            .iter()
            .map(|c| (c.plans, c.clients))
            .collect::<Vec<_>>(),
        vec![(6, 5), (1, 1)],
        "Czech, Bulgarian"
    );
    assert_eq!(
        o.by_status
            .iter()
            .map(|c| (c.key, c.plans, c.clients))
            .collect::<Vec<_>>(),
        vec![
            (PlanStatus::Draft, 1, 1),
            (PlanStatus::InProgress, 5, 5),
            (PlanStatus::Completed, 1, 1),
            (PlanStatus::Other, 0, 0)
        ]
    );
    assert_eq!(
        o.by_horizon
            .iter()
            .map(|c| (c.key, c.plans, c.clients))
            .collect::<Vec<_>>(),
        vec![(Horizon::OneOff, 1, 1), (Horizon::LongTerm, 6, 6)]
    );
    assert_eq!(
        o.by_form
            .iter()
            .map(|c| (c.key, c.plans, c.clients))
            .collect::<Vec<_>>(),
        vec![(PlanForm::Written, 6, 5), (PlanForm::Oral, 1, 1)]
    );
}

#[test]
fn new_and_completed_plans_are_counted_per_month_gaps_included() {
    let o = report(&Filter::default()).overview;
    let months: Vec<(String, usize, usize)> = o
        .months
        .iter()
        .map(|m| (m.month.code(), m.new, m.completed))
        .collect();
    assert_eq!(
        months,
        vec![
            ("2026-01".into(), 1, 0),
            ("2026-02".into(), 1, 0),
            ("2026-03".into(), 2, 1),
            ("2026-04".into(), 1, 0),
            ("2026-05".into(), 1, 0),
            ("2026-06".into(), 0, 0),
            ("2026-07".into(), 0, 0),
            ("2026-08".into(), 0, 0),
            ("2026-09".into(), 0, 0),
            ("2026-10".into(), 1, 0),
        ]
    );
    assert_eq!(o.completed_undated, 0);
}

#[test]
fn a_completed_plan_without_a_recorded_date_is_counted_apart() {
    let mut plans = fixture();
    plans[5].status_log.clear();
    let o = statistics::report(&plans, &Filter::default(), today()).overview;
    assert_eq!(o.completed_undated, 1);
    assert_eq!(o.months.iter().map(|m| m.completed).sum::<usize>(), 0);
}

#[test]
fn life_areas_by_frequency_with_their_goals_outcomes_and_time_to_reach() {
    let areas = report(&Filter::default()).areas;
    let rows: Vec<(&str, usize, usize, [usize; 4])> = areas
        .iter()
        .map(|a| {
            (
                a.area.as_str(),
                a.goals,
                a.plans,
                [a.reached, a.partly, a.not, a.unrated],
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("housing", 6, 6, [5, 0, 0, 1]),
            ("debts", 5, 5, [0, 5, 0, 0]),
            ("education", 1, 1, [0, 0, 1, 0]),
        ]
    );
    let median = areas[0].days_to_reach.expect("housing goals were reached");
    assert_eq!((median.value, median.of), (90.0, 5));
    assert!(areas[1].days_to_reach.is_none(), "no debts goal reached");
}

#[test]
fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
    let m = statistics::areas::median(vec![30, 10, 90, 40]).unwrap();
    assert_eq!((m.value, m.of), (35.0, 4));
    assert!(statistics::areas::median(vec![]).is_none());
}

#[test]
fn progress_per_area_is_the_mean_rating_of_each_quarter() {
    let progress = report(&Filter::default()).progress;
    type Points = Vec<(String, f64, usize)>;
    let rows: Vec<(&str, Points)> = progress
        .iter()
        .map(|a| {
            (
                a.area.as_str(),
                a.quarters
                    .iter()
                    .map(|q| {
                        (
                            q.quarter.code(),
                            (q.mean * 1000.0).round() / 1000.0,
                            q.ratings,
                        )
                    })
                    .collect(),
            )
        })
        .collect();
    // Reviews: P1 10.4., P2 11.5., P3 8.6. (Q2); P4 9.7., P5 8.8. (Q3); P6 1.3. (Q1).
    assert_eq!(
        rows,
        vec![
            (
                "housing",
                vec![("2026-04".into(), 3.0, 3), ("2026-07".into(), 3.0, 2)]
            ),
            (
                "debts",
                vec![("2026-04".into(), 1.333, 3), ("2026-07".into(), 1.0, 2)]
            ),
            ("education", vec![("2026-01".into(), 0.0, 1)]),
        ]
    );
}

#[test]
fn follow_through_counts_the_steps_of_agreed_plans_by_area_and_role() {
    let f = report(&Filter::default()).follow_through;
    let t = &f.total;
    assert_eq!(
        (t.on_time, t.late, t.not_done, t.overdue, t.open, t.plans),
        (5, 5, 1, 5, 0, 6),
        "the draft's step is left out"
    );
    let area = |key: &str| {
        f.by_area
            .iter()
            .find(|r| r.group == Group::Area(key.into()))
            .unwrap()
            .counts
            .clone()
    };
    let housing = area("housing");
    assert_eq!((housing.on_time, housing.overdue, housing.plans), (5, 5, 5));
    assert_eq!(housing.struggle_percent(), Some(50));
    assert!(!housing.too_few());
    assert_eq!(area("debts").struggle_percent(), Some(100));
    assert!(area("education").too_few(), "one plan");
    let role = |r: Option<Role>| {
        f.by_role
            .iter()
            .find(|x| x.group == Group::Role(r))
            .map(|x| x.counts.clone())
    };
    let client = role(Some(Role::Client)).unwrap();
    assert_eq!((client.late, client.overdue, client.plans), (5, 5, 5));
    let key = role(Some(Role::KeyCounsellor)).unwrap();
    assert_eq!((key.on_time, key.struggling()), (5, 0));
    assert!(role(Some(Role::ParentOrLegalRepresentative))
        .unwrap()
        .too_few());
    assert_eq!(role(None), None, "every responsible was recognised");
}

#[test]
fn where_plans_struggle_most_ranks_groups_of_five_plans_or_more_by_share() {
    let f = report(&Filter::default()).follow_through;
    let ranked: Vec<(Group, usize, usize)> = f
        .struggles
        .iter()
        .map(|r| (r.group.clone(), r.counts.struggling(), r.counts.settled()))
        .collect();
    assert_eq!(
        ranked,
        vec![
            (Group::Role(Some(Role::Client)), 10, 10),
            (Group::Area("debts".into()), 5, 5),
            (Group::Area("housing".into()), 5, 10),
        ],
        "100 % with more steps first; education and parents (one plan) too few to say; the key \
         counsellor's steps were all on time"
    );
}

#[test]
fn filters_choose_by_form_status_key_worker_and_period() {
    let plans_of = |f: Filter| report(&f).overview.plans;
    assert_eq!(
        plans_of(Filter {
            template: Some(TemplateId::BgChildShortTerm),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        plans_of(Filter {
            status: Some(PlanStatus::Completed),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        plans_of(Filter {
            key_worker: Some(" eva MALÁ".into()),
            ..Filter::default()
        }),
        5
    );
    // October: the five open plans run to today, the draft was made then; P6 closed in March.
    assert_eq!(
        plans_of(Filter {
            from: Some(date(2026, 10, 1)),
            until: Some(date(2026, 10, 31)),
            ..Filter::default()
        }),
        6
    );
    let early = report(&Filter {
        from: Some(date(2026, 1, 1)),
        until: Some(date(2026, 2, 28)),
        ..Filter::default()
    });
    assert_eq!(early.overview.plans, 2);
    assert_eq!(
        early
            .overview
            .months
            .iter()
            .map(|m| (m.month, m.new))
            .collect::<Vec<_>>(),
        vec![(month(2026, 1), 1), (month(2026, 2), 1)]
    );
    assert!(
        early.progress.is_empty(),
        "no review in January or February"
    );
    assert_eq!(
        statistics::key_workers(&fixture()),
        vec!["Eva Malá", "Petr Dlouhý", "Иван Петров"]
    );
}

#[test]
fn a_step_is_on_time_late_not_done_overdue_or_open() {
    let s = |status, deadline, on| {
        let mut s = step(Uuid::nil(), "", deadline);
        s.status = status;
        s.status_on = on;
        classify::step_outcome(&s, today())
    };
    let d = Some(today());
    assert_eq!(s(StepStatus::Done, d, d), StepOutcome::OnTime, "on the day");
    assert_eq!(
        s(StepStatus::Done, d, None),
        StepOutcome::OnTime,
        "no date recorded"
    );
    assert_eq!(
        s(StepStatus::Done, None, d),
        StepOutcome::OnTime,
        "no deadline"
    );
    let next_day = Some(today() + Duration::days(1));
    assert_eq!(s(StepStatus::Done, d, next_day), StepOutcome::Late);
    assert_eq!(s(StepStatus::NotDone, d, None), StepOutcome::NotDone);
    assert_eq!(
        s(StepStatus::Planned, d, None),
        StepOutcome::Open,
        "due today"
    );
    let yesterday = Some(today() - Duration::days(1));
    assert_eq!(
        s(StepStatus::InProgress, yesterday, None),
        StepOutcome::Overdue
    );
    assert_eq!(s(StepStatus::Planned, None, None), StepOutcome::Open);
}

#[test]
fn the_responsible_role_is_read_from_names_and_words_in_three_languages() {
    let mut p = czech(1);
    let mut family = Participant::new(Uuid::from_u128(77), Role::FamilyMember);
    family.name = "Marie Nová".into();
    p.participants.push(family);
    let role = |text: &str| classify::responsible_role(&p, &step(Uuid::nil(), text, None));
    assert_eq!(role("Eva Malá"), Some(Role::KeyCounsellor), "a participant");
    assert_eq!(
        role("paní marie nová"),
        Some(Role::FamilyMember),
        "any case"
    );
    assert_eq!(role("sestra klientky"), Some(Role::FamilyMember));
    assert_eq!(role("client's sister"), Some(Role::FamilyMember));
    assert_eq!(role("Klientka"), Some(Role::Client));
    assert_eq!(
        role("социален работник ОЗД"),
        Some(Role::ChildProtectionSocialWorker)
    );
    assert_eq!(
        role("социален работник от екипа"),
        Some(Role::TeamSocialWorker)
    );
    assert_eq!(role("училищен психолог"), Some(Role::NetworkMember));
    assert_eq!(role("детето"), Some(Role::Child));
    assert_eq!(role("майката"), Some(Role::ParentOrLegalRepresentative));
    assert_eq!(role("  "), None);
    assert_eq!(role("XYZ"), None);
    let mut bg = fixture().remove(5);
    bg.general.key_worker = "Иван Петров".into();
    assert_eq!(
        classify::responsible_role(&bg, &step(Uuid::nil(), "Иван Петров", None)),
        Some(Role::TeamSocialWorker),
        "the key worker of the child form is the team's social worker"
    );
}

#[test]
fn goals_are_reached_partly_not_or_unrated_by_their_latest_rating() {
    let mut p = czech(2);
    let housing = p.goals[0].clone();
    assert_eq!(classify::goal_outcome(&p, &housing), GoalOutcome::Reached);
    assert_eq!(classify::days_to_reach(&p, &housing), Some(90));
    // A later review says not started: the latest rating counts, the first "reached" stays.
    p.reviews.push(review(
        Uuid::from_u128(9999),
        ReviewKind::Periodic,
        date(2026, 10, 1),
        &[(housing.id, Progress::NotStarted)],
    ));
    assert_eq!(classify::goal_outcome(&p, &housing), GoalOutcome::Not);
    assert_eq!(classify::days_to_reach(&p, &housing), Some(90));
    p.reviews.clear();
    assert_eq!(classify::goal_outcome(&p, &housing), GoalOutcome::Unrated);
}

#[test]
fn age_bands_split_at_six_fourteen_and_eighteen() {
    let born = Some(date(2012, 11, 21));
    assert_eq!(
        classify::age_band(born, date(2026, 11, 20)),
        AgeBand::From6To13
    );
    assert_eq!(
        classify::age_band(born, date(2026, 11, 21)),
        AgeBand::From14To17
    );
    assert_eq!(
        classify::age_band(Some(date(2008, 11, 21)), date(2026, 11, 21)),
        AgeBand::From18To25
    );
    assert_eq!(classify::age_band(None, today()), AgeBand::Unknown);
    assert_eq!(
        classify::age_band(Some(date(2027, 1, 1)), today()),
        AgeBand::Unknown,
        "born later"
    );
}

#[test]
fn plans_from_several_files_are_counted_once_the_later_version_kept() {
    let now = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
    let stored = |plan: Plan, revisions: Revisions| StoredPlan {
        revisions,
        updated_at: now,
        plan,
    };
    let one = Revisions::default().next(rev_id(1));
    let two = one.next(rev_id(2));
    let mut newer = czech(1);
    newer.general.client_name = "Klient 1 (updated)".into();
    let (plans, dropped) = statistics::join(vec![
        stored(czech(1), one.clone()),
        stored(czech(2), one.clone()),
        stored(newer.clone(), two.clone()),
        stored(czech(1), one.clone()),
    ]);
    assert_eq!(dropped, 2);
    assert_eq!(plans.len(), 2);
    assert_eq!(plans[0].plan, newer);
    // Two diverged copies: the one saved last.
    let mut later = stored(czech(3), one.next(rev_id(4)));
    later.updated_at = now + Duration::hours(1);
    let (plans, dropped) =
        statistics::join(vec![later.clone(), stored(czech(3), one.next(rev_id(3)))]);
    assert_eq!((plans, dropped), (vec![later], 1));
}
