//! What is due: a long-term plan with steps due yesterday, today and next month and a plan
//! whose review is overdue → the Today view lists them in the right groups, the plan list
//! shows the count, a click opens the plan, and nothing is written while the view is idle.

use std::time::Duration;

use chrono::{Months, NaiveDate};
use opora::model::{Goal, Horizon, PlanStatus, Step, StoredPlan, TemplateId};
use uuid::Uuid;

use crate::support::*;

/// Today in the browser's time zone (what the app calls today).
async fn browser_today(b: &Browser) -> NaiveDate {
    let v = b
        .js("const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]")
        .await;
    let n = |i: usize| v[i].as_i64().expect("a number");
    NaiveDate::from_ymd_opt(n(0) as i32, n(1) as u32, n(2) as u32).expect("a date")
}

fn plans(today: NaiveDate) -> (StoredPlan, StoredPlan) {
    let mut a = test_plan(1, TemplateId::CzCounselling, "Alena Dvořáková");
    a.status = PlanStatus::InProgress;
    a.horizon = Horizon::LongTerm;
    a.general.duration_from = Some(today - chrono::Duration::days(30));
    a.general.duration_until = Some(today + chrono::Duration::days(200));
    let mut g = Goal::new(Uuid::from_u128(1900));
    g.text = "Stable housing".into();
    for (n, activity, deadline) in [
        (1901, "Call the school", today - chrono::Duration::days(1)),
        (1902, "Visit the housing office", today),
        (1903, "Apply for the benefit", today + Months::new(1)),
    ] {
        let mut s = Step::new(Uuid::from_u128(n));
        s.activity = activity.into();
        s.deadline = Some(deadline);
        g.steps.push(s);
    }
    a.goals.push(g);

    // Started eight months ago, never reviewed: the Czech form asks every 6 months.
    let mut b = test_plan(2, TemplateId::CzCounselling, "Boris Petrov");
    b.status = PlanStatus::InProgress;
    b.horizon = Horizon::LongTerm;
    b.created_on = today - Months::new(8);
    b.general.duration_from = Some(today - Months::new(8));
    (saved_plan(a, 10, 2), saved_plan(b, 20, 3))
}

