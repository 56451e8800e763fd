//! With site data blocked the app still opens, says plainly that nothing will be kept, and
//! lets the worker go on for this session.

use crate::support::*;

#[tokio::test]
async fn app_opens_and_warns_when_storage_is_blocked() {
    let b = Browser::start_with(Options {
        block_site_data: true,
        ..Options::default()
    })
    .await;
    b.open("").await;
    let blocked = b
        .js("try { localStorage.length; return false } catch (e) { return true }")
        .await;
    assert_eq!(blocked, true, "the browser really refuses localStorage");
    let banner = b.text("[data-testid=storage-unavailable]").await;
    assert!(banner.contains("does not let Opora keep plans"), "{banner}");

    // Work goes on in memory for this session.
    b.click("[data-testid=new-plan]").await;
    b.click("[data-testid=template-cz_counselling]").await;
    b.click("[data-testid=next]").await;
    fill_in(&b, "#f-client_name", "Dočasný").await;
    b.wait_text("[data-testid=save-status]", "Saved").await;
    b.open("").await;
    b.wait_text("[data-testid=storage-unavailable]", "Opora")
        .await;
    b.close().await;
}
