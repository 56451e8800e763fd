//! The Leptos UI: one folder per screen, shared widgets apart. State lives in `AppState`
//! (context); screens read and change plans only through it.

mod browser;
mod import;
mod labels;
mod new_plan;
mod offline;
pub mod panic_notice;
mod plan_editor;
mod plan_history;
mod plan_list;
mod plan_view;
mod quick_plan;
mod review;
mod route;
mod state;
mod statistics;
mod today;
mod widgets;

use leptos::prelude::*;

use crate::i18n::*;
use route::{use_route, Route};
use state::AppState;
use widgets::{LangSwitcher, StorageBanner, ToastHost};

#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider set_lang_attr_on_html=false>
            <Shell />
        </I18nContextProvider>
    }
}

#[component]
fn Shell() -> impl IntoView {
    let app = AppState::load();
    provide_context(app);
    let i18n = use_i18n();
    // In an effect, so it runs after leptos_i18n's own start-up guess (the browser language).
    let saved = app.saved_ui_lang();
    Effect::new(move |_| {
        if let Some(lang) = saved {
            i18n.set_locale(labels::locale_of(lang));
        }
    });
    Effect::new(move |_| browser::set_document_lang(i18n.get_locale().as_str()));
    // Another tab of this app wrote storage: show what is stored now (list, open editor).
    let _ = window_event_listener(leptos::ev::storage, move |ev| {
        if let Some(key) = ev.key() {
            app.changed_elsewhere(&key);
        }
    });
    // Offline start-up and updates (the service worker), and whether storage is kept for good.
    let waiting = RwSignal::new(false);
    offline::register(waiting);
    offline::check_kept(app.kept);
    let route = use_route();
    // Move focus to the new screen's title so keyboard and screen-reader users follow along.
    Effect::new(move |prev: Option<Route>| {
        let r = route.get();
        if prev.is_some() {
            focus_soon("screen-title".to_string());
        }
        r
    });
    view! {
        <a class="skip" href="#main" on:click=|ev| { ev.prevent_default(); browser::focus("screen-title"); }>
            {tr(|l| td_string!(l, skip_to_content))}
        </a>
        <header class="app-bar">
            <a class="brand" href="#/">"Opora"</a>
            <LangSwitcher />
        </header>
        <offline::UpdateNotice waiting=waiting />
        <StorageBanner />
        <main id="main">
            {move || match route.get() {
                Route::List => view! { <plan_list::PlanList /> }.into_any(),
                Route::NewPlan => view! { <new_plan::NewPlan /> }.into_any(),
                Route::Import => view! { <import::ImportScreen /> }.into_any(),
                Route::Today => view! { <today::TodayScreen /> }.into_any(),
                Route::Statistics => view! { <statistics::StatisticsScreen /> }.into_any(),
                Route::View(id) => view! { <plan_view::PlanView id=id /> }.into_any(),
                Route::Quick(id) => view! { <quick_plan::QuickPlan id=id /> }.into_any(),
                Route::History(id) => view! { <plan_history::PlanHistory id=id /> }.into_any(),
                Route::Version(id, n) => view! { <plan_history::PlanVersion id=id generation=n /> }.into_any(),
                Route::Review(id, r) => view! { <review::ReviewScreen id=id review=r /> }.into_any(),
                Route::Edit(id, section) => view! { <plan_editor::PlanEditor id=id section=section /> }.into_any(),
                Route::NotFound => view! { <NotFound /> }.into_any(),
            }}
        </main>
        <ToastHost />
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <div class="empty">
            <h1 id="screen-title" tabindex="-1">{tr(|l| td_string!(l, not_found_title))}</h1>
            <p>{tr(|l| td_string!(l, not_found_text))}</p>
            <a class="button" href="#/">{tr(|l| td_string!(l, back_to_list))}</a>
        </div>
    }
}

/// A text in the UI language that follows language changes. Every text shares this one
/// closure type, so the reactive rendering code is compiled once, not once per text (this
/// keeps the wasm small).
pub fn tr(
    text: fn(Locale) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || text(i18n.get_locale())
}

/// Focuses an element once the DOM has caught up with the state change that creates it.
pub fn focus_soon(id: String) {
    request_animation_frame(move || browser::focus(&id));
}
