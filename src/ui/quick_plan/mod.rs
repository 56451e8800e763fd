//! The quick one-off plan: who came, why, the goal(s), the steps agreed (who does what by
//! when) and the end-of-meeting evaluation on one screen. It is an ordinary plan (one-off
//! horizon) that saves itself like any other; the full form is one link away.

use leptos::prelude::*;
use uuid::Uuid;

use crate::i18n::*;
use crate::model::{
    blocks_quick, Field, FieldPath, GoalReview, Plan, Progress, SectionId, Template, TemplateId,
};
use crate::ui::browser;
use crate::ui::labels;
use crate::ui::plan_editor::autosave::{self, Autosave};
use crate::ui::plan_editor::conflict::ConflictView;
use crate::ui::plan_editor::fields::{DateField, SelectField, TextField};
use crate::ui::plan_editor::{dom_id, slice, Editor};
use crate::ui::review::{ProgressChoice, ReviewText};
use crate::ui::route::{navigate, Route};
use crate::ui::state::use_app;
use crate::ui::{focus_soon, tr};

/// The quick screen, or the read-only screen of a completed plan.
#[component]
pub fn QuickPlan(id: Uuid) -> impl IntoView {
    view! {
        <crate::ui::review::UnlessCompleted id=id>
            <QuickScreen id=id />
        </crate::ui::review::UnlessCompleted>
    }
}

#[component]
fn QuickScreen(id: Uuid) -> impl IntoView {
    let app = use_app();
    let Some((plan, base)) = app.find(id) else {
        return view! { <crate::ui::NotFound /> }.into_any();
    };
    let plan = RwSignal::new(plan);
    let save = autosave::start(plan, base);
    let template = slice(move || plan.with(|p| p.template));
    let i18n = use_i18n();
    let title = slice(move || {
        let name = plan.with(|p| p.general.client_name.trim().to_string());
        if name.is_empty() {
            t_string!(i18n, quick_title).to_string()
        } else {
            name
        }
    });
    view! {
        <div class="editor quick-plan">
            <header class="screen-head">
                <p class="eyebrow">{tr(|l| td_string!(l, quick_title))}</p>
                <h1 id="screen-title" tabindex="-1">{title}</h1>
                <autosave::SaveStatus state=save.state />
            </header>
            {move || save.theirs.get().map(|theirs| view! { <ConflictView save=save theirs=theirs /> })}
            <p class="intro">{tr(|l| td_string!(l, quick_intro))}</p>
            <TemplateChoice plan=plan />
            // A new editor for each template: labels, required fields and life areas follow it.
            {move || view! { <QuickForm plan=plan template=template.get() save=save /> }}
        </div>
    }
    .into_any()
}

