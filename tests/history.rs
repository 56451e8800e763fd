//! Revision history: reverse patches give back every earlier version exactly; the store keeps
//! them within their bounds, gives way to plans when storage is full, and follows deletes,
//! imports and their undo.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use opora::model::history::{apply, diff, History, MAX_ENTRIES, MAX_UNITS};
use opora::model::sample::{realistic_plan, Rng};
use opora::model::*;
use opora::storage::*;
use proptest::prelude::*;
use uuid::Uuid;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

fn uuid(rng: &mut Rng) -> Uuid {
    Uuid::from_u128((rng.next_u64() as u128) << 64 | rng.next_u64() as u128)
}

fn words(rng: &mut Rng) -> String {
    let w = [
        "nový",
        "text",
        "klient",
        "дете",
        "семейство",
        "goal",
        "plán",
        "krok",
    ];
    (0..rng.range(1, 8))
        .map(|_| w[rng.range(0, 7) as usize])
        .collect::<Vec<_>>()
        .join(" ")
}

/// One random edit of the kinds a worker makes.
fn edit(plan: &mut Plan, rng: &mut Rng) {
    let goals = plan.goals.len() as u64;
    match rng.range(0, 13) {
        0 => plan.situation.needs = words(rng),
        1 if goals > 0 => {
            let g = rng.range(0, goals - 1) as usize;
            plan.goals[g].text = words(rng);
        }
        2 if goals > 0 => {
            let g = rng.range(0, goals - 1) as usize;
            let steps = plan.goals[g].steps.len() as u64;
            if steps > 0 {
                let s = rng.range(0, steps - 1) as usize;
                plan.goals[g].steps[s].activity = words(rng);
                plan.goals[g].steps[s].status = StepStatus::Done;
            }
        }
        3 => {
            let mut g = Goal::new(uuid(rng));
            g.text = words(rng);
            g.steps.push(Step::new(uuid(rng)));
            let at = rng.range(0, goals) as usize;
            plan.goals.insert(at, g);
        }
        4 if goals > 0 => {
            plan.goals.remove(rng.range(0, goals - 1) as usize);
        }
        5 if goals > 1 => {
            let (a, b) = (rng.range(0, goals - 1), rng.range(0, goals - 1));
            plan.goals.swap(a as usize, b as usize);
        }
        6 if goals > 0 => {
            let g = &mut plan.goals[rng.range(0, goals - 1) as usize];
            let at = rng.range(0, g.steps.len() as u64) as usize;
            g.steps.insert(at, Step::new(uuid(rng)));
        }
        7 if goals > 0 => {
            let g = &mut plan.goals[rng.range(0, goals - 1) as usize];
            if !g.steps.is_empty() {
                let s = rng.range(0, g.steps.len() as u64 - 1) as usize;
                g.steps.remove(s);
            }
        }
        8 if goals > 0 => {
            let g = &mut plan.goals[rng.range(0, goals - 1) as usize];
            g.steps.reverse();
        }
        9 => plan.reviews.push(Review {
            id: uuid(rng),
            kind: ReviewKind::Periodic,
            date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            took_part: words(rng),
            goals: plan
                .goals
                .iter()
                .map(|g| GoalReview {
                    goal: g.id,
                    progress: Some(Progress::Mostly),
                    comment: words(rng),
                    client_view: String::new(),
                    worker_view: String::new(),
                })
                .collect(),
            next_steps: words(rng),
            next_review: None,
        }),
        10 => {
            let to = *[
                PlanStatus::Completed,
                PlanStatus::InProgress,
                PlanStatus::Other,
            ]
            .get(rng.range(0, 2) as usize)
            .unwrap();
            plan.status_log.push(StatusChange {
                on: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
                from: plan.status,
                to,
                reason: words(rng),
            });
            plan.status = to;
        }
        11 => {
            let n = plan.participants.len() as u64;
            if n > 1 && rng.range(0, 1) == 0 {
                plan.participants.rotate_left(1);
            } else if n > 0 && rng.range(0, 1) == 0 {
                plan.participants.remove(rng.range(0, n - 1) as usize);
            } else {
                let mut p = Participant::new(uuid(rng), Role::FamilyMember);
                p.name = words(rng);
                plan.participants.insert(rng.range(0, n) as usize, p);
            }
        }
        12 => {
            plan.template = match plan.template {
                TemplateId::CzCounselling => TemplateId::BgChildShortTerm,
                _ => TemplateId::CzCounselling,
            };
            plan.general.date_of_birth = None;
            plan.copied_from = Some(uuid(rng));
        }
        _ => plan.evaluation = words(rng),
    }
}

