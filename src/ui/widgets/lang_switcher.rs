use leptos::prelude::*;

use crate::i18n::*;
use crate::model::Lang;
use crate::ui::labels::{lang_of, locale_of};
use crate::ui::state::use_app;
use crate::ui::tr;

/// The UI language; the choice is remembered in this browser.
#[component]
pub fn LangSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let change = move |ev| {
        if let Some(lang) = Lang::from_code(&event_target_value(&ev)) {
            i18n.set_locale(locale_of(lang));
            app.remember_ui_lang(lang);
        }
    };
    view! {
        <div class="lang">
            <label for="ui-lang">{tr(|l| td_string!(l, ui_language))}</label>
            <select id="ui-lang" data-testid="ui-lang" on:change=change>
                {move || {
                    let current = lang_of(i18n.get_locale());
                    Lang::ALL
                        .into_iter()
                        .map(|l| {
                            view! {
                                <option value=l.code() selected=l == current lang=l.code()>
                                    {l.native_name()}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
