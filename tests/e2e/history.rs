//! History: every settled save is a version the worker can browse (what changed, in words),
//! open read-only and restore; restoring is a new revision, and the history screen writes
//! nothing while it is open.

use std::time::Duration;

use crate::support::*;

#[tokio::test]
async fn restore_an_earlier_revision_and_check_the_text() {
    let b = Browser::start(1000).await;
    b.open("").await;
    b.click("[data-testid=new-plan]").await;
    b.click("[data-testid=template-cz_counselling]").await;
    b.wait_save_state("new").await;
    b.click("[data-testid=next]").await;
    b.wait_text("[data-testid=progress]", "2 / 6").await;
    let id = b.plan_id_in_url().await;
    fill_in(&b, "#f-client_name", "Jana Testová").await;
    b.wait_generation(id, 1).await;

    // The goals section: a goal typed, saved; then changed, saved.
    b.open(&format!("#/plan/{id}/edit/goals")).await;
    b.wait_text("[data-testid=progress]", "4 / 6").await;
    b.click("[data-testid=add-goal]").await;
    let goal = b.wait("[data-testid=goal]").await;
    fill(&within(&goal, "[name=goal_text]").await, "Najít bydlení").await;
    b.wait_generation(id, 2).await;
    fill(&within(&goal, "[name=goal_text]").await, "Najít práci").await;
    let stored = b.wait_generation(id, 3).await;
    assert_eq!(stored.plan.goals[0].text, "Najít práci");

    // The history is stored under its own key.
    let storage = b.local_storage().await;
    assert!(
        storage.contains_key(&format!("opora:hist:{id}")),
        "{:?}",
        storage.keys().collect::<Vec<_>>()
    );

    // History: newest first, what each save changed in words.
    b.open(&format!("#/plan/{id}")).await;
    b.click("[data-testid=history]").await;
    b.wait("[data-testid=history-entry]").await;
    let entries = b.all("[data-testid=history-entry]").await;
    assert_eq!(entries.len(), 3, "three saves, three versions");
    let generations: Vec<String> = {
        let mut g = Vec::new();
        for e in &entries {
            g.push(e.attr("data-generation").await.unwrap().unwrap_or_default());
        }
        g
    };
    assert_eq!(generations, ["3", "2", "1"]);
    let newest = entries[0].text().await.unwrap();
    assert!(newest.contains("current"), "{newest}");
    assert!(
        newest.contains("Goal 1") && newest.contains("“Najít bydlení” → “Najít práci”"),
        "{newest}"
    );
    let second = entries[1].text().await.unwrap();
    assert!(
        second.contains("Goal 1: added") && !second.contains("Jana Testová"),
        "{second}"
    );
    let oldest = entries[2].text().await.unwrap();
    assert!(oldest.contains("Plan created"), "{oldest}");

    // Nothing is written while the history screen is open.
    b.count_writes().await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(b.writes().await, Vec::<String>::new(), "written while idle");

    // Open the earlier version: the old text, read-only.
    b.click("[data-generation='2'] [data-testid=history-open]")
        .await;
    let banner = b
        .wait_text("[data-testid=version-banner]", "read only")
        .await;
    assert!(banner.starts_with("Version of"), "{banner}");
    b.wait_text("[data-testid=plan-document]", "Najít bydlení")
        .await;
    let doc = b.text("[data-testid=plan-document]").await;
    assert!(!doc.contains("Najít práci"), "{doc}");
    assert!(
        !b.exists("#document-host .edit-link").await,
        "no edit links"
    );
    assert!(
        !b.exists("#document-host input, #document-host textarea")
            .await
    );
    assert_eq!(
        b.writes().await,
        Vec::<String>::new(),
        "opening writes nothing"
    );

    // Restore it (asked first): the plan shows the old text as a new revision.
    b.click("[data-testid=history-restore]").await;
    b.wait("[data-testid=confirm]").await;
    b.click("[data-testid=confirm]").await;
    b.wait_text("[data-testid=plan-document]", "Najít bydlení")
        .await;
    let stored = b
        .eventually(async || match b.stored_plan(id).await {
            Some(p) if p.revisions.start == 4 => Ok(p),
            other => Err(format!("{:?}", other.map(|p| p.revisions.start))),
        })
        .await;
    assert_eq!(stored.plan.goals[0].text, "Najít bydlení");
    assert!(!b
        .text("[data-testid=plan-document]")
        .await
        .contains("Najít práci"));

    // The restore is in the history, one more entry, and can itself be undone.
    b.click("[data-testid=history]").await;
    b.wait("[data-generation='4']").await;
    let entries = b.all("[data-testid=history-entry]").await;
    assert_eq!(entries.len(), 4);
    let newest = entries[0].text().await.unwrap();
    assert!(
        newest.contains("“Najít práci” → “Najít bydlení”"),
        "{newest}"
    );

    // The storage meter shows what the history takes.
    b.open("").await;
    let meter = b
        .wait_text("[data-testid=storage-meter]", "earlier versions")
        .await;
    assert!(meter.contains('%'), "{meter}");

    b.close().await;
}

