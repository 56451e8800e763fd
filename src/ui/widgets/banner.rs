use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::browser;
use crate::ui::state::{use_app, Persistence};
use crate::ui::tr;

/// Tells the user where their plans are (or are not) kept, and what could not be read.
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
    view! {
        {persistence}
        {save_error}
    }
}

/// Stored values that could not be read: listed with their raw text to download. They stay
/// in storage untouched.
#[component]
pub fn QuarantinePanel() -> impl IntoView {
    let app = use_app();
    move || {
        let (entries, stuck, missing) = app
            .report
            .with(|r| (r.quarantined.clone(), r.stuck.clone(), r.missing));
        if entries.is_empty() && stuck.is_empty() && missing == 0 {
            return None;
        }
        Some(view! {
            <section class="banner warning" data-testid="quarantine" aria-labelledby="quarantine-title">
                <h2 id="quarantine-title">{tr(|l| td_string!(l, quarantine_title))}</h2>
                <p>{tr(|l| td_string!(l, quarantine_text))}</p>
                <ul>
                    {entries.into_iter().map(|q| {
                        let file = format!("opora-unreadable-{}.txt", q.original_key.replace(':', "-"));
                        let raw = q.raw.clone();
                        let size = q.raw.len();
                        view! {
                            <li data-testid="quarantined-item">
                                <code>{q.original_key.clone()}</code>
                                " · " {size} " B"
                                {(!q.problem.is_empty()).then(|| view! { <span class="detail">" · " {q.problem.clone()}</span> })}
                                " "
                                <button type="button" class="secondary" on:click=move |_| {
                                    let _ = browser::download_text(&file, "text/plain;charset=utf-8", &raw);
                                }>{tr(|l| td_string!(l, download_raw))}</button>
                            </li>
                        }
                    }).collect_view()}
                    {stuck.into_iter().map(|s| view! {
                        <li><code>{s.key}</code> " · " {tr(|l| td_string!(l, stuck_text))} <span class="detail">" " {s.problem}</span></li>
                    }).collect_view()}
                </ul>
                {(missing > 0).then(|| view! { <p>{tr(|l| td_string!(l, missing_text))} " " {missing}</p> })}
            </section>
        })
    }
}
