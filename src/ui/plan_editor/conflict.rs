//! The plan was changed in another window while this one had unsaved changes: both versions of
//! each differing field side by side; the user keeps one, the other, or a combined text, and
//! the result is saved as the revision after the other window's. Each choice starts on the
//! side that changed the field since the last common save.

use leptos::prelude::*;

use super::autosave::Autosave;
use super::Editor;
use crate::i18n::*;
use crate::model::merge::{differences, same_at, set_value, take, value, FieldValue, Part};
use crate::model::StoredPlan;
use crate::ui::tr;
use crate::ui::widgets::change_words::{describe, show};

#[derive(Debug, Clone, PartialEq)]
enum Pick {
    Mine,
    Theirs,
    /// A text the user wrote from both.
    Combined(String),
}

#[component]
pub fn ConflictView(save: Autosave, theirs: StoredPlan) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let i18n = use_i18n();
    let mine = ed.plan.get_untracked();
    let base = save.base_content().unwrap_or_else(|| theirs.plan.clone());
    let parts = differences(&mine, &theirs.plan);
    let picks = RwSignal::new(
        parts
            .iter()
            .map(|&part| {
                if same_at(&mine, &base, part) {
                    Pick::Theirs
                } else {
                    Pick::Mine
                }
            })
            .collect::<Vec<_>>(),
    );
    let theirs_plan = theirs.plan.clone();
    let confirm = {
        let parts = parts.clone();
        move |_| {
            let current = ed.plan.get_untracked();
            let mut result = theirs_plan.clone();
            for (&part, pick) in parts.iter().zip(picks.get_untracked()) {
                match (pick, part) {
                    (Pick::Mine, _) => take(&mut result, &current, part),
                    (Pick::Combined(text), Part::Field(path)) => {
                        set_value(&mut result, path, FieldValue::Text(text))
                    }
                    _ => {}
                }
            }
            save.settle(result);
        }
    };
    let rows = parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let l = i18n.get_locale_untracked();
            let (label, field_key) = describe(l, ed.template, &mine, &theirs.plan, part);
            let mine_text = show(l, &mine, part);
            let theirs_text = show(l, &theirs.plan, part);
            let is_text = matches!(
                part,
                Part::Field(p) if matches!(value(&mine, p), Some(FieldValue::Text(_)))
            );
            let combined_start = format!("{mine_text}\n{theirs_text}");
            let name = format!("conflict-{i}");
            let pick = move || picks.with(|p| p[i].clone());
            let set = move |p: Pick| picks.update(|ps| ps[i] = p);
            view! {
                <li class="conflict-row" data-testid="conflict-row" data-field=field_key>
                    <p class="conflict-label">{label}</p>
                    <div class="conflict-sides">
                        <label class="side">
                            <input type="radio" name=name.clone() value="mine"
                                prop:checked=move || pick() == Pick::Mine
                                on:change=move |_| set(Pick::Mine) />
                            <span class="who">{tr(|l| td_string!(l, conflict_this_window))}</span>
                            <span class="mine">{mine_text}</span>
                        </label>
                        <label class="side">
                            <input type="radio" name=name.clone() value="theirs"
                                prop:checked=move || pick() == Pick::Theirs
                                on:change=move |_| set(Pick::Theirs) />
                            <span class="who">{tr(|l| td_string!(l, conflict_other_window))}</span>
                            <span class="theirs">{theirs_text}</span>
                        </label>
                        {is_text.then(|| {
                            let start = combined_start.clone();
                            view! {
                                <label class="side">
                                    <input type="radio" name=name.clone() value="combine"
                                        prop:checked=move || matches!(pick(), Pick::Combined(_))
                                        on:change=move |_| set(Pick::Combined(start.clone())) />
                                    <span class="who">{tr(|l| td_string!(l, conflict_combine))}</span>
                                </label>
                            }
                        })}
                    </div>
                    {move || match pick() {
                        Pick::Combined(text) => Some(view! {
                            <textarea class="combined" data-testid="conflict-combined" rows="4"
                                aria-label=tr(|l| td_string!(l, conflict_combine))
                                prop:value=text
                                on:input=move |ev| set(Pick::Combined(event_target_value(&ev))) />
                        }),
                        _ => None,
                    }}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="conflict banner warning" data-testid="conflict" role="alert" aria-labelledby="conflict-title">
            <h2 id="conflict-title">{tr(|l| td_string!(l, conflict_title))}</h2>
            <p>{tr(|l| td_string!(l, conflict_text))}</p>
            <ol class="conflict-rows">{rows}</ol>
            <button type="button" class="primary" data-testid="conflict-save" on:click=confirm>
                {tr(|l| td_string!(l, conflict_save))}
            </button>
        </section>
    }
}
