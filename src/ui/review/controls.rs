//! Controls of a review: the four-point progress choice and a labelled text, shared by the
//! review screen and the quick plan's end-of-meeting evaluation. Review fields are not
//! template fields, so they have their own small controls (label, input, error).

use leptos::prelude::*;

use crate::i18n::*;
use crate::model::codes::code;
use crate::model::{ErrorKind, Progress};
use crate::ui::labels;

/// The four levels as a radio group that looks like four buttons (each ≥ 44 px).
/// `name` is the group's name (unique on the page).
#[component]
pub fn ProgressChoice(
    name: String,
    #[prop(into)] value: Signal<Option<Progress>>,
    #[prop(into)] on_change: Callback<Progress>,
) -> impl IntoView {
    let i18n = use_i18n();
    let legend_id = format!("{name}-legend");
    let legend_for = legend_id.clone();
    view! {
        <div class="progress-choice" role="radiogroup" aria-labelledby=legend_for data-testid="progress-choice">
            <span class="progress-legend" id=legend_id>{move || td_string!(i18n.get_locale(), review_progress)}</span>
            <div class="progress-options">
                {Progress::ALL
                    .into_iter()
                    .map(|p| {
                        let option = code(p);
                        view! {
                            <label class="progress-option" data-level=p.score().to_string()>
                                <input
                                    type="radio"
                                    name=name.clone()
                                    value=option
                                    prop:checked=move || value.get() == Some(p)
                                    on:change=move |_| { let _ = on_change.try_run(p); }
                                />
                                <span>{move || labels::progress(i18n.get_locale(), p)}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </div>
    }
}

/// A labelled text (one line, or several with `long`) and its error.
#[component]
pub fn ReviewText(
    id: String,
    name: &'static str,
    label: fn(Locale) -> &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    #[prop(optional)] long: bool,
    #[prop(into, optional)] error: Signal<Option<ErrorKind>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let err_id = format!("{id}-err");
    let described = {
        let err_id = err_id.clone();
        move || error.get().map(|_| err_id.clone()).unwrap_or_default()
    };
    let control = if long {
        view! {
            <textarea
                id=id.clone()
                name=name
                rows="2"
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| { let _ = on_input.try_run(event_target_value(&ev)); }
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                type="text"
                id=id.clone()
                name=name
                autocomplete="off"
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| { let _ = on_input.try_run(event_target_value(&ev)); }
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:invalid=move || error.get().is_some() data-field=name>
            <label for=id>{move || label(i18n.get_locale())}</label>
            {control}
            {move || error.get().map(|e| view! { <p class="error" id=err_id.clone()>{labels::error(i18n.get_locale(), e)}</p> })}
        </div>
    }
}