#[tokio::test]
async fn the_history_fits_a_phone_and_works_from_the_keyboard() {
    use opora::model::history::History;
    use opora::model::{rev_id, StoredPlan, TemplateId};
    let b = Browser::start(360).await;
    b.open("").await;
    let v1 = saved_plan(
        test_plan(7, TemplateId::BgChildShortTerm, "Иван Петров"),
        70,
        1,
    );
    let mut p2 = v1.plan.clone();
    p2.situation.needs = "Нужда от подкрепа в училище и у дома, ".repeat(8);
    let v2 = StoredPlan {
        revisions: v1.revisions.next(rev_id(99)),
        updated_at: v1.updated_at + chrono::Duration::minutes(5),
        plan: p2,
    };
    let mut h = History::default();
    h.record(&v2, &v1);
    b.js_args(
        "localStorage.setItem(arguments[0], arguments[1])",
        vec![
            format!("opora:hist:{}", v2.id()).into(),
            opora::storage::encode_history(&h).into(),
        ],
    )
    .await;
    b.put_plans(std::slice::from_ref(&v2)).await;
    b.open(&format!("#/plan/{}/history", v2.id())).await;
    b.wait("[data-testid=history-entry]").await;
    assert_eq!(b.all("[data-testid=history-entry]").await.len(), 2);
    let newest = b.text("[data-testid=history-entry]").await;
    assert!(newest.contains('…'), "long texts are shortened: {newest}");
    let fits = b
        .js("return document.documentElement.scrollWidth <= window.innerWidth")
        .await;
    assert_eq!(
        fits,
        serde_json::Value::Bool(true),
        "no sideways scrolling at 360 px"
    );
    let small = b
        .js(
            "return [...document.querySelectorAll('.history-actions a, .history-actions button')]
                .map(e => e.getBoundingClientRect())
                .filter(r => r.width < 44 || r.height < 44).length",
        )
        .await;
    assert_eq!(small, serde_json::json!(0), "every control at least 44 px");
    // Keyboard: Enter on "Restore" asks first, Escape leaves everything as it was.
    let restore = b.wait("[data-testid=history-restore]").await;
    b.js_args(
        "arguments[0].focus()",
        vec![serde_json::to_value(&restore).unwrap()],
    )
    .await;
    restore.send_keys("\u{E007}").await.expect("Enter");
    b.wait("[data-testid=confirm]").await;
    // Focus moves on the next animation frame: wait for it (a slow machine may take a while).
    b.eventually(async || {
        let id = b.focused_id().await;
        (id == "confirm-cancel")
            .then_some(())
            .ok_or(format!("focus starts on the safe choice, not on {id:?}"))
    })
    .await;
    b.count_writes().await;
    b.js("document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}))")
        .await;
    b.wait_absent("[data-testid=confirm]", "the dialog").await;
    assert_eq!(b.writes().await, Vec::<String>::new());
    assert_eq!(b.stored_plan(v2.id()).await.unwrap().revisions.start, 2);
    b.close().await;
}
