//! Carrying out a step: its status with the date and a short note, and for a step with a
//! frequency the dates it took place, counted against what the frequency asks ("3 of 8 so far").

use chrono::NaiveDate;
use leptos::prelude::*;
use uuid::Uuid;

use super::fields::{dom_id, DateField, SelectField, TextField};
use super::sections::{code, enum_options, from_code};
use super::{slice, Editor};
use crate::i18n::*;
use crate::model::evaluation::occurrences;
use crate::model::time_format::{format_date, parse_date};
use crate::model::{Field, FieldPath, Step, StepStatus, MAX_OCCURRENCES};
use crate::ui::{browser, labels, tr};

/// A change to a step's recorded occurrences.
type DatesEdit = Box<dyn FnOnce(&mut Vec<NaiveDate>)>;

#[component]
pub fn StepProgress(goal_id: Uuid, step_id: Uuid) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let plan = ed.plan;
    let path = move |field| FieldPath::Step {
        goal: goal_id,
        step: step_id,
        field,
    };
    let update = move |f: Box<dyn FnOnce(&mut Step)>| {
        plan.update(|p| {
            if let Some(s) = p.step_mut(goal_id, step_id) {
                f(s)
            }
        })
    };
    let read = move |f: fn(&Step) -> Option<NaiveDate>| {
        slice(move || plan.with(|p| p.step(goal_id, step_id).and_then(f)))
    };
    // A new status is dated today; the date stays editable.
    let set_status = move |v: String| {
        let Some(status) = from_code::<StepStatus>(&v) else {
            return;
        };
        let today = browser::today();
        update(Box::new(move |s| {
            if s.status != status {
                s.status = status;
                s.status_on = Some(today);
            }
        }));
    };
    let status = slice(move || {
        plan.with(|p| {
            p.step(goal_id, step_id)
                .map(|s| code(s.status))
                .unwrap_or_default()
        })
    });
    let recurring = slice(move || {
        plan.with(|p| {
            p.step(goal_id, step_id)
                .is_some_and(|s| s.frequency.is_some())
        })
    });
    view! {
        <div class="row step-progress">
            <SelectField
                path=path(Field::StepStatus)
                options=enum_options(&StepStatus::ALL, labels::step_status)
                value=status
                on_change=set_status
            />
            <DateField
                path=path(Field::StepStatusOn)
                value=read(|s| s.status_on)
                on_change=move |d| update(Box::new(move |s| s.status_on = d))
            />
        </div>
        <TextField
            path=path(Field::StepStatusNote)
            value=ed.step_text(goal_id, step_id, |s| &s.status_note)
            on_input=ed.set_step_text(goal_id, step_id, |s| &mut s.status_note)
        />
        <Show when=move || recurring.get() && ed.template.shows(Field::StepOccurrences)>
            <Occurrences goal_id step_id />
        </Show>
    }
}

/// "Took place 3 of 8 times so far", the dates recorded, and a date to record.
#[component]
fn Occurrences(goal_id: Uuid, step_id: Uuid) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let plan = ed.plan;
    let count = slice(move || {
        plan.with(|p| {
            p.step(goal_id, step_id)
                .and_then(|s| occurrences(p, s, browser::today()))
        })
    });
    let dates = slice(move || {
        plan.with(|p| {
            p.step(goal_id, step_id)
                .map(|s| s.occurrences.clone())
                .unwrap_or_default()
        })
    });
    let pick = RwSignal::new(browser::today());
    let input_id = format!(
        "{}-new",
        dom_id(FieldPath::Step {
            goal: goal_id,
            step: step_id,
            field: Field::StepOccurrences,
        })
    );
    let change = move |f: DatesEdit| {
        plan.update(|p| {
            if let Some(s) = p.step_mut(goal_id, step_id) {
                f(&mut s.occurrences)
            }
        })
    };
    let full = move || dates.with(|d| d.len() >= MAX_OCCURRENCES);
    let i18n = use_i18n();
    let date_words = move |d: NaiveDate| labels::date(i18n.get_locale(), d);
    let remove_word = tr(|l| td_string!(l, occurrence_remove));
    let record = move |_| {
        let day = pick.get_untracked();
        change(Box::new(move |d| {
            if d.len() < MAX_OCCURRENCES {
                // Kept in date order, so the list reads like a register.
                let at = d.partition_point(|x| *x <= day);
                d.insert(at, day);
            }
        }));
    };
    view! {
        <fieldset class="occurrences" data-testid="occurrences">
            <legend>{tr(|l| td_string!(l, field_step_occurrences))}</legend>
            <p
                class="occurrence-count"
                class:behind=move || count.get().is_some_and(|c| c.behind())
                data-testid="occurrence-count"
                aria-live="polite"
            >
                {move || count.get().map(|c| labels::occurrence_count(i18n.get_locale(), c))}
            </p>
            <ul class="occurrence-dates">
                <For each=move || dates.get().into_iter().enumerate() key=|(i, d)| (*i, *d) let:item>
                    <li>
                        <span>{move || date_words(item.1)}</span>
                        <button
                            type="button"
                            class="icon"
                            data-testid="remove-occurrence"
                            aria-label=move || format!("{} {}", remove_word(), date_words(item.1))
                            on:click=move |_| {
                                let (i, day) = item;
                                change(Box::new(move |d| {
                                    if d.get(i) == Some(&day) {
                                        d.remove(i);
                                    }
                                }));
                            }
                        >"×"</button>
                    </li>
                </For>
            </ul>
            <div class="row occurrence-add">
                <div class="field">
                    <label for=input_id.clone()>{tr(|l| td_string!(l, occurrence_date))}</label>
                    <input
                        type="date"
                        id=input_id.clone()
                        min="1900-01-01"
                        max="2200-12-31"
                        prop:value=move || format_date(pick.get())
                        on:input=move |ev| {
                            if let Some(d) = parse_date(&event_target_value(&ev)) {
                                pick.set(d);
                            }
                        }
                    />
                </div>
                <button type="button" data-testid="record-occurrence" on:click=record disabled=full>
                    {tr(|l| td_string!(l, occurrence_record))}
                </button>
            </div>
        </fieldset>
    }
}
