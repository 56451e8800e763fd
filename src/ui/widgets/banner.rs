use leptos::prelude::*;

use crate::i18n::*;
use crate::storage::QuarantineEntry;
use crate::ui::browser;
use crate::ui::labels;
use crate::ui::route::{navigate, Route};
use crate::ui::state::{use_app, Persistence};
use crate::ui::tr;
use crate::ui::widgets::ConfirmDialog;

/// Tells the user where their plans are (or are not) kept, and what could not be saved.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let app = use_app();
    let persistence = move || match app.persistence.get() {
        Persistence::Saved => None,
        Persistence::MemoryOnly(why) => Some(
            view! {
                <div class="banner danger" role="alert" data-testid="storage-unavailable">
                    <strong>{tr(|l| td_string!(l, storage_unavailable_title))}</strong>
                    <p>{tr(|l| td_string!(l, storage_unavailable_text))}</p>
                    <p class="detail">{why}</p>
                </div>
            }
            .into_any(),
        ),
        Persistence::ReadOnly(v) => Some(
            view! {
                <div class="banner danger" role="alert" data-testid="storage-read-only">
                    <strong>{tr(|l| td_string!(l, storage_read_only_title))}</strong>
                    <p>{tr(|l| td_string!(l, storage_read_only_text))} " (" {v} ")"</p>
                </div>
            }
            .into_any(),
        ),
        Persistence::Full => Some(
            view! {
                <div class="banner danger" role="alert" data-testid="storage-full">
                    <strong>{tr(|l| td_string!(l, storage_full_title))}</strong>
                    <p>{tr(|l| td_string!(l, storage_full_text))}</p>
                </div>
            }
            .into_any(),
        ),
    };
    let save_error = move || {
        app.report.with(|r| r.save_error.clone()).map(|e| {
            view! {
                <div class="banner danger" role="alert" data-testid="save-error">
                    <strong>{tr(|l| td_string!(l, save_failed))}</strong>
                    <p>{tr(|l| td_string!(l, save_failed_text))}</p>
                    <p class="detail">{e}</p>
                </div>
            }
        })
    };
    let nearly_full = move || {
        let warn = app.usage.with(|u| u.nearly_full())
            && app.persistence.with(|p| *p == Persistence::Saved);
        warn.then(|| {
            view! {
                <div class="banner warning" role="status" data-testid="storage-nearly-full">
                    <p>{tr(|l| td_string!(l, storage_nearly_full))}</p>
                </div>
            }
        })
    };
    view! {
        {persistence}
        {save_error}
        {nearly_full}
    }
}

/// How much of the browser's storage Opora's data takes: a meter, warning colours from 80 %.
#[component]
pub fn StorageMeter() -> impl IntoView {
    let app = use_app();
    let percent = move || app.usage.with(|u| u.percent());
    let kept = move || {
        app.persistence
            .with(|p| !matches!(p, Persistence::MemoryOnly(_)))
    };
    move || {
        kept().then(|| {
            view! {
                <p class="storage-meter" class:nearly-full=move || app.usage.with(|u| u.nearly_full()) data-testid="storage-meter">
                    <label for="storage-meter">{tr(|l| td_string!(l, storage_meter))}</label>
                    " "
                    <meter id="storage-meter" min="0" max="100" low="60" high="80" optimum="0" value=move || percent().to_string()></meter>
                    " " <span data-testid="storage-percent">{percent}</span> " %"
                    // What the plans' histories take: the first thing to give way when full.
                    {move || {
                        let h = app.usage.with(|u| u.history_units * 100 / u.quota_units.max(1));
                        app.usage.with(|u| u.history_units > 0).then(|| view! {
                            <span class="storage-history" data-testid="storage-history">
                                " (" {tr(|l| td_string!(l, history_in_meter))} ": " {h.max(1)} " %)"
                            </span>
                        })
                    }}
                </p>
                // Whether the browser may clear the plans to free space, and what that means.
                <p class="persist-note" data-testid="persist-status" hidden=move || app.kept.get().is_none()>
                    <span data-testid="persist-granted" hidden=move || app.kept.get() != Some(true)>{tr(|l| td_string!(l, persist_granted))}</span>
                    <span data-testid="persist-not-granted" hidden=move || app.kept.get() != Some(false)>{tr(|l| td_string!(l, persist_not_granted))}</span>
                </p>
            }
        })
    }
}

