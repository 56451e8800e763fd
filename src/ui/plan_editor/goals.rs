//! Goals and their steps: add, remove (with undo), reorder, edit.

use leptos::prelude::*;

use super::slice;
use uuid::Uuid;

use super::fields::{dom_id, DateField, SelectField, TextField};
use super::step_progress::StepProgress;
use super::Editor;
use crate::i18n::*;
use crate::model::{
    move_item, remove_item, Field, FieldPath, Frequency, Goal, Move, SectionId, Step,
};
use crate::ui::labels;
use crate::ui::state::{use_app, Action};
use crate::ui::tr;
use std::sync::Arc;

#[component]
pub fn GoalsSection() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let i18n = use_i18n();
    let plan = ed.plan;
    let ids = slice(move || plan.with(|p| p.goals.iter().map(|g| g.id).collect::<Vec<_>>()));
    let add_goal = move |_| {
        ed.add_goal();
    };
    let no_goals = ed.visible_error(FieldPath::Section(SectionId::Goals));
    view! {
        <div id="sec-goals" tabindex="-1">
            {move || no_goals.get().map(|e| view! { <p class="error">{labels::error(i18n.get_locale(), e)}</p> })}
        </div>
        <For each=move || ids.get() key=|id| *id let:goal_id>
            <GoalCard goal_id=goal_id />
        </For>
        <button type="button" class="add" data-testid="add-goal" on:click=add_goal>
            "+ " {tr(|l| td_string!(l, add_goal))}
        </button>
    }
}

#[component]
fn GoalCard(goal_id: Uuid) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let app = use_app();
    let i18n = use_i18n();
    let plan = ed.plan;
    let number = ed.goal_number(goal_id);
    let step_ids = ed.step_ids(goal_id);
    let goal_text = move |get: fn(&Goal) -> &String| ed.goal_text(goal_id, get);
    let set_goal = move |put: fn(&mut Goal) -> &mut String| ed.set_goal_text(goal_id, put);
    let areas = ed.life_area_options();
    let reorder = move |dir: Move| {
        plan.update(|p| {
            move_item(&mut p.goals, goal_id, dir, |g| g.id);
        })
    };
    let remove = move |_| {
        let Some((index, goal)) = plan.with_untracked(|p| {
            p.goals
                .iter()
                .position(|g| g.id == goal_id)
                .map(|i| (i, p.goals[i].clone()))
        }) else {
            return;
        };
        plan.update(|p| {
            remove_item(&mut p.goals, goal_id, |g| g.id);
        });
        let undo: Action = Arc::new(move || {
            plan.try_update(|p| p.goals.insert(index.min(p.goals.len()), goal.clone()));
        });
        app.show_toast(
            t_string!(i18n, goal_removed).to_string(),
            Some((t_string!(i18n, undo).to_string(), undo)),
        );
    };
    let add_step = move |_| {
        ed.add_step(goal_id);
    };
    let path = move |field| FieldPath::Goal {
        goal: goal_id,
        field,
    };
    view! {
        <fieldset class="card goal" data-testid="goal">
            <legend>{tr(|l| td_string!(l, goal))} " " {number}</legend>
            <SelectField
                path=path(Field::GoalLifeArea)
                options=areas
                value=goal_text(|g| &g.life_area)
                on_change=set_goal(|g| &mut g.life_area)
            />
            <TextField path=path(Field::GoalText) long=true value=goal_text(|g| &g.text) on_input=set_goal(|g| &mut g.text) />
            <TextField
                path=path(Field::GoalSuccessCriteria)
                long=true
                value=goal_text(|g| &g.success_criteria)
                on_input=set_goal(|g| &mut g.success_criteria)
            />
            <DateField
                path=path(Field::GoalTargetDate)
                value=slice(move || plan.with(|p| p.goals.iter().find(|g| g.id == goal_id).and_then(|g| g.target_date)))
                on_change=move |d| plan.update(|p| if let Some(g) = p.goal_mut(goal_id) { g.target_date = d })
            />
            <h3 class="steps-title">{tr(|l| td_string!(l, steps))}</h3>
            <For each=move || step_ids.get() key=|id| *id let:step_id>
                <StepCard goal_id=goal_id step_id=step_id goal_number=number />
            </For>
            <div class="item-actions">
                <button type="button" class="add" data-testid="add-step" on:click=add_step>
                    "+ " {tr(|l| td_string!(l, add_step))}
                </button>
                <button type="button" class="icon" on:click=move |_| reorder(Move::Up) aria-label=tr(|l| td_string!(l, move_up))>"↑"</button>
                <button type="button" class="icon" on:click=move |_| reorder(Move::Down) aria-label=tr(|l| td_string!(l, move_down))>"↓"</button>
                <button type="button" class="danger" data-testid="remove-goal" on:click=remove>
                    {tr(|l| td_string!(l, remove_goal))}
                </button>
            </div>
        </fieldset>
    }
}

