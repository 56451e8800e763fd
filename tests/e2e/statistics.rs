//! The statistics screen as a service lead uses it: with the hand-worked fixture stored
//! (`fixtures/statistics_plans.rs`, figures checked natively in tests/statistics.rs), the
//! screen shows the same numbers, every chart has a name and a table, filters narrow the
//! plans; statistics from three files with an overlapping plan count it once and write
//! nothing.

use chrono::Utc;
use opora::files::PlanFile;
use opora::model::StoredPlan;

use crate::statistics_fixture::fixture;
use crate::support::*;

fn stored(n: u32, plan: opora::model::Plan) -> StoredPlan {
    saved_plan(plan, 100 * n, 2)
}

async fn cells(b: &Browser, row: &str) -> Vec<String> {
    let mut out = Vec::new();
    for c in b.all(&format!("{row} th, {row} td")).await {
        out.push(c.text().await.expect("cell text"));
    }
    out
}

async fn attr_list(b: &Browser, css: &str, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    for e in b.all(css).await {
        out.push(e.attr(attr).await.expect("attribute").unwrap_or_default());
    }
    out
}

#[tokio::test]
async fn the_screen_shows_the_figures_of_the_stored_plans_with_charts_and_tables() {
    let downloads = download_dir("stats-csv");
    let b = Browser::start_with(Options {
        width: 1280,
        download_dir: Some(downloads.display().to_string()),
        ..Options::default()
    })
    .await;
    b.open("").await;
    let plans: Vec<StoredPlan> = fixture()
        .into_iter()
        .enumerate()
        .map(|(i, p)| stored(i as u32 + 1, p))
        .collect();
    b.put_plans(&plans).await;
    b.wait("[data-testid=plan-row]").await;
    b.click("[data-testid=stats-link]").await;
    b.count_writes().await;
    let totals = b.wait("[data-testid=stats-totals]").await;
    assert_eq!(
        totals.attr("data-plans").await.unwrap().as_deref(),
        Some("7")
    );
    assert_eq!(
        totals.attr("data-clients").await.unwrap().as_deref(),
        Some("6")
    );
    assert_eq!(totals.text().await.unwrap(), "Plans: 7 · Clients: 6");

    // Overview: P7 is a one-off plan for P1's client.
    assert_eq!(
        cells(&b, "[data-name='One-off or long-term: Long-term']").await,
        ["One-off or long-term: Long-term", "6", "6"]
    );
    assert_eq!(
        cells(
            &b,
            "[data-testid=stats-months-table] tr[data-month='2026-03']"
        )
        .await,
        ["2026-03", "2", "1"]
    );
    // Life areas, most goals first, with outcomes and the median time to reach.
    assert_eq!(
        attr_list(&b, "[data-testid=stats-areas-table] tbody tr", "data-area").await,
        ["housing", "debts", "education"]
    );
    assert_eq!(
        cells(&b, "[data-testid=stats-areas-table] tr[data-area=housing]").await,
        ["Housing", "6", "6", "5", "0", "0", "1", "90 (n = 5)"]
    );
    // Where plans struggle: ranked, with the numbers behind each line; one-plan groups hidden.
    assert_eq!(
        attr_list(&b, "[data-testid=stats-struggle]", "data-group").await,
        ["role:client", "area:debts", "area:housing"]
    );
    let first = b.text("[data-testid=stats-struggle]").await;
    assert!(
        first.contains("10 of 10") && first.contains("100 %") && first.contains("Plans: 5"),
        "{first}"
    );
    assert_eq!(
        cells(
            &b,
            "[data-testid=stats-follow-areas] tr[data-group='area:education']"
        )
        .await,
        ["Education", "too few to say (Plans: 1)"]
    );
    assert_eq!(
        cells(
            &b,
            "[data-testid=stats-follow-roles] tr[data-group='role:client']"
        )
        .await,
        ["Client", "0", "5", "0", "5", "0", "5"]
    );
    assert_eq!(
        cells(&b, "[data-testid=stats-progress-table] tr[data-area=debts]").await,
        ["Debts and finances", "—", "1.3 (n = 3)", "1.0 (n = 2)"],
        "2026 Q1 has only the education goal rated"
    );

    // Every chart: an accessible name, and the same numbers as a table in its figure.
    let charts = b.all("svg.stats-chart").await;
    assert_eq!(charts.len(), 4, "months, areas, struggles, progress");
    let described = b
        .js("return [...document.querySelectorAll('svg.stats-chart')].map(s =>
                [s.getAttribute('role'), s.getAttribute('aria-label'),
                 !!s.closest('figure').querySelector('figcaption'),
                 !!s.closest('figure').querySelector('table') || s.closest('figure').dataset.testid])")
        .await;
    for c in described.as_array().unwrap() {
        assert_eq!(c[0], "img", "{c}");
        assert!(c[1].as_str().unwrap().len() > 20, "{c}");
        assert_eq!(c[2], true, "{c}");
    }
    let with_tables = described
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c[3] == true)
        .count();
    assert_eq!(with_tables, 4);

    // Filters: the child form only; then Eva Malá's plans in October.
    select(
        &b.wait("[data-testid=stats-form]").await,
        "bg_child_short_term",
    )
    .await;
    b.wait("[data-testid=stats-totals][data-plans='1']").await;
    select(&b.wait("[data-testid=stats-form]").await, "").await;
    select(&b.wait("[data-testid=stats-worker]").await, "Eva Malá").await;
    b.wait("[data-testid=stats-totals][data-plans='5']").await;
    type_date(&b.wait("[data-testid=stats-from]").await, "2026-01-01").await;
    type_date(&b.wait("[data-testid=stats-until]").await, "2026-02-28").await;
    b.wait("[data-testid=stats-totals][data-plans='2']").await;
    assert_eq!(
        attr_list(
            &b,
            "[data-testid=stats-months-table] tbody tr",
            "data-month"
        )
        .await,
        ["2026-01", "2026-02"]
    );
    let scope = b.text("[data-testid=stats-scope]").await;
    assert!(
        scope.contains("Key worker: Eva Malá") && scope.contains("Plans on this device"),
        "{scope}"
    );
    b.snap("statistics-1280").await;
    b.print_pdf("statistics").await;

    // The anonymised CSV of the plans chosen (P1 and P2): a row per goal and per step.
    b.click("[data-testid=stats-csv]").await;
    let (name, bytes) = downloaded(&downloads).await;
    let month = chrono::Local::now().format("%Y-%m").to_string();
    assert_eq!(name, format!("opora-statistics-{month}.csv"));
    let csv = String::from_utf8(bytes).unwrap();
    assert_eq!(csv.lines().count(), 1 + 2 * 2 + 2 * 3, "{csv}");
    assert_eq!(csv.matches("\ngoal,").count(), 4, "{csv}");
    let plan_id = crate::statistics_fixture::id(1, 0).to_string();
    for secret in ["Klient", "Eva", "Malá", "2026-01-10", "1990", &plan_id] {
        assert!(!csv.contains(secret), "{secret} in {csv}");
    }
    b.wait_text("[data-testid=toast]", "10 rows").await;

    assert_eq!(
        b.writes().await,
        Vec::<String>::new(),
        "statistics write nothing"
    );

    // In Czech, the same figures in Czech words (the report is built again, nothing read again).
    select(&b.wait("[data-testid=ui-lang]").await, "cs").await;
    b.wait_text("[data-testid=stats-totals]", "Plány: 2 · Klienti: 2")
        .await;
    assert_eq!(
        cells(&b, "[data-testid=stats-areas-table] tr[data-area=housing]").await,
        ["Bydlení", "2", "2", "2", "0", "0", "0", "90 (n = 2)"]
    );
    b.snap("statistics-cs-1280").await;
    b.close().await;
}