/// The counselling form unless chosen otherwise; switching keeps what was typed.
#[component]
fn TemplateChoice(plan: RwSignal<Plan>) -> impl IntoView {
    let i18n = use_i18n();
    let current = slice(move || plan.with(|p| p.template));
    let change = move |ev| {
        if let Some(t) = TemplateId::from_code(&event_target_value(&ev)) {
            plan.update(|p| p.switch_template(t.template(), browser::new_id));
        }
    };
    view! {
        <div class="field">
            <label for="quick-template">{tr(|l| td_string!(l, form_label))}</label>
            <select id="quick-template" data-testid="quick-template" on:change=change>
                {move || {
                    let lang = labels::lang_of(i18n.get_locale());
                    Template::all()
                        .into_iter()
                        .map(|t| view! { <option value=t.id.code() selected=current.get() == t.id>{t.name.get(lang)}</option> })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// `template` is what the plan follows now; the form is made again when it changes.
#[component]
fn QuickForm(plan: RwSignal<Plan>, template: TemplateId, save: Autosave) -> impl IntoView {
    let ed = Editor::over(plan);
    debug_assert_eq!(ed.template.id, template);
    provide_context(ed);
    let goal_ids = slice(move || plan.with(|p| p.goals.iter().map(|g| g.id).collect::<Vec<_>>()));
    let text = move |f: Field,
                     long: bool,
                     get: fn(&Plan) -> &String,
                     put: fn(&mut Plan) -> &mut String| {
        view! { <TextField path=FieldPath::Plan(f) long=long value=ed.text(get) on_input=ed.set_text(put) /> }
    };
    let done = move |_| {
        let errors: Vec<_> = ed
            .errors
            .with_untracked(|es| es.iter().filter(|e| blocks_quick(e)).copied().collect());
        if let Some(first) = errors.first() {
            ed.attempt(&[
                SectionId::General,
                SectionId::Situation,
                SectionId::Goals,
                SectionId::Evaluation,
            ]);
            focus_soon(dom_id(first.path));
            return;
        }
        let today = browser::today();
        plan.update(|p| p.finish_quick(today));
        save.flush();
        navigate(Route::View(plan.with_untracked(|p| p.id)));
    };
    let full_form = move |_| {
        save.flush();
        navigate(Route::Edit(plan.with_untracked(|p| p.id), None));
    };
    let i18n = use_i18n();
    let no_goals = ed.visible_error(FieldPath::Section(SectionId::Goals));
    // The free-text evaluation of plans made before reviews: shown where it holds text.
    let old_evaluation = plan.with_untracked(|p| !p.evaluation.trim().is_empty());
    view! {
        <section class="form-section">
            {text(Field::ClientName, false, |p| &p.general.client_name, |p| &mut p.general.client_name)}
            {text(Field::KeyWorker, false, |p| &p.general.key_worker, |p| &mut p.general.key_worker)}
            {text(Field::WhyTheyCome, true, |p| &p.situation.why_they_come, |p| &mut p.situation.why_they_come)}
            <div id="sec-goals" tabindex="-1">
                {move || no_goals.get().map(|e| view! { <p class="error">{labels::error(i18n.get_locale(), e)}</p> })}
            </div>
            <For each=move || goal_ids.get() key=|id| *id let:goal_id>
                <QuickGoal goal_id=goal_id />
            </For>
            <button type="button" class="add" data-testid="add-goal" on:click=move |_| { ed.add_goal(); }>
                "+ " {tr(|l| td_string!(l, add_goal))}
            </button>
            <QuickEvaluation />
            {old_evaluation.then(|| text(Field::Evaluation, true, |p| &p.evaluation, |p| &mut p.evaluation))}
        </section>
        <div class="wizard-nav">
            <button type="button" class="secondary" data-testid="full-form" on:click=full_form>
                {tr(|l| td_string!(l, quick_full_form))}
            </button>
            <button type="button" class="primary" data-testid="quick-done" on:click=done>
                {tr(|l| td_string!(l, quick_done))}
            </button>
        </div>
    }
}

#[component]
fn QuickGoal(goal_id: Uuid) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let number = ed.goal_number(goal_id);
    let step_ids = ed.step_ids(goal_id);
    let path = move |field| FieldPath::Goal {
        goal: goal_id,
        field,
    };
    // The life area only where the form requires it (the child form); otherwise the full
    // form has it.
    let area = ed.template.requires(Field::GoalLifeArea).then(|| {
        let options = ed.life_area_options();
        view! {
            <SelectField
                path=path(Field::GoalLifeArea)
                options=options
                value=ed.goal_text(goal_id, |g| &g.life_area)
                on_change=ed.set_goal_text(goal_id, |g| &mut g.life_area)
            />
        }
    });
    view! {
        <fieldset class="card goal" data-testid="goal">
            <legend>{tr(|l| td_string!(l, goal))} " " {number}</legend>
            {area}
            <TextField path=path(Field::GoalText) long=true value=ed.goal_text(goal_id, |g| &g.text) on_input=ed.set_goal_text(goal_id, |g| &mut g.text) />
            <For each=move || step_ids.get() key=|id| *id let:step_id>
                <QuickStep goal_id=goal_id step_id=step_id number=number />
            </For>
            <button type="button" class="add" data-testid="add-step" on:click=move |_| { ed.add_step(goal_id); }>
                "+ " {tr(|l| td_string!(l, add_step))}
            </button>
        </fieldset>
    }
}

/// Who does what by when.
#[component]
fn QuickStep(goal_id: Uuid, step_id: Uuid, number: Signal<usize>) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let plan = ed.plan;
    let path = move |field| FieldPath::Step {
        goal: goal_id,
        step: step_id,
        field,
    };
    let step_number = slice(move || {
        plan.with(|p| {
            p.goal(goal_id)
                .and_then(|g| g.steps.iter().position(|s| s.id == step_id))
                .map_or(0, |i| i + 1)
        })
    });
    view! {
        <div class="step" data-testid="step">
            <h3 class="step-title">
                {tr(|l| td_string!(l, goal))} " " {number} " · " {tr(|l| td_string!(l, step))} " " {step_number}
            </h3>
            <TextField path=path(Field::StepActivity) value=ed.step_text(goal_id, step_id, |s| &s.activity) on_input=ed.set_step_text(goal_id, step_id, |s| &mut s.activity) />
            <div class="row">
                <TextField path=path(Field::StepResponsible) value=ed.step_text(goal_id, step_id, |s| &s.responsible) on_input=ed.set_step_text(goal_id, step_id, |s| &mut s.responsible) />
                <DateField
                    path=path(Field::StepDeadline)
                    value=slice(move || plan.with(|p| p.step(goal_id, step_id).and_then(|s| s.deadline)))
                    on_change=move |d| plan.update(|p| if let Some(s) = p.step_mut(goal_id, step_id) { s.deadline = d })
                />
            </div>
        </div>
    }
}

/// The end-of-meeting evaluation: per goal a rating (one tap), a short comment and the
/// client's view, kept as the plan's end-of-meeting review (made at the first input).
#[component]
fn QuickEvaluation() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let plan = ed.plan;
    let i18n = use_i18n();
    let goal_ids = slice(move || plan.with(|p| p.goals.iter().map(|g| g.id).collect::<Vec<_>>()));
    view! {
        <fieldset class="card quick-evaluation" data-testid="quick-evaluation">
            <legend>{move || labels::field(i18n.get_locale(), ed.template, Field::Evaluation)}</legend>
            <p class="help">{tr(|l| td_string!(l, review_quick_intro))}</p>
            <For each=move || goal_ids.get() key=|id| *id let:goal>
                <QuickRating goal=goal />
            </For>
        </fieldset>
    }
}

#[component]
fn QuickRating(goal: Uuid) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let plan = ed.plan;
    let number = ed.goal_number(goal);
    let text = ed.goal_text(goal, |g| &g.text);
    let today = browser::today();
    let progress = slice(move || {
        plan.with(|p| {
            p.end_of_meeting()
                .and_then(|r| r.for_goal(goal))
                .and_then(|g| g.progress)
        })
    });
    let part = move |get: fn(&GoalReview) -> &String, put: fn(&mut GoalReview) -> &mut String| {
        (
            slice(move || {
                plan.with(|p| {
                    p.end_of_meeting()
                        .and_then(|r| r.for_goal(goal))
                        .map(|g| get(g).clone())
                        .unwrap_or_default()
                })
            }),
            Callback::new(move |v| {
                plan.update(|p| {
                    *put(p.end_of_meeting_mut(today, browser::new_id).goal_mut(goal)) = v
                })
            }),
        )
    };
    let rate = Callback::new(move |v: Progress| {
        plan.update(|p| {
            p.end_of_meeting_mut(today, browser::new_id)
                .goal_mut(goal)
                .progress = Some(v)
        })
    });
    let (comment, set_comment) = part(|g| &g.comment, |g| &mut g.comment);
    let (client, set_client) = part(|g| &g.client_view, |g| &mut g.client_view);
    view! {
        <div class="review-goal" data-testid="review-goal">
            <h3 class="step-title">{tr(|l| td_string!(l, goal))} " " {number} ": " <span class="goal-text">{text}</span></h3>
            <ProgressChoice name=format!("progress-{goal}") value=progress on_change=rate />
            <ReviewText
                id=format!("rv-comment-{goal}")
                name="review_comment"
                label=|l| td_string!(l, review_comment)
                value=comment
                on_input=set_comment
            />
            <ReviewText
                id=format!("rv-client-{goal}")
                name="review_client_view"
                label=|l| td_string!(l, review_client_view)
                value=client
                on_input=set_client
            />
        </div>
    }
}
