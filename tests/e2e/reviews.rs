//! Reviews of a plan, progress at a glance and the plan's lifecycle, as a worker uses them:
//! two reviews rating two goals make each goal's chart and its table; completing with the
//! final review makes the plan read-only until it is reopened (recorded); a one-off plan's
//! end-of-meeting evaluation on one phone screen.

use crate::phone::{assert_no_horizontal_scroll, assert_touch_targets};
use crate::support::*;
use opora::model::{Goal, Horizon, PlanStatus, Progress, ReviewKind, TemplateId};
use serde_json::Value;

/// A long-term counselling plan in progress with `goals` goals.
fn running_plan(n: u128, client: &str, goals: &[&str]) -> opora::model::Plan {
    let mut p = test_plan(n, TemplateId::CzCounselling, client);
    p.horizon = Horizon::LongTerm;
    p.status = PlanStatus::InProgress;
    p.participants[0].name = client.into();
    p.participants[1].name = "Eva Horáková".into();
    for (i, text) in goals.iter().enumerate() {
        let mut g = Goal::new(uuid::Uuid::from_u128(n * 1000 + 500 + i as u128));
        g.text = (*text).into();
        p.goals.push(g);
    }
    p
}

/// Records a review from the plan view: date, and per goal the level (0–3) with a comment.
async fn record_review(b: &Browser, date: &str, levels: &[u8], comment: &str) {
    b.click("[data-testid=record-review]").await;
    b.wait("#rv-date").await;
    type_date(&b.wait("#rv-date").await, date).await;
    let goals = b.all("[data-testid=review-goal]").await;
    assert_eq!(goals.len(), levels.len(), "one part per goal");
    for (g, level) in goals.iter().zip(levels) {
        within(g, &format!("label[data-level='{level}']"))
            .await
            .click()
            .await
            .unwrap();
        fill(&within(g, "[name=review_comment]").await, comment).await;
    }
    b.click("[data-testid=save-review]").await;
    b.wait("[data-testid=plan-document]").await;
}

/// The texts of each cell of the rows matching `css` inside `parent`.
async fn rows(b: &Browser, css: &str) -> Vec<Vec<String>> {
    let v = b
        .js_args(
            "return [...document.querySelectorAll(arguments[0])].map(r => [...r.cells].map(c => c.textContent))",
            vec![css.into()],
        )
        .await;
    serde_json::from_value(v).unwrap()
}

