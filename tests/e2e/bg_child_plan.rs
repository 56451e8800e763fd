//! Seed 002: a Bulgarian plan for a child — general info, two goals, three steps, four
//! participants — survives a reload exactly as entered.

use crate::support::*;

#[tokio::test]
async fn bulgarian_child_plan_is_complete_after_reload() {
    let b = Browser::start(1000).await;
    b.open("").await;
    b.wait("[data-testid=empty-state]").await;
    b.click("[data-testid=new-plan]").await;
    b.click("[data-testid=template-bg_child_short_term]").await;

    // I. General information
    b.wait_text("[data-testid=progress]", "1 / 4").await;
    fill_in(&b, "#f-client_name", "Иван Петров").await;
    type_date(&b.wait("#f-date_of_birth").await, "2015-03-01").await;
    fill_in(&b, "#f-place_of_service", "ЦОП „Надежда“, Пловдив").await;
    fill_in(&b, "#f-key_worker", "Мария Иванова").await;
    type_date(&b.wait("#f-duration_from").await, "2026-11-01").await;
    type_date(&b.wait("#f-duration_until").await, "2027-04-30").await;
    select(&b.wait("#f-language").await, "bg").await;
    b.click("[data-testid=next]").await;

    // II./III. Goals and activities: the empty section refuses to go on.
    b.wait_text("[data-testid=progress]", "2 / 4").await;
    b.click("[data-testid=next]").await;
    b.wait_text("#sec-goals", "Add at least one goal").await;

    b.click("[data-testid=add-goal]").await;
    let goal = b.wait("[data-testid=goal]").await;
    select(&within(&goal, "[name=goal_life_area]").await, "education").await;
    fill(
        &within(&goal, "[name=goal_text]").await,
        "Иван ходи редовно на училище",
    )
    .await;
    within(&goal, "[data-testid=add-step]")
        .await
        .click()
        .await
        .unwrap();
    let step = b.wait("[data-testid=goal] [data-testid=step]").await;
    fill(
        &within(&step, "[name=step_activity]").await,
        "Среща с класния ръководител",
    )
    .await;
    fill(
        &within(&step, "[name=step_responsible]").await,
        "Мария Иванова",
    )
    .await;
    type_date(&within(&step, "[name=step_deadline]").await, "2026-12-15").await;
    fill(
        &within(&step, "[name=step_result]").await,
        "Договорен график на посещения",
    )
    .await;
    fill(
        &within(&step, "[name=step_network_support]").await,
        "Училищен психолог",
    )
    .await;
    fill(
        &within(&step, "[name=step_risk_management]").await,
        "При отсъствие – обаждане на родителя",
    )
    .await;
    fill(
        &within(&step, "[name=step_feedback]").await,
        "Детето е съгласно",
    )
    .await;

    within(&goal, "[data-testid=add-step]")
        .await
        .click()
        .await
        .unwrap();
    let steps = b.all("[data-testid=goal] [data-testid=step]").await;
    assert_eq!(steps.len(), 2);
    fill(
        &within(&steps[1], "[name=step_activity]").await,
        "Помощ с домашните",
    )
    .await;
    fill(
        &within(&steps[1], "[name=step_responsible]").await,
        "Доброволец",
    )
    .await;
    select(
        &within(&steps[1], "[name=step_frequency]").await,
        "per_week",
    )
    .await;
    fill(&within(&steps[1], "[name=step_frequency_times]").await, "2").await;

    b.click("[data-testid=add-goal]").await;
    let goals = b.all("[data-testid=goal]").await;
    assert_eq!(goals.len(), 2);
    select(&within(&goals[1], "[name=goal_life_area]").await, "health").await;
    fill(
        &within(&goals[1], "[name=goal_text]").await,
        "Редовни прегледи при личния лекар",
    )
    .await;
    within(&goals[1], "[data-testid=add-step]")
        .await
        .click()
        .await
        .unwrap();
    let step3 = b.all("[data-testid=goal]:nth-of-type(2) [data-testid=step], [data-testid=goal] + [data-testid=goal] [data-testid=step]").await;
    let step3 = step3.last().expect("the third step");
    fill(
        &within(step3, "[name=step_activity]").await,
        "Записване за профилактичен преглед",
    )
    .await;
    fill(&within(step3, "[name=step_responsible]").await, "Родител").await;
    type_date(&within(step3, "[name=step_deadline]").await, "2027-01-31").await;
    b.snap("bg-goals").await;
    b.click("[data-testid=next]").await;

    // Participants: the four signature lines of the form.
    b.wait_text("[data-testid=progress]", "3 / 4").await;
    let people = b.all("[data-testid=participant]").await;
    assert_eq!(
        people.len(),
        4,
        "parent, child, team social worker, child-protection worker"
    );
    let names = [
        "Елена Петрова",
        "Иван Петров",
        "Мария Иванова",
        "Георги Димитров",
    ];
    for (p, name) in people.iter().zip(names) {
        fill(&within(p, "[name=participant_name]").await, name).await;
    }
    within(&people[0], "[name=participant_signed]")
        .await
        .click()
        .await
        .unwrap();
    // Reload right after the last keystroke: nothing typed may be lost.
    b.reload().await;

    // The plan exists, and the editor shows what was typed.
    let stored = b.local_storage().await;
    let plan_json = stored
        .iter()
        .find(|(k, _)| k.starts_with("opora:plan:"))
        .map(|(_, v)| {
            let plan = opora::storage::parse_plan(v.as_str().unwrap()).expect("readable");
            serde_json::to_string(&plan).unwrap()
        })
        .expect("a stored plan");
    assert!(
        plan_json.contains("Георги Димитров"),
        "last keystrokes were saved"
    );
    assert!(plan_json.contains("\"signed\":true"));

    let people = b.all("[data-testid=participant]").await;
    assert_eq!(people.len(), 4);
    b.click("[data-testid=next]").await;

    // The child's voice: the child's and the parents' views apart, and the consent.
    b.wait_text("[data-testid=progress]", "4 / 4").await;
    fill_in(&b, "[name=child_view]", "Иска да остане в своя клас.").await;
    fill_in(&b, "[name=parents_view]", "Майката подкрепя плана.").await;
    fill_in(&b, "[name=consent_by]", "Елена Петрова").await;
    b.click("[data-testid=next]").await;

    // The readable plan: everything is there.
    let doc = b.text("[data-testid=plan-document]").await;
    for expected in [
        "Иван Петров",
        "01.03.2015 г.",
        "ЦОП „Надежда“, Пловдив",
        "Мария Иванова",
        "01.11.2026 г. – 30.04.2027 г.",
        "Образование",
        "Иван ходи редовно на училище",
        "Среща с класния ръководител",
        "15.12.2026 г.",
        "Договорен график на посещения",
        "Училищен психолог",
        "При отсъствие – обаждане на родителя",
        "Детето е съгласно",
        "Помощ с домашните",
        "2× седмично",
        "Здраве",
        "Редовни прегледи при личния лекар",
        "Записване за профилактичен преглед",
        "Елена Петрова",
        "Георги Димитров",
        "Родител/ законен представител",
        "Социален работник ОЗД",
        "Иска да остане в своя клас.",
        "Майката подкрепя плана.",
    ] {
        assert!(
            doc.contains(expected),
            "{expected:?} missing from the plan:\n{doc}"
        );
    }
    assert_eq!(b.all("[data-testid=view-goal]").await.len(), 2);
    assert_eq!(b.all("[data-testid=view-step]").await.len(), 3);
    assert_eq!(b.all("[data-testid=signature]").await.len(), 4);

    b.snap("bg-view").await;
    b.print_pdf("bg-print").await;
    b.reload().await;
    assert_eq!(
        b.all("[data-testid=view-step]").await.len(),
        3,
        "still there after reload"
    );
    b.open("").await;
    let row = b.text("[data-testid=plan-row]").await;
    assert!(row.contains("Иван Петров"), "{row}");
    assert!(row.contains("Draft"), "{row}");
    b.close().await;
}
