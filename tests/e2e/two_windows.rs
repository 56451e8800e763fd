//! The same plan open in two windows of one browser (they share localStorage, so each save
//! reaches the other through the `storage` event): a window with no unsaved change takes the
//! other's text at once; edits made in both are settled by the user, nothing set aside.

use opora::model::{StoredPlan, TemplateId};

use crate::support::*;

const WHY: &str = "Debts after losing work";
const WISHES: &str = "A flat of her own";

fn the_plan() -> StoredPlan {
    let mut p = test_plan(31, TemplateId::CzCounselling, "Jana Nováková");
    p.situation.why_they_come = WHY.into();
    p.situation.wishes = WISHES.into();
    saved_plan(p, 0x310, 1)
}

/// One browser with the plan stored and its situation section open in two windows.
async fn two_editors() -> (
    Browser,
    StoredPlan,
    fantoccini::wd::WindowHandle,
    fantoccini::wd::WindowHandle,
) {
    let b = Browser::start(1000).await;
    b.open("").await;
    let plan = the_plan();
    b.put_plans(std::slice::from_ref(&plan)).await;
    let situation = format!("#/plan/{}/edit/situation", plan.id());
    b.open(&situation).await;
    b.wait_save_state("saved").await;
    let (a, second) = b.second_window().await;
    b.open(&situation).await;
    b.wait_save_state("saved").await;
    // Marks this document: still there later means the window was never reloaded.
    b.js("window.__sameDocument = true").await;
    (b, plan, a, second)
}

/// The user in this window is still typing: its autosave pause never ends (the 400 ms timer
/// is held) until `let_autosave_run`.
async fn keep_typing(b: &Browser) {
    b.js(
        "window.__setTimeout = window.__setTimeout || window.setTimeout;
          window.setTimeout = function (f, ms, ...rest) {
              if (ms === 400) { return 2147480000; }
              return window.__setTimeout.call(window, f, ms, ...rest);
          };",
    )
    .await;
}

/// The current (second) window types `mine` into a field and, while its autosave still waits,
/// window `a` adds " and rent arrears" to why they come and saves it (generation 2). Ends in
/// window `a`.
async fn edit_in_both(
    b: &Browser,
    a: &fantoccini::wd::WindowHandle,
    id: uuid::Uuid,
    (field, mine): (&str, &str),
) {
    keep_typing(b).await;
    b.wait(field).await.send_keys(mine).await.expect("type");
    b.wait_save_state("pending").await;
    b.switch_to(a).await;
    b.wait("#f-why_they_come")
        .await
        .send_keys(" and rent arrears")
        .await
        .expect("type");
    b.wait_generation(id, 2).await;
}

/// Back in the `second` window: it shows the conflict, and its autosave runs again.
async fn conflict_shown(b: &Browser, second: &fantoccini::wd::WindowHandle) {
    b.switch_to(second).await;
    b.wait_save_state("conflict").await;
    let_autosave_run(b).await;
    b.wait("[data-testid=conflict]").await;
}

async fn let_autosave_run(b: &Browser) {
    b.js("if (window.__setTimeout) { window.setTimeout = window.__setTimeout; }")
        .await;
}

async fn not_reloaded(b: &Browser) {
    assert_eq!(
        b.js("return window.__sameDocument === true").await,
        true,
        "the window was reloaded"
    );
}

#[tokio::test]
async fn an_edit_in_one_window_shows_at_once_in_the_other() {
    let (b, plan, a, second) = two_editors().await;
    let id = plan.id();

    b.switch_to(&a).await;
    b.wait("#f-why_they_come")
        .await
        .send_keys(" and rent arrears")
        .await
        .expect("type");
    b.wait_generation(id, 2).await;

    // The other window shows it without a reload, and says where it came from.
    b.switch_to(&second).await;
    b.wait_value("#f-why_they_come", &format!("{WHY} and rent arrears"))
        .await;
    b.wait_save_state("updated").await;
    not_reloaded(&b).await;

    // Its plan list follows too.
    b.click("a.brand").await;
    b.wait_text("[data-testid=plan-list]", "Jana Nováková")
        .await;
    b.switch_to(&a).await;
    b.click("nav.progress a[href$='/edit/general']").await;
    b.wait("#f-client_name")
        .await
        .send_keys("-Svobodová")
        .await
        .expect("type");
    b.wait_generation(id, 3).await;
    b.switch_to(&second).await;
    b.wait_text("[data-testid=plan-list]", "Jana Nováková-Svobodová")
        .await;
    not_reloaded(&b).await;
    assert_eq!(b.all("[data-testid=plan-row]").await.len(), 1);
    b.close().await;
}

