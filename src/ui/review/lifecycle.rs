//! The plan's lifecycle in the UI: the plan view's "Record a review", "Complete the plan",
//! "Close for another reason" and "Reopen", the dialog asking why, and the read-only screen a
//! completed plan shows instead of its editor. Each change is the model's
//! (`model::lifecycle`), applied to the stored plan and saved as its next revision.

use leptos::prelude::*;
use uuid::Uuid;

use crate::i18n::*;
use crate::model::lifecycle::{self, LifecycleError};
use crate::model::progress::new_review;
use crate::model::{Horizon, Plan, PlanStatus, ReviewKind};
use crate::ui::browser;
use crate::ui::route::{navigate, Route};
use crate::ui::state::use_app;
use crate::ui::{focus_soon, tr};

fn words(l: Locale, e: LifecycleError) -> &'static str {
    match e {
        LifecycleError::NotAFinalReview => td_string!(l, review_not_final),
        LifecycleError::ReasonRequired => td_string!(l, err_required),
        LifecycleError::ReasonTooLong => td_string!(l, err_too_long),
        LifecycleError::NotAllowed { .. } => td_string!(l, review_not_allowed),
    }
}

/// Applies `change` to the stored plan and saves it; says what went wrong otherwise.
pub fn change_stored<R>(
    id: Uuid,
    change: impl FnOnce(&mut Plan) -> Result<R, LifecycleError>,
) -> Option<R> {
    let app = use_app();
    let l = use_i18n().get_locale_untracked();
    let mut stored = app.load_plan(id)?;
    match change(&mut stored.plan) {
        Ok(r) => match app.save(&stored.plan, &stored.revisions) {
            Ok(_) => Some(r),
            Err(e) => {
                app.show_toast(e.words(), None);
                None
            }
        },
        Err(e) => {
            app.show_toast(words(l, e).to_string(), None);
            None
        }
    }
}

/// Adds a new review of `kind` (today, prefilled) to the stored plan and opens it.
fn record(id: Uuid, kind: ReviewKind) {
    let rid = browser::new_id();
    let today = browser::today();
    let intervals = use_app().review_intervals.get_untracked();
    let made = change_stored(id, |p| {
        let r = new_review(p, rid, kind, today, &intervals);
        p.reviews.push(r);
        Ok(())
    });
    if made.is_some() {
        navigate(Route::Review(id, rid));
    }
}

/// A modal asking for a reason; "confirm" runs `on_confirm` with it, which returns whether the
/// dialog may close (an error keeps it open and says why).
#[component]
pub fn ReasonDialog(
    open: RwSignal<bool>,
    title: fn(Locale) -> &'static str,
    confirm: fn(Locale) -> &'static str,
    #[prop(into)] on_confirm: Callback<String, Result<(), LifecycleError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<LifecycleError>);
    Effect::new(move |_| {
        if open.get() {
            reason.set(String::new());
            error.set(None);
            focus_soon("reason".to_string());
        }
    });
    let go = move |_| match on_confirm.run(reason.get_untracked()) {
        Ok(()) => open.set(false),
        Err(e) => {
            error.set(Some(e));
            focus_soon("reason".to_string());
        }
    };
    view! {
        <Show when=move || open.get()>
            <div class="backdrop">
                <div
                    class="dialog"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="reason-title"
                    data-testid="reason-dialog"
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            open.set(false);
                        }
                    }
                >
                    <h2 id="reason-title">{move || title(i18n.get_locale())}</h2>
                    <div class="field" class:invalid=move || error.get().is_some()>
                        <label for="reason">{tr(|l| td_string!(l, review_reason))}</label>
                        <textarea
                            id="reason"
                            rows="3"
                            aria-describedby=move || if error.get().is_some() { "reason-err" } else { "" }
                            prop:value=move || reason.get()
                            on:input=move |ev| reason.set(event_target_value(&ev))
                        ></textarea>
                        {move || error.get().map(|e| view! { <p class="error" id="reason-err">{words(i18n.get_locale(), e)}</p> })}
                    </div>
                    <div class="dialog-actions">
                        <button type="button" class="secondary" on:click=move |_| open.set(false)>
                            {tr(|l| td_string!(l, cancel))}
                        </button>
                        <button type="button" class="primary" data-testid="reason-confirm" on:click=go>
                            {move || confirm(i18n.get_locale())}
                        </button>
                    </div>
                </div>
            </div>
        </Show>
    }
}

