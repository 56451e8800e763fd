//! Native tests of the storage rules on an in-memory backend.

use chrono::{TimeZone, Utc};
use opora::model::*;
use opora::storage::*;
use uuid::Uuid;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

fn plan(n: u128, name: &str) -> Plan {
    let mut k = n * 1000;
    let mut p = Plan::new(
        TemplateId::CzCounselling.template(),
        Uuid::from_u128(n),
        Lang::Cs,
        now(),
        || {
            k += 1;
            Uuid::from_u128(k)
        },
    );
    p.general.client_name = name.into();
    p
}

fn open(b: MemoryBackend) -> (Store<MemoryBackend>, LoadReport) {
    Store::open(b, now()).expect("memory never fails to open")
}

#[test]
fn saves_and_loads_plans_with_index_and_schema() {
    let (mut store, report) = open(MemoryBackend::default());
    assert!(report.plans.is_empty());
    let (saved, outcome) = store.save(&plan(1, "Jana"), now()).unwrap();
    assert_eq!(outcome, Saved::Written);
    assert_eq!(saved.revision, 1);
    store.save(&plan(2, "Petr"), now()).unwrap();
    let backend = store.backend().clone();
    assert_eq!(backend.map[SCHEMA_KEY], SCHEMA_VERSION.to_string());
    assert!(backend.map[INDEX_KEY].contains(&Uuid::from_u128(2).to_string()));

    let (_, report) = open(backend);
    let mut names: Vec<_> = report
        .plans
        .iter()
        .map(|p| p.general.client_name.clone())
        .collect();
    names.sort();
    assert_eq!(names, ["Jana", "Petr"]);
    assert_eq!(report.newly_quarantined, 0);
}

#[test]
fn unreadable_plan_is_quarantined_verbatim_and_never_overwritten() {
    let (mut store, _) = open(MemoryBackend::default());
    store.save(&plan(1, "Jana"), now()).unwrap();
    let mut backend = store.backend().clone();
    let bad_key = plan_key(Uuid::from_u128(7));
    let raw = "{\"id\": \"broken";
    backend.map.insert(bad_key.clone(), raw.into());

    let (mut store, report) = open(backend);
    assert_eq!(report.plans.len(), 1);
    assert_eq!(report.newly_quarantined, 1);
    assert_eq!(report.quarantined.len(), 1);
    let q = &report.quarantined[0];
    assert_eq!(q.raw, raw);
    assert_eq!(q.original_key, bad_key);
    assert!(!q.problem.is_empty());
    assert!(!store.backend().map.contains_key(&bad_key));

    // Editing other plans leaves the quarantined text alone; a second load keeps it too.
    store.save(&report.plans[0], now()).unwrap();
    let (_, again) = open(store.backend().clone());
    assert_eq!(again.quarantined.len(), 1);
    assert_eq!(again.quarantined[0].raw, raw);
    assert_eq!(again.newly_quarantined, 0);
}

#[test]
fn plan_under_a_foreign_key_is_quarantined() {
    let mut b = MemoryBackend::default();
    let p = plan(1, "Jana");
    b.map.insert(
        plan_key(Uuid::from_u128(2)),
        serde_json::to_string(&p).unwrap(),
    );
    let (_, report) = open(b);
    assert!(report.plans.is_empty());
    assert_eq!(report.newly_quarantined, 1);
}

#[test]
fn unreadable_value_that_cannot_be_moved_stays_and_blocks_writes() {
    let mut b = MemoryBackend::default();
    let key = plan_key(Uuid::from_u128(1));
    b.map.insert(key.clone(), "garbage".into());
    b.fail_writes = Some(BackendError::QuotaExceeded);
    let (mut store, report) = open(b);
    assert_eq!(report.write_problem, Some(BackendError::QuotaExceeded));
    assert_eq!(report.stuck.len(), 1);
    assert_eq!(store.save(&plan(1, "Jana"), now()), Err(SaveError::Blocked));
    assert_eq!(store.backend().map[&key], "garbage");
}

#[test]
fn unreadable_value_found_while_saving_is_set_aside_first() {
    let (mut store, _) = open(MemoryBackend::default());
    let p = plan(1, "Jana");
    // Another window (or a bug) wrote garbage after we loaded.
    let mut b = store.backend().clone();
    b.map.insert(plan_key(p.id), "garbage".into());
    let (mut store2, report) = open(b);
    assert_eq!(report.newly_quarantined, 1);
    store2.save(&p, now()).unwrap();
    assert_eq!(store2.quarantined().unwrap()[0].raw, "garbage");
    let _ = &mut store;
}

