//! The "Today" view's logic (`model::due`) and what the plan summary carries for it.

use chrono::{NaiveDate, TimeZone, Utc};
use opora::model::due::*;
use opora::model::*;
use uuid::Uuid;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A long-term Czech plan in progress, started 2026-03-02 (a Monday), saved on `saved`.
fn running(n: u128, client: &str) -> Plan {
    let mut k = n * 1000;
    let mut p = Plan::new(
        &CZ_COUNSELLING,
        Uuid::from_u128(n),
        Lang::Cs,
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap(),
        || {
            k += 1;
            Uuid::from_u128(k)
        },
    );
    p.general.client_name = client.into();
    p.status = PlanStatus::InProgress;
    p.horizon = Horizon::LongTerm;
    p.general.duration_from = Some(d(2026, 3, 2));
    p
}

fn step(n: u128, activity: &str, deadline: Option<NaiveDate>, f: Option<Frequency>) -> Step {
    let mut s = Step::new(Uuid::from_u128(n));
    s.activity = activity.into();
    s.deadline = deadline;
    s.frequency = f;
    s
}

fn with_steps(mut p: Plan, steps: Vec<Step>) -> Plan {
    let mut g = Goal::new(Uuid::from_u128(p.id.as_u128() * 1000 + 900));
    g.steps = steps;
    p.goals.push(g);
    p
}

fn summary_on(p: &Plan, saved: NaiveDate) -> PlanSummary {
    PlanSummary::of(&StoredPlan {
        revisions: Revisions::default().next(rev_id(1)),
        updated_at: Utc.from_utc_datetime(&saved.and_hms_opt(12, 0, 0).unwrap()),
        plan: p.clone(),
    })
}

fn summary(p: &Plan) -> PlanSummary {
    summary_on(p, d(2026, 3, 2))
}

/// (date, group, kind, activity or "") of each item, for readable assertions.
fn seen(items: &[DueItem]) -> Vec<(NaiveDate, Group, &'static str, String)> {
    items
        .iter()
        .map(|i| {
            let kind = match i.what {
                What::Deadline { .. } => "deadline",
                What::Recurring { .. } => "recurring",
                What::Behind { .. } => "behind",
                What::Review => "review",
                What::PlanEnds => "plan ends",
            };
            let text = i
                .what
                .step()
                .map(|s| s.activity.clone())
                .unwrap_or_default();
            (i.date, i.group, kind, text)
        })
        .collect()
}

fn items(plans: &[PlanSummary], today: NaiveDate) -> Vec<DueItem> {
    due_items(plans, today, &ReviewIntervals::default())
}

#[test]
fn deadlines_fall_into_overdue_today_and_the_next_seven_days_at_day_boundaries() {
    let today = d(2026, 4, 15);
    let p = with_steps(
        running(1, "Jana"),
        vec![
            step(1, "yesterday", Some(d(2026, 4, 14)), None),
            step(2, "today", Some(today), None),
            step(3, "in seven days", Some(d(2026, 4, 22)), None),
            step(4, "in eight days", Some(d(2026, 4, 23)), None),
            step(5, "next month", Some(d(2026, 5, 15)), Some(Frequency::Once)),
            step(6, "no date", None, None),
        ],
    );
    let got = items(&[summary(&p)], today);
    assert_eq!(
        seen(&got),
        [
            (
                d(2026, 4, 14),
                Group::Overdue,
                "deadline",
                "yesterday".into()
            ),
            (today, Group::Today, "deadline", "today".into()),
            (
                d(2026, 4, 22),
                Group::Soon,
                "deadline",
                "in seven days".into()
            ),
        ]
    );
    assert_eq!(urgent_count(&got), 2);
    assert_eq!(got[0].client, "Jana");
    assert_eq!(got[0].plan, p.id);
    assert_eq!(got[1].what.step().unwrap().at, (1, 2), "goal 1, step 2");
}

