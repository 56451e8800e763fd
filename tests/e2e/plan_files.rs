//! Plans travel as files: back up all plans, bring them into another browser identical;
//! import newer and conflicting versions with a preview and a choice per plan; broken files
//! change nothing. Also measures (and prints, without judging) a 1,000-plan import.

use std::time::{Duration, Instant};

use chrono::Utc;
use opora::files::{parse, PlanFile};
use opora::model::{rev_id, Revisions, StoredPlan, TemplateId};
use serde_json::json;

use crate::support::*;

/// A plan as stored after one save.
fn plan(n: u128, template: TemplateId, name: &str) -> StoredPlan {
    saved_plan(test_plan(n, template, name), n as u32 * 16, 1)
}

/// Puts plans into the browser's storage as the app would have saved them, then reloads.
async fn seed(b: &Browser, plans: &[StoredPlan]) {
    b.put_plans(plans).await;
}

fn stored_plans(storage: &serde_json::Map<String, serde_json::Value>) -> Vec<StoredPlan> {
    plans_in(storage)
}

async fn import_file(b: &Browser, path: &std::path::Path) {
    b.open("#/import").await;
    b.wait("[data-testid=import-files]")
        .await
        .send_keys(&path.display().to_string())
        .await
        .expect("choose the file");
}

