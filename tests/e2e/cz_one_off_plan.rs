//! Seed 000: a Czech one-off ("here and now") oral plan, with validation on the way, then
//! deleted and brought back with undo.

use crate::support::*;

#[tokio::test]
async fn czech_one_off_plan_from_start_to_evaluation() {
    let b = Browser::start(1000).await;
    b.open("").await;
    select(&b.wait("#ui-lang").await, "cs").await;
    b.wait_text("#screen-title", "Plány").await;
    b.click("[data-testid=new-plan]").await;
    b.click("[data-testid=template-cz_counselling]").await;

    // Form: oral, one-off; the wording of an oral plan goes into the meeting record.
    b.wait_text("[data-testid=progress]", "1 / 6").await;
    select(&b.wait("#f-form").await, "oral").await;
    b.click("[data-testid=next]").await;
    b.wait_text("[data-field=meeting_record] .error", "Vyplňte")
        .await;
    assert_eq!(
        b.focused_id().await,
        "f-meeting_record",
        "focus goes to the first error"
    );
    fill_in(
        &b,
        "#f-meeting_record",
        "Domluveno ústně: sepsat rozpočet a kontaktovat věřitele.",
    )
    .await;
    select(&b.wait("#f-horizon").await, "one_off").await;
    b.click("[data-testid=next]").await;

    b.wait_text("[data-testid=progress]", "2 / 6").await;
    fill_in(&b, "#f-client_name", "Jana Nováková").await;
    fill_in(&b, "#f-key_worker", "Petr Dvořák").await;
    b.click("[data-testid=next]").await;

    b.wait_text("[data-testid=progress]", "3 / 6").await;
    fill_in(&b, "#f-why_they_come", "Dluhy po ztrátě zaměstnání").await;
    fill_in(&b, "#f-wishes", "Mít klid a vlastní bydlení").await;
    b.click("[data-testid=next]").await;

    b.wait_text("[data-testid=progress]", "4 / 6").await;
    b.click("[data-testid=add-goal]").await;
    let goal = b.wait("[data-testid=goal]").await;
    select(&within(&goal, "[name=goal_life_area]").await, "debts").await;
    fill(
        &within(&goal, "[name=goal_text]").await,
        "Chci vědět, kolik komu dlužím",
    )
    .await;
    within(&goal, "[data-testid=add-step]")
        .await
        .click()
        .await
        .unwrap();
    let step = b.wait("[data-testid=step]").await;
    fill(
        &within(&step, "[name=step_activity]").await,
        "Sepsat seznam věřitelů",
    )
    .await;
    fill(
        &within(&step, "[name=step_responsible]").await,
        "Klientka s poradcem",
    )
    .await;
    select(&within(&step, "[name=step_frequency]").await, "once").await;
    b.click("[data-testid=next]").await;

    b.wait_text("[data-testid=progress]", "5 / 6").await;
    let people = b.all("[data-testid=participant]").await;
    assert_eq!(people.len(), 2, "client and key counsellor");
    fill(
        &within(&people[0], "[name=participant_name]").await,
        "Jana Nováková",
    )
    .await;
    fill(
        &within(&people[1], "[name=participant_name]").await,
        "Petr Dvořák",
    )
    .await;
    b.click("[data-testid=next]").await;

    b.wait_text("[data-testid=progress]", "6 / 6").await;
    fill_in(
        &b,
        "#f-evaluation",
        "Seznam hotov na konci schůzky, cíl splněn.",
    )
    .await;
    select(&b.wait("#f-status").await, "completed").await;
    b.click("[data-testid=next]").await;

    let doc = b
        .wait_text("[data-testid=plan-document]", "Jana Nováková")
        .await;
    for expected in [
        "Ústní",
        "Jednorázový, „tady a teď“",
        "Domluveno ústně",
        "Dluhy po ztrátě zaměstnání",
        "Dluhy a finance",
        "Chci vědět, kolik komu dlužím",
        "Sepsat seznam věřitelů",
        "Jednou",
        "Seznam hotov na konci schůzky",
        "Splněný",
        "Klíčový poradce",
    ] {
        assert!(
            doc.contains(expected),
            "{expected:?} missing from the plan:\n{doc}"
        );
    }

    // Delete asks first, then offers undo.
    b.click("[data-testid=delete]").await;
    b.click("[data-testid=confirm]").await;
    b.wait("[data-testid=empty-state]").await;
    b.click("[data-testid=toast-action]").await;
    b.wait_text("[data-testid=plan-document]", "Jana Nováková")
        .await;
    b.open("").await;
    assert_eq!(b.all("[data-testid=plan-row]").await.len(), 1);
    b.close().await;
}