#[test]
fn done_and_not_done_steps_and_plans_not_in_progress_have_nothing_due() {
    let today = d(2026, 4, 15);
    let mut done = step(1, "done", Some(d(2026, 4, 1)), None);
    done.status = StepStatus::Done;
    let mut not_done = step(2, "not done", Some(d(2026, 4, 1)), None);
    not_done.status = StepStatus::NotDone;
    let mut doing = step(3, "doing", Some(d(2026, 4, 1)), None);
    doing.status = StepStatus::InProgress;
    let p = with_steps(running(1, "Jana"), vec![done, not_done, doing.clone()]);
    assert_eq!(
        seen(&items(&[summary(&p)], today)),
        [(d(2026, 4, 1), Group::Overdue, "deadline", "doing".into())]
    );
    for status in [PlanStatus::Draft, PlanStatus::Completed, PlanStatus::Other] {
        let mut q = with_steps(running(2, "Petr"), vec![doing.clone()]);
        q.status = status;
        q.general.duration_until = Some(today);
        let s = summary(&q);
        assert!(s.steps.is_empty(), "{status:?}: no steps kept");
        assert_eq!(items(&[s], today), [], "{status:?}");
    }
}

#[test]
fn local_date_follows_the_users_offset_at_midnight() {
    let late = Utc.with_ymd_and_hms(2026, 1, 14, 23, 30, 0).unwrap();
    // 23:30 UTC is already the next day in Sofia (UTC+2) and still the same day in Prague
    // (UTC+1 → 00:30 next day too) but not in New York (UTC−5).
    assert_eq!(local_date(late, 120), d(2026, 1, 15));
    assert_eq!(local_date(late, 60), d(2026, 1, 15));
    assert_eq!(local_date(late, 0), d(2026, 1, 14));
    assert_eq!(local_date(late, -300), d(2026, 1, 14));
    let early = Utc.with_ymd_and_hms(2026, 1, 15, 0, 30, 0).unwrap();
    assert_eq!(local_date(early, -60), d(2026, 1, 14));
    // A deadline "today" in Sofia is still tomorrow in UTC: the group follows the local date.
    let p = with_steps(
        running(1, "Jana"),
        vec![step(1, "call", Some(d(2026, 1, 15)), None)],
    );
    let mut p = p;
    p.general.duration_from = Some(d(2026, 1, 1));
    let s = summary(&p);
    assert_eq!(
        items(std::slice::from_ref(&s), local_date(late, 120))[0].group,
        Group::Today
    );
    assert_eq!(items(&[s], local_date(late, 0))[0].group, Group::Soon);
}

#[test]
fn a_weekly_step_is_due_at_the_end_of_its_week_until_done_often_enough() {
    // Twice a week from Monday 2 March: weeks run Monday to Sunday.
    let mut s = step(1, "visit", None, Some(Frequency::PerWeek { times: 2 }));
    // Week 2 (9–15 March) has two, week 3 (16–22 March) one so far.
    s.occurrences = vec![d(2026, 3, 10), d(2026, 3, 13), d(2026, 3, 17)];
    let p = with_steps(running(1, "Jana"), vec![s]);
    let sum = summary_on(&p, d(2026, 3, 18));
    let got = items(std::slice::from_ref(&sum), d(2026, 3, 18));
    assert_eq!(
        seen(&got),
        [(d(2026, 3, 22), Group::Soon, "recurring", "visit".into())]
    );
    assert!(matches!(got[0].what, What::Recurring { done: 1, .. }));
    // On Sunday the week's last day: due today.
    assert_eq!(
        items(std::slice::from_ref(&sum), d(2026, 3, 22))[0].group,
        Group::Today
    );
    // The next Monday the week ended short: behind, overdue since Sunday.
    let got = items(std::slice::from_ref(&sum), d(2026, 3, 23));
    assert_eq!(
        seen(&got),
        [(d(2026, 3, 22), Group::Overdue, "behind", "visit".into())]
    );
    // An occurrence that is not yet recorded does not count; recorded, the week is met.
    let mut p2 = p.clone();
    p2.goals[0].steps[0].occurrences.push(d(2026, 3, 19));
    let sum2 = summary_on(&p2, d(2026, 3, 19));
    assert_eq!(items(std::slice::from_ref(&sum2), d(2026, 3, 20)), []);
    // And the next week asks again, due on its Sunday.
    assert_eq!(
        seen(&items(&[sum2], d(2026, 3, 24))),
        [(d(2026, 3, 29), Group::Soon, "recurring", "visit".into())]
    );
}

