//! A review of a plan (`#/plan/<id>/review/<review>`): kind, date, who took part, per goal a
//! rating on the four-point scale with a comment and the client's and the worker's views side
//! by side, what happens next and the next review. It is another layout over the same
//! `Editor` and autosave as the full form and the quick plan. Saving a final review completes
//! the plan (`model::lifecycle`).

mod controls;
pub mod lifecycle;

pub use controls::{ProgressChoice, ReviewText};
pub use lifecycle::{PlanLifecycle, UnlessCompleted};

use leptos::prelude::*;
use uuid::Uuid;

use crate::i18n::*;
use crate::model::lifecycle as rules;
use crate::model::progress::{proposed_next, validate_review, ReviewError, ReviewField};
use crate::model::time_format::{format_date, parse_date};
use crate::model::{ErrorKind, GoalReview, Plan, Progress, Review, ReviewKind};
use crate::ui::browser;
use crate::ui::labels;
use crate::ui::plan_editor::autosave::{self, Autosave};
use crate::ui::plan_editor::conflict::ConflictView;
use crate::ui::plan_editor::{slice, Editor};
use crate::ui::route::{navigate, Route};
use crate::ui::state::use_app;
use crate::ui::{focus_soon, tr};

#[component]
pub fn ReviewScreen(id: Uuid, review: Uuid) -> impl IntoView {
    view! {
        <UnlessCompleted id=id>
            <ReviewEditor id=id review=review />
        </UnlessCompleted>
    }
}

#[component]
fn ReviewEditor(id: Uuid, review: Uuid) -> impl IntoView {
    let app = use_app();
    let Some((plan, base)) = app.find(id).filter(|(p, _)| p.review(review).is_some()) else {
        return view! { <crate::ui::NotFound /> }.into_any();
    };
    let plan = RwSignal::new(plan);
    let save = autosave::start(plan, base);
    let ed = Editor::over(plan);
    provide_context(ed);
    let i18n = use_i18n();
    let client = slice(move || plan.with(|p| p.display_name().to_string()));
    view! {
        <div class="editor review-screen">
            <header class="screen-head">
                <p class="eyebrow">{client}</p>
                <h1 id="screen-title" tabindex="-1">{move || td_string!(i18n.get_locale(), review_title)}</h1>
                <autosave::SaveStatus state=save.state />
            </header>
            {move || save.theirs.get().map(|theirs| view! { <ConflictView save=save theirs=theirs /> })}
            <ReviewForm rid=review save=save />
        </div>
    }
    .into_any()
}

/// A text of the review as a signal and its writer.
fn review_text(
    plan: RwSignal<Plan>,
    rid: Uuid,
    get: fn(&Review) -> &String,
    put: fn(&mut Review) -> &mut String,
) -> (Signal<String>, Callback<String>) {
    (
        slice(move || plan.with(|p| p.review(rid).map(|r| get(r).clone()).unwrap_or_default())),
        Callback::new(move |v| {
            plan.update(|p| {
                if let Some(r) = p.review_mut(rid) {
                    *put(r) = v
                }
            })
        }),
    )
}