#[tokio::test]
async fn two_reviews_rating_two_goals_chart_each_goal_and_count_the_plan() {
    let b = Browser::start(1000).await;
    b.open("").await;
    let plan = running_plan(41, "Jana Nováková", &["Pay the rent on time", "Find a job"]);
    b.put_plans(&[saved_plan(plan, 41, 1)]).await;
    b.open("#/plan/00000000-0000-0000-0000-000000000029").await;
    b.wait("[data-testid=plan-document]").await;
    assert!(
        !b.exists("[data-part=reviews]").await,
        "no reviews part before the first review"
    );

    // First review: its defaults, then the ratings.
    b.click("[data-testid=record-review]").await;
    b.wait("#rv-date").await;
    assert_eq!(b.value("#rv-kind").await, "periodic");
    assert_eq!(
        b.value("#rv-took-part").await,
        "Jana Nováková, Eva Horáková",
        "those present"
    );
    type_date(&b.wait("#rv-date").await, "2026-01-15").await;
    assert_eq!(
        b.value("#rv-next-review").await,
        "2026-07-15",
        "six months on, the counselling form's interval"
    );
    let goals = b.all("[data-testid=review-goal]").await;
    assert!(within(&goals[0], "h3")
        .await
        .text()
        .await
        .unwrap()
        .contains("Pay the rent"));
    within(&goals[0], "label[data-level='1']")
        .await
        .click()
        .await
        .unwrap();
    within(&goals[1], "label[data-level='0']")
        .await
        .click()
        .await
        .unwrap();
    fill(
        &within(&goals[0], "[name=review_client_view]").await,
        "I paid twice",
    )
    .await;
    fill(
        &within(&goals[0], "[name=review_worker_view]").await,
        "Paid late once",
    )
    .await;
    fill_in(&b, "#rv-next-steps", "Set up a standing order").await;
    b.snap("review-1000").await;
    b.click("[data-testid=save-review]").await;
    b.wait("[data-testid=plan-document]").await;

    record_review(&b, "2026-04-20", &[3, 2], "Better").await;

    let id = uuid::Uuid::from_u128(41);
    let stored = b.stored_plan(id).await.unwrap();
    assert_eq!(stored.plan.reviews.len(), 2);
    let charts = b.all("[data-testid=goal-progress]").await;
    assert_eq!(charts.len(), 2, "a chart per goal");
    let expected = [
        [
            ("15 Jan 2026", "Some progress", "1"),
            ("20 Apr 2026", "Reached", "3"),
        ],
        [
            ("15 Jan 2026", "Not started", "0"),
            ("20 Apr 2026", "Mostly reached", "2"),
        ],
    ];
    for (g, want) in expected.iter().enumerate() {
        let sel = format!("[data-testid=goal-progress]:nth-of-type({}) ", g + 1);
        let table = rows(&b, &format!("{sel}[data-testid=progress-row]")).await;
        let want_rows: Vec<Vec<String>> = want
            .iter()
            .map(|(d, w, s)| vec![d.to_string(), w.to_string(), s.to_string()])
            .collect();
        assert_eq!(table, want_rows, "goal {} table", g + 1);
        let scores = b
            .js_args(
                "return [...document.querySelectorAll(arguments[0])].map(c => c.getAttribute('data-score'))",
                vec![format!("{sel}svg circle").into()],
            )
            .await;
        let scores: Vec<String> = serde_json::from_value(scores).unwrap();
        assert_eq!(
            scores,
            want.iter().map(|w| w.2.to_string()).collect::<Vec<_>>(),
            "goal {}: both points, the table's numbers",
            g + 1
        );
        // Higher levels sit higher: the y of each point follows its score.
        let ys = b
            .js_args(
                "return [...document.querySelectorAll(arguments[0])].map(c => Number(c.getAttribute('cy')))",
                vec![format!("{sel}svg circle").into()],
            )
            .await;
        let ys: Vec<f64> = serde_json::from_value(ys).unwrap();
        assert!(
            ys[1] < ys[0],
            "goal {}: the later point is higher {ys:?}",
            g + 1
        );
        let chart = b.wait(&format!("{sel}svg")).await;
        assert_eq!(chart.attr("role").await.unwrap().as_deref(), Some("img"));
        let alt = chart.attr("aria-label").await.unwrap().unwrap();
        for (d, w, _) in want {
            assert!(
                alt.contains(d) && alt.contains(w),
                "text alternative {alt:?}"
            );
        }
    }
    let tally = b.wait("[data-testid=goals-tally]").await;
    let counts: Vec<_> = [
        tally.attr("data-reached").await.unwrap(),
        tally.attr("data-partly").await.unwrap(),
        tally.attr("data-not").await.unwrap(),
    ]
    .into_iter()
    .map(Option::unwrap)
    .collect();
    assert_eq!(counts, ["1", "1", "0"]);
    assert!(tally.text().await.unwrap().contains("reached 1"));

    // Each review, with the client's and the worker's views side by side.
    let reviews = b.all("[data-testid=view-review]").await;
    assert_eq!(reviews.len(), 2);
    let first = reviews[0].text().await.unwrap();
    for expected in [
        "Periodic review",
        "15 Jan 2026",
        "I paid twice",
        "Paid late once",
        "Set up a standing order",
        "15 Jul 2026",
    ] {
        assert!(first.contains(expected), "{expected:?} missing:\n{first}");
    }
    let views = b
        .js("const v = [...document.querySelectorAll('[data-testid=view-review] dl.views .view')].slice(0, 2).map(e => e.getBoundingClientRect()); return [v[0].top, v[1].top, v[0].left, v[1].left]")
        .await;
    let v: Vec<f64> = serde_json::from_value(views).unwrap();
    assert!(
        (v[0] - v[1]).abs() < 1.0 && v[2] < v[3],
        "side by side: {v:?}"
    );
    b.js("document.querySelector('[data-part=reviews]').scrollIntoView()")
        .await;
    b.snap("reviews-view-1000").await;
    b.close().await;
}

