//! Made for a phone (360 × 740): a one-off plan in few actions on one screen, the first plan
//! of the list visible without scrolling, steps that fold, touch targets of 44 px.

use crate::support::*;
use fantoccini::elements::Element;
use opora::model::{Goal, Horizon, PlanStatus, Progress, Role, Step, TemplateId};

/// Counts what the user does: each click and each field filled is one action.
struct Actions<'a> {
    b: &'a Browser,
    n: u32,
}

impl Actions<'_> {
    async fn click(&mut self, css: &str) {
        self.n += 1;
        self.b.click(css).await;
    }

    async fn fill(&mut self, css: &str, text: &str) {
        self.n += 1;
        fill_in(self.b, css, text).await;
    }

    async fn date(&mut self, css: &str, iso: &str) {
        self.n += 1;
        type_date(&self.b.wait(css).await, iso).await;
    }

    /// Fills the field `css` inside `parent`.
    async fn fill_within(&mut self, parent: &Element, css: &str, text: &str) {
        self.n += 1;
        fill(&within(parent, css).await, text).await;
    }

    async fn date_within(&mut self, parent: &Element, css: &str, iso: &str) {
        self.n += 1;
        type_date(&within(parent, css).await, iso).await;
    }
}

#[tokio::test]
async fn quick_one_off_plan_on_a_phone_in_at_most_15_actions() {
    let b = Browser::start(360).await;
    b.open("").await;
    // An earlier plan of the same worker: the quick plan remembers them.
    let earlier = test_plan(1, TemplateId::CzCounselling, "Karel Svoboda");
    b.put_plans(&[saved_plan(earlier, 1, 1)]).await;
    b.wait("[data-testid=plan-row]").await;

    let mut a = Actions { b: &b, n: 0 };
    a.click("[data-testid=quick-plan]").await;
    b.wait_text("#screen-title", "One-off plan").await;
    assert_eq!(
        b.value("#f-key_worker").await,
        "Eva Horáková",
        "the key worker of the last plan"
    );
    assert_eq!(
        b.value("#quick-template").await,
        "cz_counselling",
        "the counselling form unless chosen otherwise"
    );
    a.fill("#f-client_name", "Jana Nováková").await;
    a.fill("#f-why_they_come", "A letter from the bailiff")
        .await;
    a.fill("[name=goal_text]", "Know what I owe and to whom")
        .await;
    a.fill("[name=step_activity]", "List all creditors").await;
    a.fill("[name=step_responsible]", "Jana").await;
    a.date("[name=step_deadline]", "2026-12-01").await;
    a.click("[data-testid=add-step]").await;
    let steps = b.all("[data-testid=step]").await;
    assert_eq!(steps.len(), 2);
    let second = &steps[1];
    assert_eq!(
        within(second, ".step-title").await.text().await.unwrap(),
        "Goal 1 · Step 2"
    );
    a.fill_within(
        second,
        "[name=step_activity]",
        "Call the debt counselling line",
    )
    .await;
    a.fill_within(second, "[name=step_responsible]", "Eva")
        .await;
    a.date_within(second, "[name=step_deadline]", "2026-12-05")
        .await;
    // The end-of-meeting evaluation: one tap to rate the goal, a few words.
    a.click("[data-testid=quick-evaluation] label[data-level='1']")
        .await;
    a.fill(
        "[data-testid=quick-evaluation] [name=review_comment]",
        "List started together; Jana knows the next step.",
    )
    .await;
    assert_no_horizontal_scroll(&b).await;
    b.snap("quick-plan-360").await;
    a.click("[data-testid=quick-done]").await;

    let doc = b
        .wait_text("[data-testid=plan-document]", "Jana Nováková")
        .await;
    for expected in [
        "Know what I owe and to whom",
        "List all creditors",
        "Call the debt counselling line",
        "List started together",
        "Eva Horáková",
    ] {
        assert!(doc.contains(expected), "{expected:?} missing:\n{doc}");
    }
    println!("QUICK PLAN: {} actions (target ≤ 15)", a.n);
    assert!(a.n <= 15, "{} actions", a.n);

    let id = b.plan_id_in_url().await;
    let stored = b.stored_plan(id).await.expect("saved");
    let p = &stored.plan;
    assert_eq!(p.horizon, Horizon::OneOff);
    assert_eq!(p.status, PlanStatus::Completed, "evaluated at the end");
    assert_eq!(p.created_on, chrono::Local::now().date_naive());
    assert_eq!(p.goals.len(), 1);
    assert_eq!(p.goals[0].steps.len(), 2);
    let review = p.end_of_meeting().expect("the end-of-meeting evaluation");
    assert_eq!(
        review.for_goal(p.goals[0].id).and_then(|g| g.progress),
        Some(Progress::SomeProgress)
    );
    let names: Vec<_> = p
        .participants
        .iter()
        .map(|x| (x.role, x.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            (Role::Client, "Jana Nováková"),
            (Role::KeyCounsellor, "Eva Horáková")
        ]
    );

    // Later the cooperation goes on: the same plan becomes long-term, nothing retyped.
    b.click("[data-testid=continue-long-term]").await;
    b.wait("[data-section=situation]").await;
    assert_eq!(
        b.value("#f-why_they_come").await,
        "A letter from the bailiff"
    );
    let after = b.wait_generation(id, stored.revisions.start + 1).await;
    assert_eq!(after.plan.horizon, Horizon::LongTerm);
    assert_eq!(after.plan.status, PlanStatus::InProgress);
    assert_eq!(after.plan.goals, p.goals);
    b.close().await;
}

