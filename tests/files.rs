//! Native tests of the plan file: schema, round trips, migrations on golden fixtures, every
//! hostile input, import preview and choices, atomic apply and undo, and a property test that
//! no input panics or touches storage.

use chrono::{NaiveDate, TimeZone, Utc};
use opora::files::*;
use opora::model::*;
use opora::storage::*;
use proptest::prelude::*;
use uuid::Uuid;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

fn ids(start: u128) -> impl FnMut() -> Uuid {
    let mut n = start;
    move || {
        n += 1;
        Uuid::from_u128(n)
    }
}

/// A plan with every kind of field filled, so the schema sees all of them.
fn full_plan(n: u128, t: TemplateId, name: &str) -> Plan {
    let mut next = ids(n * 1000);
    let mut p = Plan::new(t.template(), Uuid::from_u128(n), Lang::Cs, now(), &mut next);
    p.general.client_name = name.into();
    p.general.date_of_birth = NaiveDate::from_ymd_opt(2015, 3, 1);
    p.general.duration_from = NaiveDate::from_ymd_opt(2026, 11, 1);
    p.situation.needs = "bydlení".into();
    p.participants[0].name = "Jana".into();
    p.participants[0].signed = true;
    p.participants[0].signed_on = NaiveDate::from_ymd_opt(2026, 11, 23);
    let mut goal = Goal::new(next());
    goal.life_area = t.template().life_areas[0].key.into();
    goal.text = "cíl".into();
    goal.target_date = NaiveDate::from_ymd_opt(2027, 1, 1);
    for f in [
        None,
        Some(Frequency::Once),
        Some(Frequency::PerWeek { times: 2 }),
        Some(Frequency::PerMonth { times: 1 }),
    ] {
        let mut s = Step::new(next());
        s.activity = "krok".into();
        s.frequency = f;
        s.deadline = NaiveDate::from_ymd_opt(2026, 12, 1);
        goal.steps.push(s);
    }
    p.goals.push(goal);
    p
}

/// The content of the sample plans (the same as in the format-1 golden fixture).
fn sample_plans() -> Vec<Plan> {
    let mut copy = full_plan(3, TemplateId::CzCounselling, "Kopie");
    copy.copied_from = Some(Uuid::from_u128(1));
    vec![
        full_plan(1, TemplateId::CzCounselling, "Jana Nováková"),
        full_plan(2, TemplateId::BgChildShortTerm, "Иван Петров"),
        copy,
    ]
}

/// A plan as stored, saved at `now()`.
fn stored(plan: Plan, revisions: Revisions) -> StoredPlan {
    StoredPlan {
        revisions,
        updated_at: now(),
        plan,
    }
}

/// `saves` revisions in a row, the ids made from `seed`.
fn history(seed: u32, saves: u32) -> Revisions {
    (0..saves).fold(Revisions::default(), |r, k| r.next(rev_id(seed + k)))
}

/// The sample plans as stored: the first saved three times, the others once.
fn sample() -> Vec<StoredPlan> {
    sample_plans()
        .into_iter()
        .zip([history(0xa0, 3), history(0xb0, 1), history(0xc0, 1)])
        .map(|(p, r)| stored(p, r))
        .collect()
}

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string("docs/plan-file.schema.json").unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("a valid schema")
}

