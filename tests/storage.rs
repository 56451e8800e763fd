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

/// Saves as a new plan would be saved (never saved before).
fn save_new(store: &mut Store<MemoryBackend>, p: &Plan) -> StoredPlan {
    store
        .save(
            p,
            &Revisions::default(),
            now(),
            rev_id(p.id.as_u128() as u32),
        )
        .unwrap()
}

/// Saves an edit of `stored` with the revision id `id`.
fn save_edit(
    store: &mut Store<MemoryBackend>,
    stored: &StoredPlan,
    edit: impl FnOnce(&mut Plan),
    id: u32,
) -> Result<StoredPlan, SaveError> {
    let mut p = stored.plan.clone();
    edit(&mut p);
    store.save(&p, &stored.revisions, now(), rev_id(id))
}

/// The stored plan with `id`, read and decoded.
fn loaded(store: &mut Store<MemoryBackend>, id: Uuid) -> StoredPlan {
    match store.load(id, now()).unwrap() {
        Loaded::Plan(p) => *p,
        other => panic!("{id}: {other:?}"),
    }
}

#[test]
fn saves_and_loads_plans_with_summaries_and_schema() {
    let (mut store, report) = open(MemoryBackend::default());
    assert!(report.plans.is_empty());
    let saved = save_new(&mut store, &plan(1, "Jana"));
    assert_eq!(saved.revisions.start, 1);
    assert_eq!(saved.revisions.rev().unwrap(), format!("1-{}", rev_id(1)));
    save_new(&mut store, &plan(2, "Petr"));
    let backend = store.backend().clone();
    assert_eq!(backend.map[SCHEMA_KEY], SCHEMA_VERSION.to_string());
    assert!(backend.map[&summary_key(Uuid::from_u128(2))].contains("Petr"));
    assert!(!backend.map.contains_key(PROBE_KEY));
    assert!(!backend.map.contains_key(INDEX_KEY));
    assert!(
        !backend.map[&plan_key(Uuid::from_u128(2))].contains("Petr"),
        "stored in the compact encoding"
    );

    let (mut store, report) = open(backend);
    let mut names: Vec<_> = report.plans.iter().map(|p| p.client_name.clone()).collect();
    names.sort();
    assert_eq!(names, ["Jana", "Petr"]);
    assert_eq!(report.newly_quarantined, 0);
    assert_eq!(report.plans[0].rev, saved.revisions.rev().unwrap());
    assert_eq!(loaded(&mut store, saved.id()), saved);
}

#[test]
fn each_save_makes_one_revision_and_keeps_its_ancestors() {
    let (mut store, _) = open(MemoryBackend::default());
    let v1 = save_new(&mut store, &plan(1, "Jana"));
    let v2 = save_edit(&mut store, &v1, |p| p.evaluation = "a".into(), 20).unwrap();
    let v3 = save_edit(&mut store, &v2, |p| p.evaluation = "ab".into(), 30).unwrap();
    assert_eq!(v3.revisions.start, 3);
    assert_eq!(v3.revisions.ids, [rev_id(30), rev_id(20), rev_id(1)]);
    assert_eq!(relate(&v1.revisions, &v3.revisions), Relation::TheirsNewer);
    assert_eq!(relate(&v3.revisions, &v1.revisions), Relation::TheirsOlder);
    let (mut again, report) = open(store.backend().clone());
    assert_eq!(report.plans, [PlanSummary::of(&v3)]);
    assert_eq!(
        loaded(&mut again, v3.id()),
        v3,
        "what is stored is what the save returned"
    );
}

#[test]
fn saving_unchanged_content_writes_nothing() {
    let (mut store, _) = open(MemoryBackend::default());
    let v1 = save_new(&mut store, &plan(1, "Jana"));
    let before = store.backend().map.clone();
    let again = save_edit(&mut store, &v1, |_| {}, 99).unwrap();
    assert_eq!(again, v1, "no new revision");
    assert_eq!(store.backend().map, before, "nothing written");
}