#[tokio::test]
async fn quick_plan_asks_for_what_is_missing_before_done() {
    let b = Browser::start(360).await;
    b.open("").await;
    b.click("[data-testid=quick-plan]").await;
    b.wait("#f-client_name").await;
    b.click("[data-testid=quick-done]").await;
    b.wait_text("[data-field=client_name] .error", "fill this in")
        .await;
    assert_eq!(b.focused_id().await, "f-client_name");
    // The child form: its labels, the life area it requires.
    select(&b.wait("#quick-template").await, "bg_child_short_term").await;
    b.wait_text("label[for=f-client_name]", "Child's name")
        .await;
    assert!(b.exists("[name=goal_life_area]").await);
    b.close().await;
}

#[tokio::test]
async fn list_shows_the_first_plan_without_scrolling_at_360() {
    let b = Browser::start(360).await;
    b.open("").await;
    let plans: Vec<_> = (1..=3)
        .map(|n| {
            saved_plan(
                test_plan(n, TemplateId::CzCounselling, &format!("Client {n}")),
                n as u32,
                1,
            )
        })
        .collect();
    b.put_plans(&plans).await;
    b.wait("[data-testid=plan-row]").await;
    let rect = b
        .js("const r = document.querySelector('[data-testid=plan-row]').getBoundingClientRect(); return [r.top, r.bottom, window.innerHeight]")
        .await;
    let (top, bottom, height) = (
        rect[0].as_f64().unwrap(),
        rect[1].as_f64().unwrap(),
        rect[2].as_f64().unwrap(),
    );
    println!("FIRST ROW at 360x740: top {top} px, bottom {bottom} px");
    assert!(
        bottom <= height,
        "the first plan ends at {bottom} px, below the {height} px window"
    );
    assert_touch_targets(&b, "plan list").await;
    // Filters are one tap away, and say how many apply.
    b.click("[data-testid=filters] summary").await;
    select(&b.wait("#filter-status").await, "draft").await;
    b.wait_text("[data-testid=filters] summary", "1").await;
    b.snap("list-360").await;
    b.close().await;
}

