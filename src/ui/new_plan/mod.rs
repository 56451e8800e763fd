//! Choosing the form of a new plan.

use leptos::prelude::*;

use crate::i18n::*;
use crate::model::Template;
use crate::ui::labels;
use crate::ui::route::{navigate, Route};
use crate::ui::state::use_app;
use crate::ui::tr;

#[component]
pub fn NewPlan() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let choose = move |t: &'static Template| {
        let id = app.start_draft(t, labels::lang_of(i18n.get_locale_untracked()));
        navigate(Route::Edit(id, None));
    };
    view! {
        <div class="new-plan">
            <header class="screen-head">
                <h1 id="screen-title" tabindex="-1">{tr(|l| td_string!(l, choose_form))}</h1>
            </header>
            <ul class="template-choice">
                {Template::all()
                    .into_iter()
                    .map(|t| {
                        let lang = move || labels::lang_of(i18n.get_locale());
                        view! {
                            <li>
                                <button type="button" class="choice" data-testid=format!("template-{}", t.id.code()) on:click=move |_| choose(t)>
                                    <span class="choice-title">{move || t.name.get(lang())}</span>
                                    <span class="choice-text">{move || t.description.get(lang())}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <a href="#/" class="button secondary">{tr(|l| td_string!(l, cancel))}</a>
        </div>
    }
}
