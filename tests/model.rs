//! Native tests of the domain: templates, validation, serde round trips, list queries.

use chrono::{NaiveDate, TimeZone, Utc};
use opora::model::*;
use uuid::Uuid;

fn ids() -> impl FnMut() -> Uuid {
    let mut n = 100u128;
    move || {
        n += 1;
        Uuid::from_u128(n)
    }
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    now().date_naive()
}

fn new_plan(t: TemplateId) -> Plan {
    Plan::new(t.template(), Uuid::from_u128(1), Lang::Bg, now(), ids())
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A Bulgarian child plan filled in as the seed form asks.
fn complete_bg_plan() -> Plan {
    let mut next = ids();
    let mut p = new_plan(TemplateId::BgChildShortTerm);
    p.general.client_name = "Иван Петров".into();
    p.general.date_of_birth = Some(date(2015, 3, 1));
    p.general.place_of_service = "ЦОП Пловдив".into();
    p.general.key_worker = "Мария Иванова".into();
    p.general.duration_from = Some(date(2026, 11, 1));
    p.general.duration_until = Some(date(2027, 4, 30));
    let mut goal = Goal::new(next());
    goal.life_area = "education".into();
    goal.text = "Иван ходи редовно на училище".into();
    let mut step = Step::new(next());
    step.activity = "Среща с класния ръководител".into();
    step.responsible = "Мария Иванова".into();
    step.frequency = Some(Frequency::PerMonth { times: 2 });
    goal.steps.push(step);
    p.goals.push(goal);
    p
}

#[test]
fn new_plan_follows_its_template() {
    let bg = new_plan(TemplateId::BgChildShortTerm);
    let roles: Vec<Role> = bg.participants.iter().map(|p| p.role).collect();
    assert_eq!(
        roles,
        [
            Role::ParentOrLegalRepresentative,
            Role::Child,
            Role::TeamSocialWorker,
            Role::ChildProtectionSocialWorker
        ]
    );
    assert_eq!(bg.horizon, Horizon::LongTerm);
    assert!(bg.signature_required);
    assert_eq!(bg.status, PlanStatus::Draft);
    assert_eq!(bg.created_on, today());

    let cz = new_plan(TemplateId::CzCounselling);
    assert_eq!(cz.horizon, Horizon::OneOff);
    assert!(!cz.signature_required, "seed 000: a signature is optional");
    assert_eq!(cz.participants.len(), 2);
}

#[test]
fn templates_are_consistent_data() {
    for t in Template::all() {
        assert_eq!(t.id.template().id, t.id);
        for f in t.required {
            assert!(t.shows(*f), "{:?} requires {f:?} but hides it", t.id);
        }
        for (f, _) in t.labels {
            assert!(t.shows(*f), "{:?} labels hidden {f:?}", t.id);
        }
        for f in t.shown {
            assert!(
                t.has_section(f.section()),
                "{:?} shows {f:?} outside its sections",
                t.id
            );
        }
        let mut keys: Vec<_> = t.life_areas.iter().map(|a| a.key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), t.life_areas.len(), "life area keys are unique");
        for role in t.default_participants {
            assert!(t.roles.contains(role));
        }
        for lang in Lang::ALL {
            assert!(!t.name.get(lang).is_empty());
            assert!(!t.description.get(lang).is_empty());
        }
        assert_eq!(TemplateId::from_code(t.id.code()), Some(t.id));
    }
    // Seed 002 asks for everything per activity; seed 000 keeps it short.
    let bg = TemplateId::BgChildShortTerm.template();
    for f in [
        Field::StepResult,
        Field::StepNetworkSupport,
        Field::StepRiskManagement,
        Field::StepFeedback,
        Field::DateOfBirth,
    ] {
        assert!(bg.shows(f));
        assert!(!TemplateId::CzCounselling.template().shows(f));
    }
    assert!(!bg.has_section(SectionId::Form));
    assert!(TemplateId::CzCounselling
        .template()
        .has_section(SectionId::Situation));
}

#[test]
fn empty_bg_plan_reports_required_fields_in_section_order() {
    let p = new_plan(TemplateId::BgChildShortTerm);
    let errors = validate_section(&p, SectionId::General, today());
    let fields: Vec<_> = errors.iter().map(|e| (e.path, e.kind)).collect();
    assert_eq!(
        fields,
        [
            (FieldPath::Plan(Field::ClientName), ErrorKind::Required),
            (FieldPath::Plan(Field::PlaceOfService), ErrorKind::Required),
            (FieldPath::Plan(Field::KeyWorker), ErrorKind::Required),
            (FieldPath::Plan(Field::DurationFrom), ErrorKind::Required),
            (FieldPath::Plan(Field::DurationUntil), ErrorKind::Required),
        ]
    );
    let goals = validate_section(&p, SectionId::Goals, today());
    assert_eq!(goals[0].kind, ErrorKind::NoGoals);
}

