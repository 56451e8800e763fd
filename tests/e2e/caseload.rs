//! A real caseload: plans written by the previous version still load (and are rewritten
//! compactly), and a long list shows a page of rows at a time.

use chrono::{TimeZone, Utc};
use opora::model::sample::realistic_plans;
use serde_json::Value;

use crate::support::{plans_in, Browser};

#[tokio::test]
async fn plans_stored_by_the_previous_version_load_and_are_rewritten_compactly() {
    let b = Browser::start(1280).await;
    b.open("#/").await;
    let plans = realistic_plans(5, 3, Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap());
    // Layout 2: JSON values, one index, schema 2.
    for p in &plans {
        b.js_args(
            "localStorage.setItem(arguments[0], arguments[1])",
            vec![
                format!("opora:plan:{}", p.id()).into(),
                serde_json::to_string(p).unwrap().into(),
            ],
        )
        .await;
    }
    b.js(
        "localStorage.setItem('opora:index', '{\"schema\":2,\"plans\":[]}');
          localStorage.setItem('opora:schema', '2');",
    )
    .await;
    b.reload().await;
    let rows = b.all("[data-testid=plan-row]").await;
    assert_eq!(rows.len(), 3);
    let page = b.page_text().await;
    for p in &plans {
        assert!(page.contains(p.plan.general.client_name.as_str()), "{page}");
    }
    let storage = b.local_storage().await;
    assert_eq!(
        storage["opora:schema"],
        Value::from(opora::storage::SCHEMA_VERSION.to_string())
    );
    assert!(!storage.contains_key("opora:index"));
    assert!(!storage.keys().any(|k| k.starts_with("opora:backup")));
    for p in &plans {
        let raw = storage[&format!("opora:plan:{}", p.id())].as_str().unwrap();
        assert!(raw.starts_with("z1"), "rewritten in the compact encoding");
        assert!(storage.contains_key(&format!("opora:sum:{}", p.id())));
    }
    let mut expected = plans.clone();
    expected.sort_by_key(|p| p.id());
    assert_eq!(plans_in(&storage), expected, "nothing lost or changed");

    // A plan opens with its text.
    b.open(&format!("#/plan/{}", plans[1].id())).await;
    let goal = plans[1].plan.goals[0].text.as_str();
    b.eventually(async || match b.page_text().await {
        t if t.contains(goal) => Ok(()),
        t => Err(format!("the goal is not shown: {t}")),
    })
    .await;
    b.close().await;
}

#[tokio::test]
async fn a_long_list_shows_fifty_rows_and_more_on_request() {
    let b = Browser::start(1280).await;
    b.open("#/").await;
    let plans = realistic_plans(6, 120, Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap());
    b.put_plans(&plans).await;
    assert_eq!(b.all("[data-testid=plan-row]").await.len(), 50);
    assert!(b.text("[role=status].count").await.contains("120 / 120"));
    let more = b.text("[data-testid=show-more]").await;
    assert!(more.contains("70"), "{more}");
    b.click("[data-testid=show-more]").await;
    rows_become(&b, 100).await;
    b.click("[data-testid=show-more]").await;
    rows_become(&b, 120).await;
    b.wait_absent("[data-testid=show-more]", "nothing more to show")
        .await;

    // Search still looks at every plan, not only the rows shown.
    let last = b.all("[data-testid=plan-row] .name").await;
    let name = last[119].text().await.unwrap();
    crate::support::fill_in(&b, "[data-testid=search]", &name).await;
    b.eventually(async || match b.all("[data-testid=plan-row]").await.len() {
        n if n > 0 && n < 120 => Ok(()),
        n => Err(format!("{n} rows after searching for {name}")),
    })
    .await;
    b.close().await;
}

async fn rows_become(b: &Browser, n: usize) {
    b.eventually(async || match b.all("[data-testid=plan-row]").await.len() {
        m if m == n => Ok(()),
        m => Err(format!("{m} rows, not {n}")),
    })
    .await;
}