/// Values set aside: a conflicting edit kept so it is not lost (named, to open as a copy),
/// or stored data that could not be read (its raw text to download). Nothing here was
/// deleted; discarding asks first and offers the download again.
#[component]
pub fn QuarantinePanel() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let discarding = RwSignal::new(None::<QuarantineEntry>);
    let confirm_open = RwSignal::new(false);
    Effect::new(move |_| {
        if !confirm_open.get() {
            discarding.set(None);
        }
    });
    let discard = move |_| {
        if let Some(q) = discarding.get_untracked() {
            if let Err(e) = app.discard_quarantined(&q.key) {
                app.show_toast(format!("{} ({e})", t_string!(i18n, delete_failed)), None);
            }
        }
    };
    let list = move || {
        let (entries, stuck, missing) = app
            .report
            .with(|r| (r.quarantined.clone(), r.stuck.clone(), r.missing));
        if entries.is_empty() && stuck.is_empty() && missing == 0 {
            return None;
        }
        Some(view! {
            <section class="banner warning" data-testid="quarantine" aria-labelledby="quarantine-title">
                <h2 id="quarantine-title">{tr(|l| td_string!(l, set_aside_title))}</h2>
                <p>{tr(|l| td_string!(l, set_aside_text))}</p>
                <ul>
                    {entries.into_iter().map(|q| view! { <SetAside entry=q discarding=discarding confirm_open=confirm_open /> }).collect_view()}
                    {stuck.into_iter().map(|s| view! {
                        <li><code>{s.key}</code> " · " {tr(|l| td_string!(l, stuck_text))} <span class="detail">" " {s.problem}</span></li>
                    }).collect_view()}
                </ul>
                {(missing > 0).then(|| view! { <p>{tr(|l| td_string!(l, missing_text))} " " {missing}</p> })}
            </section>
        })
    };
    view! {
        {list}
        <ConfirmDialog
            open=confirm_open
            title=Signal::derive(move || t_string!(i18n, discard_confirm).to_string())
            confirm_label=Signal::derive(move || t_string!(i18n, discard).to_string())
            on_confirm=Callback::new(discard)
        >
            <p>
                <button type="button" class="secondary" data-testid="discard-download" on:click=move |_| {
                    if let Some(q) = discarding.get_untracked() {
                        download(&q);
                    }
                }>{tr(|l| td_string!(l, download))}</button>
            </p>
        </ConfirmDialog>
    }
}

fn download(q: &QuarantineEntry) {
    let file = format!("opora-set-aside-{}.txt", q.original_key.replace(':', "-"));
    let _ = browser::download_text(&file, "text/plain;charset=utf-8", &q.raw);
}

/// One set-aside value, named as well as it can be.
#[component]
fn SetAside(
    entry: QuarantineEntry,
    discarding: RwSignal<Option<QuarantineEntry>>,
    confirm_open: RwSignal<bool>,
) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let what = {
        let entry = entry.clone();
        move || {
            let l = i18n.get_locale();
            match &entry.plan {
                Some(p) => format!(
                    "{} · {} · {} · {}",
                    p.plan.display_name(),
                    p.plan.template.template().name.get(labels::lang_of(l)),
                    labels::date(l, p.updated_at.date_naive()),
                    t_string!(i18n, set_aside_conflict)
                ),
                None => format!(
                    "{} · {} · {} B",
                    t_string!(i18n, set_aside_unreadable),
                    entry.original_key,
                    entry.raw.len()
                ),
            }
        }
    };
    let readable = entry.plan.is_some();
    let problem = entry.problem.clone();
    let (for_copy, for_download, for_discard) = (entry.clone(), entry.clone(), entry);
    let open_copy = move |_| match app.open_as_copy(&for_copy) {
        Ok(id) => navigate(Route::View(id)),
        Err(e) => app.show_toast(format!("{} ({e})", t_string!(i18n, save_failed)), None),
    };
    view! {
        <li data-testid="quarantined-item" data-kind=if readable { "conflict" } else { "unreadable" }>
            <span class="what">{what}</span>
            {(!problem.is_empty()).then(|| view! { <span class="detail">" · " {problem}</span> })}
            <span class="item-actions">
                {readable.then(|| view! {
                    <button type="button" class="secondary" data-testid="open-copy" on:click=open_copy>
                        {tr(|l| td_string!(l, open_as_copy))}
                    </button>
                })}
                <button type="button" class="secondary" data-testid="download-raw" on:click=move |_| download(&for_download)>
                    {tr(|l| td_string!(l, download_raw))}
                </button>
                <button type="button" class="secondary" data-testid="discard" on:click=move |_| {
                    discarding.set(Some(for_discard.clone()));
                    confirm_open.set(true);
                }>{tr(|l| td_string!(l, discard))}</button>
            </span>
        </li>
    }
}