#[component]
fn ReviewForm(rid: Uuid, save: Autosave) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let plan = ed.plan;
    let id = plan.with_untracked(|p| p.id);
    let i18n = use_i18n();
    let errors =
        Memo::new(move |_| plan.with(|p| p.review(rid).map(validate_review).unwrap_or_default()));
    let error_of = move |field: ReviewField| -> Signal<Option<ErrorKind>> {
        Signal::derive(move || {
            errors
                .with(|es: &Vec<ReviewError>| es.iter().find(|e| e.field == field).map(|e| e.kind))
        })
    };
    // The date field emptied: the model keeps the last date, the screen says it is needed.
    let date_missing = RwSignal::new(false);
    let kind = slice(move || plan.with(|p| p.review(rid).map(|r| r.kind)));
    let date = slice(move || plan.with(|p| p.review(rid).map(|r| r.date)));
    let next = slice(move || plan.with(|p| p.review(rid).and_then(|r| r.next_review)));
    let goal_ids = slice(move || plan.with(|p| p.goals.iter().map(|g| g.id).collect::<Vec<_>>()));
    let set_kind = move |ev| {
        let k = match event_target_value(&ev).as_str() {
            "end_of_meeting" => ReviewKind::EndOfMeeting,
            "final" => ReviewKind::Final,
            _ => ReviewKind::Periodic,
        };
        plan.update(|p| {
            if let Some(r) = p.review_mut(rid) {
                r.kind = k
            }
        });
    };
    let intervals = use_app().review_intervals;
    let set_date = move |ev| match parse_date(&event_target_value(&ev)) {
        Some(d) => {
            date_missing.set(false);
            let every = intervals.get_untracked();
            plan.update(|p| {
                let proposed_before = p.review(rid).map(|r| proposed_next(p, r.date, &every));
                let proposed_now = proposed_next(p, d, &every);
                if let Some(r) = p.review_mut(rid) {
                    // A next date that was the proposal follows the review's date.
                    if r.next_review.is_some() && r.next_review == proposed_before {
                        r.next_review = Some(proposed_now);
                    }
                    r.date = d;
                }
            });
        }
        None => date_missing.set(true),
    };
    let set_next = move |ev| {
        let d = parse_date(&event_target_value(&ev));
        plan.update(|p| {
            if let Some(r) = p.review_mut(rid) {
                r.next_review = d
            }
        });
    };
    let (took, set_took) = review_text(plan, rid, |r| &r.took_part, |r| &mut r.took_part);
    let (steps, set_steps) = review_text(plan, rid, |r| &r.next_steps, |r| &mut r.next_steps);
    let finish = move |_| {
        if date_missing.get_untracked() {
            focus_soon("rv-date".into());
            return;
        }
        if let Some(first) = errors.with_untracked(|es| es.first().copied()) {
            focus_soon(field_id(first.field));
            return;
        }
        let completes = plan.with_untracked(|p| {
            p.review(rid).is_some_and(|r| r.kind == ReviewKind::Final)
                && rules::allowed(p.status, crate::model::PlanStatus::Completed)
        });
        if completes {
            let today = browser::today();
            plan.update(|p| {
                let _ = rules::complete(p, rid, today);
            });
        }
        save.flush();
        navigate(Route::View(id));
    };
    let remove = move |_| {
        plan.update(|p| p.reviews.retain(|r| r.id != rid));
        save.flush();
        use_app().show_toast(t_string!(i18n, review_removed).to_string(), None);
        navigate(Route::View(id));
    };
    let kinds = move || {
        let l = i18n.get_locale();
        ReviewKind::ALL
            .into_iter()
            .map(|k| {
                let code = match k {
                    ReviewKind::EndOfMeeting => "end_of_meeting",
                    ReviewKind::Periodic => "periodic",
                    ReviewKind::Final => "final",
                };
                view! { <option value=code selected=kind.get() == Some(k)>{labels::review_kind(l, k)}</option> }
            })
            .collect_view()
    };
    let is_final = move || kind.get() == Some(ReviewKind::Final);
    view! {
        <section class="form-section review-form">
            <div class="row">
                <div class="field">
                    <label for="rv-kind">{tr(|l| td_string!(l, review_kind))}</label>
                    <select id="rv-kind" name="review_kind" on:change=set_kind>{kinds}</select>
                </div>
                <div class="field" class:invalid=move || date_missing.get()>
                    <label for="rv-date">{tr(|l| td_string!(l, review_date))} <span class="req" aria-hidden="true">" *"</span></label>
                    <input
                        type="date"
                        id="rv-date"
                        name="review_date"
                        min="1900-01-01"
                        max="2200-12-31"
                        aria-required="true"
                        aria-invalid=move || date_missing.get().to_string()
                        aria-describedby=move || if date_missing.get() { "rv-date-err" } else { "" }
                        prop:value=move || date.get().map(format_date).unwrap_or_default()
                        on:input=set_date
                    />
                    {move || date_missing.get().then(|| view! {
                        <p class="error" id="rv-date-err">{labels::error(i18n.get_locale(), ErrorKind::Required)}</p>
                    })}
                </div>
            </div>
            <ReviewText
                id="rv-took-part".into()
                name="review_took_part"
                label=|l| td_string!(l, review_took_part)
                value=took
                on_input=set_took
                error=error_of(ReviewField::TookPart)
            />
            <For each=move || goal_ids.get() key=|g| *g let:goal>
                <GoalRating rid=rid goal=goal error_of=error_of />
            </For>
            <ReviewText
                id="rv-next-steps".into()
                name="review_next_steps"
                label=|l| td_string!(l, review_next_steps)
                long=true
                value=steps
                on_input=set_steps
                error=error_of(ReviewField::NextSteps)
            />
            {move || {
                let err = error_of(ReviewField::NextReview);
                view! {
                    <div class="field" class:invalid=move || err.get().is_some()>
                        <label for="rv-next-review">{tr(|l| td_string!(l, review_next_review))}</label>
                        <input
                            type="date"
                            id="rv-next-review"
                            name="review_next_review"
                            min="1900-01-01"
                            max="2200-12-31"
                            aria-invalid=move || err.get().is_some().to_string()
                            prop:value=move || next.get().map(format_date).unwrap_or_default()
                            on:input=set_next
                        />
                        {move || err.get().map(|e| view! { <p class="error">{labels::error(i18n.get_locale(), e)}</p> })}
                    </div>
                }
            }}
        </section>
        <div class="wizard-nav">
            <button type="button" class="danger" data-testid="remove-review" on:click=remove>
                {tr(|l| td_string!(l, review_remove))}
            </button>
            <button type="button" class="primary" data-testid="save-review" on:click=finish>
                {move || if is_final() { t_string!(i18n, review_save_complete) } else { t_string!(i18n, review_save) }}
            </button>
        </div>
    }
}

