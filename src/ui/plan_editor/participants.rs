//! Who takes part in planning: name, role, present, signed (with date).

use leptos::prelude::*;

use super::slice;
use uuid::Uuid;

use super::fields::{dom_id, CheckField, DateField, SelectField, TextField};
use super::sections::{code, from_code};
use super::Editor;
use crate::i18n::*;
use crate::model::{remove_item, Field, FieldPath, Participant, Role};
use crate::ui::labels;
use crate::ui::state::{use_app, Action};
use crate::ui::tr;
use crate::ui::{browser, focus_soon};
use std::sync::Arc;

#[component]
pub fn ParticipantsSection() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let plan = ed.plan;
    let ids = slice(move || plan.with(|p| p.participants.iter().map(|x| x.id).collect::<Vec<_>>()));
    let add = move |_| {
        let role = ed.template.roles.last().copied().unwrap_or(Role::Other);
        let person = Participant::new(browser::new_id(), role);
        let id = person.id;
        plan.update(|p| p.participants.push(person));
        focus_soon(dom_id(FieldPath::Participant {
            participant: id,
            field: Field::ParticipantName,
        }));
    };
    view! {
        <For each=move || ids.get() key=|id| *id let:id>
            <ParticipantCard id=id />
        </For>
        <button type="button" class="add" data-testid="add-participant" on:click=add>
            "+ " {tr(|l| td_string!(l, add_participant))}
        </button>
    }
}

#[component]
fn ParticipantCard(id: Uuid) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let app = use_app();
    let i18n = use_i18n();
    let plan = ed.plan;
    let path = move |field| FieldPath::Participant {
        participant: id,
        field,
    };
    let read = move |f: fn(&Participant) -> bool| {
        slice(move || plan.with(|p| p.participants.iter().find(|x| x.id == id).is_some_and(f)))
    };
    let write = move |f: fn(&mut Participant, bool)| {
        Callback::new(move |v: bool| {
            plan.update(|p| {
                if let Some(x) = p.participant_mut(id) {
                    f(x, v)
                }
            })
        })
    };
    let template = ed.template;
    let roles = Signal::derive(move || {
        let l = i18n.get_locale();
        template
            .roles
            .iter()
            .map(|&r| (code(r), labels::role(l, r).to_string()))
            .collect::<Vec<_>>()
    });
    let signed = read(|x| x.signed);
    let remove = move |_| {
        let Some((index, person)) = plan.with_untracked(|p| {
            p.participants
                .iter()
                .position(|x| x.id == id)
                .map(|i| (i, p.participants[i].clone()))
        }) else {
            return;
        };
        plan.update(|p| {
            remove_item(&mut p.participants, id, |x| x.id);
        });
        let undo: Action = Arc::new(move || {
            plan.try_update(|p| {
                p.participants
                    .insert(index.min(p.participants.len()), person.clone())
            });
        });
        app.show_toast(
            t_string!(i18n, participant_removed).to_string(),
            Some((t_string!(i18n, undo).to_string(), undo)),
        );
    };
    view! {
        <fieldset class="card participant" data-testid="participant">
            <legend>
                {move || plan.with(|p| p.participants.iter().find(|x| x.id == id).map(|x| labels::role(i18n.get_locale(), x.role)).unwrap_or_default())}
            </legend>
            <div class="row">
                <TextField
                    path=path(Field::ParticipantName)
                    value=slice(move || plan.with(|p| p.participants.iter().find(|x| x.id == id).map(|x| x.name.clone()).unwrap_or_default()))
                    on_input=move |v: String| plan.update(|p| if let Some(x) = p.participant_mut(id) { x.name = v })
                />
                <SelectField
                    path=path(Field::ParticipantRole)
                    options=roles
                    value=slice(move || plan.with(|p| p.participants.iter().find(|x| x.id == id).map(|x| code(x.role)).unwrap_or_default()))
                    on_change=move |v: String| {
                        if let Some(r) = from_code::<Role>(&v) {
                            plan.update(|p| if let Some(x) = p.participant_mut(id) { x.role = r });
                        }
                    }
                />
            </div>
            <div class="row checks">
                <CheckField path=path(Field::ParticipantPresent) value=read(|x| x.present) on_change=write(|x, v| x.present = v) />
                <CheckField path=path(Field::ParticipantSigned) value=signed on_change=write(|x, v| {
                    x.signed = v;
                    if !v { x.signed_on = None }
                }) />
            </div>
            <Show when=move || signed.get()>
                <DateField
                    path=path(Field::ParticipantSignedOn)
                    value=slice(move || plan.with(|p| p.participants.iter().find(|x| x.id == id).and_then(|x| x.signed_on)))
                    on_change=move |d| plan.update(|p| if let Some(x) = p.participant_mut(id) { x.signed_on = d })
                />
            </Show>
            <div class="item-actions">
                <button type="button" class="danger" data-testid="remove-participant" on:click=remove>
                    {tr(|l| td_string!(l, remove_participant))}
                </button>
            </div>
        </fieldset>
    }
}
