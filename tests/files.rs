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
    p.lineage.push("0123456789abcdef".into());
    p
}

fn sample() -> Vec<Plan> {
    let mut copy = full_plan(3, TemplateId::CzCounselling, "Kopie");
    copy.copied_from = Some(Uuid::from_u128(1));
    vec![
        full_plan(1, TemplateId::CzCounselling, "Jana Nováková"),
        full_plan(2, TemplateId::BgChildShortTerm, "Иван Петров"),
        copy,
    ]
}

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string("docs/plan-file.schema.json").unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("a valid schema")
}

#[test]
fn exported_files_validate_against_the_schema() {
    let validator = schema();
    for plans in [vec![], vec![sample()[0].clone()], sample()] {
        let json = PlanFile::new(plans, now()).to_json();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
    // The schema is strict enough to notice drift: an unknown field is refused.
    let mut value: serde_json::Value =
        serde_json::from_str(&PlanFile::new(sample(), now()).to_json()).unwrap();
    value["plans"][0]["surprise"] = true.into();
    assert!(!validator.is_valid(&value));
}

#[test]
fn export_then_import_gives_equal_plans() {
    let file = PlanFile::new(sample(), now());
    let back = parse(file.to_json().as_bytes()).unwrap();
    assert_eq!(back, file);
    assert_eq!(back.plans, sample());
}

#[test]
fn golden_v1_fixture_imports_and_migrating_twice_changes_nothing() {
    let bytes = std::fs::read("tests/fixtures/plans-v1.json").unwrap();
    let file = parse(&bytes).expect("the v1 fixture imports");
    assert_eq!(file.plans.len(), 3);
    assert_eq!(file.plans[1].general.client_name, "Иван Петров");
    assert!(schema().is_valid(&serde_json::from_slice(&bytes).unwrap()));
    let mut value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    migrate(&mut value).unwrap();
    let once = value.clone();
    migrate(&mut value).unwrap();
    assert_eq!(value, once);
}

/// Writes the golden fixture; run once per new format version, then commit the file.
#[test]
#[ignore]
fn write_golden_fixture() {
    std::fs::write(
        "tests/fixtures/plans-v1.json",
        PlanFile::new(sample(), now()).to_json(),
    )
    .unwrap();
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
    v["plans"][0]["evaluation"] = "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[".into();
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
    v["format_version"] = 2.into();
    assert_eq!(
        err(v.to_string()),
        ImportError::NewerVersion {
            found: 2,
            supported: FORMAT_VERSION
        }
    );
    v["format_version"] = "one".into();
    assert_eq!(err(v.to_string()), ImportError::BadVersion);
    v["format_version"] = 0.into();
    assert_eq!(err(v.to_string()), ImportError::BadVersion);

    let mut v = valid_json();
    v["plans"][0]["revision"] = "seven".into();
    assert!(matches!(err(v.to_string()), ImportError::WrongShape { .. }));
    let mut v = valid_json();
    v["plans"][1].as_object_mut().unwrap().remove("goals");
    assert!(
        matches!(err(v.to_string()), ImportError::WrongShape { detail } if detail.contains("goals"))
    );
    let mut v = valid_json();
    v["plans"][0]["template"] = "someone_elses_form".into();
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
    v["plans"][1]["id"] = v["plans"][0]["id"].clone();
    assert_eq!(
        err(v.to_string()),
        ImportError::DuplicateId(Uuid::from_u128(1))
    );
}

#[test]
fn a_bom_at_the_start_is_accepted() {
    let text = format!("\u{feff}{}", PlanFile::new(sample(), now()).to_json());
    assert!(parse(text.as_bytes()).is_ok());
}

fn store_with(plans: &[Plan]) -> Store<MemoryBackend> {
    let (mut store, _) = Store::open(MemoryBackend::default(), now()).unwrap();
    for p in plans {
        store.save(p, now()).unwrap();
    }
    Store::open(store.backend().clone(), now()).unwrap().0
}

fn stored_plans(store: &Store<MemoryBackend>) -> Vec<Plan> {
    let mut plans = Store::open(store.backend().clone(), now()).unwrap().1.plans;
    plans.sort_by_key(|p| p.id);
    plans
}

#[test]
fn preview_tells_new_identical_newer_older_and_conflicting_plans_apart() {
    let store = store_with(&sample()[..2]);
    let mine = stored_plans(&store);
    let (a, b) = (mine[0].clone(), mine[1].clone());

    let mut newer = a.clone();
    newer.general.key_worker = "Eva".into();
    record_replaced(&mut newer, &a);
    newer.revision += 1;

    let mut older_base = b.clone();
    older_base.revision -= 1;
    let mut b_now = b.clone();
    record_replaced(&mut b_now, &older_base);

    let mut conflict = a.clone();
    conflict.general.client_name = "Someone else's edit".into();
    record_replaced(&mut conflict, &a); // parted from `newer` at `a`

    let brand_new = full_plan(9, TemplateId::BgChildShortTerm, "Nový");
    let items = preview(vec![a.clone(), newer.clone(), brand_new.clone()], &mine);
    let kinds: Vec<_> = items.iter().map(|i| i.incoming).collect();
    assert_eq!(kinds, [Incoming::Identical, Incoming::Newer, Incoming::New]);

    let items = preview(vec![older_base.clone()], std::slice::from_ref(&b_now));
    assert_eq!(items[0].incoming, Incoming::Older);
    assert_eq!(items[0].default_choice(), Choice::KeepMine);

    let items = preview(vec![conflict.clone()], std::slice::from_ref(&newer));
    assert_eq!(items[0].incoming, Incoming::Conflict);
    assert_eq!(items[0].default_choice(), Choice::KeepBoth, "loses nothing");
}

#[test]
fn choices_resolve_to_writes_and_keep_both_marks_a_copy() {
    let store = store_with(&sample()[..1]);
    let mine = stored_plans(&store);
    let mut theirs = mine[0].clone();
    theirs.general.client_name = "Jana (jejich)".into();
    theirs.revision += 5;
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
    let copy = &both.writes[0];
    assert_ne!(copy.id, theirs.id);
    assert_eq!(copy.copied_from, Some(theirs.id));
    assert_eq!(copy.general.client_name, "Jana (jejich)");
}

#[test]
fn import_applies_all_or_nothing_and_can_be_undone() {
    let store = store_with(&sample()[..1]);
    let before = store.backend().map.clone();
    let mine = stored_plans(&store);
    let mut theirs = mine[0].clone();
    theirs.general.client_name = "Přepsáno".into();
    theirs.revision += 1;
    let extra = full_plan(8, TemplateId::CzCounselling, "Přidaný");
    let writes = vec![theirs.clone(), extra.clone()];

    // Storage fills up on the second plan (the first, replacing one of the same size, and
    // the undo journal fit): nothing changes.
    let mut full = store.backend().clone();
    full.quota_bytes = Some(2 * full.used_bytes() + 600);
    let (mut failing, _) = Store::open(full, now()).unwrap();
    assert_eq!(
        failing.apply_import(&writes),
        Err(SaveError::Backend(BackendError::QuotaExceeded))
    );
    assert_eq!(failing.backend().map, before, "every key is as it was");

    // Applied whole, then undone: the replaced plan is back and the added one gone.
    let mut store = store;
    store.apply_import(&writes).unwrap();
    let now_stored = stored_plans(&store);
    assert!(now_stored
        .iter()
        .any(|p| p.general.client_name == "Přepsáno"));
    assert!(now_stored.iter().any(|p| p.id == extra.id));
    assert!(store.can_undo_import());
    let (restored, removed) = store.undo_import().unwrap();
    assert_eq!(restored, mine);
    assert_eq!(removed, vec![extra.id]);
    assert_eq!(stored_plans(&store), mine);
    assert!(!store.can_undo_import());
}

#[test]
fn several_files_are_combined() {
    let a = sample()[0].clone();
    let mut a2 = a.clone();
    a2.evaluation = "later".into();
    record_replaced(&mut a2, &a);
    let combined =
        opora::files::combine(vec![vec![a.clone()], vec![a2.clone(), sample()[1].clone()]])
            .unwrap();
    assert_eq!(combined, vec![a2.clone(), sample()[1].clone()]);
    let mut diverged = a.clone();
    diverged.evaluation = "other".into();
    record_replaced(&mut diverged, &a2);
    let mut diverged2 = a.clone();
    diverged2.evaluation = "third".into();
    assert!(opora::files::combine(vec![vec![diverged], vec![diverged2]]).is_err());
}

#[test]
fn file_names_say_what_is_inside() {
    let plans = sample();
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
        let store = store_with(&sample()[..1]);
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
        }
    }
}