/// "Reopen" with its dialog; `reopened` runs once the reopened plan is saved.
#[component]
pub fn ReopenButton(
    id: Uuid,
    #[prop(optional, into)] reopened: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let on_confirm = move |why: String| {
        let today = browser::today();
        // Checked first, so the dialog can say what is missing.
        lifecycle::check_reason(&why)?;
        if change_stored(id, |p| lifecycle::reopen(p, &why, today)).is_some() {
            use_app().show_toast(t_string!(i18n, review_reopened).to_string(), None);
            if let Some(cb) = reopened {
                cb.run(());
            }
        }
        Ok(())
    };
    view! {
        <button type="button" class="primary" data-testid="reopen" on:click=move |_| open.set(true)>
            {tr(|l| td_string!(l, review_reopen))}
        </button>
        <ReasonDialog
            open=open
            title=|l| td_string!(l, review_reopen_reason)
            confirm=|l| td_string!(l, review_reopen)
            on_confirm=on_confirm
        />
    }
}

/// The plan view's lifecycle actions for a plan in `status`.
#[component]
pub fn PlanLifecycle(
    id: Uuid,
    status: PlanStatus,
    horizon: Horizon,
    has_end_of_meeting: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let close_open = RwSignal::new(false);
    let close = move |why: String| {
        let today = browser::today();
        lifecycle::check_reason(&why)?;
        if change_stored(id, |p| lifecycle::close_other(p, &why, today)).is_some() {
            use_app().show_toast(t_string!(i18n, review_closed).to_string(), None);
        }
        Ok(())
    };
    // A one-off plan is evaluated at the end of its meeting; later reviews are periodic.
    let kind = if horizon == Horizon::OneOff && !has_end_of_meeting {
        ReviewKind::EndOfMeeting
    } else {
        ReviewKind::Periodic
    };
    let running = matches!(status, PlanStatus::Draft | PlanStatus::InProgress);
    let closed = matches!(status, PlanStatus::Completed | PlanStatus::Other);
    view! {
        {(status != PlanStatus::Completed).then(|| view! {
            <button type="button" class="secondary" data-testid="record-review" on:click=move |_| record(id, kind)>
                {tr(|l| td_string!(l, review_record))}
            </button>
        })}
        {running.then(|| view! {
            <button type="button" class="secondary" data-testid="complete-plan" on:click=move |_| record(id, ReviewKind::Final)>
                {tr(|l| td_string!(l, review_complete))}
            </button>
            <button type="button" class="secondary" data-testid="close-other" on:click=move |_| close_open.set(true)>
                {tr(|l| td_string!(l, review_close_other))}
            </button>
            <ReasonDialog
                open=close_open
                title=|l| td_string!(l, review_close_reason)
                confirm=|l| td_string!(l, review_close_other)
                on_confirm=close
            />
        })}
        {closed.then(|| view! { <ReopenButton id=id /> })}
    }
}

/// What a completed plan shows where its editor would be: a notice with "Reopen", and the
/// document. Nothing is saved from here but the reopening.
#[component]
pub fn ReadOnly(id: Uuid, #[prop(into)] reopened: Callback<()>) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let plan = app.load_plan(id).map(|s| s.plan);
    if let Some(p) = plan {
        Effect::new(move || {
            crate::ui::plan_view::render_document("document-host", &p, i18n.get_locale())
        });
    }
    view! {
        <div class="plan-view read-only">
            <div class="notice no-print" role="status" data-testid="read-only">
                <p>{tr(|l| td_string!(l, review_read_only))}</p>
                <div class="actions">
                    <a class="button secondary" href=Route::View(id).href()>{tr(|l| td_string!(l, review_back_to_plan))}</a>
                    <ReopenButton id=id reopened=reopened />
                </div>
            </div>
            <div id="document-host"></div>
        </div>
    }
}

/// Shows `children` (an editor of plan `id`) unless the plan is completed; then the read-only
/// screen, and the editor again once the plan is reopened.
#[component]
pub fn UnlessCompleted(id: Uuid, children: ChildrenFn) -> impl IntoView {
    let app = use_app();
    let epoch = RwSignal::new(0u32);
    move || {
        epoch.track();
        let completed = app.plans.with_untracked(|ps| {
            ps.iter()
                .find(|p| p.id == id)
                .is_some_and(|p| p.status == PlanStatus::Completed)
        });
        if completed {
            view! { <ReadOnly id=id reopened=move |_| epoch.update(|e| *e += 1) /> }.into_any()
        } else {
            children().into_any()
        }
    }
}
