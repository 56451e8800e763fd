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

/// A plan as stored: saved once, at `updated_at`.
fn stored(plan: Plan, updated_at: chrono::DateTime<Utc>) -> StoredPlan {
    StoredPlan {
        revisions: Revisions::default().next(rev_id(plan.id.as_u128() as u32)),
        updated_at,
        plan,
    }
}

#[test]
fn query_searches_filters_and_sorts() {
    let mut a = new_plan(TemplateId::CzCounselling);
    a.general.client_name = "Jan Novák".into();
    let mut b = complete_bg_plan();
    b.id = Uuid::from_u128(2);
    b.status = PlanStatus::InProgress;
    let mut c = new_plan(TemplateId::CzCounselling);
    c.id = Uuid::from_u128(3);
    c.general.client_name = "Anna Černá".into();
    c.created_on = date(2026, 11, 24);
    let plans: Vec<PlanSummary> = [
        stored(a, now()),
        stored(b, now() + chrono::Duration::hours(1)),
        stored(c, now() - chrono::Duration::hours(1)),
    ]
    .iter()
    .map(PlanSummary::of)
    .collect();

    let q = PlanQuery {
        text: "novak".into(),
        ..Default::default()
    };
    assert_eq!(names(&q, &plans), ["Jan Novák"]);
    assert!(q.matches(&plans[0]));
    assert!(!q.matches(&plans[1]));
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
    assert_eq!(
        names(&q, &plans),
        ["Иван Петров", "Jan Novák", "Anna Černá"],
        "newest update first"
    );
    let q = PlanQuery {
        sort: SortKey::CreatedNewest,
        ..Default::default()
    };
    assert_eq!(
        names(&q, &plans),
        ["Anna Černá", "Иван Петров", "Jan Novák"],
        "newest first, then by update"
    );
}

fn names(q: &PlanQuery, plans: &[PlanSummary]) -> Vec<String> {
    q.apply(plans)
        .iter()
        .map(|p| p.client_name.clone())
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

#[test]
fn a_stored_plan_keeps_the_bookkeeping_apart_from_the_content() {
    let p = complete_bg_plan();
    let s = StoredPlan {
        revisions: Revisions::default().next(rev_id(1)).next(rev_id(2)),
        updated_at: now(),
        plan: p.clone(),
    };
    assert_eq!(s.id(), p.id);
    let v = serde_json::to_value(&s).unwrap();
    assert_eq!(
        v["revisions"],
        serde_json::json!({"start": 2, "ids": ["00000002", "00000001"]})
    );
    assert_eq!(v["updated_at"], "2026-11-23T10:00:00Z");
    assert_eq!(v["plan"], serde_json::to_value(&p).unwrap());
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 3);
    // The content carries none of it.
    for gone in ["updated_at", "revision", "revisions", "lineage"] {
        assert!(v["plan"].get(gone).is_none(), "{gone}");
    }
    let back: StoredPlan = serde_json::from_value(v).unwrap();
    assert_eq!(back, s);
    // A format-1 plan is not a stored plan (it goes through `format_v1::upgrade_plan`).
    let flat = serde_json::to_string(&p).unwrap();
    assert!(serde_json::from_str::<StoredPlan>(&flat).is_err());
}

/// `n` saves in a row, the ids made from `seed`.
fn saves(from: &Revisions, seed: u32, n: u32) -> Vec<Revisions> {
    let mut out = Vec::with_capacity(n as usize);
    let mut r = from.clone();
    for k in 0..n {
        r = r.next(rev_id(seed + k));
        out.push(r.clone());
    }
    out
}