#[tokio::test]
async fn today_view_lists_overdue_today_and_coming_up_from_the_summaries() {
    let b = Browser::start(1000).await;
    b.open("").await;
    let today = browser_today(&b).await;
    let (alena, boris) = plans(today);
    b.put_plans(&[alena.clone(), boris.clone()]).await;

    // The list shows the count of items overdue or due today: 2 overdue + 1 today.
    b.wait_text("[data-testid=plan-list]", "Boris Petrov").await;
    b.wait_text("[data-testid=today-link]", "· 3").await;
    b.snap("today-list").await;

    b.count_writes().await;
    b.click("[data-testid=today-link]").await;
    let overdue = b
        .wait_text("[data-testid=due-overdue]", "Call the school")
        .await;
    assert!(overdue.contains("Boris Petrov"), "{overdue}");
    assert!(overdue.contains("Review of the plan"), "{overdue}");
    assert!(!overdue.contains("Visit the housing office"), "{overdue}");
    let due_today = b.text("[data-testid=due-today]").await;
    assert!(
        due_today.contains("Visit the housing office"),
        "{due_today}"
    );
    assert!(due_today.contains("Alena Dvořáková"), "{due_today}");
    assert!(due_today.contains("Goal 1 · Step 2"), "{due_today}");
    let page = b.page_text().await;
    assert!(
        !page.contains("Apply for the benefit"),
        "next month's step is not due: {page}"
    );
    assert!(!b.exists("[data-testid=today-empty]").await);
    b.snap("today").await;

    // Idle: nothing is written (opening the view wrote nothing either).
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(
        b.writes().await,
        Vec::<String>::new(),
        "the Today view wrote to localStorage"
    );

    // A click on a step opens its plan at the goals.
    let step_link = b
        .wait("[data-testid=due-today] [data-testid=due-item] a")
        .await;
    step_link.click().await.expect("open the step's plan");
    b.wait("[data-testid=progress]").await;
    assert_eq!(b.plan_id_in_url().await, alena.id());
    let hash = b.js("return location.hash").await;
    assert!(
        hash.as_str().unwrap_or_default().ends_with("/edit/goals"),
        "{hash}"
    );

    // A click on the review opens the plan's view.
    b.open("#/today").await;
    b.click("[data-testid=due-overdue] [data-kind=review] a")
        .await;
    b.wait_text("[data-testid=plan-document]", "Boris Petrov")
        .await;
    assert_eq!(b.plan_id_in_url().await, boris.id());

    // Reviews of the Czech form every 12 months: Boris's review is not due any more. A bad
    // value is refused with a message and not saved.
    b.open("#/today").await;
    b.reload().await;
    b.wait_text("[data-testid=due-overdue]", "Boris Petrov")
        .await;
    b.count_writes().await;
    let input = b.wait("#interval-cz_counselling").await;
    fill(&input, "30").await;
    input.send_keys("\t").await.expect("leave the field");
    b.wait_text("#interval-cz_counselling-error", "1 to 24")
        .await;
    assert_eq!(
        b.writes().await,
        Vec::<String>::new(),
        "a bad interval was saved"
    );
    let input = b.wait("#interval-cz_counselling").await;
    fill(&input, "12").await;
    input.send_keys("\t").await.expect("leave the field");
    b.eventually(async || match b.text("[data-testid=due-overdue]").await {
        t if !t.contains("Boris Petrov") => Ok(()),
        t => Err(format!("Boris's review is still overdue: {t}")),
    })
    .await;
    assert_eq!(b.writes().await, ["opora:settings"]);
    assert_eq!(b.text("#interval-cz_counselling-error").await, "");
    b.open("").await;
    b.wait_text("[data-testid=today-link]", "· 2").await;
    b.reload().await;
    b.open("#/today").await;
    b.wait_value("#interval-cz_counselling", "12").await;
    b.close().await;
}

#[tokio::test]
async fn today_view_fits_a_phone_and_says_when_nothing_is_due() {
    let b = Browser::start(360).await;
    b.open("#/today").await;
    b.wait_text("[data-testid=today-empty]", "Nothing is due")
        .await;
    let today = browser_today(&b).await;
    let (alena, boris) = plans(today);
    b.open("").await;
    b.put_plans(&[alena, boris]).await;
    b.wait_text("[data-testid=today-link]", "· 3").await;
    // The count sits beside the title: the list's header is no taller than before.
    let (title, link) = (
        b.wait("#screen-title")
            .await
            .rectangle()
            .await
            .expect("title box"),
        b.wait("[data-testid=today-link]")
            .await
            .rectangle()
            .await
            .expect("link box"),
    );
    assert!(
        (title.1 + title.3 / 2.0 - (link.1 + link.3 / 2.0)).abs() < 8.0,
        "the Today button is not on the title's row: {title:?} {link:?}"
    );
    b.snap("today-list-phone").await;
    b.open("#/today").await;
    b.wait_text("[data-testid=due-today]", "Visit the housing office")
        .await;
    let overflow = b
        .js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        .await;
    assert_eq!(
        overflow.as_i64(),
        Some(0),
        "the page scrolls sideways at 360 px"
    );
    b.snap("today-phone").await;
    // Every control is at least 44 px tall (links of items, inputs, buttons).
    let small = b
        .js(
            "return [...document.querySelectorAll('main a, main input, main button')]
               .filter(e => e.getBoundingClientRect().height < 44)
               .map(e => e.outerHTML.slice(0, 80))",
        )
        .await;
    assert_eq!(small, serde_json::json!([]), "controls under 44 px");
    b.close().await;
}
