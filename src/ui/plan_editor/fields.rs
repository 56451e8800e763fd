//! Form controls bound to the plan being edited: label tied to the input, help text, and the
//! field's validation message once the user has left the field or tried to go on.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::Editor;
use crate::i18n::use_i18n;
use crate::model::time_format::{format_date, parse_date};
use crate::model::{Field, FieldPath};
use crate::ui::labels;

pub fn dom_id(path: FieldPath) -> String {
    match path {
        FieldPath::Plan(f) => format!("f-{}", f.key()),
        FieldPath::Goal { goal, field } => format!("f-{}-{goal}", field.key()),
        FieldPath::Step { step, field, .. } => format!("f-{}-{step}", field.key()),
        FieldPath::Participant { participant, field } => format!("f-{}-{participant}", field.key()),
        FieldPath::Section(s) => format!("sec-{}", s.slug()),
    }
}

fn field_of(path: FieldPath) -> Field {
    path.field().expect("sections have no control")
}

/// Label, help and error around a control; the control gets the returned id.
#[component]
fn FieldShell(path: FieldPath, children: Children) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let i18n = use_i18n();
    let field = field_of(path);
    let id = dom_id(path);
    let required = ed.template.requires(field);
    let error = ed.visible_error(path);
    let help_id = format!("{id}-help");
    let err_id = format!("{id}-err");
    let help = move || labels::help(i18n.get_locale(), ed.template, field);
    view! {
        <div class="field" class:invalid=move || error.get().is_some() data-field=field.key()>
            <label for=id.clone()>
                {move || labels::field(i18n.get_locale(), ed.template, field)}
                {required.then(|| view! { <span class="req" aria-hidden="true">" *"</span> })}
            </label>
            {children()}
            {move || help().map(|h| view! { <p class="help" id=help_id.clone()>{h}</p> })}
            {move || {
                error.get().map(|e| {
                    view! {
                        <p class="error" id=err_id.clone()>
                            {labels::error(i18n.get_locale(), e)}
                        </p>
                    }
                })
            }}
        </div>
    }
}

/// ids of the help and error texts, for `aria-describedby`.
fn described_by(ed: Editor, path: FieldPath) -> impl Fn() -> String + Send + Sync + 'static {
    let id = dom_id(path);
    let error = ed.visible_error(path);
    let has_help = labels::help(crate::i18n::Locale::en, ed.template, field_of(path)).is_some();
    move || {
        let mut ids = Vec::new();
        if has_help {
            ids.push(format!("{id}-help"));
        }
        if error.get().is_some() {
            ids.push(format!("{id}-err"));
        }
        ids.join(" ")
    }
}

#[component]
pub fn TextField(
    path: FieldPath,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    #[prop(optional)] long: bool,
) -> impl IntoView {
    let ed = expect_context::<Editor>();
    if !ed.template.shows(field_of(path)) {
        return ().into_any();
    }
    let id = dom_id(path);
    let name = field_of(path).key();
    let required = ed.template.requires(field_of(path));
    let invalid = move || ed.visible_error(path).get().is_some();
    let touch = move |_| ed.touch(path);
    let control = if long {
        view! {
            <textarea
                id=id
                name=name
                rows="3"
                aria-required=required.to_string()
                aria-invalid=move || invalid().to_string()
                aria-describedby=described_by(ed, path)
                prop:value=move || value.get()
                on:input=move |ev| { let _ = on_input.try_run(event_target_value(&ev)); }
                on:blur=touch
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                type="text"
                id=id
                name=name
                autocomplete="off"
                aria-required=required.to_string()
                aria-invalid=move || invalid().to_string()
                aria-describedby=described_by(ed, path)
                prop:value=move || value.get()
                on:input=move |ev| { let _ = on_input.try_run(event_target_value(&ev)); }
                on:blur=touch
            />
        }
        .into_any()
    };
    view! { <FieldShell path=path>{control}</FieldShell> }.into_any()
}

#[component]
pub fn DateField(
    path: FieldPath,
    #[prop(into)] value: Signal<Option<NaiveDate>>,
    #[prop(into)] on_change: Callback<Option<NaiveDate>>,
) -> impl IntoView {
    let ed = expect_context::<Editor>();
    if !ed.template.shows(field_of(path)) {
        return ().into_any();
    }
    let required = ed.template.requires(field_of(path));
    let invalid = move || ed.visible_error(path).get().is_some();
    view! {
        <FieldShell path=path>
            <input
                type="date"
                id=dom_id(path)
                name=field_of(path).key()
                min="1900-01-01"
                max="2200-12-31"
                aria-required=required.to_string()
                aria-invalid=move || invalid().to_string()
                aria-describedby=described_by(ed, path)
                prop:value=move || value.get().map(format_date).unwrap_or_default()
                on:input=move |ev| {
                    let _ = on_change.try_run(parse_date(&event_target_value(&ev)));
                }
                on:blur=move |_| ed.touch(path)
            />
        </FieldShell>
    }
    .into_any()
}

/// A choice from a list; `options` are (value, label) pairs, labels in the UI language.
#[component]
pub fn SelectField(
    path: FieldPath,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
) -> impl IntoView {
    let ed = expect_context::<Editor>();
    if !ed.template.shows(field_of(path)) {
        return ().into_any();
    }
    let required = ed.template.requires(field_of(path));
    view! {
        <FieldShell path=path>
            <select
                id=dom_id(path)
                name=field_of(path).key()
                aria-required=required.to_string()
                aria-describedby=described_by(ed, path)
                on:change=move |ev| { let _ = on_change.try_run(event_target_value(&ev)); }
                on:blur=move |_| ed.touch(path)
            >
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(v, label)| {
                            let selected = v == current;
                            view! { <option value=v selected=selected>{label}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </FieldShell>
    }
    .into_any()
}

#[component]
pub fn CheckField(
    path: FieldPath,
    #[prop(into)] value: Signal<bool>,
    #[prop(into)] on_change: Callback<bool>,
) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let i18n = use_i18n();
    let field = field_of(path);
    if !ed.template.shows(field) {
        return ().into_any();
    }
    let id = dom_id(path);
    view! {
        <div class="field check">
            <input
                type="checkbox"
                id=id.clone()
                name=field.key()
                prop:checked=move || value.get()
                on:change=move |ev| { let _ = on_change.try_run(event_target_checked(&ev)); }
            />
            <label for=id>{move || labels::field(i18n.get_locale(), ed.template, field)}</label>
        </div>
    }
    .into_any()
}