fn schema_errors(value: &serde_json::Value) -> Vec<String> {
    schema()
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn exported_files_validate_against_the_schema() {
    let validator = schema();
    for plans in [vec![], vec![sample()[0].clone()], sample(), sample_v3()] {
        let json = PlanFile::new(plans, now()).to_json();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let errors = schema_errors(&value);
        assert!(errors.is_empty(), "{errors:#?}");
    }
    // The schema is strict enough to notice drift: an unknown field is refused, on the stored
    // plan, in the plan, and in its revisions.
    let valid: serde_json::Value =
        serde_json::from_str(&PlanFile::new(sample(), now()).to_json()).unwrap();
    assert!(validator.is_valid(&valid));
    for path in ["/plans/0", "/plans/0/plan", "/plans/0/revisions"] {
        let mut value = valid.clone();
        value.pointer_mut(path).unwrap()["surprise"] = true.into();
        assert!(!validator.is_valid(&value), "{path}");
    }
    // Format 1's bookkeeping inside the plan is not format 2.
    let mut value = valid.clone();
    value["plans"][0]["plan"]["revision"] = 3.into();
    assert!(!validator.is_valid(&value));
    // Revision ids are letters and digits, at most 1000 of them.
    let mut value = valid.clone();
    value["plans"][0]["revisions"]["ids"][1] = "3-abc".into();
    assert!(!validator.is_valid(&value));
    let mut value = valid;
    value["plans"][0]["revisions"] = serde_json::json!({
        "start": 1001,
        "ids": vec!["a"; MAX_REVISIONS + 1],
    });
    assert!(!validator.is_valid(&value));
}

#[test]
fn export_then_import_gives_equal_plans() {
    let file = PlanFile::new(sample(), now());
    let back = parse(file.to_json().as_bytes()).unwrap();
    assert_eq!(back, file);
    assert_eq!(back.plans, sample());
    let value: serde_json::Value = serde_json::from_str(&file.to_json()).unwrap();
    assert_eq!(value["format_version"], 3);
    assert_eq!(
        value["plans"][0]["revisions"],
        serde_json::json!({"start": 3, "ids": [rev_id(0xa2), rev_id(0xa1), rev_id(0xa0)]})
    );
    assert_eq!(value["plans"][0]["updated_at"], "2026-11-23T10:00:00Z");
    assert_eq!(
        value["plans"][0]["plan"]["general"]["client_name"],
        "Jana Nováková"
    );
}

fn v1_fixture() -> Vec<u8> {
    std::fs::read("tests/fixtures/plans-v1.json").unwrap()
}

#[test]
fn golden_v1_fixture_imports_and_migrating_twice_changes_nothing() {
    let bytes = v1_fixture();
    let file = parse(&bytes).expect("the v1 fixture imports");
    assert_eq!(file.format_version, FORMAT_VERSION);
    assert_eq!(file.plans.len(), 3);
    assert_eq!(file.plans[1].plan.general.client_name, "Иван Петров");
    // The content is what format 1 wrote; its bookkeeping becomes a first revision whose id is
    // made from the plan id, its revision number (0, counted as 1) and the time of the save.
    let contents: Vec<Plan> = file.plans.iter().map(|s| s.plan.clone()).collect();
    assert_eq!(contents, sample_plans());
    for p in &file.plans {
        assert_eq!(p.updated_at, now());
        let id = v1_rev_id(&p.id().to_string(), 1, "2026-11-23T10:00:00Z");
        assert_eq!(
            p.revisions,
            Revisions {
                start: 1,
                ids: vec![id]
            }
        );
    }

    let mut value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    migrate(&mut value).unwrap();
    let errors = schema_errors(&value);
    assert!(
        errors.is_empty(),
        "the migrated file is format 2: {errors:#?}"
    );
    let once = value.clone();
    migrate(&mut value).unwrap();
    assert_eq!(value, once, "migrating a migrated file changes nothing");
    let typed: PlanFile = serde_json::from_value(value).unwrap();
    assert_eq!(typed, file);
}

#[test]
fn a_v1_plan_that_is_not_one_is_refused_as_damaged() {
    let v1: serde_json::Value = serde_json::from_slice(&v1_fixture()).unwrap();
    let broken: [(&str, serde_json::Value); 5] = [
        ("revision", "seven".into()),
        ("revision", (-1).into()),
        ("revision", u32::MAX.into()),
        ("updated_at", 5.into()),
        ("id", serde_json::Value::Null),
    ];
    for (field, bad) in broken {
        let mut v = v1.clone();
        v["plans"][0][field] = bad;
        assert!(
            matches!(err(v.to_string()), ImportError::WrongShape { .. }),
            "{field}"
        );
    }
    let mut v = v1.clone();
    v["plans"][2] = "a plan".into();
    assert!(matches!(err(v.to_string()), ImportError::WrongShape { .. }));
    let mut v = v1;
    v["plans"] = serde_json::json!({"not": "a list"});
    assert!(matches!(err(v.to_string()), ImportError::WrongShape { .. }));
}

const V2_FIXTURE: &str = "tests/fixtures/plans-v2.json";
const V3_FIXTURE: &str = "tests/fixtures/plans-v3.json";

/// The sample plans with what format 3 added: reviews, a status record, the child's voice,
/// a step's status date, note and occurrences.
fn sample_v3() -> Vec<StoredPlan> {
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let mut plans = sample();
    for (n, sp) in plans.iter_mut().enumerate() {
        let p = &mut sp.plan;
        let goal = p.goals[0].id;
        let step = &mut p.goals[0].steps[2];
        step.status = StepStatus::InProgress;
        step.status_on = Some(day(10));
        step.status_note = "twice so far".into();
        step.occurrences = vec![day(3), day(6)];
        p.reviews.push(Review {
            id: Uuid::from_u128(0x5000 + n as u128),
            kind: ReviewKind::Periodic,
            date: day(20),
            took_part: "Jana, Petr".into(),
            goals: vec![GoalReview {
                goal,
                progress: Some(Progress::Mostly),
                comment: "going well".into(),
                client_view: "better".into(),
                worker_view: "steady".into(),
            }],
            next_steps: "keep going".into(),
            next_review: Some(day(20) + chrono::Duration::days(90)),
        });
        p.status_log.push(StatusChange {
            on: day(1),
            from: PlanStatus::Draft,
            to: PlanStatus::InProgress,
            reason: String::new(),
        });
        if p.template == TemplateId::BgChildShortTerm {
            p.child_voice = ChildVoice {
                child_view: "Искам да ходя на училище.".into(),
                parents_view: "Съгласни сме.".into(),
                how_informed: "Разговор с детето.".into(),
                consent_by: "майката".into(),
                consent_on: Some(day(2)),
                disagreement: String::new(),
            };
        }
    }
    plans
}

/// Writes the golden fixture of the current format; run once per new format version, then
/// commit the file. Earlier fixtures stay as they were: they are what old files look like.
#[test]
#[ignore]
fn write_golden_fixture() {
    let file = PlanFile::new(sample_v3(), now());
    std::fs::write(V3_FIXTURE, serde_json::to_string_pretty(&file).unwrap()).unwrap();
}

#[test]
fn golden_v3_fixture_parses_validates_and_round_trips() {
    let bytes = std::fs::read(V3_FIXTURE).unwrap();
    let file = parse(&bytes).expect("the v3 fixture imports");
    assert_eq!(file.format_version, 3);
    assert_eq!(file.exported_at, now());
    assert_eq!(file.plans, sample_v3());
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let errors = schema_errors(&value);
    assert!(errors.is_empty(), "{errors:#?}");
    // Written again, it is the same JSON; read again, the same file.
    let again: serde_json::Value = serde_json::from_str(&file.to_json()).unwrap();
    assert_eq!(again, value);
    assert_eq!(parse(file.to_json().as_bytes()).unwrap(), file);
    let mut migrated = value.clone();
    migrate(&mut migrated).unwrap();
    assert_eq!(migrated, value, "a current file needs no migration");
}

#[test]
fn golden_v2_fixture_imports_with_nothing_of_format_3() {
    let bytes = std::fs::read(V2_FIXTURE).unwrap();
    let file = parse(&bytes).expect("the v2 fixture imports");
    assert_eq!(file.format_version, 3);
    assert_eq!(file.plans, sample());
    assert!(file.plans.iter().all(|p| p.plan.reviews.is_empty()
        && p.plan.status_log.is_empty()
        && p.plan.child_voice == ChildVoice::default()));
    // Migrated, it validates against the current schema.
    let mut value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    migrate(&mut value).unwrap();
    assert_eq!(value["format_version"], 3);
    let errors = schema_errors(&value);
    assert!(errors.is_empty(), "{errors:#?}");
}

fn valid_json() -> serde_json::Value {
    serde_json::from_str(&PlanFile::new(sample(), now()).to_json()).unwrap()
}

fn err(bytes: impl AsRef<[u8]>) -> ImportError {
    parse(bytes.as_ref()).expect_err("must be refused")
}

#[test]
fn hostile_and_broken_files_get_typed_errors() {
    assert_eq!(err(""), ImportError::Empty);
    assert_eq!(err("  \n"), ImportError::Empty);
    assert!(matches!(err("{\"format\": "), ImportError::NotJson { .. }));
    assert!(matches!(
        err("plans, but as prose"),
        ImportError::NotJson { line: 1, .. }
    ));
    assert_eq!(err([0x7b, 0xff, 0xfe, 0x7d]), ImportError::NotUtf8);
    let huge = vec![b' '; MAX_FILE_BYTES + 1];
    assert!(matches!(err(&huge), ImportError::TooLarge { .. }));
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(err(&deep), ImportError::TooDeep { limit: MAX_DEPTH });
    // Brackets inside strings do not count as nesting.
    let mut v = valid_json();
    v["plans"][0]["plan"]["evaluation"] = "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[".into();
    assert!(parse(v.to_string().as_bytes()).is_ok());

    assert_eq!(err("[1, 2, 3]"), ImportError::NotOporaFile);
    assert_eq!(
        err("{\"name\": \"package.json\", \"version\": \"1.0.0\"}"),
        ImportError::NotOporaFile
    );
    assert_eq!(
        err("{\"ciphertext\": \"AAAA\", \"iv\": \"BBBB\", \"salt\": \"CC\"}"),
        ImportError::Encrypted
    );
    assert_eq!(
        err("-----BEGIN PGP MESSAGE-----\nhQEMA...\n"),
        ImportError::Encrypted
    );

    let mut v = valid_json();
    v["format_version"] = (FORMAT_VERSION + 1).into();
    assert_eq!(
        err(v.to_string()),
        ImportError::NewerVersion {
            found: u64::from(FORMAT_VERSION + 1),
            supported: FORMAT_VERSION
        }
    );
    v["format_version"] = "one".into();
    assert_eq!(err(v.to_string()), ImportError::BadVersion);
    v["format_version"] = 0.into();
    assert_eq!(err(v.to_string()), ImportError::BadVersion);

    let mut v = valid_json();
    v["plans"][0]["revisions"]["start"] = "seven".into();
    assert!(matches!(err(v.to_string()), ImportError::WrongShape { .. }));
    let mut v = valid_json();
    v["plans"][1]["plan"]
        .as_object_mut()
        .unwrap()
        .remove("goals");
    assert!(
        matches!(err(v.to_string()), ImportError::WrongShape { detail } if detail.contains("goals"))
    );
    let mut v = valid_json();
    v["plans"][0]["plan"]["template"] = "someone_elses_form".into();
    assert!(matches!(err(v.to_string()), ImportError::WrongShape { .. }));
    // A format-2 file whose plans are shaped like format 1 is damaged, not migrated.
    let mut v = valid_json();
    v["plans"][0] = v["plans"][0]["plan"].clone();
    assert!(matches!(err(v.to_string()), ImportError::WrongShape { .. }));

    let mut v = valid_json();
    v["plans"] = 7.into();
    assert!(
        matches!(err(v.to_string()), ImportError::WrongShape { .. }),
        "ours, but damaged"
    );
    let mut v = valid_json();
    v["plan_count"] = 5.into();
    assert_eq!(
        err(v.to_string()),
        ImportError::CountMismatch {
            declared: 5,
            found: 3
        }
    );
    let mut v = valid_json();
    v["plans"][1]["plan"]["id"] = v["plans"][0]["plan"]["id"].clone();
    assert_eq!(
        err(v.to_string()),
        ImportError::DuplicateId(Uuid::from_u128(1))
    );
}

#[test]
fn files_with_malformed_revisions_are_refused() {
    let bad = [
        serde_json::json!({"start": 1, "ids": ["aaaa", "bbbb"]}), // more ids than generations
        serde_json::json!({"start": 2, "ids": []}),               // saved, but no id
        serde_json::json!({"start": 0, "ids": ["aaaa"]}),         // an id, but never saved
        serde_json::json!({"start": 1, "ids": ["1-aaaa"]}),       // not letters and digits
        serde_json::json!({"start": 1, "ids": [""]}),
        serde_json::json!({"start": 1, "ids": ["ab cd"]}),
        serde_json::json!({"start": 1, "ids": ["čtyři"]}),
        serde_json::json!({"start": 1, "ids": ["a".repeat(65)]}),
        serde_json::json!({"start": 2000, "ids": vec!["a"; MAX_REVISIONS + 1]}),
        serde_json::json!({"start": u32::MAX, "ids": ["aaaa"]}), // a save would overflow
    ];
    for revisions in bad {
        let mut v = valid_json();
        v["plans"][1]["revisions"] = revisions.clone();
        assert!(
            matches!(err(v.to_string()), ImportError::WrongShape { .. }),
            "{revisions}"
        );
    }
    // Opaque ids of other lengths and cases are fine, as is the full history.
    let good = [
        serde_json::json!({"start": 7, "ids": ["Z", "a".repeat(64)]}),
        serde_json::json!({"start": 1000, "ids": vec!["a"; MAX_REVISIONS]}),
        serde_json::json!({"start": 0, "ids": []}),
    ];
    for revisions in good {
        let mut v = valid_json();
        v["plans"][1]["revisions"] = revisions.clone();
        assert!(parse(v.to_string().as_bytes()).is_ok(), "{revisions}");
    }
}

#[test]
fn a_bom_at_the_start_is_accepted() {
    let text = format!("\u{feff}{}", PlanFile::new(sample(), now()).to_json());
    assert!(parse(text.as_bytes()).is_ok());
}

fn open(backend: MemoryBackend) -> (Store<MemoryBackend>, LoadReport) {
    Store::open(backend, now()).unwrap()
}

/// A browser where each plan was saved once.
fn store_with(plans: &[Plan]) -> Store<MemoryBackend> {
    let (mut store, _) = open(MemoryBackend::default());
    for p in plans {
        let first = rev_id(p.id.as_u128() as u32);
        store.save(p, &Revisions::default(), now(), first).unwrap();
    }
    open(store.backend().clone()).0
}

fn stored_plans(store: &Store<MemoryBackend>) -> Vec<StoredPlan> {
    let (mut store, report) = open(store.backend().clone());
    let mut plans: Vec<StoredPlan> = report
        .plans
        .iter()
        .map(|s| match store.load(s.id, now()).unwrap() {
            Loaded::Plan(p) => *p,
            other => panic!("{other:?}"),
        })
        .collect();
    plans.sort_by_key(|p| p.id());
    plans
}

#[test]
fn preview_tells_new_identical_newer_older_and_conflicting_plans_apart() {
    let store = store_with(&sample_plans()[..2]);
    let mine = stored_plans(&store);
    let (a, b) = (mine[0].clone(), mine[1].clone());

    let mut newer = a.clone();
    newer.plan.general.key_worker = "Eva".into();
    newer.revisions = a.revisions.next(rev_id(7));

    let mut b_now = b.clone();
    b_now.plan.evaluation = "edited here since".into();
    b_now.revisions = b.revisions.next(rev_id(8));

    // Parted from `newer` at `a`.
    let mut conflict = a.clone();
    conflict.plan.general.client_name = "Someone else's edit".into();
    conflict.revisions = a.revisions.next(rev_id(9));

    let brand_new = stored(
        full_plan(9, TemplateId::BgChildShortTerm, "Nový"),
        history(1, 1),
    );
    let items = preview(vec![a.clone(), newer.clone(), brand_new.clone()], &mine);
    let kinds: Vec<_> = items.iter().map(|i| i.incoming).collect();
    assert_eq!(kinds, [Incoming::Identical, Incoming::Newer, Incoming::New]);
    assert_eq!(items[1].mine.as_ref(), Some(&a));
    assert_eq!(items[1].theirs, newer);
    assert_eq!(items[2].mine, None);
    let defaults: Vec<_> = items.iter().map(|i| i.default_choice()).collect();
    assert_eq!(
        defaults,
        [Choice::KeepMine, Choice::TakeTheirs, Choice::TakeTheirs]
    );

    let items = preview(vec![b.clone()], std::slice::from_ref(&b_now));
    assert_eq!(items[0].incoming, Incoming::Older);
    assert_eq!(items[0].default_choice(), Choice::KeepMine);

    let items = preview(vec![conflict.clone()], std::slice::from_ref(&newer));
    assert_eq!(items[0].incoming, Incoming::Conflict);
    assert_eq!(items[0].default_choice(), Choice::KeepBoth, "loses nothing");

    // Revisions decide, not content: the same text saved apart is still two revisions, and
    // another text under the same revision (hand-edited file) is taken as identical.
    let mut same_text = a.clone();
    same_text.revisions = Revisions::default().next(rev_id(0xfeed));
    let items = preview(vec![same_text], &mine);
    assert_eq!(items[0].incoming, Incoming::Conflict);
    let mut hand_edited = a.clone();
    hand_edited.plan.general.client_name = "Changed in a text editor".into();
    let items = preview(vec![hand_edited], &mine);
    assert_eq!(items[0].incoming, Incoming::Identical);
    // A plan never saved relates to nothing: a conflict.
    let mut unsaved = a.clone();
    unsaved.revisions = Revisions::default();
    assert_eq!(
        preview(vec![unsaved], &mine)[0].incoming,
        Incoming::Conflict
    );
}

#[test]
fn choices_resolve_to_writes_and_keep_both_marks_a_copy() {
    let store = store_with(&sample_plans()[..1]);
    let mine = stored_plans(&store);
    // Saved elsewhere from the same start, as a different first revision.
    let mut theirs = mine[0].clone();
    theirs.plan.general.client_name = "Jana (jejich)".into();
    theirs.revisions = history(0x5eed, 6);
    let items = preview(vec![theirs.clone()], &mine);
    assert_eq!(items[0].incoming, Incoming::Conflict);

    assert_eq!(
        resolve(&items, &[Choice::KeepMine], ids(77)),
        Resolution::default()
    );
    let take = resolve(&items, &[Choice::TakeTheirs], ids(77));
    assert_eq!(take.writes, vec![theirs.clone()]);
    assert_eq!(take.replaced, mine);
    let both = resolve(&items, &[Choice::KeepBoth], ids(77));
    assert_eq!(both.writes.len(), 1);
    assert_eq!(both.replaced, vec![]);
    let copy = &both.writes[0];
    assert_ne!(copy.id(), theirs.id());
    assert_eq!(copy.plan.copied_from, Some(theirs.id()));
    assert_eq!(copy.plan.general.client_name, "Jana (jejich)");
    assert_eq!(
        copy.revisions.start, 1,
        "a new plan: its own first revision"
    );
    assert_eq!(copy.revisions.ids.len(), 1);
    assert!(copy.revisions.is_valid());

    // Taking an identical copy writes nothing; a new plan is written whatever the choice.
    let items = preview(mine.clone(), &mine);
    assert_eq!(
        resolve(&items, &[Choice::TakeTheirs], ids(77)),
        Resolution::default()
    );
    let fresh = stored(
        full_plan(5, TemplateId::CzCounselling, "Nová"),
        history(5, 1),
    );
    let items = preview(vec![fresh.clone()], &mine);
    for choice in [Choice::TakeTheirs, Choice::KeepBoth] {
        assert_eq!(
            resolve(&items, &[choice], ids(77)).writes,
            vec![fresh.clone()]
        );
    }
}

/// A store holding one plan, its raw values, and an import of a newer copy of that plan
/// plus a new plan.
fn one_plan_and_an_import() -> (
    Store<MemoryBackend>,
    std::collections::BTreeMap<String, String>,
    StoredPlan,
    StoredPlan,
) {
    let store = store_with(&sample_plans()[..1]);
    let before = store.backend().map.clone();
    let mine = stored_plans(&store);
    let mut theirs = mine[0].clone();
    theirs.plan.general.client_name = "Přepsáno".into();
    theirs.revisions = mine[0].revisions.next(rev_id(2));
    let extra = stored(
        full_plan(8, TemplateId::CzCounselling, "Přidaný"),
        history(8, 2),
    );
    (store, before, theirs, extra)
}

#[test]
fn import_applies_all_or_nothing_and_can_be_undone() {
    let (store, before, theirs, extra) = one_plan_and_an_import();
    let mine = stored_plans(&store);
    let writes = vec![theirs.clone(), extra.clone()];

    // Storage fills up at the last write (the largest quota that is still too small):
    // nothing changes.
    let used = store.backend().used_units();
    let failing = (0..20_000).rev().step_by(10).find_map(|extra| {
        let mut full = store.backend().clone();
        full.quota_units = Some(used + extra);
        let (mut s, _) = open(full);
        s.apply_import(&writes).is_err().then_some(s)
    });
    let failing = failing.expect("some quota is too small");
    assert_eq!(failing.backend().map, before, "every key is as it was");

    // Whatever the quota, the plans are written whole or not at all (as the next start reads
    // them).
    for (quota, result, after) in apply_under_every_quota(&store, &writes) {
        let plans = stored_plans(&after);
        match result {
            Ok(()) => assert_eq!(plans, writes, "quota {quota}"),
            Err(e) => {
                assert_eq!(e, SaveError::Backend(BackendError::QuotaExceeded));
                assert!(
                    plans == mine || plans == writes,
                    "quota {quota}: {plans:#?}"
                );
            }
        }
    }

    // Applied whole, then undone: the replaced plan is back and the added one gone.
    let mut store = store;
    store.apply_import(&writes).unwrap();
    let now_stored = stored_plans(&store);
    assert_eq!(now_stored, writes, "as they came");
    assert!(store.can_undo_import());
    let (restored, removed) = store.undo_import().unwrap();
    assert_eq!(restored, mine);
    assert_eq!(removed, vec![extra.id()]);
    assert_eq!(stored_plans(&store), mine);
    assert!(!store.can_undo_import());
}

/// `apply_import` of `writes` into a copy of `store` under quotas from a little above what is
/// used (with no room for the start-up probe, storage opens read-only) to well past what the
/// import needs: each quota, the result and the store after.
fn apply_under_every_quota(
    store: &Store<MemoryBackend>,
    writes: &[StoredPlan],
) -> Vec<(usize, Result<(), SaveError>, Store<MemoryBackend>)> {
    let used = store.backend().used_units();
    let out: Vec<_> = (used + 50..used * 4)
        .step_by(37)
        .map(|quota| {
            let mut b = store.backend().clone();
            b.quota_units = Some(quota);
            let (mut s, _) = open(b);
            (quota, s.apply_import(writes), s)
        })
        .collect();
    assert!(out.iter().any(|r| r.1.is_ok()) && out.iter().any(|r| r.1.is_err()));
    out
}

/// Stricter than the test above: an import reported as failed has changed nothing, now.
#[test]
fn an_import_reported_as_failed_changed_nothing() {
    let (store, before, theirs, extra) = one_plan_and_an_import();
    for (quota, result, after) in apply_under_every_quota(&store, &[theirs, extra]) {
        if result.is_err() {
            let map = &after.backend().map;
            let mut changed: Vec<&String> = before
                .keys()
                .filter(|k| map.get(*k) != before.get(*k))
                .collect();
            changed.extend(map.keys().filter(|k| !before.contains_key(*k)));
            assert!(changed.is_empty(), "quota {quota}: {changed:?} changed");
        }
    }
}

#[test]
fn several_files_are_combined() {
    let a = sample()[0].clone();
    let mut a2 = a.clone();
    a2.plan.evaluation = "later".into();
    a2.revisions = a.revisions.next(rev_id(0x2));
    let b = sample()[1].clone();
    let combined =
        opora::files::combine(vec![vec![a.clone()], vec![a2.clone(), b.clone()]]).unwrap();
    assert_eq!(combined, vec![a2.clone(), b.clone()]);
    let combined = opora::files::combine(vec![vec![a2.clone()], vec![a.clone()]]).unwrap();
    assert_eq!(
        combined,
        vec![a2.clone()],
        "the later one, whichever file comes first"
    );
    let combined = opora::files::combine(vec![vec![b.clone()], vec![b.clone()]]).unwrap();
    assert_eq!(combined, vec![b]);
    // Both changed since `a`: the two copies cannot be told apart.
    let mut diverged = a2.clone();
    diverged.plan.evaluation = "other".into();
    diverged.revisions = a2.revisions.next(rev_id(0x3));
    let mut diverged2 = a.clone();
    diverged2.plan.evaluation = "third".into();
    diverged2.revisions = a.revisions.next(rev_id(0x4));
    assert_eq!(
        opora::files::combine(vec![vec![diverged], vec![diverged2]]),
        Err(ImportError::DuplicateId(a.id()))
    );
}

/// One edit of a plan in the editor, saved as the revision after `current`.
fn edit_and_save(
    store: &mut Store<MemoryBackend>,
    current: &StoredPlan,
    edit: &str,
    id: u32,
) -> StoredPlan {
    let mut plan = current.plan.clone();
    plan.evaluation = edit.into();
    store
        .save(&plan, &current.revisions, now(), rev_id(id))
        .unwrap()
}

fn export(store: &Store<MemoryBackend>) -> Vec<u8> {
    PlanFile::new(stored_plans(store), now())
        .to_json()
        .into_bytes()
}

fn import_kinds(file: &[u8], store: &Store<MemoryBackend>) -> Vec<Incoming> {
    let file = parse(file).unwrap();
    preview(file.plans, &stored_plans(store))
        .iter()
        .map(|i| i.incoming)
        .collect()
}

/// Imports a file taking the default choices.
fn import(file: &[u8], store: &mut Store<MemoryBackend>) {
    let items = preview(parse(file).unwrap().plans, &stored_plans(store));
    let choices: Vec<Choice> = items.iter().map(PreviewItem::default_choice).collect();
    store
        .apply_import(&resolve(&items, &choices, ids(500)).writes)
        .unwrap();
}

#[test]
fn an_export_edited_twice_imports_as_older_newer_or_identical() {
    let mut here = store_with(&sample_plans()[..1]);
    let earlier = export(&here);
    let v1 = stored_plans(&here).remove(0);

    // Another browser takes the earlier file.
    let mut there = open(MemoryBackend::default()).0;
    assert_eq!(import_kinds(&earlier, &there), [Incoming::New]);
    import(&earlier, &mut there);
    assert_eq!(stored_plans(&there), vec![v1.clone()]);

    // Here, the plan is edited twice.
    let v2 = edit_and_save(&mut here, &v1, "first edit", 0x22);
    let v3 = edit_and_save(&mut here, &v2, "second edit", 0x33);
    assert_eq!(v3.revisions.start, 3);
    let later = export(&here);

    assert_eq!(import_kinds(&earlier, &here), [Incoming::Older]);
    assert_eq!(import_kinds(&later, &there), [Incoming::Newer]);
    assert_eq!(import_kinds(&later, &here), [Incoming::Identical]);
    assert_eq!(import_kinds(&earlier, &there), [Incoming::Identical]);

    // Taking the later file brings the other browser level; then either file's plan is
    // identical there or older, and the same export again is identical.
    import(&later, &mut there);
    assert_eq!(stored_plans(&there), vec![v3.clone()]);
    assert_eq!(import_kinds(&later, &there), [Incoming::Identical]);
    assert_eq!(import_kinds(&earlier, &there), [Incoming::Older]);
    assert_eq!(import_kinds(&export(&there), &here), [Incoming::Identical]);

    // Saving unchanged content makes no revision: the plan stays identical to its export.
    let same = here
        .save(&v3.plan, &v3.revisions, now(), rev_id(0x44))
        .unwrap();
    assert_eq!(same, v3);
    assert_eq!(import_kinds(&later, &here), [Incoming::Identical]);

    // Both browsers edit after the later file: a conflict either way.
    let mine = edit_and_save(&mut here, &v3, "here", 0x55);
    let theirs = edit_and_save(&mut there, &v3, "there", 0x66);
    assert_eq!(mine.revisions.start, theirs.revisions.start);
    assert_eq!(import_kinds(&export(&there), &here), [Incoming::Conflict]);
    assert_eq!(import_kinds(&export(&here), &there), [Incoming::Conflict]);
}

/// A browser as format 1 left it: each plan object of the v1 fixture stored as it was.
fn v1_browser() -> MemoryBackend {
    let file: serde_json::Value = serde_json::from_slice(&v1_fixture()).unwrap();
    let mut b = MemoryBackend::default();
    b.map.insert(SCHEMA_KEY.into(), "1".into());
    for plan in file["plans"].as_array().unwrap() {
        let id = Uuid::parse_str(plan["id"].as_str().unwrap()).unwrap();
        b.map.insert(plan_key(id), plan.to_string());
    }
    b
}

#[test]
fn a_v1_file_of_an_unchanged_plan_is_identical_after_the_format_bump() {
    let (mut store, report) = open(v1_browser());
    assert_eq!(report.not_migrated, 0);
    assert_eq!(report.newly_quarantined, 0);
    assert_eq!(report.plans.len(), 3);
    let b = store.backend();
    assert_eq!(b.map[SCHEMA_KEY], SCHEMA_VERSION.to_string());
    for p in &report.plans {
        let raw = &b.map[&plan_key(p.id)];
        let now_stored = parse_plan(raw).expect("stored in the current layout");
        assert!(codec::is_encoded(raw));
        assert_eq!(&PlanSummary::of(&now_stored), p);
    }

    let v1_file = v1_fixture();
    let all_identical = vec![Incoming::Identical; 3];
    assert_eq!(import_kinds(&v1_file, &store), all_identical);
    // Also after the next start, and against what the migrated browser exports.
    let (store2, _) = open(store.backend().clone());
    assert_eq!(import_kinds(&v1_file, &store2), all_identical);
    assert_eq!(import_kinds(&export(&store2), &store), all_identical);
    // A browser still on format 1 (too full to migrate) reads its plans the same way.
    let mut full = v1_browser();
    full.fail_writes = Some(BackendError::QuotaExceeded);
    let (stuck, report) = open(full);
    assert_eq!(report.not_migrated, 3);
    assert_eq!(import_kinds(&v1_file, &stuck), all_identical);
    assert_eq!(import_kinds(&export(&store2), &stuck), all_identical);

    // Edited after the bump, the browser's copy continues the v1 one.
    let mine = stored_plans(&store);
    edit_and_save(&mut store, &mine[1], "edited in format 2", 0x77);
    assert_eq!(
        import_kinds(&v1_file, &store),
        [Incoming::Identical, Incoming::Older, Incoming::Identical]
    );
    assert_eq!(
        import_kinds(&export(&store), &store2),
        [Incoming::Identical, Incoming::Newer, Incoming::Identical]
    );
}

#[test]
fn file_names_say_what_is_inside() {
    let plans = sample_plans();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    assert_eq!(
        file_name(&[&plans[0]], false, today),
        "opora-JN-2026-11-23.json"
    );
    assert_eq!(
        file_name(&[&plans[1]], false, today),
        "opora-ИП-2026-11-23.json"
    );
    assert_eq!(
        file_name(&[&plans[0], &plans[1]], false, today),
        "opora-2-plans-2026-11-23.json"
    );
    assert_eq!(
        file_name(&[&plans[0]], true, today),
        "opora-all-plans-2026-11-23.json"
    );
    let mut nameless = plans[0].clone();
    nameless.general.client_name = "  ".into();
    assert_eq!(
        file_name(&[&nameless], false, today),
        "opora-plan-2026-11-23.json"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic_nor_touch_storage(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let store = store_with(&sample_plans()[..1]);
        let before = store.backend().map.clone();
        if let Ok(file) = parse(&bytes) {
            let _ = preview(file.plans, &stored_plans(&store));
        }
        prop_assert_eq!(&store.backend().map, &before);
    }

    #[test]
    fn mutated_valid_files_never_panic(pos in 0usize..100_000, byte in any::<u8>(), cut in 0usize..100_000) {
        let mut bytes = PlanFile::new(sample(), now()).to_json().into_bytes();
        let i = pos % bytes.len();
        bytes[i] = byte;
        bytes.truncate(bytes.len() - cut % (bytes.len() / 4));
        if let Ok(file) = parse(&bytes) {
            prop_assert_eq!(file.plan_count, file.plans.len());
            prop_assert!(file.plans.iter().all(|p| p.revisions.is_valid()));
        }
    }
}

#[test]
fn an_import_interrupted_half_way_is_rolled_back_at_the_next_start() {
    let store = store_with(&sample_plans()[..1]);
    let mine = stored_plans(&store);
    let mut theirs = mine[0].clone();
    theirs.plan.general.client_name = "Přepsáno".into();
    theirs.revisions = mine[0].revisions.next(rev_id(2));
    let extra = stored(
        full_plan(8, TemplateId::CzCounselling, "Přidaný"),
        history(8, 1),
    );
    let before = store.backend().map.clone();
    let old_raw = before[&plan_key(mine[0].id())].clone();
    // The tab closed after the journal and the first write, before the second. A journal
    // written by format 1 named revisions by number; it is rolled back the same way.
    let revs = [
        (
            serde_json::json!(theirs.revisions.rev()),
            serde_json::json!(extra.revisions.rev()),
        ),
        (serde_json::json!(1), serde_json::json!(0)),
    ];
    for (theirs_rev, extra_rev) in revs {
        let mut b = store.backend().clone();
        let journal = serde_json::json!({
            "complete": false,
            "replaced": [old_raw],
            "added": [[theirs.id(), theirs_rev, false], [extra.id(), extra_rev, true]],
        });
        b.map.insert(UNDO_IMPORT_KEY.into(), journal.to_string());
        b.map.insert(
            plan_key(theirs.id()),
            serde_json::to_string(&theirs).unwrap(),
        );
        let (store, report) = open(b);
        let mut summaries = report.plans.clone();
        summaries.sort_by_key(|s| s.id);
        let mut expected: Vec<PlanSummary> = mine.iter().map(PlanSummary::of).collect();
        expected.sort_by_key(|s| s.id);
        assert_eq!(summaries, expected);
        assert_eq!(store.backend().map, before);
    }
}

#[test]
fn backup_reminder_waits_a_week_after_the_first_unsaved_change() {
    let mut p = sample()[0].clone();
    p.updated_at = now() - chrono::Duration::days(3);
    assert!(
        !backup_due(&[PlanSummary::of(&p)], None, now()),
        "too recent"
    );
    p.updated_at = now() - chrono::Duration::days(8);
    assert!(
        backup_due(&[PlanSummary::of(&p)], None, now()),
        "never backed up"
    );
    let backed_up = Some(now() - chrono::Duration::days(1));
    assert!(
        !backup_due(&[PlanSummary::of(&p)], backed_up, now()),
        "backed up since"
    );
    let old_backup = Some(now() - chrono::Duration::days(30));
    assert!(backup_due(&[PlanSummary::of(&p)], old_backup, now()));
    assert!(!backup_due(&[], None, now()), "nothing to back up");
}

#[test]
fn last_backup_is_remembered() {
    let (mut store, _) = open(MemoryBackend::default());
    assert_eq!(store.last_backup(), None);
    store.set_last_backup(now()).unwrap();
    store.set_ui_lang(Lang::Bg).unwrap();
    let (store, _) = open(store.backend().clone());
    assert_eq!(store.last_backup(), Some(now()));
    assert_eq!(store.ui_lang(), Some(Lang::Bg));
}