#[tokio::test]
async fn edits_of_one_field_in_both_windows_are_combined_by_the_user() {
    let (b, plan, a, second) = two_editors().await;
    let id = plan.id();
    let theirs = format!("{WHY} and rent arrears");
    let mine = format!("{WHY}, letters from a bailiff");

    // The second window has an unsaved change when the first one saves.
    edit_in_both(&b, &a, id, ("#f-why_they_come", ", letters from a bailiff")).await;

    conflict_shown(&b, &second).await;
    b.snap("conflict").await;
    let rows = b.all("[data-testid=conflict-row]").await;
    assert_eq!(rows.len(), 1, "{}", b.page_text().await);
    let row = &rows[0];
    assert_eq!(
        row.attr("data-field").await.unwrap().as_deref(),
        Some("why_they_come")
    );
    assert_eq!(within(row, ".mine").await.text().await.unwrap(), mine);
    assert_eq!(within(row, ".theirs").await.text().await.unwrap(), theirs);
    // Nothing is saved while the conflict waits.
    assert_eq!(
        b.stored_plan(id)
            .await
            .unwrap()
            .plan
            .situation
            .why_they_come,
        theirs
    );

    within(row, "input[value=combine]")
        .await
        .click()
        .await
        .expect("choose combine");
    let combined = b.wait("[data-testid=conflict-combined]").await;
    let start = combined.prop("value").await.unwrap().unwrap_or_default();
    assert!(
        start.contains(&mine) && start.contains(&theirs),
        "the combined text starts from both: {start:?}"
    );
    let settled = format!("{WHY}, rent arrears and letters from a bailiff");
    fill(&combined, &settled).await;
    b.click("[data-testid=conflict-save]").await;
    b.wait_save_state("saved").await;
    assert!(
        !b.exists("[data-testid=conflict]").await,
        "the conflict view stays"
    );
    b.wait_value("#f-why_they_come", &settled).await;
    let stored = b.stored_plan(id).await.unwrap();
    assert_eq!(stored.plan.situation.why_they_come, settled);
    assert_eq!(
        stored.revisions.start, 3,
        "saved after the other window's revision"
    );
    not_reloaded(&b).await;

    // The first window takes the settled text, and nothing was set aside.
    b.switch_to(&a).await;
    b.wait_value("#f-why_they_come", &settled).await;
    b.wait_save_state("updated").await;
    b.click("a.brand").await;
    b.wait_text("[data-testid=plan-list]", "Jana Nováková")
        .await;
    assert!(
        !b.exists("[data-testid=quarantine]").await,
        "something was set aside: {}",
        b.page_text().await
    );
    let storage = b.local_storage().await;
    assert!(
        !storage.keys().any(|k| k.starts_with("opora:quarantine:")),
        "{storage:?}"
    );
    b.switch_to(&second).await;
    b.click("a.brand").await;
    b.wait_text("[data-testid=plan-list]", "Jana Nováková")
        .await;
    assert!(!b.exists("[data-testid=quarantine]").await);
    b.close().await;
}