/// A realistic plan and `n` versions after it, each one random edit (or a few) further.
fn versions(seed: u64, n: usize) -> Vec<Plan> {
    let mut rng = Rng::new(seed);
    let mut plan = realistic_plan(&mut rng, now()).plan;
    let mut out = vec![plan.clone()];
    for _ in 0..n {
        for _ in 0..rng.range(1, 3) {
            edit(&mut plan, &mut rng);
        }
        out.push(plan.clone());
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Applying the chain of reverse patches from the newest version gives back every earlier
    /// version exactly, order of goals, steps and participants included.
    #[test]
    fn patches_give_back_every_earlier_version(seed in any::<u64>(), n in 1usize..25) {
        let vs = versions(seed, n);
        let patches: Vec<_> = vs.windows(2).map(|w| diff(&w[1], &w[0])).collect();
        let mut current = vs[n].clone();
        for i in (0..n).rev() {
            current = apply(&current, &patches[i]).expect("a patch applies");
            prop_assert_eq!(&current, &vs[i]);
        }
        // And through storage's own encoding.
        let mut h = History::default();
        let mut stored = StoredPlan { revisions: Revisions::default().next(rev_id(0)), updated_at: now(), plan: vs[0].clone() };
        let mut all = vec![stored.clone()];
        for (k, v) in vs.iter().enumerate().skip(1) {
            let next = StoredPlan {
                revisions: stored.revisions.next(rev_id(k as u32)),
                updated_at: now() + Duration::minutes(k as i64),
                plan: v.clone(),
            };
            h.record(&next, &stored);
            stored = next;
            all.push(stored.clone());
        }
        let h = parse_history(&encode_history(&h)).unwrap();
        let got = h.versions(&stored);
        prop_assert_eq!(got.len(), n + 1);
        for (v, s) in got.iter().zip(all.iter().rev()) {
            prop_assert_eq!(&v.plan, &s.plan);
            prop_assert_eq!(Some(v.rev.clone()), s.revisions.rev());
            prop_assert_eq!(v.at, s.updated_at);
        }
    }
}

#[test]
fn a_text_edit_is_a_small_patch_and_equal_plans_none() {
    let vs = versions(7, 0);
    let mut b = vs[0].clone();
    assert!(diff(&b, &vs[0]).is_empty());
    b.goals[1].steps[0].activity = "Zavolat do banky".into();
    let p = diff(&b, &vs[0]);
    let json = serde_json::to_string(&p).unwrap();
    assert!(json.len() < 400, "{json}");
    assert!(json.contains(&vs[0].goals[1].steps[0].activity));
    assert!(
        !json.contains(&vs[0].situation.needs),
        "untouched text is not copied"
    );
}

fn store() -> Store<MemoryBackend> {
    Store::open(MemoryBackend::default(), now()).unwrap().0
}

fn edited(
    store: &mut Store<MemoryBackend>,
    s: &StoredPlan,
    k: u32,
    f: impl FnOnce(&mut Plan),
) -> StoredPlan {
    let mut p = s.plan.clone();
    f(&mut p);
    store
        .save(
            &p,
            &s.revisions,
            now() + Duration::minutes(k as i64),
            rev_id(k),
        )
        .unwrap()
}

#[test]
fn saves_build_the_history_and_restoring_is_a_new_revision() {
    let mut st = store();
    let mut rng = Rng::new(3);
    let first = realistic_plan(&mut rng, now()).plan;
    let v1 = st
        .save(&first, &Revisions::default(), now(), rev_id(1))
        .unwrap();
    assert!(
        st.history(v1.id()).entries.is_empty(),
        "a first save has no earlier version"
    );
    assert!(!st.backend().map.contains_key(&history_key(v1.id())));
    let v2 = edited(&mut st, &v1, 2, |p| {
        p.goals[0].text = "Najít bydlení".into()
    });
    let v3 = edited(&mut st, &v2, 3, |p| p.goals.swap(0, 1));
    let h = st.history(v1.id());
    assert_eq!(h.entries.len(), 2);
    let vs = h.versions(&v3);
    assert_eq!(
        vs.iter().map(|v| &v.plan).collect::<Vec<_>>(),
        [&v3.plan, &v2.plan, &v1.plan]
    );
    // Restore v1: saved over v3 as a new revision, and v3 is now in the history too.
    let v4 = st
        .save(&vs[2].plan, &v3.revisions, now(), rev_id(4))
        .unwrap();
    assert_eq!(v4.revisions.start, 4);
    assert_eq!(v4.plan, v1.plan);
    let vs = st.history(v1.id()).versions(&v4);
    assert_eq!(vs.len(), 4);
    assert_eq!(vs[1].plan, v3.plan);
    // Nothing written by reading.
    let before = st.backend().map.clone();
    let _ = st.history(v1.id());
    assert_eq!(st.backend().map, before);
}

#[test]
fn history_is_bounded_by_count_and_size() {
    let mut st = store();
    let mut rng = Rng::new(4);
    let mut s = st
        .save(
            &realistic_plan(&mut rng, now()).plan,
            &Revisions::default(),
            now(),
            rev_id(0),
        )
        .unwrap();
    for k in 1..=(MAX_ENTRIES as u32 + 30) {
        s = edited(&mut st, &s, k, |p| {
            p.evaluation = format!("Hodnocení číslo {k}")
        });
    }
    let h = st.history(s.id());
    assert_eq!(h.entries.len(), MAX_ENTRIES);
    assert!(!h.shortened, "the bound is policy, not a shortening");
    assert_eq!(
        h.versions(&s).last().unwrap().plan.evaluation,
        "Hodnocení číslo 30"
    );
    // Large, badly compressing edits: cut to the size bound, oldest first.
    for k in 1000..1100u32 {
        let text: String = (0..600)
            .map(|_| char::from_u32(0x410 + rng.range(0, 63) as u32).unwrap())
            .collect();
        s = edited(&mut st, &s, k, |p| p.evaluation = text);
    }
    let raw = &st.backend().map[&history_key(s.id())];
    let size = raw.encode_utf16().count() + history_key(s.id()).len();
    assert!(size <= MAX_UNITS, "{size}");
    let h = st.history(s.id());
    assert!(
        h.entries.len() > 10 && h.entries.len() < 100,
        "{}",
        h.entries.len()
    );
    assert_eq!(
        h.versions(&s).len(),
        h.entries.len() + 1,
        "every kept entry applies"
    );
    assert_eq!(st.usage().history_units, size);
    assert_eq!(st.usage().used_units, st.backend().used_units());
}

#[test]
fn full_storage_sheds_history_before_failing_a_save() {
    let mut st = store();
    let mut rng = Rng::new(5);
    let mut a = st
        .save(
            &realistic_plan(&mut rng, now()).plan,
            &Revisions::default(),
            now(),
            rev_id(0),
        )
        .unwrap();
    for k in 1..60u32 {
        let text: String = (0..300)
            .map(|_| char::from_u32(0x410 + rng.range(0, 63) as u32).unwrap())
            .collect();
        a = edited(&mut st, &a, k, |p| p.evaluation = text);
    }
    let hist_units = st.usage().history_units;
    assert!(hist_units > 5_000, "{hist_units}");
    // Storage now full but for a little: a new plan only fits if history gives way.
    let b_plan = realistic_plan(&mut rng, now()).plan;
    st.backend_mut().quota_units = Some(st.backend().used_units() + 1000);
    let b = st
        .save(&b_plan, &Revisions::default(), now(), rev_id(1))
        .expect("the plan is saved");
    assert!(st.usage().history_units < hist_units);
    let h = st.history(a.id());
    assert!(h.shortened, "the user is told");
    assert_eq!(h.versions(&a).len(), h.entries.len() + 1);
    assert_eq!(
        st.backend()
            .map
            .get(&plan_key(b.id()))
            .map(|r| parse_plan(r).unwrap()),
        Some(b)
    );
    // A history that cannot grow any more never fails the save.
    st.backend_mut().quota_units = Some(st.backend().used_units() + 50);
    let a2 = edited(&mut st, &a, 500, |p| p.evaluation = "krátce".into());
    assert_eq!(a2.revisions.start, a.revisions.start + 1);
}

#[test]
fn deleting_a_plan_deletes_its_history() {
    let mut st = store();
    let mut rng = Rng::new(6);
    let a = st
        .save(
            &realistic_plan(&mut rng, now()).plan,
            &Revisions::default(),
            now(),
            rev_id(0),
        )
        .unwrap();
    edited(&mut st, &a, 1, |p| p.evaluation = "x".into());
    assert!(st.backend().map.contains_key(&history_key(a.id())));
    st.delete(a.id()).unwrap();
    assert!(!st
        .backend()
        .map
        .keys()
        .any(|k| k.contains(&a.id().to_string())));
    assert_eq!(st.usage().history_units, 0);
}

#[test]
fn an_import_over_a_plan_keeps_what_it_replaced_and_undo_still_works() {
    let mut st = store();
    let mut rng = Rng::new(8);
    let a1 = st
        .save(
            &realistic_plan(&mut rng, now()).plan,
            &Revisions::default(),
            now(),
            rev_id(0),
        )
        .unwrap();
    let a2 = edited(&mut st, &a1, 1, |p| p.evaluation = "moje".into());
    // Theirs: a conflicting copy from another device.
    let mut theirs = a1.clone();
    theirs.plan.evaluation = "jejich".into();
    theirs.revisions = a1.revisions.next(rev_id(77));
    st.apply_import(std::slice::from_ref(&theirs)).unwrap();
    let vs = st.history(a1.id()).versions(&theirs);
    assert_eq!(
        vs.iter().map(|v| &v.plan).collect::<Vec<_>>(),
        [&theirs.plan, &a2.plan, &a1.plan]
    );
    // Undo puts mine back; its history joins it again without a write.
    st.undo_import().unwrap();
    let now_stored = match st.load(a1.id(), now()).unwrap() {
        Loaded::Plan(p) => *p,
        other => panic!("{other:?}"),
    };
    assert_eq!(now_stored, a2);
    let vs = st.history(a1.id()).versions(&a2);
    assert_eq!(
        vs.iter().map(|v| &v.plan).collect::<Vec<_>>(),
        [&a2.plan, &a1.plan]
    );
    // And the next save continues it.
    let a3 = edited(&mut st, &a2, 3, |p| p.evaluation = "dál".into());
    let vs = st.history(a1.id()).versions(&a3);
    assert_eq!(
        vs.iter().map(|v| &v.plan).collect::<Vec<_>>(),
        [&a3.plan, &a2.plan, &a1.plan]
    );
}

#[test]
fn a_history_of_another_lineage_is_not_applied_to_the_plan() {
    let mut h = History::default();
    let vs = versions(9, 2);
    let s = |k: u32, p: &Plan| StoredPlan {
        revisions: Revisions::default().next(rev_id(k)),
        updated_at: now(),
        plan: p.clone(),
    };
    h.record(&s(2, &vs[1]), &s(1, &vs[0]));
    let other = s(5, &vs[2]);
    let got = h.versions(&other);
    assert_eq!(got.len(), 1, "only the stored plan");
    let mut joined = h.clone();
    assert!(joined.join(&other.revisions.rev().unwrap()));
    assert!(joined.shortened && joined.entries.is_empty());
}

/// Prints what a history costs: `cargo test --test history -- --ignored --nocapture`.
#[test]
#[ignore]
fn measure_history_size() {
    for (label, kinds) in [("text edits", 0..3u64), ("any edits", 0..14u64)] {
        let mut total_units = 0;
        let mut entries = 0;
        let mut plans_units = 0;
        for seed in 0..20u64 {
            let mut rng = Rng::new(seed);
            let mut st = store();
            let mut s = st
                .save(
                    &realistic_plan(&mut rng, now()).plan,
                    &Revisions::default(),
                    now(),
                    rev_id(0),
                )
                .unwrap();
            for k in 1..=100u32 {
                let mut p = s.plan.clone();
                if kinds.end == 3 {
                    let g = rng.range(0, p.goals.len() as u64 - 1) as usize;
                    p.goals[g].text = format!("{} {}", p.goals[g].text, words(&mut rng));
                } else {
                    edit(&mut p, &mut rng);
                }
                s = st.save(&p, &s.revisions, now(), rev_id(k)).unwrap();
            }
            let h = st.history(s.id());
            let key = history_key(s.id());
            total_units += st.backend().map[&key].encode_utf16().count();
            entries += h.entries.len();
            plans_units += st.backend().map[&plan_key(s.id())].encode_utf16().count();
        }
        println!(
            "{label}: {} entries kept of 100 saves on average, {} units per entry, history {} units, plan {} units",
            entries / 20,
            total_units / entries,
            total_units / 20,
            plans_units / 20
        );
    }
}
