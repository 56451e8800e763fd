//! A plan's earlier versions (`model::history`): newest first, each with its local time and
//! what its save changed, in words per field; one opens read-only as the plan's document, and
//! "Restore this version" saves it as a new revision through the normal save path, so a
//! restore is itself in the history and can be undone by restoring again.
//!
//! Reading the history writes nothing.

use chrono::{DateTime, Timelike, Utc};
use leptos::prelude::*;
use uuid::Uuid;

use crate::i18n::*;
use crate::model::history::{generation as generation_of, Version, MAX_ENTRIES};
use crate::model::{Plan, Revisions, StoredPlan};
use crate::ui::plan_view::document;
use crate::ui::route::{navigate, Route};
use crate::ui::state::{use_app, AppState, SaveFailure};
use crate::ui::widgets::change_words::changes;
use crate::ui::widgets::ConfirmDialog;
use crate::ui::{browser, labels, tr, NotFound};

/// The stored plan and every version the history gives back, newest (the stored one) first.
#[derive(Clone, PartialEq)]
struct Versions {
    stored: StoredPlan,
    list: Vec<Version>,
    shortened: bool,
}

/// The versions of plan `id`, read again whenever its stored revision changes (a save here,
/// a restore, another window).
fn use_versions(id: Uuid) -> Memo<Option<Versions>> {
    let app = use_app();
    let rev = Memo::new(move |_| {
        app.plans
            .with(|ps| ps.iter().find(|p| p.id == id).map(|p| p.rev.clone()))
    });
    Memo::new(move |_| {
        rev.with(Option::is_some).then_some(())?;
        let stored = app.load_plan(id)?;
        let history = app.history(id);
        Some(Versions {
            list: history.versions(&stored),
            shortened: history.shortened,
            stored,
        })
    })
}

/// A time on this device's clock, as people write it: "23. 11. 2026 10:05".
fn when(l: Locale, at: DateTime<Utc>) -> String {
    let t = browser::local_time(at);
    format!(
        "{} {:02}:{:02}",
        labels::date(l, t.date()),
        t.hour(),
        t.minute()
    )
}

/// Saves `plan` (an earlier version) as the revision after `base` (the one the screen showed),
/// then shows the plan. Another window's save meanwhile is a conflict: nothing is written and
/// the screen shows the newer history to choose from again.
fn restore(app: AppState, id: Uuid, plan: &Plan, base: &Revisions, at: String) {
    let l = use_i18n().get_locale_untracked();
    match app.save(plan, base) {
        Ok(stored) if stored.revisions == *base => {
            app.show_toast(td_string!(l, history_same).to_string(), None);
        }
        Ok(_) => {
            app.show_toast(format!("{} ({at})", td_string!(l, history_restored)), None);
            navigate(Route::View(id));
        }
        Err(SaveFailure::Conflict(_)) => {
            app.show_toast(td_string!(l, history_restore_conflict).to_string(), None);
        }
        Err(SaveFailure::Refused(msg)) => {
            app.show_toast(
                format!("{} ({msg})", td_string!(l, history_restore_failed)),
                None,
            );
        }
    }
}

/// What the save of version `i` changed, one line each.
fn change_lines(l: Locale, list: &[Version], i: usize) -> Vec<String> {
    match list.get(i + 1) {
        Some(older) => {
            let lines = changes(l, &list[i].plan, &older.plan);
            if lines.is_empty() {
                vec![td_string!(l, history_no_change).to_string()]
            } else {
                lines
            }
        }
        None if generation_of(&list[i].rev) == Some(1) => {
            vec![td_string!(l, history_created).to_string()]
        }
        None => vec![td_string!(l, history_not_kept).to_string()],
    }
}

/// Which version the user asked to restore, and whether the question is open.
#[derive(Clone, Copy)]
struct Restoring {
    which: RwSignal<Option<usize>>,
    open: RwSignal<bool>,
}

impl Restoring {
    fn new() -> Restoring {
        Restoring {
            which: RwSignal::new(None),
            open: RwSignal::new(false),
        }
    }

    fn ask(self, i: usize) {
        self.which.set(Some(i));
        self.open.set(true);
    }
}

/// The confirm dialog for restoring the version the user chose.
#[component]
fn RestoreDialog(
    id: Uuid,
    versions: Memo<Option<Versions>>,
    restoring: Restoring,
) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let confirm = move |_| {
        let Some(i) = restoring.which.get_untracked() else {
            return;
        };
        if let Some(vs) = versions.get_untracked() {
            if let Some(v) = vs.list.get(i) {
                let at = when(i18n.get_locale_untracked(), v.at);
                restore(app, id, &v.plan, &vs.stored.revisions, at);
            }
        }
    };
    view! {
        <ConfirmDialog
            open=restoring.open
            title=Signal::derive(move || t_string!(i18n, history_restore_confirm).to_string())
            confirm_label=Signal::derive(move || t_string!(i18n, history_restore).to_string())
            on_confirm=Callback::new(confirm)
        />
    }
}

