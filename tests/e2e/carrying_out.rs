//! Carrying out a plan: a step's status gets its date, a recurring step records when it took
//! place against what its frequency asks, and the child form records the child's and the
//! parents' views apart — on screen and on paper.

use chrono::{Duration, Local};

use crate::print_forms::{bulgarian_child_plan, printed_lines, squeeze};
use crate::support::*;

#[tokio::test]
async fn a_recurring_step_counts_what_took_place_and_a_status_is_dated() {
    let b = Browser::start(1000).await;
    b.open("").await;
    // The plan started two weeks ago (15 days with today): twice a week asks for 4 so far.
    let today = Local::now().date_naive();
    let mut plan = bulgarian_child_plan(81);
    plan.general.duration_from = Some(today - Duration::days(14));
    plan.general.duration_until = Some(today + Duration::days(60));
    let id = plan.id;
    b.put_plans(&[saved_plan(plan, 81, 1)]).await;
    b.open(&format!("#/plan/{id}/edit/goals")).await;
    b.wait("[data-testid=step]").await;

    // The second step of goal 1 is "help with homework", twice a week.
    let step = b.all("[data-testid=step]").await.remove(1);
    within(&step, "[data-testid=fold-step]")
        .await
        .click()
        .await
        .unwrap();
    let count = within(&step, "[data-testid=occurrence-count]").await;
    assert_eq!(
        count.text().await.unwrap(),
        "Took place 0 of 4 times so far · 20 in all"
    );
    // Today's date is offered; record it, then a day last week typed in.
    within(&step, "[data-testid=record-occurrence]")
        .await
        .click()
        .await
        .unwrap();
    let picker = within(&step, ".occurrence-add input[type=date]").await;
    let last_week = today - Duration::days(6);
    type_date(&picker, &last_week.format("%Y-%m-%d").to_string()).await;
    within(&step, "[data-testid=record-occurrence]")
        .await
        .click()
        .await
        .unwrap();
    b.eventually(async || {
        let text = count.text().await.map_err(|e| e.to_string())?;
        (text == "Took place 2 of 4 times so far · 20 in all")
            .then_some(())
            .ok_or(text)
    })
    .await;
    assert!(
        count
            .attr("class")
            .await
            .unwrap()
            .unwrap_or_default()
            .contains("behind"),
        "2 of 4 is behind"
    );
    b.js("document.querySelector('.occurrences').scrollIntoView({block: 'center'})")
        .await;
    b.snap("step-occurrences-1000").await;
    // The register lists them in date order; one can be taken back.
    let dates = step
        .find_all(fantoccini::Locator::Css(".occurrence-dates li"))
        .await
        .unwrap();
    assert_eq!(dates.len(), 2);

    // Marking the step done dates it today.
    select(&within(&step, "select[name=step_status]").await, "done").await;
    let status_on = within(&step, "input[name=step_status_on]").await;
    assert_eq!(
        status_on.prop("value").await.unwrap().unwrap_or_default(),
        today.format("%Y-%m-%d").to_string()
    );
    fill(
        &within(&step, "[name=step_status_note]").await,
        "Всичко е наваксано",
    )
    .await;
    b.wait_save_state("saved").await;

    let stored = b.stored_plan(id).await.expect("stored");
    let s = &stored.plan.goals[0].steps[1];
    assert_eq!(s.occurrences, vec![last_week, today]);
    assert_eq!(s.status, opora::model::StepStatus::Done);
    assert_eq!(s.status_on, Some(today));
    assert_eq!(s.status_note, "Всичко е наваксано");

    // The plan view shows the status with its date and note, and the count, in Bulgarian.
    b.open(&format!("#/plan/{id}")).await;
    let doc = b.wait("[data-testid=plan-document]").await;
    let text = squeeze(&doc.text().await.unwrap());
    assert!(text.contains("Всичко е наваксано"), "{text}");
    assert!(text.contains("Проведено 2 от 4 пъти досега"), "{text}");
    b.close().await;
}

#[tokio::test]
async fn the_childs_and_the_parents_views_are_recorded_and_print_apart() {
    let b = Browser::start(1000).await;
    b.open("").await;
    let plan = bulgarian_child_plan(82);
    let id = plan.id;
    b.put_plans(&[saved_plan(plan, 82, 1)]).await;
    b.open(&format!("#/plan/{id}/edit/voice")).await;
    fill_in(&b, "[name=child_view]", "Искам да ходя на училище с Петя.").await;
    fill_in(
        &b,
        "[name=parents_view]",
        "Майката е съгласна, бащата не е.",
    )
    .await;
    fill_in(
        &b,
        "[name=how_informed]",
        "Разговор с детето у дома, на разбираем език.",
    )
    .await;
    fill_in(&b, "[name=consent_by]", "Елена Петрова (майка)").await;
    type_date(&b.wait("[name=consent_on]").await, "2026-11-03").await;
    fill_in(
        &b,
        "[name=disagreement]",
        "Бащата смята, че детето трябва да смени училището.",
    )
    .await;
    b.wait_save_state("saved").await;
    let stored = b.stored_plan(id).await.expect("stored");
    let voice = &stored.plan.child_voice;
    assert_eq!(voice.child_view, "Искам да ходя на училище с Петя.");
    assert_eq!(voice.parents_view, "Майката е съгласна, бащата не е.");
    assert_eq!(
        voice.consent_on,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 3)
    );

    b.open(&format!("#/plan/{id}")).await;
    b.wait("[data-testid=plan-document]").await;
    let lines = printed_lines(&b, "print-bg-child-voice").await;
    let text = squeeze(&lines.join("\n"));
    assert!(
        text.contains("IV. Мнение на детето и на родителите, съгласие"),
        "{text}"
    );
    // Each view on its own line, under its own label.
    let child = lines
        .iter()
        .position(|l| squeeze(l).contains("Мнението на детето: Искам да ходя на училище с Петя."))
        .unwrap_or_else(|| panic!("the child's view on its line:\n{}", lines.join("\n")));
    let parents = lines
        .iter()
        .position(|l| {
            squeeze(l).contains("Мнението на родителите: Майката е съгласна, бащата не е.")
        })
        .unwrap_or_else(|| panic!("the parents' view on its line:\n{}", lines.join("\n")));
    assert!(child < parents);
    assert!(!squeeze(&lines[child]).contains("Майката"));
    for expected in [
        "Как е информирано детето: Разговор с детето у дома",
        "Писмено съгласие дадено от: Елена Петрова (майка)",
        "Дата на съгласието: 03.11.2026 г.",
        "Защо някоя страна не е съгласна (ако е така): Бащата смята",
    ] {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }
    // The part comes before the date and the signature lines, as on the form.
    let part = text.find("IV. Мнение").unwrap();
    let date = text.find("Дата:").unwrap();
    assert!(part < date, "the views come before the signatures");
    b.close().await;
}