#[tokio::test]
async fn statistics_from_three_files_count_an_overlapping_plan_once_and_store_nothing() {
    let b = Browser::start(360).await;
    b.open("").await;
    let fx = fixture();
    // On the device: the draft (P7) only.
    b.put_plans(&[stored(7, fx[6].clone())]).await;
    b.wait("[data-testid=plan-row]").await;
    let before = b.local_storage().await;

    let dir = download_dir("stats-files");
    let write = |name: &str, plans: Vec<StoredPlan>| {
        let path = dir.join(name);
        std::fs::write(&path, PlanFile::new(plans, Utc::now()).to_json()).unwrap();
        path.display().to_string()
    };
    // P2 is in all three files; in the third, a later version of it (one more save).
    let mut p2_later = stored(2, fx[1].clone());
    p2_later.revisions = p2_later.revisions.next(opora::model::rev_id(999));
    let files = [
        write(
            "anna.json",
            vec![stored(1, fx[0].clone()), stored(2, fx[1].clone())],
        ),
        write(
            "boris.json",
            vec![stored(2, fx[1].clone()), stored(3, fx[2].clone())],
        ),
        write("cyril.json", vec![p2_later, stored(6, fx[5].clone())]),
        {
            let path = dir.join("broken.json");
            std::fs::write(&path, "{\"format\": \"opora-plans\", ").unwrap();
            path.display().to_string()
        },
    ];
    b.open("#/statistics").await;
    b.wait("[data-testid=stats-totals][data-plans='1']").await;
    b.count_writes().await;
    b.click("[data-testid=stats-source-files]").await;
    b.wait("[data-testid=stats-files]")
        .await
        .send_keys(&files.join("\n"))
        .await
        .expect("choose the files");
    b.wait_text(
        "[data-testid=stats-files-summary]",
        "Files read: 3 · Plans: 4 · copies of a plan counted once: 2",
    )
    .await;
    b.wait("[data-testid=stats-totals][data-plans='4']").await;
    // The broken file is named with what is wrong; the others count.
    b.wait_text("[data-testid=import-problems]", "broken.json")
        .await;
    b.click("[data-testid=stats-include-device]").await;
    b.wait("[data-testid=stats-totals][data-plans='5']").await;
    crate::phone::assert_touch_targets(&b, "statistics").await;
    crate::phone::assert_no_horizontal_scroll(&b).await;
    b.snap("statistics-files-360").await;
    b.js("document.querySelector('[data-testid=stats-follow]').scrollIntoView()")
        .await;
    b.snap("statistics-report-360").await;
    assert_eq!(b.writes().await, Vec::<String>::new());
    assert_eq!(b.local_storage().await, before, "storage unchanged");
    // Back to this device's plans.
    b.click("[data-testid=stats-source-device]").await;
    b.wait("[data-testid=stats-totals][data-plans='1']").await;
    b.close().await;
}