fn frequency_kind(f: Option<Frequency>) -> &'static str {
    match f {
        None => "",
        Some(Frequency::Once) => "once",
        Some(Frequency::PerWeek { .. }) => "per_week",
        Some(Frequency::PerMonth { .. }) => "per_month",
    }
}

/// A step: its heading ("Goal 2 · Step 3") folds it to a one-line summary, so a plan with
/// many steps stays short. Steps that were there when the editor opened start folded; a new
/// one, or one with an error to show, is open.
#[component]
fn StepCard(goal_id: Uuid, step_id: Uuid, goal_number: Signal<usize>) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let app = use_app();
    let i18n = use_i18n();
    let plan = ed.plan;
    let step_number = slice(move || {
        plan.with(|p| {
            p.goal(goal_id)
                .and_then(|g| g.steps.iter().position(|s| s.id == step_id))
                .map_or(0, |i| i + 1)
        })
    });
    let unfolded = RwSignal::new(plan.with_untracked(|p| {
        p.step(goal_id, step_id)
            .is_none_or(|s| s.activity.trim().is_empty())
    }));
    let shows_error = slice(move || {
        ed.attempted.with(|a| a.contains(&SectionId::Goals))
            && ed.errors.with(|es| {
                es.iter()
                    .any(|e| matches!(e.path, FieldPath::Step { step, .. } if step == step_id))
            })
    });
    let open = move || unfolded.get() || shows_error.get();
    let summary = slice(move || {
        plan.with(|p| {
            p.step(goal_id, step_id)
                .map(|s| {
                    [s.activity.trim(), s.responsible.trim()]
                        .into_iter()
                        .filter(|x| !x.is_empty())
                        .collect::<Vec<_>>()
                        .join(" — ")
                })
                .unwrap_or_default()
        })
    });
    let body_id = format!("step-body-{step_id}");
    let path = move |field| FieldPath::Step {
        goal: goal_id,
        step: step_id,
        field,
    };
    let read = move |get: fn(&Step) -> Option<Frequency>| {
        plan.with(|p| {
            p.goals
                .iter()
                .find(|g| g.id == goal_id)
                .and_then(|g| g.steps.iter().find(|s| s.id == step_id))
                .and_then(get)
        })
    };
    let frequency = slice(move || read(|s| s.frequency));
    let update = move |f: Box<dyn FnOnce(&mut Step)>| {
        plan.update(|p| {
            if let Some(s) = p.step_mut(goal_id, step_id) {
                f(s)
            }
        })
    };
    let freq_options = Signal::derive(move || {
        let l = i18n.get_locale();
        vec![
            (
                String::new(),
                format!("— {} —", t_string!(i18n, no_frequency)),
            ),
            ("once".into(), td_string!(l, freq_once).into()),
            ("per_week".into(), td_string!(l, freq_per_week).into()),
            ("per_month".into(), td_string!(l, freq_per_month).into()),
        ]
    });
    let set_kind = move |kind: String| {
        let times = match frequency.get_untracked() {
            Some(Frequency::PerWeek { times } | Frequency::PerMonth { times }) => times,
            _ => 1,
        };
        let f = match kind.as_str() {
            "once" => Some(Frequency::Once),
            "per_week" => Some(Frequency::PerWeek { times }),
            "per_month" => Some(Frequency::PerMonth { times }),
            _ => None,
        };
        update(Box::new(move |s| s.frequency = f));
    };
    let times = move || match frequency.get() {
        Some(Frequency::PerWeek { times } | Frequency::PerMonth { times }) => Some(times),
        _ => None,
    };
    let set_times = move |v: String| {
        let n: u8 = v.trim().parse().unwrap_or(0);
        update(Box::new(move |s| {
            s.frequency = match s.frequency {
                Some(Frequency::PerWeek { .. }) => Some(Frequency::PerWeek { times: n }),
                Some(Frequency::PerMonth { .. }) => Some(Frequency::PerMonth { times: n }),
                other => other,
            }
        }));
    };
    let times_id = format!("{}-times", dom_id(path(Field::StepFrequency)));
    let remove = move |_| {
        let Some((index, step)) = plan.with_untracked(|p| {
            p.goals.iter().find(|g| g.id == goal_id).and_then(|g| {
                g.steps
                    .iter()
                    .position(|s| s.id == step_id)
                    .map(|i| (i, g.steps[i].clone()))
            })
        }) else {
            return;
        };
        plan.update(|p| {
            if let Some(g) = p.goal_mut(goal_id) {
                remove_item(&mut g.steps, step_id, |s| s.id);
            }
        });
        let undo: Action = Arc::new(move || {
            plan.try_update(|p| {
                if let Some(g) = p.goal_mut(goal_id) {
                    g.steps.insert(index.min(g.steps.len()), step.clone())
                }
            });
        });
        app.show_toast(
            t_string!(i18n, step_removed).to_string(),
            Some((t_string!(i18n, undo).to_string(), undo)),
        );
    };
    let reorder = move |dir: Move| {
        plan.update(|p| {
            if let Some(g) = p.goal_mut(goal_id) {
                move_item(&mut g.steps, step_id, dir, |s| s.id);
            }
        })
    };
    let text = move |field: Field, get: fn(&Step) -> &String, put: fn(&mut Step) -> &mut String| {
        view! { <TextField path=path(field) long=true value=ed.step_text(goal_id, step_id, get) on_input=ed.set_step_text(goal_id, step_id, put) /> }
    };
    view! {
        <div class="step" data-testid="step" class:folded=move || !open()>
            <button
                type="button"
                class="fold"
                data-testid="fold-step"
                aria-expanded=move || open().to_string()
                aria-controls=body_id.clone()
                on:click=move |_| unfolded.set(!open())
            >
                <span class="fold-mark" aria-hidden="true">{move || if open() { "▾" } else { "▸" }}</span>
                <span class="step-title">
                    {tr(|l| td_string!(l, goal))} " " {goal_number} " · " {tr(|l| td_string!(l, step))} " " {step_number}
                </span>
                {move || (!open()).then(|| view! { <span class="step-summary">{summary.get()}</span> })}
            </button>
            <div class="step-body" id=body_id hidden=move || !open()>
            {text(Field::StepActivity, |s| &s.activity, |s| &mut s.activity)}
            <TextField
                path=path(Field::StepResponsible)
                value=ed.step_text(goal_id, step_id, |s| &s.responsible)
                on_input=ed.set_step_text(goal_id, step_id, |s| &mut s.responsible)
            />
            <div class="row">
                <DateField
                    path=path(Field::StepDeadline)
                    value=slice(move || plan.with(|p| p.goals.iter().find(|g| g.id == goal_id).and_then(|g| g.steps.iter().find(|s| s.id == step_id)).and_then(|s| s.deadline)))
                    on_change=move |d| update(Box::new(move |s| s.deadline = d))
                />
                <SelectField
                    path=path(Field::StepFrequency)
                    options=freq_options
                    value=Signal::derive(move || frequency_kind(frequency.get()).to_string())
                    on_change=set_kind
                />
                <Show when=move || times().is_some()>
                    <div class="field times">
                        <label for=times_id.clone()>{tr(|l| td_string!(l, times_label))}</label>
                        <input
                            type="number"
                            id=times_id.clone()
                            name="step_frequency_times"
                            min="1"
                            max="31"
                            inputmode="numeric"
                            prop:value=move || times().map(|t| t.to_string()).unwrap_or_default()
                            on:input=move |ev| set_times(event_target_value(&ev))
                        />
                    </div>
                </Show>
            </div>
            {text(Field::StepResult, |s| &s.result, |s| &mut s.result)}
            {text(Field::StepNetworkSupport, |s| &s.network_support, |s| &mut s.network_support)}
            {text(Field::StepRiskManagement, |s| &s.risk_management, |s| &mut s.risk_management)}
            {text(Field::StepFeedback, |s| &s.feedback, |s| &mut s.feedback)}
            <StepProgress goal_id step_id />
            <div class="item-actions">
                <button type="button" class="icon" on:click=move |_| reorder(Move::Up) aria-label=tr(|l| td_string!(l, move_up))>"↑"</button>
                <button type="button" class="icon" on:click=move |_| reorder(Move::Down) aria-label=tr(|l| td_string!(l, move_down))>"↓"</button>
                <button type="button" class="danger" data-testid="remove-step" on:click=remove>
                    {tr(|l| td_string!(l, remove_step))}
                </button>
            </div>
            </div>
        </div>
    }
}
