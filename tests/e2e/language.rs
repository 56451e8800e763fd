//! The UI language switches everywhere at once and is remembered.

use crate::support::*;

#[tokio::test]
async fn switching_the_language_changes_labels_and_is_remembered() {
    let b = Browser::start(1000).await;
    b.open("").await;
    assert_eq!(b.text("#screen-title").await, "Plans");
    assert_eq!(b.text("label[for=ui-lang]").await, "Language");

    select(&b.wait("#ui-lang").await, "bg").await;
    b.wait_text("#screen-title", "Планове").await;
    assert_eq!(b.text("label[for=ui-lang]").await, "Език");
    assert_eq!(b.js("return document.documentElement.lang").await, "bg");

    b.reload().await;
    b.wait_text("#screen-title", "Планове").await;

    b.click("[data-testid=new-plan]").await;
    b.click("[data-testid=template-bg_child_short_term]").await;
    b.wait_text("label[for=f-client_name]", "Име на детето")
        .await;
    select(&b.wait("#ui-lang").await, "cs").await;
    b.wait_text("label[for=f-client_name]", "Jméno dítěte")
        .await;
    b.wait_text("[data-testid=next]", "Další").await;
    // A new plan's language follows the UI language.
    let plan_lang = b
        .js("return document.getElementById('f-language').value")
        .await;
    assert_eq!(
        plan_lang, "bg",
        "chosen when the plan was created (UI was Bulgarian then)"
    );
    b.close().await;
}