#[tokio::test]
async fn steps_are_numbered_and_fold_to_one_line() {
    let b = Browser::start(360).await;
    b.open("").await;
    let mut plan = test_plan(7, TemplateId::BgChildShortTerm, "Иван Петров");
    let mut k = 7_000_500u128;
    let mut id = || {
        k += 1;
        uuid::Uuid::from_u128(k)
    };
    for g in 1..=3 {
        let mut goal = Goal::new(id());
        goal.life_area = "education".into();
        goal.text = format!("Goal text {g}");
        for s in 1..=3 {
            let mut step = Step::new(id());
            step.activity = format!("Activity {g}.{s} with a long description of what happens");
            step.responsible = format!("Person {g}.{s}");
            step.result = "Result".into();
            step.network_support = "School".into();
            step.risk_management = "Call if absent".into();
            step.feedback = "Weekly".into();
            goal.steps.push(step);
        }
        plan.goals.push(goal);
    }
    b.put_plans(&[saved_plan(plan, 7, 1)]).await;
    b.open("#/plan/00000000-0000-0000-0000-000000000007/edit/goals")
        .await;
    let titles = b.all("[data-testid=step] .step-title").await;
    assert_eq!(titles.len(), 9);
    assert_eq!(titles[5].text().await.unwrap(), "Goal 2 · Step 3");
    let steps = b.all("[data-testid=step]").await;
    let summary = within(&steps[0], ".step-summary")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        summary.contains("Activity 1.1") && summary.contains("Person 1.1"),
        "{summary}"
    );
    let height = b.js("return document.documentElement.scrollHeight").await;
    let height = height.as_f64().unwrap();
    println!("EDITOR 3 goals x 3 steps folded at 360: {height} px");
    assert!(height < 3000.0, "the folded goals are {height} px long");
    assert_touch_targets(&b, "editor").await;

    // Unfold one step: its fields show, and its help speaks of the child's people.
    let fold = within(&steps[1], "[data-testid=fold-step]").await;
    assert_eq!(
        fold.attr("aria-expanded").await.unwrap().as_deref(),
        Some("false")
    );
    fold.click().await.unwrap();
    let activity = within(&steps[1], "[name=step_activity]").await;
    assert!(
        activity.is_displayed().await.unwrap(),
        "the unfolded step shows its fields"
    );
    assert_eq!(
        activity.prop("value").await.unwrap().as_deref(),
        Some("Activity 1.2 with a long description of what happens")
    );
    assert_eq!(
        fold.attr("aria-expanded").await.unwrap().as_deref(),
        Some("true")
    );
    let help = within(&steps[1], "[data-field=step_responsible] .help")
        .await
        .text()
        .await
        .unwrap();
    assert!(help.contains("Parent, child"), "{help}");
    assert!(
        !within(&steps[0], "[name=step_activity]")
            .await
            .is_displayed()
            .await
            .unwrap(),
        "the other steps stay folded"
    );
    b.close().await;
}

pub(crate) async fn assert_no_horizontal_scroll(b: &Browser) {
    let w = b
        .js("return [document.documentElement.scrollWidth, window.innerWidth]")
        .await;
    assert!(w[0].as_u64().unwrap() <= w[1].as_u64().unwrap(), "{w}");
}

/// Every visible control is at least 44 × 44 px (a checkbox, or an input inside a
/// `label.choice`, counts with its label).
pub(crate) async fn assert_touch_targets(b: &Browser, screen: &str) {
    let small = b
        .js(r#"
            const small = [];
            for (const e of document.querySelectorAll('button, .button, select, input:not([type=checkbox]):not(label.choice input), summary, .select-hit, .field.check, label.choice')) {
                const r = e.getBoundingClientRect();
                if (r.width === 0 && r.height === 0) continue; // not shown
                if (r.width < 44 || r.height < 44) {
                    small.push(`${e.tagName.toLowerCase()}.${e.className} "${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
                }
            }
            return small;
        "#)
        .await;
    assert_eq!(
        small,
        serde_json::json!([]),
        "{screen}: targets under 44 px"
    );
}