#[test]
fn a_save_over_another_tabs_save_is_a_conflict_and_writes_nothing() {
    let (mut tab1, _) = open(MemoryBackend::default());
    let base = save_new(&mut tab1, &plan(1, "Jana"));
    // Tab 2 shares the storage: simulate by working on the same backend in turn.
    let (mut tab2, _) = open(tab1.backend().clone());
    let loaded_base = loaded(&mut tab2, base.id());
    let theirs = save_edit(
        &mut tab2,
        &loaded_base,
        |p| p.evaluation = "tab 2".into(),
        2,
    )
    .unwrap();
    *tab1.backend_mut() = tab2.backend().clone();
    let before = tab1.backend().map.clone();

    let err = save_edit(&mut tab1, &base, |p| p.evaluation = "tab 1".into(), 3).unwrap_err();
    assert_eq!(err, SaveError::Conflict(Box::new(theirs.clone())));
    assert_eq!(
        tab1.backend().map,
        before,
        "nothing written, nothing set aside"
    );
    assert!(tab1.quarantined().unwrap().is_empty());

    // The user settles it: the result continues tab 2's revision.
    let merged = save_edit(
        &mut tab1,
        &theirs,
        |p| p.evaluation = "tab 1 + tab 2".into(),
        4,
    )
    .unwrap();
    assert_eq!(merged.revisions.start, 3);
    assert!(merged.revisions.descends_from(&theirs.revisions));
    assert!(merged.revisions.descends_from(&base.revisions));
}

#[test]
fn load_reads_what_another_tab_wrote() {
    let (mut tab1, _) = open(MemoryBackend::default());
    let base = save_new(&mut tab1, &plan(1, "Jana"));
    let (mut tab2, _) = open(tab1.backend().clone());
    let theirs = save_edit(&mut tab2, &base, |p| p.evaluation = "x".into(), 2).unwrap();
    *tab1.backend_mut() = tab2.backend().clone();
    assert_eq!(
        tab1.load(base.id(), now()).unwrap(),
        Loaded::Plan(Box::new(theirs))
    );
    tab2.delete(base.id()).unwrap();
    *tab1.backend_mut() = tab2.backend().clone();
    assert_eq!(tab1.load(base.id(), now()).unwrap(), Loaded::Gone);
}

#[test]
fn a_conflicting_edit_can_be_set_aside_readably_and_discarded() {
    let (mut store, _) = open(MemoryBackend::default());
    let v1 = save_new(&mut store, &plan(1, "Jana"));
    let mut mine = v1.clone();
    mine.plan.evaluation = "typed in a tab that closed".into();
    let key = store.set_aside(&mine, now()).unwrap();
    let q = store.quarantined().unwrap();
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].key, key);
    assert_eq!(q[0].problem, "");
    assert_eq!(q[0].plan.as_ref(), Some(&mine));
    assert_eq!(q[0].original_key, plan_key(v1.id()));
    store.discard_quarantined(&key).unwrap();
    assert!(store.quarantined().unwrap().is_empty());
    assert_eq!(
        store.discard_quarantined(&plan_key(v1.id())),
        Err(SaveError::Blocked),
        "only set-aside values can be discarded"
    );
}

#[test]
fn unreadable_plan_is_quarantined_verbatim_and_never_overwritten() {
    let (mut store, _) = open(MemoryBackend::default());
    save_new(&mut store, &plan(1, "Jana"));
    let mut backend = store.backend().clone();
    let bad_key = plan_key(Uuid::from_u128(7));
    let raw = "{\"id\": \"broken";
    backend.map.insert(bad_key.clone(), raw.into());

    let (mut store, report) = open(backend);
    assert_eq!(report.plans.len(), 1);
    let jana = loaded(&mut store, report.plans[0].id);
    assert_eq!(report.newly_quarantined, 1);
    assert_eq!(report.quarantined.len(), 1);
    let q = &report.quarantined[0];
    assert_eq!(q.raw, raw);
    assert_eq!(q.original_key, bad_key);
    assert!(!q.problem.is_empty());
    assert!(q.plan.is_none());
    assert!(!store.backend().map.contains_key(&bad_key));

    // Editing other plans leaves the quarantined text alone; a second load keeps it too.
    save_edit(&mut store, &jana, |p| p.evaluation = "e".into(), 5).unwrap();
    let (_, again) = open(store.backend().clone());
    assert_eq!(again.quarantined.len(), 1);
    assert_eq!(again.quarantined[0].raw, raw);
    assert_eq!(again.newly_quarantined, 0);
}