#[component]
pub fn PlanHistory(id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let versions = use_versions(id);
    let restoring = Restoring::new();
    let list = move || {
        let vs = versions.get()?;
        let l = i18n.get_locale();
        let items = vs
            .list
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let generation = generation_of(&v.rev).unwrap_or(0);
                let lines = change_lines(l, &vs.list, i)
                    .into_iter()
                    .map(|line| view! { <li>{line}</li> })
                    .collect_view();
                let time = when(l, v.at);
                view! {
                    <li class="history-entry" data-testid="history-entry" data-generation=generation.to_string()>
                        <h2 class="history-when">
                            <span>{time}</span>
                            {(i == 0).then(|| view! { <span class="history-current">{tr(|l| td_string!(l, history_current))}</span> })}
                        </h2>
                        <ul class="history-changes" data-testid="history-changes">{lines}</ul>
                        <div class="history-actions">
                            <a class="button secondary" data-testid="history-open" href=Route::Version(id, generation).href()>
                                {tr(|l| td_string!(l, history_open))}
                            </a>
                            {(i > 0).then(|| view! {
                                <button type="button" class="secondary" data-testid="history-restore"
                                    on:click=move |_| restoring.ask(i)>
                                    {tr(|l| td_string!(l, history_restore))}
                                </button>
                            })}
                        </div>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            {vs.shortened.then(|| view! {
                <p class="banner warning" data-testid="history-shortened">{tr(|l| td_string!(l, history_shortened))}</p>
            })}
            <ol class="history-list">{items}</ol>
        })
    };
    move || {
        let Some(vs) = versions.get() else {
            return view! { <NotFound /> }.into_any();
        };
        let client = vs.stored.plan.general.client_name.clone();
        view! {
            <div class="plan-history">
                <div class="actions no-print">
                    <a class="button secondary" href=Route::View(id).href() data-testid="back-to-plan">
                        {tr(|l| td_string!(l, history_back_to_plan))}
                    </a>
                </div>
                <h1 id="screen-title" tabindex="-1">
                    {tr(|l| td_string!(l, history_title))}
                    {(!client.trim().is_empty()).then(|| format!(": {client}"))}
                </h1>
                <p class="note">{move || {
                    let l = i18n.get_locale();
                    td_string!(l, history_bound).replace("{n}", &MAX_ENTRIES.to_string())
                }}</p>
                {list}
                <RestoreDialog id=id versions=versions restoring=restoring />
            </div>
        }
        .into_any()
    }
}

/// One version, read-only: the plan's document under a banner saying which version it is.
#[component]
pub fn PlanVersion(id: Uuid, generation: u32) -> impl IntoView {
    let i18n = use_i18n();
    let versions = use_versions(id);
    let restoring = Restoring::new();
    move || {
        let found = versions.get().and_then(|vs| {
            vs.list
                .iter()
                .position(|v| generation_of(&v.rev) == Some(generation))
                .map(|i| (i, vs.list[i].clone()))
        });
        let Some((i, v)) = found else {
            return view! { <NotFound /> }.into_any();
        };
        let plan = v.plan.clone();
        Effect::new(move || {
            document::render("document-host", &plan, i18n.get_locale());
            read_only("document-host");
        });
        let at = v.at;
        view! {
            <div class="plan-version">
                <div class="actions no-print">
                    <a class="button secondary" href=Route::History(id).href() data-testid="back-to-history">
                        {tr(|l| td_string!(l, history_back))}
                    </a>
                    {(i > 0).then(|| view! {
                        <button type="button" class="primary" data-testid="history-restore"
                            on:click=move |_| restoring.ask(i)>
                            {tr(|l| td_string!(l, history_restore))}
                        </button>
                    })}
                </div>
                <p id="screen-title" tabindex="-1" class="banner info version-banner" role="status" data-testid="version-banner">
                    {move || {
                        let l = i18n.get_locale();
                        format!(
                            "{} {} — {}",
                            td_string!(l, history_version_of),
                            when(l, at),
                            td_string!(l, history_read_only)
                        )
                    }}
                </p>
                <div id="document-host" class="read-only-version"></div>
                <RestoreDialog id=id versions=versions restoring=restoring />
            </div>
        }
        .into_any()
    }
}

/// Takes the edit links out of a rendered document (a version cannot be edited) and gives its
/// title back the screen title's place to the banner.
fn read_only(host: &str) {
    let Some(h) = document().get_element_by_id(host) else {
        return;
    };
    while let Ok(Some(e)) = h.query_selector(".edit-link") {
        e.remove();
    }
    if let Ok(Some(title)) = h.query_selector("#screen-title") {
        let _ = title.remove_attribute("id");
    }
}