#[tokio::test]
async fn a_plan_completed_with_its_final_review_is_read_only_until_reopened() {
    let b = Browser::start(1000).await;
    b.open("").await;
    let plan = running_plan(42, "Petr Novák", &["Keep the flat"]);
    b.put_plans(&[saved_plan(plan, 42, 1)]).await;
    let id = uuid::Uuid::from_u128(42);
    b.open(&format!("#/plan/{id}")).await;
    b.click("[data-testid=complete-plan]").await;
    b.wait("#rv-date").await;
    assert_eq!(b.value("#rv-kind").await, "final");
    b.wait_text("[data-testid=save-review]", "complete the plan")
        .await;
    b.click("[data-testid=review-goal] label[data-level='3']")
        .await;
    b.click("[data-testid=save-review]").await;
    b.wait("[data-testid=plan-document]").await;
    let stored = b.stored_plan(id).await.unwrap();
    assert_eq!(stored.plan.status, PlanStatus::Completed);
    assert_eq!(stored.plan.reviews[0].kind, ReviewKind::Final);
    b.wait_text("[data-testid=status-change]", "In progress → Completed")
        .await;
    assert!(
        !b.exists("[data-testid=record-review]").await,
        "nothing more to record"
    );
    assert!(
        !b.exists("[data-testid=plan-document] .edit-link").await,
        "no edit links"
    );

    // The editor shows the document and the notice, nothing to type into, and writes nothing.
    b.open(&format!("#/plan/{id}/edit")).await;
    b.wait("[data-testid=read-only]").await;
    b.count_writes().await;
    b.wait("[data-testid=read-only] ~ #document-host [data-testid=plan-document]")
        .await;
    let fields = b
        .js("return document.querySelectorAll('main input, main textarea, main select').length")
        .await;
    assert_eq!(fields, Value::from(0), "no editable field");
    b.open(&format!("#/plan/{id}/quick")).await;
    b.wait("[data-testid=read-only]").await;
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    assert_eq!(
        b.writes().await,
        Vec::<String>::new(),
        "no setItem while on it"
    );
    b.snap("read-only-1000").await;

    // Reopening asks why, and is recorded; the editor is editable again.
    b.open(&format!("#/plan/{id}/edit")).await;
    b.click("[data-testid=reopen]").await;
    b.click("[data-testid=reason-confirm]").await;
    b.wait_text("[data-testid=reason-dialog] .error", "fill this in")
        .await;
    assert_eq!(
        b.stored_plan(id).await.unwrap().plan.status,
        PlanStatus::Completed
    );
    fill_in(&b, "#reason", "The landlord gave notice").await;
    b.click("[data-testid=reason-confirm]").await;
    b.wait("[data-testid=next]").await;
    assert!(!b.exists("[data-testid=read-only]").await);
    let stored = b.stored_plan(id).await.unwrap();
    assert_eq!(stored.plan.status, PlanStatus::InProgress);
    let last = stored.plan.status_log.last().unwrap();
    assert_eq!(
        (last.from, last.to, last.reason.as_str()),
        (
            PlanStatus::Completed,
            PlanStatus::InProgress,
            "The landlord gave notice"
        )
    );
    b.open(&format!("#/plan/{id}")).await;
    b.wait_text(
        "[data-testid=plan-document]",
        "Completed → In progress — The landlord gave notice",
    )
    .await;
    assert!(b.exists("[data-testid=record-review]").await);
    b.close().await;
}

#[tokio::test]
async fn a_one_off_plan_with_its_end_of_meeting_evaluation_on_one_screen_at_360() {
    let b = Browser::start(360).await;
    b.open("").await;
    b.click("[data-testid=quick-plan]").await;
    b.wait("#f-client_name").await;
    fill_in(&b, "#f-client_name", "Jana Nováková").await;
    fill_in(&b, "#f-key_worker", "Eva Horáková").await;
    fill_in(&b, "#f-why_they_come", "A letter from the bailiff").await;
    fill_in(&b, "[name=goal_text]", "Know what I owe").await;
    fill_in(&b, "[name=step_activity]", "List all creditors").await;
    fill_in(&b, "[name=step_responsible]", "Jana").await;
    type_date(&b.wait("[name=step_deadline]").await, "2026-12-01").await;
    let eval = b.wait("[data-testid=quick-evaluation]").await;
    assert!(
        within(&eval, ".goal-text")
            .await
            .text()
            .await
            .unwrap()
            .contains("Know what I owe"),
        "the goal is named where it is rated"
    );
    within(&eval, "label[data-level='2']")
        .await
        .click()
        .await
        .unwrap();
    fill(
        &within(&eval, "[name=review_comment]").await,
        "Half the list done",
    )
    .await;
    fill(
        &within(&eval, "[name=review_client_view]").await,
        "I feel calmer",
    )
    .await;
    assert!(
        !b.exists("#f-evaluation").await,
        "no free-text evaluation on a new plan"
    );
    assert_no_horizontal_scroll(&b).await;
    assert_touch_targets(&b, "quick plan").await;
    b.snap("quick-evaluation-360").await;
    b.click("[data-testid=quick-done]").await;

    let doc = b
        .wait_text("[data-testid=plan-document]", "Half the list done")
        .await;
    for expected in [
        "End of meeting",
        "Mostly reached",
        "I feel calmer",
        "Jana Nováková, Eva Horáková",
    ] {
        assert!(doc.contains(expected), "{expected:?} missing:\n{doc}");
    }
    assert_eq!(
        b.all("[data-testid=goal-progress] svg circle").await.len(),
        1
    );
    assert_no_horizontal_scroll(&b).await;
    b.js("document.querySelector('[data-part=reviews]').scrollIntoView()")
        .await;
    b.snap("one-off-view-360").await;
    let id = b.plan_id_in_url().await;
    let p = b.stored_plan(id).await.unwrap().plan;
    assert_eq!(
        p.status,
        PlanStatus::Completed,
        "completed by its evaluation"
    );
    let r = p.end_of_meeting().unwrap();
    assert_eq!(r.kind, ReviewKind::EndOfMeeting);
    assert_eq!(r.goals[0].progress, Some(Progress::Mostly));
    assert_eq!(r.goals[0].client_view, "I feel calmer");
    b.close().await;
}