#[test]
fn plan_under_a_foreign_key_is_quarantined() {
    let (mut store, _) = open(MemoryBackend::default());
    let stored = save_new(&mut store, &plan(1, "Jana"));
    let mut b = MemoryBackend::default();
    b.map.insert(
        plan_key(Uuid::from_u128(2)),
        serde_json::to_string(&stored).unwrap(),
    );
    let (_, report) = open(b);
    assert!(report.plans.is_empty());
    assert_eq!(report.newly_quarantined, 1);
}

#[test]
fn unreadable_value_found_while_saving_is_set_aside_first() {
    let (store, _) = open(MemoryBackend::default());
    let p = plan(1, "Jana");
    // Another window (or a bug) wrote garbage after we loaded.
    let mut b = store.backend().clone();
    b.map.insert(plan_key(p.id), "garbage".into());
    let (mut store2, report) = open(b);
    assert_eq!(report.newly_quarantined, 1);
    save_new(&mut store2, &p);
    assert_eq!(store2.quarantined().unwrap()[0].raw, "garbage");
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
    let r = store.save(&plan(2, "x"), &Revisions::default(), now(), rev_id(1));
    assert_eq!(r, Err(SaveError::ReadOnly));
    assert_eq!(store.backend().map, before, "nothing written");
}

