//! Working offline and keeping the data: registers the service worker (`./sw.js`, written by
//! `cargo xtask dist`), offers a reload when a new version is waiting, and asks the browser to
//! keep the plans' storage (`navigator.storage.persist()`).
//!
//! Event handlers are the resolve functions of promises (`Promise::new`), so no closure is
//! kept alive on the wasm side for them.

use js_sys::Promise;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration};

use crate::i18n::*;
use crate::ui::tr;

fn navigator() -> Option<web_sys::Navigator> {
    web_sys::window().map(|w| w.navigator())
}

/// `navigator.serviceWorker`: missing outside secure contexts (https, localhost) and where
/// the browser refuses site data.
fn container() -> Option<ServiceWorkerContainer> {
    let nav = navigator()?;
    js_sys::Reflect::has(&nav, &"serviceWorker".into())
        .unwrap_or(false)
        .then(|| nav.service_worker())
}

/// Registers the worker and watches it: `waiting` becomes true when a new version has been
/// installed while an older one controls this page. Nothing is activated without the user.
pub fn register(waiting: RwSignal<bool>) {
    let Some(sw) = container() else { return };
    spawn_local(async move {
        let Ok(reg) = JsFuture::from(sw.register("./sw.js")).await else {
            return;
        };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        loop {
            if reg.waiting().is_some() && sw.controller().is_some() {
                waiting.set(true);
                return;
            }
            // The next step of an update: one found, or the installing worker moving on.
            let next = Promise::new(&mut |resolve, _| {
                reg.set_onupdatefound(Some(&resolve));
                if let Some(worker) = reg.installing() {
                    worker.set_onstatechange(Some(&resolve));
                }
            });
            let _ = JsFuture::from(next).await;
        }
    });
}

/// Lets the waiting version in and reloads once it controls the page (autosave writes what is
/// being typed on `pagehide`). Without a waiting worker (another tab let it in), just reloads.
fn switch_to_new_version() {
    let Some(sw) = container() else { return };
    spawn_local(async move {
        if let Ok(reg) = JsFuture::from(sw.get_registration()).await {
            let reg: ServiceWorkerRegistration = reg.unchecked_into();
            if let Some(worker) = reg.waiting() {
                let taken_over =
                    Promise::new(&mut |resolve, _| sw.set_oncontrollerchange(Some(&resolve)));
                if worker.post_message(&"skipWaiting".into()).is_ok() {
                    let _ = JsFuture::from(taken_over).await;
                }
            }
        }
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
}

/// "A new version is ready — Reload": a quiet bar, never in the way of the work.
#[component]
pub fn UpdateNotice(waiting: RwSignal<bool>) -> impl IntoView {
    // Always in the page, hidden until needed (cheaper than building it when it appears).
    view! {
        <div class="update-notice" role="status" data-testid="update-notice" hidden=move || !waiting.get()>
            <span>{tr(|l| td_string!(l, update_ready))}</span>
            <button type="button" data-testid="update-reload" on:click=|_| switch_to_new_version()>
                {tr(|l| td_string!(l, update_reload))}
            </button>
        </div>
    }
}

/// `navigator.storage`, where the browser has it (secure contexts).
fn storage_manager() -> Option<web_sys::StorageManager> {
    let nav = navigator()?;
    js_sys::Reflect::has(&nav, &"storage".into())
        .unwrap_or(false)
        .then(|| nav.storage())
}

/// Sets `kept` to whether the browser keeps this origin's storage for good (`persisted()`,
/// which never asks the user anything). Unknown (`None`) where the browser cannot say.
pub fn check_kept(kept: RwSignal<Option<bool>>) {
    if let Some(promise) = storage_manager().and_then(|s| s.persisted().ok()) {
        spawn_local(settle(promise, kept));
    }
}

/// Asks the browser to keep the plans for good, once per page, when they are not kept yet.
/// Called after a plan is saved: by then there is something worth keeping, and a browser that
/// asks the user (Firefox) asks someone who has just written a plan, not a first-time visitor.
pub fn ask_to_keep(kept: RwSignal<Option<bool>>) {
    static ASKED: AtomicBool = AtomicBool::new(false);
    if kept.get_untracked() != Some(false) || ASKED.swap(true, Ordering::Relaxed) {
        return;
    }
    if let Some(promise) = storage_manager().and_then(|s| s.persist().ok()) {
        spawn_local(settle(promise, kept));
    }
}

async fn settle(promise: Promise, kept: RwSignal<Option<bool>>) {
    if let Ok(granted) = JsFuture::from(promise).await {
        kept.try_set(Some(granted == JsValue::TRUE));
    }
}
