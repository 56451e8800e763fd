//! A stored plan that cannot be read is set aside, reported, and its raw text kept.

use crate::support::*;

const BROKEN_KEY: &str = "opora:plan:00000000-0000-4000-8000-000000000007";
const BROKEN: &str = "{\"id\": \"00000000-0000-4000-8000-000000000007\", \"template\": \"cz_couns";

#[tokio::test]
async fn corrupt_plan_is_quarantined_and_survives_editing_other_plans() {
    let downloads = download_dir("quarantine");
    let b = Browser::start_with(Options {
        download_dir: Some(downloads.display().to_string()),
        ..Options::default()
    })
    .await;
    b.open("").await;
    b.js_args(
        "localStorage.setItem(arguments[0], arguments[1])",
        vec![BROKEN_KEY.into(), BROKEN.into()],
    )
    .await;
    b.reload().await;

    let panel = b.wait_text("[data-testid=quarantine]", BROKEN_KEY).await;
    assert!(panel.contains("Could not be read"), "{panel}");
    assert_eq!(
        b.all("[data-testid=quarantined-item][data-kind=unreadable]")
            .await
            .len(),
        1
    );
    assert!(
        b.all("[data-testid=open-copy]").await.is_empty(),
        "an unreadable value cannot be opened as a plan"
    );

    // The raw text can be downloaded as it was.
    b.click("[data-testid=quarantined-item] [data-testid=download-raw]")
        .await;
    let (name, bytes) = downloaded(&downloads).await;
    assert_eq!(
        name,
        "opora-set-aside-opora-plan-00000000-0000-4000-8000-000000000007.txt"
    );
    assert_eq!(bytes, BROKEN.as_bytes());

    // Create and edit another plan.
    b.click("[data-testid=new-plan]").await;
    b.click("[data-testid=template-cz_counselling]").await;
    b.click("[data-testid=next]").await;
    fill_in(&b, "#f-client_name", "Karel").await;
    fill_in(&b, "#f-key_worker", "Eva").await;
    b.click("[data-testid=next]").await;
    b.wait_text("[data-testid=progress]", "3 / 6").await;
    b.open("").await;
    b.wait("[data-testid=plan-row]").await;

    let stored = b.local_storage().await;
    let kept: Vec<_> = stored
        .iter()
        .filter(|(k, _)| k.starts_with("opora:quarantine:") && k.ends_with(BROKEN_KEY))
        .collect();
    assert_eq!(kept.len(), 1, "one quarantine copy: {stored:?}");
    assert_eq!(
        kept[0].1.as_str(),
        Some(BROKEN),
        "the raw text is kept byte for byte"
    );
    assert!(
        !stored.contains_key(BROKEN_KEY),
        "moved out of the plan keys"
    );
    assert!(
        stored.keys().any(|k| k.starts_with("opora:plan:")),
        "the other plan is saved"
    );

    // Still reported on the next start.
    b.reload().await;
    b.wait_text("[data-testid=quarantine]", BROKEN_KEY).await;
    b.close().await;
}
