//! Edits that settle: one revision per settled burst of typing, nothing written while nobody
//! types, a new draft is not stored before something is typed into it, and leaving the editor
//! with the Back button while a field has focus saves and raises no error.

use std::time::Duration;

use opora::model::TemplateId;

use crate::support::*;

#[tokio::test]
async fn one_revision_per_burst_of_typing_and_no_writes_while_idle() {
    let b = Browser::start(1000).await;
    b.open("").await;
    b.click("[data-testid=new-plan]").await;
    b.click("[data-testid=template-cz_counselling]").await;
    b.wait_save_state("new").await;
    b.click("[data-testid=next]").await;
    b.wait_text("[data-testid=progress]", "2 / 6").await;
    let id = b.plan_id_in_url().await;

    let name = b.wait("#f-client_name").await;
    name.send_keys("Jana").await.expect("type");
    b.wait_generation(id, 1).await;

    // Count the page's own writes from here on (the counter sees the app's saves).
    b.count_writes().await;
    name.send_keys(" Nováková").await.expect("type");
    let stored = b.wait_generation(id, 2).await;
    assert_eq!(stored.plan.general.client_name, "Jana Nováková");
    let writes = b.writes().await;
    assert!(
        writes.contains(&format!("opora:plan:{id}")),
        "the save of the second burst went through setItem: {writes:?}"
    );

    // Nobody types for five seconds: nothing is written.
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(
        b.writes().await,
        Vec::<String>::new(),
        "localStorage was written while nobody typed"
    );
    assert_eq!(b.save_state().await, "saved");

    // A burst in another field: one more revision, its ids newest first.
    b.wait("#f-key_worker")
        .await
        .send_keys("Petr Dvořák")
        .await
        .expect("type");
    let stored = b.wait_generation(id, 3).await;
    assert_eq!(stored.plan.general.key_worker, "Petr Dvořák");
    assert_eq!(stored.revisions.ids.len(), 3, "{:?}", stored.revisions);
    let mut distinct = stored.revisions.ids.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        3,
        "a new id per revision: {:?}",
        stored.revisions
    );

    // Moving between sections and back to the list without typing writes nothing either.
    b.writes().await;
    b.click("[data-testid=next]").await;
    b.wait_text("[data-testid=progress]", "3 / 6").await;
    b.click("[data-testid=back]").await;
    b.wait_text("[data-testid=progress]", "2 / 6").await;
    b.click("a.brand").await;
    b.wait_text("[data-testid=plan-list]", "Jana Nováková")
        .await;
    assert_eq!(
        b.writes().await,
        Vec::<String>::new(),
        "leaving a section with nothing changed wrote to localStorage"
    );
    assert_eq!(b.stored_plan(id).await.unwrap().revisions.start, 3);
    b.close().await;
}

#[tokio::test]
async fn a_new_draft_is_not_stored_until_something_is_typed() {
    let b = Browser::start(1000).await;
    b.open("").await;
    b.wait("[data-testid=empty-state]").await;

    // Chosen from the form chooser, nothing typed, then left: nothing is kept.
    b.click("[data-testid=new-plan]").await;
    b.click("[data-testid=template-bg_child_short_term]").await;
    b.wait_save_state("new").await;
    let status = b.text("[data-testid=save-status]").await;
    assert!(!status.contains("Saved"), "a new draft says {status:?}");
    let id = b.plan_id_in_url().await;
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(
        b.save_state().await,
        "new",
        "still new after the autosave pause"
    );
    let storage = b.local_storage().await;
    assert!(
        !storage.keys().any(|k| k.starts_with("opora:plan:")),
        "an untouched draft was stored: {storage:?}"
    );
    assert!(
        !storage
            .values()
            .any(|v| v.as_str().unwrap_or_default().contains(&id.to_string())),
        "an untouched draft is named in storage: {storage:?}"
    );
    b.click("[data-testid=back]").await;
    b.wait("[data-testid=empty-state]").await;
    assert!(b.all("[data-testid=plan-row]").await.is_empty());

    // Another one, and a letter typed: now it is saved.
    b.click("[data-testid=new-plan]").await;
    b.click("[data-testid=template-bg_child_short_term]").await;
    b.wait_save_state("new").await;
    let id = b.plan_id_in_url().await;
    b.wait("#f-client_name")
        .await
        .send_keys("И")
        .await
        .expect("type");
    let stored = b.wait_generation(id, 1).await;
    assert_eq!(stored.plan.general.client_name, "И");
    b.close().await;
}

#[tokio::test]
async fn back_button_with_a_focused_field_saves_and_raises_no_error() {
    let b = Browser::start(1000).await;
    b.open("").await;
    let mut bg = test_plan(11, TemplateId::BgChildShortTerm, "Иван Петров");
    bg.general.place_of_service = "Family centre".into();
    let mut cz = test_plan(12, TemplateId::CzCounselling, "Jana Nováková");
    cz.situation.why_they_come = "Debts after losing work".into();
    b.put_plans(&[
        saved_plan(bg.clone(), 0x110, 1),
        saved_plan(cz.clone(), 0x120, 1),
    ])
    .await;
    b.wait_gone_rows(2).await;
    b.record_errors().await;

    // An input with focus, the editor left for the plan view.
    b.open_plan("Иван Петров").await;
    b.click("[data-testid=edit]").await;
    let field = b.wait("#f-place_of_service").await;
    field.click().await.expect("click into the field");
    field.send_keys("Q").await.expect("type");
    assert_eq!(b.focused_id().await, "f-place_of_service");
    b.c.back().await.expect("back");
    b.wait_text("[data-testid=plan-document]", "Family centreQ")
        .await;
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_no_errors(&b, "Back from an input with focus").await;
    let stored = b.stored_plan(bg.id).await.expect("stored");
    assert_eq!(stored.plan.general.place_of_service, "Family centreQ");
    assert_eq!(stored.revisions.start, 2);

    // A textarea with focus, the editor left for another section of the editor.
    b.click("a.brand").await;
    b.open_plan("Jana Nováková").await;
    b.click("[data-testid=edit]").await;
    b.wait_text("[data-testid=progress]", "1 / 6").await;
    b.click("nav.progress a[href$='/edit/situation']").await;
    let field = b.wait("#f-why_they_come").await;
    field.click().await.expect("click into the field");
    field.send_keys("Q").await.expect("type");
    assert_eq!(b.focused_id().await, "f-why_they_come");
    b.c.back().await.expect("back");
    b.wait_text("[data-testid=progress]", "1 / 6").await;
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_no_errors(&b, "Back from a textarea with focus").await;
    b.c.back().await.expect("back");
    b.wait_text("[data-testid=plan-document]", "Debts after losing workQ")
        .await;
    let stored = b.stored_plan(cz.id).await.expect("stored");
    assert_eq!(
        stored.plan.situation.why_they_come,
        "Debts after losing workQ"
    );
    assert_no_errors(&b, "Back to the plan view").await;
    b.close().await;
}

async fn assert_no_errors(b: &Browser, when: &str) {
    let errors = b.recorded_errors().await;
    let panic_shown = b.exists("[data-testid=panic]").await;
    assert!(
        errors.is_empty() && !panic_shown,
        "{when}: errors {errors:#?}; panic notice shown: {panic_shown}; page:\n{}",
        b.page_text().await
    );
}
