//! Storage that is full opens read-only with every plan shown; deleting a plan frees space
//! and saving works again. Storage nearly full warns, and the meter says how full it is.

use opora::model::{StoredPlan, TemplateId};

use crate::support::*;

/// Quota of localStorage per origin in UTF-16 units (what the app's meter counts against).
const QUOTA_UNITS: u64 = 5 * 1024 * 1024;

/// Fills localStorage with filler keys until it refuses even one more character; returns the
/// units written.
const FILL_UP: &str = "
    let size = 1 << 20, i = 0, units = 0;
    while (size >= 1) {
        const k = 'f' + i;
        try {
            localStorage.setItem(k, 'x'.repeat(size));
            i++;
            units += k.length + size;
        } catch (e) {
            if (e.name !== 'QuotaExceededError') { throw e; }
            size = Math.floor(size / 2);
        }
    }
    return units;";

fn three_plans() -> Vec<StoredPlan> {
    [
        (41, TemplateId::CzCounselling, "Jana Nováková"),
        (42, TemplateId::BgChildShortTerm, "Иван Петров"),
        (43, TemplateId::CzCounselling, "Karel Svoboda"),
    ]
    .into_iter()
    .map(|(n, t, name)| saved_plan(test_plan(n, t, name), n as u32 * 16, 1))
    .collect()
}

#[tokio::test]
async fn full_storage_opens_read_only_with_every_plan_and_deleting_one_frees_it() {
    let b = Browser::start(1000).await;
    b.open("").await;
    let plans = three_plans();
    b.put_plans(&plans).await;
    b.wait_gone_rows(3).await;
    let filled = b.js(FILL_UP).await.as_u64().unwrap_or_default();
    assert!(
        filled > QUOTA_UNITS / 2,
        "only {filled} units of filler fit"
    );
    let before = plans_in(&b.local_storage().await);
    assert_eq!(before, plans, "the plans are stored as written");

    b.reload().await;
    let banner = b
        .wait("[data-testid=storage-full], [data-testid=storage-unavailable]")
        .await;
    b.snap("storage-full").await;
    assert_eq!(
        banner.attr("data-testid").await.unwrap().as_deref(),
        Some("storage-full"),
        "full storage (readable, refusing writes) was taken for storage the browser blocks: \
         the stored plans are not shown and work would be kept in memory only; page:\n{}",
        b.page_text().await
    );
    b.wait_gone_rows(3).await;
    for name in ["Jana Nováková", "Иван Петров", "Karel Svoboda"] {
        b.wait_text("[data-testid=plan-list]", name).await;
    }
    let percent: u32 = b
        .text("[data-testid=storage-percent]")
        .await
        .trim()
        .parse()
        .expect("a whole number");
    assert!(
        percent >= 95,
        "the meter says {percent} % of a full storage"
    );

    // Typing into a plan cannot be saved, and loses no plan.
    b.open_plan("Jana Nováková").await;
    b.click("[data-testid=edit]").await;
    b.click("nav.progress a[href$='/edit/general']").await;
    b.wait("#f-client_name")
        .await
        .send_keys(" X")
        .await
        .expect("type");
    b.wait_save_state("failed").await;
    b.click("a.brand").await;
    b.wait_gone_rows(3).await;
    assert_eq!(
        plans_in(&b.local_storage().await),
        before,
        "the stored plans changed"
    );
    assert!(b.exists("[data-testid=storage-full]").await);

    // Deleting a plan frees space: the banner goes and saving works again.
    b.open_plan("Karel Svoboda").await;
    b.click("[data-testid=delete]").await;
    b.click("[data-testid=confirm]").await;
    b.wait_gone_rows(2).await;
    b.click("[data-testid=toast] button.icon").await; // the undo offer is not needed
    b.wait_absent(
        "[data-testid=storage-full]",
        "the full-storage banner stays after a deletion",
    )
    .await;
    let id = plans[1].id();
    b.open_plan("Иван Петров").await;
    b.click("[data-testid=edit]").await;
    b.wait("#f-place_of_service")
        .await
        .send_keys("Пловдив")
        .await
        .expect("type");
    let stored = b.wait_generation(id, 2).await;
    assert_eq!(stored.plan.general.place_of_service, "Пловдив");
    b.click("a.brand").await;
    b.wait_gone_rows(2).await;
    assert!(!b.exists("[data-testid=storage-full]").await);
    b.close().await;
}

#[tokio::test]
async fn nearly_full_storage_warns_and_the_meter_shows_how_full() {
    let b = Browser::start(1000).await;
    b.open("").await;
    b.put_plans(&three_plans()[..1]).await;
    b.wait_gone_rows(1).await;
    let percent = |text: String| -> u64 { text.trim().parse().expect("a whole number") };
    let empty = percent(b.text("[data-testid=storage-percent]").await);
    assert!(empty <= 1, "one plan takes {empty} %");
    assert!(!b.exists("[data-testid=storage-nearly-full]").await);

    // Filler worth 85 % of the quota, in four keys.
    let each = QUOTA_UNITS * 85 / 100 / 4;
    b.js_args(
        "for (let i = 0; i < 4; i++) { localStorage.setItem('filler' + i, 'x'.repeat(arguments[0])); }",
        vec![each.into()],
    )
    .await;
    b.reload().await;
    b.wait("[data-testid=storage-nearly-full]").await;
    b.snap("storage-nearly-full").await;
    let shown = percent(b.text("[data-testid=storage-percent]").await);
    assert!(
        (84..=87).contains(&shown),
        "the meter shows {shown} % for 85 % of filler and one plan"
    );
    assert!(!b.exists("[data-testid=storage-full]").await);
    b.wait_gone_rows(1).await;
    b.close().await;
}