#[test]
fn newer_revision_from_elsewhere_is_kept_not_lost() {
    let (mut store, _) = open(MemoryBackend::default());
    let (mine, _) = store.save(&plan(1, "Jana"), now()).unwrap();
    // A second window saves twice.
    let (mut other, rep) = open(store.backend().clone());
    let (o1, _) = other.save(&rep.plans[0], now()).unwrap();
    let mut o1 = o1;
    o1.general.client_name = "Jana (other)".into();
    other.save(&o1, now()).unwrap();

    // Our window saves its older base: the other version is kept in quarantine.
    let mut store = Store::open(other.backend().clone(), now()).unwrap().0;
    let (stored, outcome) = store.save(&mine, now()).unwrap();
    let Saved::KeptOther { key } = outcome else {
        panic!("expected the other copy to be kept")
    };
    assert!(store.backend().map[&key].contains("Jana (other)"));
    assert_eq!(stored.revision, 4);
    let _ = &mut other;
}

#[test]
fn newer_schema_makes_the_store_read_only() {
    let mut b = MemoryBackend::default();
    b.map.insert(SCHEMA_KEY.into(), "99".into());
    b.map
        .insert(plan_key(Uuid::from_u128(1)), "{future format}".into());
    let before = b.map.clone();
    let (mut store, report) = open(b);
    assert!(matches!(store.mode(), Mode::ReadOnly { .. }));
    assert_eq!(report.stuck.len(), 1, "not moved: moving is a write");
    assert_eq!(store.save(&plan(2, "x"), now()), Err(SaveError::ReadOnly));
    assert_eq!(store.backend().map, before, "nothing written");
}

#[test]
fn delete_removes_plan_and_index_entry_and_reports_missing() {
    let (mut store, _) = open(MemoryBackend::default());
    store.save(&plan(1, "Jana"), now()).unwrap();
    store.save(&plan(2, "Petr"), now()).unwrap();
    store.delete(Uuid::from_u128(1)).unwrap();
    let mut b = store.backend().clone();
    assert!(!b.map[INDEX_KEY].contains(&Uuid::from_u128(1).to_string()));
    // A plan vanishing behind our back is reported.
    b.map.remove(&plan_key(Uuid::from_u128(2)));
    let (_, report) = open(b);
    assert_eq!(report.missing, vec![Uuid::from_u128(2)]);
}

#[test]
fn ui_language_is_remembered() {
    let (mut store, _) = open(MemoryBackend::default());
    assert_eq!(store.ui_lang(), None);
    store.set_ui_lang(Lang::Bg).unwrap();
    let (store, _) = open(store.backend().clone());
    assert_eq!(store.ui_lang(), Some(Lang::Bg));
}

#[test]
fn quota_errors_surface_and_keep_the_old_copy() {
    let (mut store, _) = open(MemoryBackend::default());
    let (saved, _) = store.save(&plan(1, "Jana"), now()).unwrap();
    let mut b = store.backend().clone();
    b.fail_writes = Some(BackendError::QuotaExceeded);
    let (mut full, _) = open(b);
    let mut edited = saved.clone();
    edited.general.client_name = "Jana Nová".into();
    assert_eq!(
        full.save(&edited, now()),
        Err(SaveError::Backend(BackendError::QuotaExceeded))
    );
    assert!(full.backend().map[&plan_key(saved.id)].contains("\"Jana\""));
}

#[test]
fn saves_record_lineage_so_copies_can_be_related() {
    let (mut store, _) = open(MemoryBackend::default());
    let (v1, _) = store.save(&plan(1, "Jana"), now()).unwrap();
    let mut edit = v1.clone();
    edit.general.client_name = "Jana N.".into();
    let (v2, _) = store.save(&edit, now()).unwrap();
    assert_eq!(relate(&v1, &v2), Relation::TheirsNewer);
    assert_eq!(relate(&v2, &v1), Relation::TheirsOlder);
    assert_eq!(relate(&v2, &v2.clone()), Relation::Identical);

    // A colleague edits their copy of v1 elsewhere (as their store would save it).
    let mut theirs = v1.clone();
    theirs.general.key_worker = "Eva".into();
    record_replaced(&mut theirs, &v1);
    theirs.revision = 2;
    assert_eq!(relate(&v1, &theirs), Relation::TheirsNewer);
    assert_eq!(
        relate(&v2, &theirs),
        Relation::Conflict,
        "both changed since v1"
    );
}