fn write_file(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[tokio::test]
async fn back_up_all_plans_and_restore_them_in_another_browser() {
    let downloads = download_dir("backup");
    let a = Browser::start_with(Options {
        download_dir: Some(downloads.display().to_string()),
        ..Options::default()
    })
    .await;
    a.open("").await;
    let plans = vec![
        plan(1, TemplateId::CzCounselling, "Jana Nováková"),
        plan(2, TemplateId::BgChildShortTerm, "Иван Петров"),
    ];
    seed(&a, &plans).await;
    a.wait_text("[data-testid=backup-status]", "No backup yet")
        .await;
    a.click("[data-testid=more-actions] summary").await;
    a.click("[data-testid=export-all]").await;
    let (name, bytes) = downloaded(&downloads).await;
    let today = chrono::Local::now().date_naive();
    assert_eq!(name, format!("opora-all-plans-{today}.json"));
    let file = parse(&bytes).expect("the exported file reads back");
    assert_eq!(file.plans.len(), 2);
    a.wait_text("[data-testid=backup-status]", "Last backup:")
        .await;
    let originals = stored_plans(&a.local_storage().await);
    a.close().await;

    // Another browser, empty: import the file.
    let b = Browser::start(1000).await;
    b.open("").await;
    b.wait("[data-testid=empty-state]").await;
    let path = downloads.join(&name);
    import_file(&b, &path).await;
    b.wait_text("[data-testid=import-summary]", "New: 2").await;
    b.click("[data-testid=import-apply]").await;
    b.wait_text("[data-testid=import-notice]", "Plans imported: 2")
        .await;
    assert_eq!(b.all("[data-testid=plan-row]").await.len(), 2);
    assert_eq!(
        stored_plans(&b.local_storage().await),
        originals,
        "identical, field for field"
    );
    b.close().await;
}

#[tokio::test]
async fn newer_and_conflicting_versions_are_previewed_and_each_choice_does_what_it_says() {
    let dir = download_dir("versions");
    let b = Browser::start(1000).await;
    b.open("").await;
    let mine = vec![
        plan(1, TemplateId::CzCounselling, "Jana Nováková"),
        plan(2, TemplateId::BgChildShortTerm, "Иван Петров"),
    ];
    seed(&b, &mine).await;

    // A colleague continued plan 1 from this very version…
    let mut newer = mine[0].clone();
    newer.plan.evaluation = "Cíl splněn".into();
    newer.revisions = mine[0].revisions.next(rev_id(0xabc));
    // …and changed plan 2 starting from a version this browser never had.
    let mut conflict = mine[1].clone();
    conflict.plan.general.place_of_service = "ЦОП Пловдив".into();
    conflict.plan.general.key_worker = "Георги Димитров".into();
    conflict.revisions = Revisions::default().next(rev_id(0x77)).next(rev_id(0x78));
    let text = PlanFile::new(vec![newer.clone(), conflict.clone()], Utc::now()).to_json();
    let path = write_file(&dir, "from-colleague.json", &text);

    import_file(&b, &path).await;
    let summary = b
        .wait_text("[data-testid=import-summary]", "Newer version: 1")
        .await;
    assert!(summary.contains("Changed on both sides: 1"), "{summary}");
    let rows = b.all("[data-testid=import-row]").await;
    assert_eq!(
        rows[0].attr("data-kind").await.unwrap().as_deref(),
        Some("newer")
    );
    assert_eq!(
        rows[1].attr("data-kind").await.unwrap().as_deref(),
        Some("conflict")
    );
    b.snap("import-preview").await;
    // Defaults lose nothing: take the newer one, keep both of the conflicting ones.
    assert_eq!(
        within(&rows[0], "select")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("take_theirs")
    );
    assert_eq!(
        within(&rows[1], "select")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("keep_both")
    );
    b.click("[data-testid=import-apply]").await;
    b.wait_text("[data-testid=import-notice]", "Plans imported: 2")
        .await;
    let after = stored_plans(&b.local_storage().await);
    assert_eq!(
        after.len(),
        3,
        "plan 2 kept, its other version added as a copy"
    );
    assert_eq!(after.iter().find(|p| p.id() == newer.id()), Some(&newer));
    assert_eq!(
        after.iter().find(|p| p.id() == mine[1].id()),
        Some(&mine[1])
    );
    let copy = after
        .iter()
        .find(|p| p.plan.copied_from == Some(mine[1].id()))
        .expect("the copy");
    assert_eq!(copy.plan.general.key_worker, "Георги Димитров");
    b.wait_text("[data-testid=plan-list]", "copy").await;
    b.snap("list-after-import").await;

    // Undo puts everything back.
    b.click("[data-testid=import-undo]").await;
    b.wait_gone_rows(2).await;
    assert_eq!(stored_plans(&b.local_storage().await), mine);

    // "Keep mine" for all changes nothing; "take theirs" replaces.
    import_file(&b, &path).await;
    b.wait("[data-testid=import-row]").await;
    b.click(".for-all button:nth-of-type(1)").await;
    b.click("[data-testid=import-apply]").await;
    b.wait("[data-testid=plan-list]").await;
    assert_eq!(stored_plans(&b.local_storage().await), mine);

    import_file(&b, &path).await;
    let rows = b.all("[data-testid=import-row]").await;
    select(&within(&rows[1], "select").await, "take_theirs").await;
    select(&within(&rows[0], "select").await, "keep_mine").await;
    b.click("[data-testid=import-apply]").await;
    b.wait_text("[data-testid=import-notice]", "Plans imported: 1")
        .await;
    let after = stored_plans(&b.local_storage().await);
    assert_eq!(after, vec![mine[0].clone(), conflict.clone()]);
    b.close().await;
}

#[tokio::test]
async fn broken_and_foreign_files_are_explained_and_change_nothing() {
    let dir = download_dir("broken");
    let b = Browser::start(1000).await;
    b.open("").await;
    seed(&b, &[plan(1, TemplateId::CzCounselling, "Jana")]).await;
    let before = b.local_storage().await;
    let cases = [
        (
            "notes.json",
            "this is not json".to_string(),
            "not valid JSON",
        ),
        (
            "package.json",
            json!({"name": "x", "version": "1"}).to_string(),
            "not an Opora plan file",
        ),
        (
            "future.json",
            json!({"format": "opora-plans", "format_version": 99, "plans": []}).to_string(),
            "newer version of Opora",
        ),
        (
            "secret.json",
            json!({"ciphertext": "AAAA", "iv": "BBBB", "salt": "CC"}).to_string(),
            "encrypted",
        ),
    ];
    for (name, text, message) in cases {
        let path = write_file(&dir, name, &text);
        import_file(&b, &path).await;
        let shown = b.wait_text("[data-testid=import-problems]", message).await;
        assert!(
            shown.contains(name) && shown.contains("Nothing was changed"),
            "{shown}"
        );
        assert!(
            b.all("[data-testid=import-apply]").await.is_empty(),
            "nothing to apply"
        );
    }
    // Bytes that are not text at all.
    let path = dir.join("photo.json");
    std::fs::write(&path, [0xff, 0xd8, 0xff, 0xe0, 0x00]).unwrap();
    import_file(&b, &path).await;
    b.wait_text("[data-testid=import-problems]", "not text")
        .await;
    assert_eq!(b.local_storage().await, before, "storage untouched");
    b.close().await;
}

#[tokio::test]
async fn several_files_at_once_with_one_broken_among_them() {
    let dir = download_dir("several");
    let one = write_file(
        &dir,
        "one.json",
        &PlanFile::new(vec![plan(1, TemplateId::CzCounselling, "Jana")], Utc::now()).to_json(),
    );
    let two = write_file(
        &dir,
        "two.json",
        &PlanFile::new(
            vec![plan(2, TemplateId::BgChildShortTerm, "Иван")],
            Utc::now(),
        )
        .to_json(),
    );
    let bad = write_file(
        &dir,
        "bad.json",
        "{\"format\": \"opora-plans\", \"format_version\": 1, \"plans\": 7}",
    );
    let b = Browser::start(1000).await;
    b.open("#/import").await;
    let paths = [&one, &two, &bad]
        .map(|p| p.display().to_string())
        .join("\n");
    b.wait("[data-testid=import-files]")
        .await
        .send_keys(&paths)
        .await
        .expect("choose three files");
    b.wait_text("[data-testid=import-summary]", "New: 2").await;
    let problems = b.text("[data-testid=import-problems]").await;
    assert!(
        problems.contains("bad.json") && problems.contains("damaged"),
        "{problems}"
    );
    b.click("[data-testid=import-apply]").await;
    b.wait_text("[data-testid=import-notice]", "Plans imported: 2")
        .await;
    assert_eq!(stored_plans(&b.local_storage().await).len(), 2);
    b.close().await;
}

#[tokio::test]
async fn importing_a_thousand_plans_reports_its_time() {
    let dir = download_dir("thousand");
    let plans: Vec<StoredPlan> = (1..=1000)
        .map(|n| plan(n, TemplateId::BgChildShortTerm, &format!("Дете {n}")))
        .collect();
    let path = write_file(
        &dir,
        "big.json",
        &PlanFile::new(plans, Utc::now()).to_json(),
    );
    let b = Browser::start(1000).await;
    b.open("").await;
    let start = Instant::now();
    import_file(&b, &path).await;
    b.wait_long("[data-testid=import-apply]", Duration::from_secs(120))
        .await;
    let previewed = start.elapsed();
    b.click("[data-testid=import-apply]").await;
    b.wait_long("[data-testid=import-notice]", Duration::from_secs(120))
        .await;
    let total = start.elapsed();
    assert_eq!(stored_plans(&b.local_storage().await).len(), 1000);
    println!(
        "IMPORT 1000 plans ({} KB): preview shown after {previewed:?}, imported after {total:?}",
        std::fs::metadata(&path).unwrap().len() / 1024
    );
    b.close().await;
}

/// Waits for the one file in `downloads`, moves it to `keep` and returns its new path.
async fn take_download(downloads: &std::path::Path, keep: &std::path::Path) -> std::path::PathBuf {
    let (name, bytes) = downloaded(downloads).await;
    std::fs::remove_file(downloads.join(&name)).expect("remove the download");
    let path = keep.join(&name);
    std::fs::write(&path, bytes).expect("keep the download");
    path
}

async fn import_kinds(b: &Browser, path: &std::path::Path) -> Vec<String> {
    import_file(b, path).await;
    b.wait("[data-testid=import-row]").await;
    let mut kinds = Vec::new();
    for row in b.all("[data-testid=import-row]").await {
        kinds.push(row.attr("data-kind").await.unwrap().unwrap_or_default());
    }
    kinds
}

#[tokio::test]
async fn a_plan_file_is_older_after_two_edits_and_identical_where_it_was_imported() {
    let downloads = download_dir("revisions-export");
    let keep = download_dir("revisions-keep");
    let a = Browser::start_with(Options {
        download_dir: Some(downloads.display().to_string()),
        ..Options::default()
    })
    .await;
    a.open("").await;
    let original = plan(51, TemplateId::CzCounselling, "Jana Nováková");
    let id = original.id();
    seed(&a, std::slice::from_ref(&original)).await;

    // Export the plan from its view.
    a.open_plan("Jana Nováková").await;
    a.click("[data-testid=export-plan]").await;
    let earlier = take_download(&downloads, &keep).await;
    let file = parse(&std::fs::read(&earlier).unwrap()).expect("the file reads back");
    assert_eq!(file.plans, vec![original.clone()], "exported as stored");

    // Two settled bursts of typing: two revisions.
    a.click("[data-testid=edit]").await;
    a.click("nav.progress a[href$='/edit/situation']").await;
    let field = a.wait("#f-why_they_come").await;
    field.send_keys("Debts").await.expect("type");
    a.wait_generation(id, 2).await;
    field.send_keys(" after losing work").await.expect("type");
    a.wait_generation(id, 3).await;

    // The earlier file is now older than the plan here; keeping mine changes nothing.
    assert_eq!(import_kinds(&a, &earlier).await, ["older"]);
    let before = a.local_storage().await;
    a.click("[data-testid=import-apply]").await;
    a.wait("[data-testid=plan-list]").await;
    assert_eq!(plans_in(&a.local_storage().await), plans_in(&before));

    // The current version goes to another browser: new there, then identical.
    a.open_plan("Jana Nováková").await;
    a.click("[data-testid=export-plan]").await;
    let current = take_download(&downloads, &keep).await;
    let now_here = a.stored_plan(id).await.expect("stored");
    a.close().await;

    let b = Browser::start(1000).await;
    b.open("").await;
    b.wait("[data-testid=empty-state]").await;
    assert_eq!(import_kinds(&b, &current).await, ["new"]);
    b.click("[data-testid=import-apply]").await;
    b.wait_text("[data-testid=import-notice]", "Plans imported: 1")
        .await;
    assert_eq!(b.stored_plan(id).await, Some(now_here.clone()));
    assert_eq!(import_kinds(&b, &current).await, ["identical"]);
    b.click("[data-testid=import-apply]").await;
    b.wait("[data-testid=plan-list]").await;
    assert_eq!(b.stored_plan(id).await, Some(now_here));
    b.close().await;
}
