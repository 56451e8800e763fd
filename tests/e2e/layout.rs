//! The app fits a 360 px phone, works from the keyboard, and asks nothing of other origins.

use crate::support::*;
use fantoccini::key::Key;

async fn assert_no_horizontal_scroll(b: &Browser, screen: &str) {
    let w = b
        .js("return [document.documentElement.scrollWidth, window.innerWidth]")
        .await;
    let (scroll, inner) = (w[0].as_u64().unwrap(), w[1].as_u64().unwrap());
    assert!(
        scroll <= inner,
        "{screen}: page is {scroll}px wide in a {inner}px window"
    );
}

#[tokio::test]
async fn fits_360px_and_works_with_the_keyboard_only() {
    let b = Browser::start(360).await;
    b.open("").await;
    assert_no_horizontal_scroll(&b, "empty list").await;

    // Keyboard only: Tab to "New plan", Enter, Tab to the first form, Enter.
    let body = b.wait("body").await;
    let mut reached = false;
    for _ in 0..6 {
        body.send_keys(&Key::Tab.to_string()).await.unwrap();
        let testid = b
            .js("return document.activeElement.getAttribute('data-testid')")
            .await;
        if testid == "new-plan" {
            reached = true;
            break;
        }
    }
    assert!(reached, "New plan is reachable with Tab");
    b.js("return 0").await;
    let active = b.c.active_element().await.unwrap();
    active.send_keys(&Key::Enter.to_string()).await.unwrap();
    let choice = b.wait("[data-testid=template-cz_counselling]").await;
    choice.send_keys(&Key::Enter.to_string()).await.unwrap();
    b.wait_text("[data-testid=progress]", "1 / 6").await;
    assert_no_horizontal_scroll(&b, "guided form").await;
    b.snap("mobile-form").await;

    b.click("[data-testid=next]").await;
    let name = b.wait("#f-client_name").await;
    name.send_keys("Tomáš").await.unwrap();
    assert_no_horizontal_scroll(&b, "general information").await;
    b.snap("mobile-general").await;

    // Every request went to the app's own origin.
    let foreign = b
        .js("return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin))")
        .await;
    assert_eq!(foreign, serde_json::json!([]), "requests to other origins");
    let csp = b.js("const m = document.querySelector('meta[http-equiv=Content-Security-Policy]'); return m ? m.content : ''").await;
    assert!(
        csp.as_str().unwrap().contains("default-src 'none'"),
        "strict CSP: {csp}"
    );
    b.close().await;
}