#[test]
fn complete_bg_plan_is_valid() {
    assert_eq!(validate_plan(&complete_bg_plan(), today()), vec![]);
}

#[test]
fn hidden_fields_are_never_required() {
    // The Czech form hides place of service and duration: leaving them empty is fine.
    let mut p = new_plan(TemplateId::CzCounselling);
    p.general.client_name = "Jana".into();
    p.general.key_worker = "Petr".into();
    assert_eq!(validate_section(&p, SectionId::General, today()), vec![]);
}

#[test]
fn date_rules() {
    let mut p = complete_bg_plan();
    p.general.duration_until = Some(date(2026, 10, 1));
    p.general.date_of_birth = Some(date(2030, 1, 1));
    let kinds: Vec<_> = validate_section(&p, SectionId::General, today())
        .into_iter()
        .map(|e| (e.path, e.kind))
        .collect();
    assert!(kinds.contains(&(
        FieldPath::Plan(Field::DurationUntil),
        ErrorKind::EndBeforeStart
    )));
    assert!(kinds.contains(&(FieldPath::Plan(Field::DateOfBirth), ErrorKind::DateInFuture)));
}

#[test]
fn step_rules() {
    let mut p = complete_bg_plan();
    let goal = p.goals[0].id;
    let step = p.goals[0].steps[0].id;
    p.step_mut(goal, step).unwrap().frequency = None;
    let e = validate_section(&p, SectionId::Goals, today());
    assert_eq!(
        e,
        vec![FieldError {
            path: FieldPath::Step {
                goal,
                step,
                field: Field::StepDeadline
            },
            kind: ErrorKind::NeedsTiming
        }]
    );

    p.step_mut(goal, step).unwrap().frequency = Some(Frequency::PerWeek { times: 9 });
    let e = validate_section(&p, SectionId::Goals, today());
    assert_eq!(e[0].kind, ErrorKind::FrequencyOutOfRange { max: 7 });

    p.step_mut(goal, step).unwrap().frequency = Some(Frequency::Once);
    p.goals[0].life_area = "not-an-area".into();
    let e = validate_section(&p, SectionId::Goals, today());
    assert_eq!(e[0].kind, ErrorKind::UnknownLifeArea);
}

#[test]
fn oral_cz_plan_needs_its_meeting_record_and_other_status_its_text() {
    let mut p = new_plan(TemplateId::CzCounselling);
    assert_eq!(validate_section(&p, SectionId::Form, today()), vec![]);
    p.form = PlanForm::Oral;
    assert_eq!(
        validate_section(&p, SectionId::Form, today())[0],
        FieldError {
            path: FieldPath::Plan(Field::MeetingRecord),
            kind: ErrorKind::Required
        }
    );
    p.status = PlanStatus::Other;
    let e = validate_section(&p, SectionId::General, today());
    assert_eq!(e[0].path, FieldPath::Plan(Field::StatusNote));
}

#[test]
fn signed_participant_needs_a_name_and_long_text_is_refused() {
    let mut p = complete_bg_plan();
    p.participants[0].signed = true;
    let e = validate_section(&p, SectionId::Participants, today());
    assert_eq!(e[0].kind, ErrorKind::SignedWithoutName);
    p.general.key_worker = "x".repeat(MAX_TEXT_CHARS + 1);
    let e = validate_section(&p, SectionId::General, today());
    assert_eq!(
        e[0].kind,
        ErrorKind::TooLong {
            max: MAX_TEXT_CHARS
        }
    );
}

#[test]
fn serde_round_trip_keeps_everything_and_names_are_stable() {
    let mut p = complete_bg_plan();
    p.status = PlanStatus::Other;
    p.status_note = "прекратен".into();
    p.goals[0].steps[0].status = StepStatus::NotDone;
    let json = serde_json::to_string(&p).unwrap();
    let back: Plan = serde_json::from_str(&json).unwrap();
    assert_eq!(back, p);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["template"], "bg_child_short_term");
    assert_eq!(v["language"], "bg");
    assert_eq!(v["status"], "other");
    assert_eq!(v["horizon"], "long_term");
    assert_eq!(
        v["participants"][0]["role"],
        "parent_or_legal_representative"
    );
    assert_eq!(
        v["goals"][0]["steps"][0]["frequency"],
        serde_json::json!({"kind": "per_month", "times": 2})
    );
    assert_eq!(v["goals"][0]["steps"][0]["status"], "not_done");
    assert_eq!(v["general"]["date_of_birth"], "2015-03-01");
}