#[test]
fn a_monthly_step_counts_months_from_the_plan_start() {
    // Once a month from 31 January: periods 31 Jan–27 Feb, 28 Feb–30 Mar, …
    let mut p = with_steps(
        running(1, "Jana"),
        vec![step(
            1,
            "home visit",
            None,
            Some(Frequency::PerMonth { times: 1 }),
        )],
    );
    p.general.duration_from = Some(d(2026, 1, 31));
    let start = d(2026, 1, 31);
    let f = Frequency::PerMonth { times: 1 };
    assert_eq!(
        periods(f, start, d(2026, 2, 10)),
        Some(((d(2026, 1, 31), d(2026, 2, 27)), None))
    );
    assert_eq!(
        periods(f, start, d(2026, 3, 5)),
        Some((
            (d(2026, 2, 28), d(2026, 3, 30)),
            Some((d(2026, 1, 31), d(2026, 2, 27)))
        ))
    );
    assert_eq!(periods(f, start, d(2026, 1, 30)), None, "before the start");
    // 10 February: the month ends in 17 days: not shown yet; 21 February: coming up.
    let sum = summary_on(&p, d(2026, 2, 1));
    assert_eq!(items(std::slice::from_ref(&sum), d(2026, 2, 10)), []);
    assert_eq!(
        seen(&items(std::slice::from_ref(&sum), d(2026, 2, 21))),
        [(
            d(2026, 2, 27),
            Group::Soon,
            "recurring",
            "home visit".into()
        )]
    );
    // Done on 20 February (recorded, saved): nothing due until the next month's last week.
    p.goals[0].steps[0].occurrences = vec![d(2026, 2, 20)];
    let sum = summary_on(&p, d(2026, 2, 20));
    assert_eq!(items(std::slice::from_ref(&sum), d(2026, 3, 5)), []);
    // Saved long before: the summary still holds the occurrence it needs.
    assert_eq!(
        seen(&items(std::slice::from_ref(&sum), d(2026, 3, 25))),
        [(
            d(2026, 3, 30),
            Group::Soon,
            "recurring",
            "home visit".into()
        )]
    );
}

#[test]
fn a_step_with_a_deadline_and_a_frequency_recurs_until_its_deadline_and_is_due_at_it() {
    // Twice a week until Wednesday 25 March.
    let mut s = step(
        1,
        "school",
        Some(d(2026, 3, 25)),
        Some(Frequency::PerWeek { times: 2 }),
    );
    s.occurrences = vec![d(2026, 3, 3), d(2026, 3, 5), d(2026, 3, 10), d(2026, 3, 12)];
    let p = with_steps(running(1, "Jana"), vec![s]);
    let sum = summary_on(&p, d(2026, 3, 12));
    // Week 9–15 March met; on 13 March the deadline is 12 days away: nothing due.
    assert_eq!(items(std::slice::from_ref(&sum), d(2026, 3, 13)), []);
    // On 17 March: week 16–22 asks twice (due Sunday 22), before the deadline (25).
    assert_eq!(
        seen(&items(std::slice::from_ref(&sum), d(2026, 3, 17))),
        [(d(2026, 3, 22), Group::Soon, "recurring", "school".into())]
    );
    // On 23 March: the week before ended short (behind since 22 March), the earliest date.
    assert_eq!(
        seen(&items(std::slice::from_ref(&sum), d(2026, 3, 23))),
        [(d(2026, 3, 22), Group::Overdue, "behind", "school".into())]
    );
    // After the deadline the step recurs no more: its deadline is overdue.
    assert_eq!(
        seen(&items(std::slice::from_ref(&sum), d(2026, 4, 2))),
        [(d(2026, 3, 25), Group::Overdue, "deadline", "school".into())]
    );
    // The week 23–29 March does not fit before the deadline: asks nothing, the deadline is due.
    let mut met = p.clone();
    met.goals[0].steps[0]
        .occurrences
        .extend([d(2026, 3, 17), d(2026, 3, 19)]);
    let sum = summary_on(&met, d(2026, 3, 19));
    assert_eq!(
        seen(&items(std::slice::from_ref(&sum), d(2026, 3, 24))),
        [(d(2026, 3, 25), Group::Soon, "deadline", "school".into())]
    );
    assert_eq!(items(&[sum], d(2026, 3, 25))[0].group, Group::Today);
}