#[tokio::test]
async fn edits_of_different_fields_in_both_windows_are_both_kept() {
    let (b, plan, a, second) = two_editors().await;
    let id = plan.id();
    let why = format!("{WHY} and rent arrears");
    let wishes = format!("{WISHES} with a garden");

    edit_in_both(&b, &a, id, ("#f-wishes", " with a garden")).await;

    conflict_shown(&b, &second).await;
    let rows = b.all("[data-testid=conflict-row]").await;
    assert_eq!(rows.len(), 2, "{}", b.page_text().await);
    // Each row starts on the side that changed the field.
    for (field, side) in [("why_they_come", "theirs"), ("wishes", "mine")] {
        let checked = b
            .js(&format!(
                "const r = document.querySelector('[data-testid=conflict-row][data-field={field}] input[value={side}]'); \
                 return r ? r.checked : null"
            ))
            .await;
        assert_eq!(
            checked,
            true,
            "{field}: `{side}` is not chosen; page:\n{}",
            b.page_text().await
        );
    }
    b.click("[data-testid=conflict-save]").await;
    b.wait_save_state("saved").await;
    let stored = b.stored_plan(id).await.unwrap();
    assert_eq!(stored.plan.situation.why_they_come, why);
    assert_eq!(stored.plan.situation.wishes, wishes);
    b.wait_value("#f-why_they_come", &why).await;
    b.wait_value("#f-wishes", &wishes).await;

    b.switch_to(&a).await;
    b.wait_value("#f-wishes", &wishes).await;
    b.wait_value("#f-why_they_come", &why).await;
    b.wait_save_state("updated").await;
    b.close().await;
}

#[tokio::test]
async fn a_window_closed_with_an_unsettled_conflict_keeps_its_text_aside() {
    let (b, plan, a, second) = two_editors().await;
    let id = plan.id();
    let mine = format!("{WHY}, letters from a bailiff");
    let theirs = format!("{WHY} and rent arrears");

    edit_in_both(&b, &a, id, ("#f-why_they_come", ", letters from a bailiff")).await;
    b.click("a.brand").await;
    b.wait_text("[data-testid=plan-list]", "Jana Nováková")
        .await;
    assert!(!b.exists("[data-testid=quarantine]").await);

    // The second window shows the conflict, and is closed without settling it.
    b.switch_to(&second).await;
    b.wait_save_state("conflict").await;
    b.c.close_window().await.expect("close the window");
    b.switch_to(&a).await;

    // The first window's list names what was kept aside.
    let item = b
        .wait("[data-testid=quarantined-item][data-kind=conflict]")
        .await;
    let what = item.text().await.unwrap();
    b.snap("set-aside").await;
    assert!(what.contains("Jana Nováková"), "{what}");
    let storage = b.local_storage().await;
    let kept: Vec<_> = storage
        .iter()
        .filter(|(k, _)| k.starts_with("opora:quarantine:"))
        .collect();
    assert_eq!(kept.len(), 1, "{storage:?}");
    let kept: opora::model::StoredPlan =
        serde_json::from_str(kept[0].1.as_str().unwrap()).expect("a readable plan");
    assert_eq!(kept.plan.situation.why_they_come, mine);
    assert_eq!(
        b.stored_plan(id)
            .await
            .unwrap()
            .plan
            .situation
            .why_they_come,
        theirs,
        "the stored plan is the saved one"
    );

    // Opened as a copy: a plan of its own with the kept text.
    within(&item, "[data-testid=open-copy]")
        .await
        .click()
        .await
        .expect("open as a copy");
    b.wait_text("[data-testid=plan-document]", &mine).await;
    let copy = b.plan_id_in_url().await;
    assert_ne!(copy, id);
    let stored = b.stored_plan(copy).await.expect("the copy is stored");
    assert_eq!(stored.plan.situation.why_they_come, mine);

    // Discarded after confirming: gone from the list and from storage.
    b.click("a.brand").await;
    b.wait_gone_rows(2).await;
    b.click("[data-testid=quarantined-item] [data-testid=discard]")
        .await;
    b.wait("[data-testid=discard-download]").await;
    b.click("[data-testid=confirm]").await;
    b.wait_absent(
        "[data-testid=quarantine]",
        "the set-aside text stays after discarding",
    )
    .await;
    let storage = b.local_storage().await;
    assert!(
        !storage.keys().any(|k| k.starts_with("opora:quarantine:")),
        "{storage:?}"
    );
    b.close().await;
}