#[test]
fn each_revision_adds_a_generation_and_prepends_its_id() {
    let unsaved = Revisions::default();
    assert!(!unsaved.is_saved());
    assert_eq!(unsaved.rev(), None);
    assert!(unsaved.is_valid());

    let one = unsaved.next(rev_id(0xa));
    assert_eq!(one.start, 1);
    assert_eq!(one.ids, ["0000000a"]);
    assert!(one.is_saved());
    assert_eq!(one.rev().as_deref(), Some("1-0000000a"));

    let two = one.next(rev_id(0xb));
    assert_eq!(two.start, 2);
    assert_eq!(two.ids, ["0000000b", "0000000a"]);
    assert_eq!(two.rev().as_deref(), Some("2-0000000b"));
    assert!(two.is_valid());
    assert_eq!(one.ids, ["0000000a"], "the earlier one is left as it was");
}

#[test]
fn revision_ids_are_eight_hex_digits() {
    assert_eq!(rev_id(0), "00000000");
    assert_eq!(rev_id(0xdead_beef), "deadbeef");
    assert_eq!(rev_id(u32::MAX), "ffffffff");
    assert_eq!(rev_id(7).len(), REV_ID_LEN);
    // Format 1's saves get an id from what identified them, the same every time.
    let id = "00000000-0000-0000-0000-000000000001";
    let at = "2026-11-23T10:00:00Z";
    let v1 = v1_rev_id(id, 3, at);
    assert_eq!(v1.len(), REV_ID_LEN);
    assert!(v1.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(v1, v1_rev_id(id, 3, at));
    assert_ne!(v1, v1_rev_id(id, 4, at));
    assert_ne!(v1, v1_rev_id(id, 3, "2026-11-23T10:00:01Z"));
    assert_ne!(v1, v1_rev_id("00000000-0000-0000-0000-000000000002", 3, at));
}

#[test]
fn copies_relate_as_identical_newer_older_or_conflicting() {
    let history = saves(&Revisions::default(), 1, 5);
    let (r2, r5) = (&history[1], &history[4]);
    assert_eq!(relate(r2, r2), Relation::Identical);
    assert_eq!(relate(r2, &r2.clone()), Relation::Identical);
    assert_eq!(relate(r2, r5), Relation::TheirsNewer);
    assert_eq!(relate(r5, r2), Relation::TheirsOlder);
    assert!(r5.descends_from(r2));
    assert!(r5.descends_from(r5));
    assert!(!r2.descends_from(r5));
    for (i, a) in history.iter().enumerate() {
        for (j, b) in history.iter().enumerate() {
            let expected = match i.cmp(&j) {
                std::cmp::Ordering::Equal => Relation::Identical,
                std::cmp::Ordering::Less => Relation::TheirsNewer,
                std::cmp::Ordering::Greater => Relation::TheirsOlder,
            };
            assert_eq!(relate(a, b), expected, "{i} {j}");
        }
    }
}

#[test]
fn two_branches_from_one_base_conflict() {
    let base = saves(&Revisions::default(), 1, 2).pop().unwrap();
    let mine = base.next(rev_id(0x100));
    let theirs = base.next(rev_id(0x200));
    assert_eq!(relate(&mine, &theirs), Relation::Conflict);
    assert_eq!(relate(&theirs, &mine), Relation::Conflict);
    // Either branch continues the base, and one further along still conflicts.
    assert_eq!(relate(&base, &mine), Relation::TheirsNewer);
    assert_eq!(relate(&theirs, &base), Relation::TheirsOlder);
    let further = saves(&theirs, 0x300, 4).pop().unwrap();
    assert_eq!(relate(&mine, &further), Relation::Conflict);
    assert_eq!(relate(&further, &mine), Relation::Conflict);
    // Two first saves of the same plan, made apart, are two branches too.
    let a = Revisions::default().next(rev_id(1));
    let b = Revisions::default().next(rev_id(2));
    assert_eq!(relate(&a, &b), Relation::Conflict);
}

#[test]
fn a_copy_never_saved_relates_as_a_conflict() {
    let unsaved = Revisions::default();
    let saved = Revisions::default().next(rev_id(1));
    assert_eq!(relate(&unsaved, &saved), Relation::Conflict);
    assert_eq!(relate(&saved, &unsaved), Relation::Conflict);
    assert_eq!(relate(&unsaved, &unsaved), Relation::Conflict);
    assert!(!saved.descends_from(&unsaved));
    assert!(!unsaved.descends_from(&saved));
    // Ids without a generation are not a saved revision either.
    let no_generation = Revisions {
        start: 0,
        ids: vec![rev_id(1)],
    };
    assert!(!no_generation.is_saved());
    assert_eq!(relate(&no_generation, &no_generation), Relation::Conflict);
}

#[test]
fn contains_matches_an_id_only_at_its_generation() {
    // Ids are only unique per generation: a revision made apart may reuse one elsewhere.
    let r = Revisions {
        start: 3,
        ids: vec!["cccc".into(), "bbbb".into(), "aaaa".into()],
    };
    assert!(r.is_valid());
    assert!(r.contains(3, "cccc"));
    assert!(r.contains(2, "bbbb"));
    assert!(r.contains(1, "aaaa"));
    assert!(!r.contains(2, "aaaa"));
    assert!(!r.contains(3, "aaaa"));
    assert!(!r.contains(1, "cccc"));
    assert!(!r.contains(0, "aaaa"));
    assert!(!r.contains(4, "cccc"));
    assert!(!r.contains(2, "dddd"));
    // A copy whose head is one of our ids at another generation does not descend.
    let elsewhere = Revisions {
        start: 2,
        ids: vec!["aaaa".into(), "zzzz".into()],
    };
    assert!(!r.descends_from(&elsewhere));
    assert_eq!(relate(&r, &elsewhere), Relation::Conflict);
    assert_eq!(relate(&elsewhere, &r), Relation::Conflict);
    // The same head id at another generation is not the same revision.
    let later_same_id = Revisions {
        start: 4,
        ids: vec!["cccc".into(), "cccc".into(), "bbbb".into(), "aaaa".into()],
    };
    assert_eq!(relate(&r, &later_same_id), Relation::TheirsNewer);
    let shifted = Revisions {
        start: 4,
        ids: vec!["cccc".into(), "xxxx".into(), "bbbb".into(), "aaaa".into()],
    };
    assert_eq!(relate(&r, &shifted), Relation::Conflict);
}

#[test]
fn ancestry_is_bounded_and_older_copies_become_conflicts() {
    let history = saves(&Revisions::default(), 0, 1005);
    let newest = history.last().unwrap();
    assert_eq!(newest.start, 1005);
    assert_eq!(newest.ids.len(), MAX_REVISIONS);
    assert_eq!(newest.ids[0], rev_id(1004));
    assert_eq!(newest.ids[MAX_REVISIONS - 1], rev_id(5), "generation 6");
    assert!(newest.is_valid());
    let ago = |saves: usize| &history[history.len() - 1 - saves];
    // The oldest ancestor still kept: 999 saves ago.
    assert_eq!(relate(newest, ago(999)), Relation::TheirsOlder);
    assert_eq!(relate(ago(999), newest), Relation::TheirsNewer);
    // Past the bound, nothing is known: a conflict, whose default loses nothing.
    for n in [1000, 1001, 1004] {
        assert_eq!(relate(newest, ago(n)), Relation::Conflict, "{n}");
        assert_eq!(relate(ago(n), newest), Relation::Conflict, "{n}");
    }
    assert_eq!(relate(newest, ago(1)), Relation::TheirsOlder);
    // Each further save stays at the bound.
    let next = newest.next(rev_id(0xffff));
    assert_eq!(next.ids.len(), MAX_REVISIONS);
    assert_eq!(next.ids[1..], newest.ids[..MAX_REVISIONS - 1]);
}

#[test]
fn malformed_revisions_are_not_valid() {
    let r = |start: u32, ids: &[&str]| Revisions {
        start,
        ids: ids.iter().map(|s| s.to_string()).collect(),
    };
    for good in [
        r(0, &[]),
        r(1, &["0000000a"]),
        r(9, &["Z", "abcDEF123"]),
        r(1, &[&"a".repeat(64)]),
    ] {
        assert!(good.is_valid(), "{good:?}");
    }
    for bad in [
        r(1, &["aaaa", "bbbb"]), // more ids than generations
        r(3, &[]),               // saved, but no id
        r(0, &["aaaa"]),         // an id, but never saved
        r(1, &["1-aaaa"]),       // a whole `N-id` is not an id
        r(1, &[""]),
        r(2, &["aaaa", "bb bb"]),
        r(1, &["ab/cd"]),
        r(1, &["čtyři"]),
        r(1, &["aaaa\n"]),
        r(1, &[&"a".repeat(65)]),
    ] {
        assert!(!bad.is_valid(), "{bad:?}");
    }
    // A generation that saves could overflow is refused; the highest one allowed saves on.
    assert!(!r(u32::MAX, &["aaaa"]).is_valid());
    assert!(!r(i32::MAX as u32 + 1, &["aaaa"]).is_valid());
    let highest = r(i32::MAX as u32, &["aaaa"]);
    assert!(highest.is_valid());
    assert!(highest.next(rev_id(1)).start > highest.start);
    let too_many = Revisions {
        start: 5000,
        ids: vec!["a".into(); MAX_REVISIONS + 1],
    };
    assert!(!too_many.is_valid());
    let at_the_bound = Revisions {
        start: 5000,
        ids: vec!["a".into(); MAX_REVISIONS],
    };
    assert!(at_the_bound.is_valid());
}

fn v1_plan() -> serde_json::Value {
    let mut v = serde_json::to_value(complete_bg_plan()).unwrap();
    v["updated_at"] = "2026-11-23T10:00:00Z".into();
    v["revision"] = 4.into();
    v["lineage"] = serde_json::json!(["0123456789abcdef"]);
    v
}

#[test]
fn a_format_1_plan_upgrades_to_a_stored_plan() {
    let up = format_v1::upgrade_plan(v1_plan()).unwrap();
    let id = "00000000-0000-0000-0000-000000000001";
    assert_eq!(
        up["revisions"],
        serde_json::json!({"start": 4, "ids": [v1_rev_id(id, 4, "2026-11-23T10:00:00Z")]})
    );
    assert_eq!(up["updated_at"], "2026-11-23T10:00:00Z");
    let s: StoredPlan = serde_json::from_value(up).unwrap();
    assert_eq!(
        s.plan,
        complete_bg_plan(),
        "the content is kept, lineage dropped"
    );
    assert_eq!(s.updated_at, now());
    assert!(s.revisions.is_valid());
    // Two copies of one v1 save upgrade to the same revision; another save does not.
    let again: StoredPlan =
        serde_json::from_value(format_v1::upgrade_plan(v1_plan()).unwrap()).unwrap();
    assert_eq!(relate(&s.revisions, &again.revisions), Relation::Identical);
    let mut later = v1_plan();
    later["revision"] = 5.into();
    later["updated_at"] = "2026-11-23T10:05:00Z".into();
    let later: StoredPlan =
        serde_json::from_value(format_v1::upgrade_plan(later).unwrap()).unwrap();
    assert_ne!(later.revisions, s.revisions);
    // Revision 0 (never saved in format 1) counts as the first.
    let mut zero = v1_plan();
    zero["revision"] = 0.into();
    let zero = format_v1::upgrade_plan(zero).unwrap();
    assert_eq!(zero["revisions"]["start"], 1);
}

#[test]
fn what_is_not_a_format_1_plan_is_refused_with_a_reason() {
    let without = |field: &str| {
        let mut v = v1_plan();
        v.as_object_mut().unwrap().remove(field);
        v
    };
    let with = |field: &str, value: serde_json::Value| {
        let mut v = v1_plan();
        v[field] = value;
        v
    };
    for bad in [
        serde_json::json!("a plan"),
        serde_json::json!([1, 2]),
        serde_json::Value::Null,
        without("revision"),
        without("updated_at"),
        without("id"),
        with("revision", "seven".into()),
        with("revision", (-1).into()),
        with("revision", 1.5.into()),
        with("revision", (u64::from(u32::MAX) + 1).into()),
        with("updated_at", 5.into()),
        with("id", 5.into()),
    ] {
        let e = format_v1::upgrade_plan(bad.clone());
        assert!(e.as_ref().is_err_and(|e| !e.is_empty()), "{bad}: {e:?}");
    }
}

mod merge_two_versions {
    use super::*;
    use opora::model::merge::*;

    fn field(f: Field) -> Part {
        Part::Field(FieldPath::Plan(f))
    }

    #[test]
    fn equal_versions_have_no_differences() {
        let p = complete_bg_plan();
        assert!(differences(&p, &p.clone()).is_empty());
    }

    #[test]
    fn differing_fields_are_listed_in_form_order_and_taken_one_by_one() {
        let base = complete_bg_plan();
        let (mut mine, mut theirs) = (base.clone(), base.clone());
        mine.evaluation = "mine".into();
        mine.general.client_name = "Иван П.".into();
        theirs.evaluation = "theirs".into();
        theirs.general.duration_until = Some(date(2027, 5, 31));
        let goal = base.goals[0].id;
        let step = base.goals[0].steps[0].id;
        theirs.goals[0].steps[0].status = StepStatus::Done;
        let parts = differences(&mine, &theirs);
        let step_status = Part::Field(FieldPath::Step {
            goal,
            step,
            field: Field::StepStatus,
        });
        assert_eq!(
            parts,
            [
                field(Field::ClientName),
                field(Field::DurationUntil),
                field(Field::Evaluation),
                step_status
            ]
        );
        // Which side changed each since the base decides the starting choice.
        assert!(!same_at(&mine, &base, field(Field::ClientName)));
        assert!(same_at(&mine, &base, field(Field::DurationUntil)));
        assert!(same_at(&mine, &base, step_status));

        let mut result = theirs.clone();
        take(&mut result, &mine, field(Field::ClientName));
        set_value(
            &mut result,
            FieldPath::Plan(Field::Evaluation),
            FieldValue::Text("mine + theirs".into()),
        );
        assert_eq!(result.general.client_name, "Иван П.");
        assert_eq!(result.general.duration_until, Some(date(2027, 5, 31)));
        assert_eq!(result.evaluation, "mine + theirs");
        assert_eq!(result.goals[0].steps[0].status, StepStatus::Done);
        assert_eq!(
            value(&result, FieldPath::Plan(Field::Evaluation)),
            Some(FieldValue::Text("mine + theirs".into()))
        );
    }

    #[test]
    fn items_on_one_side_only_are_one_difference_each() {
        let base = complete_bg_plan();
        let mut mine = base.clone();
        let mut theirs = base.clone();
        let mut new_goal = Goal::new(Uuid::from_u128(900));
        new_goal.text = "a goal added here".into();
        mine.goals.push(new_goal.clone());
        let mut new_step = Step::new(Uuid::from_u128(901));
        new_step.activity = "a step added there".into();
        theirs.goals[0].steps.push(new_step);
        theirs.participants.remove(0);
        let goal = base.goals[0].id;
        let parts = differences(&mine, &theirs);
        assert_eq!(
            parts,
            [
                Part::Participant(base.participants[0].id),
                Part::Step {
                    goal,
                    step: Uuid::from_u128(901)
                },
                Part::Goal(new_goal.id),
            ]
        );
        // Keep the goal added here and the other side's step and removal.
        let mut result = theirs.clone();
        take(&mut result, &mine, Part::Goal(new_goal.id));
        assert_eq!(result.goals.len(), 2);
        assert_eq!(result.goals[0].steps.len(), 2);
        assert_eq!(result.participants.len(), base.participants.len() - 1);
        // Taking a side that lacks the goal removes it.
        take(&mut result, &base, Part::Goal(new_goal.id));
        assert_eq!(result.goals.len(), 1);
    }

    #[test]
    fn every_field_reads_and_writes_back() {
        let p = complete_bg_plan();
        let mut q = new_plan(TemplateId::BgChildShortTerm);
        q.goals = p.goals.clone();
        for g in &mut q.goals {
            g.text.clear();
            g.life_area.clear();
            for s in &mut g.steps {
                s.activity.clear();
                s.frequency = None;
            }
        }
        for part in differences(&q, &p) {
            take(&mut q, &p, part);
        }
        assert_eq!(q, p);
    }
}

#[test]
fn quick_plan_starts_one_off_with_a_goal_a_step_and_the_remembered_worker() {
    let mut older = new_plan(TemplateId::CzCounselling);
    older.general.key_worker = "Petr Dvořák".into();
    let mut newer = new_plan(TemplateId::CzCounselling);
    newer.id = Uuid::from_u128(2);
    newer.general.key_worker = " Eva Malá ".into();
    let mut nameless = new_plan(TemplateId::CzCounselling);
    nameless.id = Uuid::from_u128(3);
    let later = |h| now() + chrono::Duration::hours(h);
    let summaries = [
        PlanSummary::of(&stored(older, later(1))),
        PlanSummary::of(&stored(newer, later(2))),
        PlanSummary::of(&stored(nameless, later(3))),
    ];
    let worker = remembered_key_worker(&summaries);
    assert_eq!(
        worker.as_deref(),
        Some("Eva Malá"),
        "newest plan naming a worker"
    );
    assert_eq!(remembered_key_worker(&[]), None);

    let p = Plan::quick(
        &CZ_COUNSELLING,
        Uuid::from_u128(9),
        Lang::Cs,
        now(),
        worker,
        ids(),
    );
    assert_eq!(p.horizon, Horizon::OneOff);
    assert_eq!(p.created_on, today());
    assert_eq!(p.general.key_worker, "Eva Malá");
    assert_eq!(p.goals.len(), 1);
    assert_eq!(p.goals[0].steps.len(), 1);
    assert_eq!(p.template, TemplateId::CzCounselling);
}

#[test]
fn quick_plan_is_finished_and_continued_without_retyping() {
    let mut p = Plan::quick(
        &CZ_COUNSELLING,
        Uuid::from_u128(9),
        Lang::Cs,
        now(),
        None,
        ids(),
    );
    p.general.client_name = "Jana".into();
    p.general.key_worker = "Petr".into();
    p.finish_quick(today());
    assert_eq!(p.status, PlanStatus::InProgress, "not evaluated yet");
    assert!(p.reviews.is_empty());
    assert_eq!(
        (p.status_log.len(), p.status_log[0].from, p.status_log[0].to),
        (1, PlanStatus::Draft, PlanStatus::InProgress),
        "recorded"
    );
    let names: Vec<_> = p
        .participants
        .iter()
        .map(|x| (x.role, x.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [(Role::Client, "Jana"), (Role::KeyCounsellor, "Petr")]
    );

    let mut q = Plan::quick(
        &CZ_COUNSELLING,
        Uuid::from_u128(9),
        Lang::Cs,
        now(),
        None,
        ids(),
    );
    q.participants[0].name = "Jana N.".into();
    q.general.client_name = "Jana".into();
    // Touched and left blank: no evaluation.
    let goal = q.goals[0].id;
    q.end_of_meeting_mut(today(), || Uuid::from_u128(77))
        .goal_mut(goal)
        .comment = " ".into();
    let mut blank = q.clone();
    blank.finish_quick(today());
    assert_eq!(blank.status, PlanStatus::InProgress);
    assert!(blank.reviews.is_empty(), "a blank evaluation is dropped");

    let review = q.end_of_meeting_mut(today(), || Uuid::from_u128(78));
    assert_eq!(review.id, Uuid::from_u128(77), "one end-of-meeting review");
    review.goal_mut(goal).progress = Some(Progress::Reached);
    review.goal_mut(goal).comment = "Cíl splněn".into();
    review.goal_mut(Uuid::from_u128(999)); // a blank entry is dropped at the end
    q.finish_quick(today());
    assert_eq!(
        q.status,
        PlanStatus::Completed,
        "evaluated at the end of the meeting"
    );
    assert_eq!(q.participants[0].name, "Jana N.", "a typed name is kept");
    let r = q.end_of_meeting().expect("kept");
    assert_eq!(r.took_part, "Jana N.", "those present, as typed");
    assert_eq!(r.goals.len(), 1);
    assert_eq!(r.date, today());
    assert_eq!(progress::tally(&q).reached, 1);
    assert_eq!(
        q.status_log.last().map(|c| c.to),
        Some(PlanStatus::Completed)
    );

    // Plans from before reviews: their free-text evaluation still completes them.
    let mut old = Plan::quick(
        &CZ_COUNSELLING,
        Uuid::from_u128(9),
        Lang::Cs,
        now(),
        None,
        ids(),
    );
    old.evaluation = "Cíl splněn".into();
    old.finish_quick(today());
    assert_eq!(old.status, PlanStatus::Completed);

    let before = q.clone();
    q.continue_long_term(today());
    assert_eq!(q.horizon, Horizon::LongTerm);
    assert_eq!(q.status, PlanStatus::InProgress);
    assert_eq!(before.status, PlanStatus::Completed);
    let last = q.status_log.last().expect("the reopening is recorded");
    assert_eq!(
        (last.from, last.to, last.on),
        (PlanStatus::Completed, PlanStatus::InProgress, today())
    );
    assert_eq!(q.goals, before.goals, "content kept");
    assert_eq!(q.general, before.general);
}

#[test]
fn quick_plan_switches_template_keeping_what_was_typed() {
    let mut p = Plan::quick(
        &CZ_COUNSELLING,
        Uuid::from_u128(9),
        Lang::Bg,
        now(),
        None,
        ids(),
    );
    p.general.client_name = "Иван".into();
    p.goals[0].text = "Да ходи на училище".into();
    p.goals[0].life_area = "debts".into();
    p.switch_template(&BG_CHILD_SHORT_TERM, ids());
    assert_eq!(p.template, TemplateId::BgChildShortTerm);
    assert!(p.signature_required);
    assert_eq!(
        p.participants.len(),
        4,
        "the child form's four signature lines"
    );
    assert_eq!(p.goals[0].text, "Да ходи на училище");
    assert_eq!(
        p.goals[0].life_area, "",
        "not a life area of the child form"
    );
    assert_eq!(p.general.client_name, "Иван");

    // Named participants are never thrown away.
    let mut q = Plan::quick(
        &CZ_COUNSELLING,
        Uuid::from_u128(9),
        Lang::Bg,
        now(),
        None,
        ids(),
    );
    q.participants[0].name = "Jana".into();
    q.switch_template(&BG_CHILD_SHORT_TERM, ids());
    assert_eq!(q.participants.len(), 2);
}

#[test]
fn only_errors_on_the_quick_screen_stop_a_quick_plan() {
    let mut p = Plan::quick(
        &BG_CHILD_SHORT_TERM,
        Uuid::from_u128(9),
        Lang::Bg,
        now(),
        None,
        ids(),
    );
    let blocking = |p: &Plan| {
        validate_plan(p, today())
            .into_iter()
            .filter(blocks_quick)
            .map(|e| e.path.field())
            .collect::<Vec<_>>()
    };
    assert!(blocking(&p).contains(&Some(Field::ClientName)));
    p.general.client_name = "Иван".into();
    p.general.key_worker = "Мария".into();
    p.goals[0].life_area = "education".into();
    p.goals[0].text = "Училище".into();
    p.goals[0].steps[0].activity = "Среща".into();
    p.goals[0].steps[0].responsible = "Мария".into();
    p.goals[0].steps[0].deadline = Some(date(2026, 12, 1));
    assert_eq!(
        blocking(&p),
        Vec::<Option<Field>>::new(),
        "place of service and duration wait for the full form"
    );
    assert!(
        !validate_plan(&p, today()).is_empty(),
        "the full form still asks for them"
    );
    p.goals.clear();
    assert_eq!(blocking(&p), [None], "a plan needs a goal");
}