#[test]
fn delete_removes_plan_and_summary_and_reports_missing() {
    let (mut store, _) = open(MemoryBackend::default());
    save_new(&mut store, &plan(1, "Jana"));
    save_new(&mut store, &plan(2, "Petr"));
    store.delete(Uuid::from_u128(1)).unwrap();
    let mut b = store.backend().clone();
    assert!(!b.map.contains_key(&plan_key(Uuid::from_u128(1))));
    assert!(!b.map.contains_key(&summary_key(Uuid::from_u128(1))));
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

/// A backend holding `n` plans, with a quota just big enough for them.
fn full_backend(n: u128) -> (MemoryBackend, Vec<StoredPlan>) {
    let (mut store, _) = open(MemoryBackend::default());
    let plans: Vec<_> = (1..=n)
        .map(|i| save_new(&mut store, &plan(i, &format!("Klient {i}"))))
        .collect();
    let mut b = store.backend().clone();
    b.quota_units = Some(b.used_units());
    (b, plans)
}

#[test]
fn full_storage_opens_read_only_with_every_plan_shown() {
    let (b, plans) = full_backend(5);
    let before = b.map.clone();
    let (mut store, report) = open(b);
    assert_eq!(store.mode(), &Mode::Full);
    assert_eq!(report.plans.len(), 5, "no plan hidden");
    assert_eq!(report.write_problem, Some(BackendError::QuotaExceeded));
    let r = save_edit(&mut store, &plans[0], |p| p.evaluation = "x".into(), 9);
    assert_eq!(r, Err(SaveError::ReadOnly));
    assert_eq!(store.backend().map, before, "nothing written");

    // Deleting frees space; writing works again.
    store.delete(plans[4].id()).unwrap();
    assert_eq!(store.mode(), &Mode::Normal);
    save_edit(&mut store, &plans[0], |p| p.evaluation = "x".into(), 9).unwrap();
}

#[test]
fn refusing_writes_with_nothing_stored_opens_full_with_nothing_to_lose() {
    let b = MemoryBackend {
        fail_writes: Some(BackendError::QuotaExceeded),
        ..MemoryBackend::default()
    };
    let (store, report) = open(b);
    assert_eq!(store.mode(), &Mode::Full);
    assert!(report.plans.is_empty());
}

#[test]
fn a_save_that_does_not_fit_keeps_the_old_copy() {
    let (mut store, _) = open(MemoryBackend::default());
    let saved = save_new(&mut store, &plan(1, "Jana"));
    store.backend_mut().quota_units = Some(store.backend().used_units() + 10);
    // Text that compresses badly, so the new value is larger than the old one.
    let mut rng = opora::model::sample::Rng::new(1);
    let varied: String = (0..1000)
        .map(|_| char::from_u32(0x410 + rng.range(0, 63) as u32).unwrap())
        .collect();
    let r = save_edit(&mut store, &saved, |p| p.evaluation = varied, 2);
    assert_eq!(r, Err(SaveError::Backend(BackendError::QuotaExceeded)));
    assert_eq!(loaded(&mut store, saved.id()), saved);
}

#[test]
fn usage_counts_utf16_units_like_the_browser_and_warns_at_80_percent() {
    let (mut store, _) = open(MemoryBackend::default());
    let mut p = plan(1, "Йордан Петров");
    p.evaluation = "ř".repeat(1000);
    let v1 = save_new(&mut store, &p);
    save_edit(&mut store, &v1, |p| p.evaluation = "д".repeat(2000), 2).unwrap();
    save_new(&mut store, &plan(2, "Petr"));
    store.delete(Uuid::from_u128(2)).unwrap();
    let usage = store.usage();
    assert_eq!(usage.used_units, store.backend().used_units());
    assert_eq!(usage.quota_units, QUOTA_UNITS);
    // A fresh open measures the same.
    let (again, _) = open(store.backend().clone());
    assert_eq!(again.usage(), usage);
    let nearly = Usage {
        used_units: QUOTA_UNITS * 4 / 5,
        quota_units: QUOTA_UNITS,
        history_units: 0,
    };
    assert!(nearly.nearly_full());
    assert!(!Usage {
        used_units: QUOTA_UNITS * 79 / 100,
        ..nearly
    }
    .nearly_full());
}

/// Plan values as format 1 stored them.
fn v1_backend() -> (MemoryBackend, Vec<(Uuid, String)>) {
    let mut b = MemoryBackend::default();
    b.map.insert(SCHEMA_KEY.into(), "1".into());
    let mut raws = Vec::new();
    for (n, name) in [(1u128, "Jana"), (2, "Petr")] {
        let p = plan(n, name);
        let mut v = serde_json::to_value(&p).unwrap();
        v["updated_at"] = "2026-11-20T08:30:00.123456Z".into();
        v["revision"] = 7.into();
        v["lineage"] = serde_json::json!(["0123456789abcdef"]);
        let raw = serde_json::to_string(&v).unwrap();
        b.map.insert(plan_key(p.id), raw.clone());
        raws.push((p.id, raw));
    }
    (b, raws)
}

#[test]
fn format_1_storage_is_migrated_once_with_backups_until_done() {
    let (b, raws) = v1_backend();
    let (store, report) = open(b);
    assert_eq!(report.plans.len(), 2);
    assert_eq!(report.not_migrated, 0);
    let m = &store.backend().map;
    assert_eq!(m[SCHEMA_KEY], SCHEMA_VERSION.to_string());
    assert!(
        !m.keys()
            .any(|k| k.starts_with(BACKUP_V1_PREFIX) || k.starts_with(BACKUP_PREFIX)),
        "backups removed when done"
    );
    for (id, _) in &raws {
        let stored = parse_plan(&m[&plan_key(*id)]).unwrap();
        assert!(codec::is_encoded(&m[&plan_key(*id)]));
        assert_eq!(
            m[&summary_key(*id)],
            serde_json::to_string(&PlanSummary::of(&stored)).unwrap()
        );
        assert_eq!(stored.revisions.start, 7);
        assert_eq!(
            stored.revisions.ids,
            [v1_rev_id(&id.to_string(), 7, "2026-11-20T08:30:00.123456Z")]
        );
        assert_eq!(
            stored.plan,
            plan(id.as_u128(), &stored.plan.general.client_name)
        );
    }
    // Idempotent: a second start changes nothing.
    let before = store.backend().map.clone();
    let (again, report) = open(store.backend().clone());
    assert_eq!(again.backend().map, before);
    assert_eq!(report.plans.len(), 2);
}

#[test]
fn format_1_storage_too_full_for_backups_is_read_as_it_is() {
    let (mut b, raws) = v1_backend();
    b.quota_units = Some(b.used_units() + 100);
    let before = b.map.clone();
    let (store, report) = open(b);
    assert_eq!(report.plans.len(), 2, "every plan still shown");
    assert_eq!(report.not_migrated, 2);
    for (id, raw) in &raws {
        assert_eq!(
            &store.backend().map[&plan_key(*id)],
            raw,
            "the original is untouched"
        );
    }
    assert_eq!(store.backend().map[SCHEMA_KEY], "1");
    assert_eq!(
        store.backend().map,
        before,
        "nothing fitted, nothing changed"
    );
}

#[test]
fn format_1_migration_interrupted_after_the_backups_finishes_next_time() {
    let (mut b, raws) = v1_backend();
    // A start that wrote the backups and one migrated plan, then the tab closed.
    for (id, raw) in &raws {
        b.map.insert(backup_v1_key(*id), raw.clone());
    }
    let (store, _) = open(b.clone());
    let migrated = store.backend().map[&plan_key(raws[0].0)].clone();
    b.map.insert(plan_key(raws[0].0), migrated);
    let (store, report) = open(b);
    assert_eq!(report.plans.len(), 2);
    assert_eq!(report.not_migrated, 0);
    assert!(!store
        .backend()
        .map
        .keys()
        .any(|k| k.starts_with(BACKUP_V1_PREFIX)));
    assert_eq!(store.backend().map[SCHEMA_KEY], SCHEMA_VERSION.to_string());
}

/// `n` plans as layout 2 stored them: JSON values and one index listing them all.
fn v2_backend(n: u128) -> (MemoryBackend, Vec<StoredPlan>) {
    let mut b = MemoryBackend::default();
    b.map.insert(SCHEMA_KEY.into(), "2".into());
    let plans: Vec<StoredPlan> = (1..=n)
        .map(|i| StoredPlan {
            revisions: Revisions::default().next(rev_id(i as u32)),
            updated_at: now(),
            plan: plan(i, &format!("Klient {i}")),
        })
        .collect();
    for p in &plans {
        b.map
            .insert(plan_key(p.id()), serde_json::to_string(p).unwrap());
    }
    b.map
        .insert(INDEX_KEY.into(), "{\"schema\":2,\"plans\":[]}".into());
    (b, plans)
}

#[test]
fn layout_2_is_rewritten_compactly_with_summaries_and_the_index_goes() {
    let (b, plans) = v2_backend(3);
    let (mut store, report) = open(b);
    assert_eq!(report.not_migrated, 0);
    assert_eq!(report.plans.len(), 3);
    let m = store.backend().map.clone();
    assert_eq!(m[SCHEMA_KEY], SCHEMA_VERSION.to_string());
    assert!(!m.contains_key(INDEX_KEY));
    assert!(!m.keys().any(|k| k.starts_with(BACKUP_PREFIX)));
    for p in &plans {
        assert!(codec::is_encoded(&m[&plan_key(p.id())]));
        assert_eq!(&loaded(&mut store, p.id()), p);
    }
    // Idempotent.
    let (again, report) = open(store.backend().clone());
    assert_eq!(again.backend().map, m);
    assert_eq!(report.plans.len(), 3);
}

#[test]
fn layout_2_nearly_full_still_migrates_one_plan_at_a_time() {
    let (mut b, plans) = v2_backend(6);
    // Room for one more plan's backup, not for six.
    let one = serde_json::to_string(&plans[0])
        .unwrap()
        .encode_utf16()
        .count();
    b.quota_units = Some(b.used_units() + one + 100);
    let (mut store, report) = open(b);
    assert_eq!(report.not_migrated, 0);
    assert_eq!(store.backend().map[SCHEMA_KEY], SCHEMA_VERSION.to_string());
    for p in &plans {
        assert_eq!(&loaded(&mut store, p.id()), p);
    }
}

#[test]
fn a_migration_interrupted_mid_plan_puts_the_original_back() {
    let (mut b, plans) = v2_backend(2);
    let raw = b.map[&plan_key(plans[0].id())].clone();
    // The tab closed after the backup, while the plan's key held something unreadable.
    b.map.insert(backup_key(plans[0].id()), raw);
    b.map.insert(plan_key(plans[0].id()), "z1b\u{1}".into());
    let (mut store, report) = open(b);
    assert_eq!(report.newly_quarantined, 0);
    assert_eq!(report.not_migrated, 0);
    assert_eq!(loaded(&mut store, plans[0].id()), plans[0]);
    assert!(!store
        .backend()
        .map
        .keys()
        .any(|k| k.starts_with(BACKUP_PREFIX)));
}

#[test]
fn a_save_writes_its_plan_summary_and_history_only_whatever_the_plan_count() {
    let (mut store, _) = open(MemoryBackend::default());
    let plans: Vec<StoredPlan> = (1..=50)
        .map(|i| save_new(&mut store, &plan(i, &format!("Klient {i}"))))
        .collect();
    let before = store.backend().map.clone();
    save_edit(&mut store, &plans[7], |p| p.evaluation = "ok".into(), 99).unwrap();
    let after = &store.backend().map;
    let changed: Vec<&String> = after
        .keys()
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    let id = plans[7].id();
    assert_eq!(changed, [&history_key(id), &plan_key(id), &summary_key(id)]);
}

#[test]
fn a_missing_or_stale_summary_is_made_again_from_its_plan() {
    let (mut store, _) = open(MemoryBackend::default());
    let v1 = save_new(&mut store, &plan(1, "Jana"));
    let v2 = save_edit(
        &mut store,
        &v1,
        |p| p.general.client_name = "Jana B".into(),
        2,
    )
    .unwrap();
    let mut b = store.backend().clone();
    b.map.remove(&summary_key(v1.id()));
    let (mut store, report) = open(b);
    assert_eq!(report.plans, [PlanSummary::of(&v2)], "made from the plan");
    assert!(store.backend().map.contains_key(&summary_key(v1.id())));
    // A stale one (written by an older tab) is put right when the plan is read.
    let stale = serde_json::to_string(&PlanSummary::of(&v1)).unwrap();
    store.backend_mut().map.insert(summary_key(v1.id()), stale);
    loaded(&mut store, v1.id());
    assert!(store.backend().map[&summary_key(v1.id())].contains("Jana B"));
}

#[test]
fn layout_3_summaries_are_made_again_from_their_plans() {
    let (mut store, _) = open(MemoryBackend::default());
    let a = save_new(&mut store, &plan(1, "Alena"));
    save_new(&mut store, &plan(2, "Boris"));
    let mut b = store.backend().clone();
    // Layout 3 wrote summaries without what layout 4 keeps in them; pretend one is stale.
    b.map.insert(SCHEMA_KEY.into(), "3".into());
    let stale = b.map[&summary_key(a.id())].replace("Alena", "Old name");
    b.map.insert(summary_key(a.id()), stale);
    let plan_before = b.map[&plan_key(a.id())].clone();
    let (store, report) = open(b);
    let mut names: Vec<_> = report.plans.iter().map(|s| s.client_name.clone()).collect();
    names.sort();
    assert_eq!(names, ["Alena", "Boris"]);
    let m = &store.backend().map;
    assert!(m[&summary_key(a.id())].contains("Alena"));
    assert_eq!(m[&plan_key(a.id())], plan_before, "plans are not rewritten");
    assert_eq!(m[SCHEMA_KEY], SCHEMA_VERSION.to_string());
    assert_eq!(SCHEMA_VERSION, 4);
}

#[test]
fn review_interval_per_form_is_remembered_beside_the_language() {
    let (mut store, _) = open(MemoryBackend::default());
    let cz = TemplateId::CzCounselling;
    let bg = TemplateId::BgChildShortTerm;
    assert_eq!(store.review_intervals().months(cz), 6);
    assert_eq!(store.review_intervals().months(bg), 3);
    store.set_ui_lang(Lang::Cs).unwrap();
    store.set_review_interval(bg, 2).unwrap();
    let (mut store, _) = open(store.backend().clone());
    assert_eq!(store.ui_lang(), Some(Lang::Cs), "the language stays");
    assert_eq!(store.review_intervals().months(bg), 2);
    assert_eq!(store.review_intervals().months(cz), 6);
    // Back to the form's own interval: nothing is kept for it.
    store.set_review_interval(bg, 3).unwrap();
    assert!(!store.backend().map[SETTINGS_KEY].contains("review_months"));
}