#[test]
fn reviews_use_the_interval_set_for_the_form_and_the_date_a_review_set() {
    let today = d(2026, 9, 1);
    // Czech: 6 months after the start (2 March) → 2 September, coming up.
    let cz = summary(&running(1, "Jana"));
    assert_eq!(
        seen(&items(std::slice::from_ref(&cz), today)),
        [(d(2026, 9, 2), Group::Soon, "review", String::new())]
    );
    // The user asks for reviews every 3 months: overdue since 2 June.
    let mut intervals = ReviewIntervals::default();
    intervals.set(TemplateId::CzCounselling, 3);
    let got = due_items(std::slice::from_ref(&cz), today, &intervals);
    assert_eq!(
        seen(&got),
        [(d(2026, 6, 2), Group::Overdue, "review", String::new())]
    );
    // The same rule as the plan's own `next_review_due`.
    let plan = running(1, "Jana");
    assert_eq!(evaluation::next_review_due(&plan, 3), Some(d(2026, 6, 2)));
    // A review that set the next one: that date, whatever the interval.
    let mut reviewed = running(2, "Petr");
    reviewed.reviews.push(Review {
        id: Uuid::from_u128(77),
        kind: ReviewKind::Periodic,
        date: d(2026, 6, 1),
        took_part: String::new(),
        goals: vec![],
        next_steps: String::new(),
        next_review: Some(d(2026, 9, 1)),
    });
    let s = summary(&reviewed);
    assert_eq!(s.review_basis(), evaluation::ReviewBasis::of(&reviewed));
    assert_eq!(
        seen(&due_items(&[s], today, &intervals)),
        [(today, Group::Today, "review", String::new())]
    );
    // A one-off plan has no periodic review.
    let mut one_off = running(3, "Eva");
    one_off.horizon = Horizon::OneOff;
    assert_eq!(items(&[summary(&one_off)], today), []);
    // Bulgarian child form: 3 months by default.
    let mut bg = running(4, "Иван");
    bg.template = TemplateId::BgChildShortTerm;
    assert_eq!(
        seen(&items(&[summary(&bg)], d(2026, 6, 1))),
        [(d(2026, 6, 2), Group::Soon, "review", String::new())]
    );
}

#[test]
fn a_plan_ending_within_two_weeks_or_ended_while_in_progress_is_shown() {
    let mut p = running(1, "Jana");
    p.general.duration_until = Some(d(2026, 4, 30));
    p.general.duration_from = Some(d(2026, 4, 1));
    let s = summary(&p);
    assert_eq!(items(std::slice::from_ref(&s), d(2026, 4, 15)), []);
    assert_eq!(
        seen(&items(std::slice::from_ref(&s), d(2026, 4, 16))),
        [(d(2026, 4, 30), Group::Soon, "plan ends", String::new())]
    );
    assert_eq!(
        seen(&items(&[s], d(2026, 5, 20))),
        [(d(2026, 4, 30), Group::Overdue, "plan ends", String::new())]
    );
}

#[test]
fn items_are_sorted_by_date_then_client() {
    let today = d(2026, 4, 15);
    let a = with_steps(
        running(1, "Zdena"),
        vec![step(1, "z1", Some(d(2026, 4, 16)), None)],
    );
    let b = with_steps(
        running(2, "Adam"),
        vec![
            step(2, "a2", Some(d(2026, 4, 16)), None),
            step(3, "a1", Some(d(2026, 4, 10)), None),
        ],
    );
    let got = items(&[summary(&a), summary(&b)], today);
    let order: Vec<String> = seen(&got).into_iter().map(|x| x.3).collect();
    assert_eq!(order, ["a1", "a2", "z1"]);
}