#[test]
fn an_import_interrupted_half_way_is_rolled_back_at_the_next_start() {
    let store = store_with(&sample()[..1]);
    let mine = stored_plans(&store);
    let mut theirs = mine[0].clone();
    theirs.general.client_name = "Přepsáno".into();
    let extra = full_plan(8, TemplateId::CzCounselling, "Přidaný");
    let mut b = store.backend().clone();
    let before = b.map.clone();
    let old_raw = b.map[&plan_key(mine[0].id)].clone();
    // The tab closed after the journal and the first write, before the second.
    let journal = serde_json::json!({
        "complete": false,
        "replaced": [old_raw],
        "added": [[theirs.id, theirs.revision, false], [extra.id, extra.revision, true]],
    });
    b.map.insert(UNDO_IMPORT_KEY.into(), journal.to_string());
    b.map
        .insert(plan_key(theirs.id), serde_json::to_string(&theirs).unwrap());
    let (store, report) = Store::open(b, now()).unwrap();
    assert_eq!(report.plans, mine);
    assert_eq!(store.backend().map, before);
}

#[test]
fn backup_reminder_waits_a_week_after_the_first_unsaved_change() {
    let mut p = sample()[0].clone();
    p.updated_at = now() - chrono::Duration::days(3);
    assert!(
        !backup_due(std::slice::from_ref(&p), None, now()),
        "too recent"
    );
    p.updated_at = now() - chrono::Duration::days(8);
    assert!(
        backup_due(std::slice::from_ref(&p), None, now()),
        "never backed up"
    );
    let backed_up = Some(now() - chrono::Duration::days(1));
    assert!(
        !backup_due(std::slice::from_ref(&p), backed_up, now()),
        "backed up since"
    );
    let old_backup = Some(now() - chrono::Duration::days(30));
    assert!(backup_due(std::slice::from_ref(&p), old_backup, now()));
    assert!(!backup_due(&[], None, now()), "nothing to back up");
}

#[test]
fn last_backup_is_remembered() {
    let (mut store, _) = Store::open(MemoryBackend::default(), now()).unwrap();
    assert_eq!(store.last_backup(), None);
    store.set_last_backup(now()).unwrap();
    store.set_ui_lang(Lang::Bg).unwrap();
    let (store, _) = Store::open(store.backend().clone(), now()).unwrap();
    assert_eq!(store.last_backup(), Some(now()));
    assert_eq!(store.ui_lang(), Some(Lang::Bg));
}