/// The DOM id of a review field's control.
fn field_id(f: ReviewField) -> String {
    match f {
        ReviewField::TookPart => "rv-took-part".into(),
        ReviewField::Comment(g) => format!("rv-comment-{g}"),
        ReviewField::ClientView(g) => format!("rv-client-{g}"),
        ReviewField::WorkerView(g) => format!("rv-worker-{g}"),
        ReviewField::NextSteps => "rv-next-steps".into(),
        ReviewField::NextReview => "rv-next-review".into(),
    }
}

/// One goal of the review: its text as the heading, the rating, the comment, and the two
/// views side by side (stacked on a phone).
#[component]
fn GoalRating(
    rid: Uuid,
    goal: Uuid,
    error_of: impl Fn(ReviewField) -> Signal<Option<ErrorKind>> + Copy + 'static,
) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let plan = ed.plan;
    let number = ed.goal_number(goal);
    let text = ed.goal_text(goal, |g| &g.text);
    let part = move |get: fn(&GoalReview) -> &String, put: fn(&mut GoalReview) -> &mut String| {
        (
            slice(move || {
                plan.with(|p| {
                    p.review(rid)
                        .and_then(|r| r.for_goal(goal))
                        .map(|g| get(g).clone())
                        .unwrap_or_default()
                })
            }),
            Callback::new(move |v| {
                plan.update(|p| {
                    if let Some(r) = p.review_mut(rid) {
                        *put(r.goal_mut(goal)) = v
                    }
                })
            }),
        )
    };
    let progress = slice(move || {
        plan.with(|p| {
            p.review(rid)
                .and_then(|r| r.for_goal(goal))
                .and_then(|g| g.progress)
        })
    });
    let rate = Callback::new(move |v: Progress| {
        plan.update(|p| {
            if let Some(r) = p.review_mut(rid) {
                r.goal_mut(goal).progress = Some(v)
            }
        })
    });
    let (comment, set_comment) = part(|g| &g.comment, |g| &mut g.comment);
    let (client, set_client) = part(|g| &g.client_view, |g| &mut g.client_view);
    let (worker, set_worker) = part(|g| &g.worker_view, |g| &mut g.worker_view);
    view! {
        <fieldset class="card review-goal" data-testid="review-goal">
            <legend>{tr(|l| td_string!(l, goal))} " " {number}</legend>
            <h3 class="goal-text">{text}</h3>
            <ProgressChoice name=format!("progress-{goal}") value=progress on_change=rate />
            <ReviewText
                id=format!("rv-comment-{goal}")
                name="review_comment"
                label=|l| td_string!(l, review_comment)
                long=true
                value=comment
                on_input=set_comment
                error=error_of(ReviewField::Comment(goal))
            />
            <div class="review-views">
                <ReviewText
                    id=format!("rv-client-{goal}")
                    name="review_client_view"
                    label=|l| td_string!(l, review_client_view)
                    long=true
                    value=client
                    on_input=set_client
                    error=error_of(ReviewField::ClientView(goal))
                />
                <ReviewText
                    id=format!("rv-worker-{goal}")
                    name="review_worker_view"
                    label=|l| td_string!(l, review_worker_view)
                    long=true
                    value=worker
                    on_input=set_worker
                    error=error_of(ReviewField::WorkerView(goal))
                />
            </div>
        </fieldset>
    }
}