#[test]
fn review_interval_input_is_whole_months_from_1_to_24() {
    assert_eq!(parse_interval(" 3 "), Ok(3));
    assert_eq!(parse_interval("24"), Ok(24));
    assert_eq!(parse_interval("1"), Ok(1));
    assert_eq!(parse_interval(""), Err(IntervalError::Empty));
    assert_eq!(parse_interval("0"), Err(IntervalError::OutOfRange));
    assert_eq!(parse_interval("25"), Err(IntervalError::OutOfRange));
    assert_eq!(parse_interval("-2"), Err(IntervalError::OutOfRange));
    assert_eq!(parse_interval("2.5"), Err(IntervalError::NotANumber));
    assert_eq!(parse_interval("tři"), Err(IntervalError::NotANumber));
    let mut i = ReviewIntervals::default();
    assert_eq!(i.months(TemplateId::CzCounselling), 6);
    assert_eq!(i.months(TemplateId::BgChildShortTerm), 3);
    i.set(TemplateId::CzCounselling, 4);
    assert_eq!(i.months(TemplateId::CzCounselling), 4);
    assert_eq!(
        serde_json::to_string(&i).unwrap(),
        r#"{"cz_counselling":4}"#
    );
    // A value out of range in storage (edited by hand) falls back to the form's own.
    let odd: ReviewIntervals = serde_json::from_str(r#"{"cz_counselling":99}"#).unwrap();
    assert_eq!(odd.months(TemplateId::CzCounselling), 6);
}

#[test]
fn the_summary_keeps_short_texts_and_reads_back() {
    let long = "Zavolat na úřad práce a domluvit schůzku ohledně rekvalifikačního kurzu pro Janu";
    let mut s = step(
        1,
        long,
        Some(d(2026, 4, 1)),
        Some(Frequency::PerWeek { times: 3 }),
    );
    s.occurrences = (1..=28).map(|n| d(2026, 3, n)).collect();
    let p = with_steps(running(1, "Jana"), vec![s]);
    let sum = summary_on(&p, d(2026, 3, 28));
    let kept = &sum.steps[0];
    assert_eq!(kept.activity.chars().count(), DUE_ACTIVITY_CHARS);
    assert!(kept.activity.ends_with('…'), "{}", kept.activity);
    // From two weeks (and a week's margin) before the save on.
    assert_eq!(kept.occurrences.first(), Some(&d(2026, 3, 7)));
    assert_eq!(kept.occurrences.len(), 22);
    let json = serde_json::to_string(&sum).unwrap();
    assert!(json.contains(r#""f":"w3""#), "{json}");
    let back: PlanSummary = serde_json::from_str(&json).unwrap();
    assert_eq!(back, sum);
    // A summary of the layout before (no "st", "b", "lr", "nr") still reads.
    let old = r#"{"id":"00000000-0000-0000-0000-000000000001","r":"1-00000001","u":"2026-03-02T09:00:00Z","n":"Jana","t":"cz_counselling","l":"cs","s":"in_progress","h":"long_term","c":"2026-03-02","k":"","cp":false,"d":null,"e":null}"#;
    let old: PlanSummary = serde_json::from_str(old).unwrap();
    assert!(old.steps.is_empty());
    assert_eq!(short_text("  a\n b  ", 10), "a b");
}

/// The summary's size on realistic plans, in UTF-16 units (what localStorage counts). Before
/// the "Today" view: 255 on average.
#[test]
fn summary_size_on_realistic_plans() {
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    let plans = sample::realistic_plans(7, 300, now);
    let units: Vec<usize> = plans
        .iter()
        .map(|p| {
            serde_json::to_string(&PlanSummary::of(p))
                .unwrap()
                .encode_utf16()
                .count()
        })
        .collect();
    let avg = units.iter().sum::<usize>() / units.len();
    let max = units.iter().max().copied().unwrap_or(0);
    let running: Vec<usize> = plans
        .iter()
        .zip(&units)
        .filter(|(p, _)| p.plan.status == PlanStatus::InProgress)
        .map(|(_, u)| *u)
        .collect();
    let avg_running = running.iter().sum::<usize>() / running.len().max(1);
    println!(
        "summary: {avg} UTF-16 units on average, {avg_running} for a plan in progress, {max} at most"
    );
    assert!(avg < 1000, "summaries grew to {avg} units on average");
}

#[test]
fn layout_3_summaries_gain_the_due_steps_at_first_start() {
    use opora::storage::*;
    let now = Utc.with_ymd_and_hms(2026, 4, 15, 8, 0, 0).unwrap();
    let (mut store, _) = Store::open(MemoryBackend::default(), now).unwrap();
    let p = with_steps(
        running(1, "Jana"),
        vec![step(1, "call", Some(d(2026, 4, 14)), None)],
    );
    store
        .save(&p, &Revisions::default(), now, rev_id(1))
        .unwrap();
    let mut b = store.backend().clone();
    // What layout 3 wrote: the same summary without the steps.
    let key = summary_key(p.id);
    let old = b.map[&key].clone();
    let (head, _) = old.split_once(r#","st":"#).expect("steps in the summary");
    b.map.insert(key.clone(), format!("{head}}}"));
    b.map.insert(SCHEMA_KEY.into(), "3".into());
    let (_, report) = Store::open(b, now).unwrap();
    let got = items(&report.plans, d(2026, 4, 15));
    assert_eq!(
        seen(&got),
        [(d(2026, 4, 14), Group::Overdue, "deadline", "call".into())]
    );
}