#[test]
fn broken_json_is_an_error_not_a_panic() {
    for raw in ["", "{", "null", "[]", "{\"id\":5}", "\u{0}"] {
        assert!(serde_json::from_str::<Plan>(raw).is_err(), "{raw:?}");
    }
}

#[test]
fn move_and_remove_items() {
    let mut p = complete_bg_plan();
    let mut next = ids();
    let second = Goal::new(Uuid::from_u128(999));
    p.goals.push(second);
    let first = p.goals[0].id;
    assert!(move_item(&mut p.goals, first, Move::Down, |g| g.id));
    assert_eq!(p.goals[1].id, first);
    assert!(
        !move_item(&mut p.goals, first, Move::Down, |g| g.id),
        "already last"
    );
    assert!(remove_item(&mut p.goals, first, |g| g.id));
    assert!(!remove_item(&mut p.goals, next(), |g| g.id));
    assert_eq!(p.goals.len(), 1);
}

#[test]
fn query_searches_filters_and_sorts() {
    let mut a = new_plan(TemplateId::CzCounselling);
    a.general.client_name = "Jan Novák".into();
    a.updated_at = now();
    let mut b = complete_bg_plan();
    b.id = Uuid::from_u128(2);
    b.status = PlanStatus::InProgress;
    b.updated_at = now() + chrono::Duration::hours(1);
    let mut c = new_plan(TemplateId::CzCounselling);
    c.id = Uuid::from_u128(3);
    c.general.client_name = "Anna Černá".into();
    let plans = vec![a, b, c];

    let q = PlanQuery {
        text: "novak".into(),
        ..Default::default()
    };
    assert_eq!(names(&q, &plans), ["Jan Novák"]);
    let q = PlanQuery {
        text: "ИВАН".into(),
        ..Default::default()
    };
    assert_eq!(names(&q, &plans), ["Иван Петров"]);
    let q = PlanQuery {
        status: Some(PlanStatus::Draft),
        sort: SortKey::NameAz,
        ..Default::default()
    };
    assert_eq!(names(&q, &plans), ["Anna Černá", "Jan Novák"]);
    let q = PlanQuery {
        template: Some(TemplateId::BgChildShortTerm),
        ..Default::default()
    };
    assert_eq!(names(&q, &plans), ["Иван Петров"]);
    let q = PlanQuery::default();
    assert_eq!(names(&q, &plans)[0], "Иван Петров", "newest update first");
}

fn names(q: &PlanQuery, plans: &[Plan]) -> Vec<String> {
    q.apply(plans)
        .iter()
        .map(|p| p.general.client_name.clone())
        .collect()
}

#[test]
fn dates_and_times_read_and_write_as_rfc_3339() {
    use opora::model::time_format::*;
    let t = parse_timestamp("2026-11-23T10:00:00Z").unwrap();
    assert_eq!(t, now());
    assert_eq!(format_timestamp(t), "2026-11-23T10:00:00Z");
    let ms = parse_timestamp("2026-11-23T10:00:00.250Z").unwrap();
    assert_eq!(format_timestamp(ms), "2026-11-23T10:00:00.250Z");
    for text in [
        "2026-11-23T10:00:00.123456Z",
        "2026-11-23T10:00:00.123456789Z",
    ] {
        assert_eq!(
            format_timestamp(parse_timestamp(text).unwrap()),
            text,
            "no precision lost"
        );
    }
    assert_eq!(parse_timestamp("2026-11-23T11:00:00+01:00"), Some(now()));
    assert_eq!(
        parse_timestamp("2026-11-23T09:30:00.000000000-00:30"),
        Some(now())
    );
    for bad in [
        "",
        "2026-11-23",
        "2026-11-23T10:00Z",
        "2026-13-01T00:00:00Z",
        "2026-11-23T10:00:00",
        "2026-11-23T25:00:00Z",
        "２０２６-11-23T10:00:00Z",
    ] {
        assert_eq!(parse_timestamp(bad), None, "{bad:?}");
    }
    assert_eq!(
        parse_date("2024-02-29"),
        NaiveDate::from_ymd_opt(2024, 2, 29)
    );
    assert_eq!(parse_date("2023-02-29"), None);
    assert_eq!(parse_date("2023-2-9"), None);
    assert_eq!(format_date(date(2026, 3, 1)), "2026-03-01");
}
