//! The first screen: all plans, searchable, filterable and sortable.

use leptos::prelude::*;

use crate::i18n::*;
use crate::model::{PlanQuery, PlanStatus, SortKey, TemplateId};
use crate::ui::browser;
use crate::ui::labels;
use crate::ui::plan_editor::{code, from_code};
use crate::ui::route::{navigate, Route};
use crate::ui::state::use_app;
use crate::ui::tr;
use crate::ui::widgets::{ExportActions, QuarantinePanel, Selection, StorageMeter};
use uuid::Uuid;

/// Rows made at first and added by each "Show more".
const PAGE: usize = 50;

#[component]
pub fn PlanList() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let query = RwSignal::new(PlanQuery::default());
    let selected = RwSignal::new(Vec::<Uuid>::new());
    // Forget selected plans that are gone (deleted, undone import).
    Effect::new(move |_| {
        let ids: Vec<Uuid> = app.plans.with(|ps| ps.iter().map(|p| p.id).collect());
        if selected.with_untracked(|s| s.iter().any(|id| !ids.contains(id))) {
            selected.update(|s| s.retain(|id| ids.contains(id)));
        }
    });
    let total = move || app.plans.with(|p| p.len());
    // Runs once the list is on the page: `cargo xtask bench` times the start-up to here.
    Effect::new(|_| browser::mark("opora:list-ready"));
    // Only so many rows are made at a time: 3,000 plans paint as fast as 30.
    let shown = RwSignal::new(PAGE);
    let rows = move || {
        let l = i18n.get_locale();
        let lang = labels::lang_of(l);
        query.with(|q| {
            app.plans.with(|plans| {
                q.apply(plans)
                    .into_iter()
                    .take(shown.get())
                    .map(|p| {
                        let updated_at = p.updated_at;
                        let href = Route::View(p.id).href();
                        let id = p.id;
                        let check_id = format!("select-{id}");
                        let is_copy = p.is_copy;
                        view! {
                            <li class="plan-row" data-testid="plan-row">
                                // The label makes the whole 44 px square a target for the box.
                                <label class="select-hit">
                                <input
                                    type="checkbox"
                                    class="select"
                                    id=check_id
                                    data-testid="select-plan"
                                    aria-label=format!("{} {}", t_string!(i18n, select), p.display_name())
                                    prop:checked=move || selected.with(|s| s.contains(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        selected.update(|s| {
                                            s.retain(|x| *x != id);
                                            if on {
                                                s.push(id);
                                            }
                                        });
                                    }
                                />
                                </label>
                                <a href=href>
                                    <span class="name">
                                        {p.display_name().to_string()}
                                        {is_copy.then(|| view! { <span class="badge copy">{t_string!(i18n, copy_badge)}</span> })}
                                    </span>
                                    <span class="meta">
                                        <span class="badge" data-status=code(p.status)>{labels::status(l, p.status)}</span>
                                        <span class="template">{p.template.template().name.get(lang)}</span>
                                        <span class="updated">
                                            {t_string!(i18n, updated)} " " {labels::date(l, updated_at.date_naive())}
                                        </span>
                                    </span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let matches = move || {
        query.with(|q| {
            app.plans
                .with(|ps| ps.iter().filter(|p| q.matches(p)).count())
        })
    };
    let start_quick = move |_| {
        let id = app.start_quick_draft(
            &crate::model::CZ_COUNSELLING,
            labels::lang_of(i18n.get_locale_untracked()),
        );
        navigate(Route::Quick(id));
    };
    // The notice of an import belongs to this visit of the list.
    on_cleanup(move || {
        app.imported.try_set(None);
    });
    view! {
        <div class="list-screen">
            <header class="screen-head">
                <div class="list-title">
                    <h1 id="screen-title" tabindex="-1">{tr(|l| td_string!(l, plans_title))}</h1>
                    <crate::ui::today::TodayLink />
                    <crate::ui::statistics::StatisticsLink />
                </div>
                <div class="head-actions">
                    <a class="button primary" href=Route::NewPlan.href() data-testid="new-plan">
                        "+ " {tr(|l| td_string!(l, new_plan))}
                    </a>
                    <button type="button" class="primary" data-testid="quick-plan" on:click=start_quick>
                        {tr(|l| td_string!(l, quick_plan))}
                    </button>
                </div>
            </header>
            <ImportNotice />
            <QuarantinePanel />
            <BackupStatus due_only=true />
            <div class="list-tools">
                <Show when=move || total() != 0>
                    <Filters query=query />
                </Show>
                // Secondary actions, folded so that the plans come first on a phone.
                <details class="menu" data-testid="more-actions">
                    <summary class="button secondary">{tr(|l| td_string!(l, more_actions))}</summary>
                    <div class="menu-items">
                        <a class="button secondary" href=Route::Import.href() data-testid="import">
                            {tr(|l| td_string!(l, import_plans))}
                        </a>
                        <ExportActions
                            selection=Signal::derive(move || Selection::Some(selected.get()))
                            label=Signal::derive(move || format!("{} ({})", t_string!(i18n, export_selected), selected.with(Vec::len)))
                            testid="export-selected"
                        />
                        <ExportActions
                            selection=Signal::derive(|| Selection::All)
                            label=Signal::derive(move || t_string!(i18n, export_all).to_string())
                            testid="export-all"
                        />
                    </div>
                </details>
            </div>
            <Show
                when=move || total() != 0
                fallback=move || view! {
                    <div class="empty" data-testid="empty-state">
                        <h2>{tr(|l| td_string!(l, empty_title))}</h2>
                        <p>{tr(|l| td_string!(l, empty_text))}</p>
                        <a class="button primary" href=Route::NewPlan.href()>{tr(|l| td_string!(l, empty_action))}</a>
                    </div>
                }
            >
                <p class="count" role="status">{tr(|l| td_string!(l, showing))} " " {matches} " / " {total}</p>
                <ul class="plan-list" data-testid="plan-list">{rows}</ul>
                {move || {
                    let left = matches().saturating_sub(shown.get());
                    (left > 0).then(|| view! {
                        <button type="button" class="secondary show-more" data-testid="show-more"
                            on:click=move |_| shown.update(|n| *n += PAGE)>
                            {tr(|l| td_string!(l, show_more))} " (" {left} " " {tr(|l| td_string!(l, more_left))} ")"
                        </button>
                    })
                }}
            </Show>
            <BackupStatus due_only=false />
            <StorageMeter />
        </div>
    }
}

/// What the last import did, with its undo, in the flow of the list (not over it).
#[component]
fn ImportNotice() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let undo = move |_| match app.undo_import() {
        Ok(()) => app.imported.set(None),
        Err(e) => app.show_toast(e, None),
    };
    move || {
        app.imported.get().map(|n| view! {
            <div class="notice" role="status" data-testid="import-notice">
                <span>{t_string!(i18n, imported)} " " {n}</span>
                <button type="button" class="secondary" data-testid="import-undo" on:click=undo>{t_string!(i18n, undo)}</button>
                <button type="button" class="icon" aria-label=t_string!(i18n, close) on:click=move |_| app.imported.set(None)>"×"</button>
            </div>
        })
    }
}

#[component]
fn Filters(query: RwSignal<PlanQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let status_options = move || {
        let l = i18n.get_locale();
        let current = query.with(|q| q.status);
        std::iter::once(view! { <option value="" selected=current.is_none()>{t_string!(i18n, all_statuses)}</option> }.into_any())
            .chain(PlanStatus::ALL.into_iter().map(|s| {
                view! { <option value=code(s) selected=current == Some(s)>{labels::status(l, s)}</option> }.into_any()
            }))
            .collect_view()
    };
    let template_options = move || {
        let lang = labels::lang_of(i18n.get_locale());
        let current = query.with(|q| q.template);
        std::iter::once(view! { <option value="" selected=current.is_none()>{t_string!(i18n, all_forms)}</option> }.into_any())
            .chain(TemplateId::ALL.into_iter().map(|t| {
                view! { <option value=t.code() selected=current == Some(t)>{t.template().name.get(lang)}</option> }.into_any()
            }))
            .collect_view()
    };
    let sort_options = move || {
        let current = query.with(|q| q.sort);
        SortKey::ALL
            .into_iter()
            .map(|s| {
                let label = match s {
                    SortKey::UpdatedNewest => t_string!(i18n, sort_updated),
                    SortKey::NameAz => t_string!(i18n, sort_name),
                    SortKey::CreatedNewest => t_string!(i18n, sort_created),
                };
                view! { <option value=s.code() selected=current == s>{label}</option> }
            })
            .collect_view()
    };
    let active = move || {
        query.with(|q| {
            usize::from(q.status.is_some())
                + usize::from(q.template.is_some())
                + usize::from(q.sort != SortKey::default())
        })
    };
    view! {
        <div class="filters" role="search">
            <div class="field search">
                <label for="search" class="visually-hidden">{tr(|l| td_string!(l, search_label))}</label>
                <input
                    type="search"
                    id="search"
                    data-testid="search"
                    placeholder=tr(|l| td_string!(l, search_label))
                    prop:value=move || query.with(|q| q.text.clone())
                    on:input=move |ev| query.update(|q| q.text = event_target_value(&ev))
                />
            </div>
            <details class="filter-more" data-testid="filters">
                <summary class="button secondary">
                    {tr(|l| td_string!(l, filters))}
                    {move || (active() > 0).then(|| view! { <span class="badge">{active()}</span> })}
                </summary>
                <div class="filter-fields">
            <div class="field">
                <label for="filter-status">{tr(|l| td_string!(l, field_status))}</label>
                <select id="filter-status" on:change=move |ev| query.update(|q| q.status = from_code(&event_target_value(&ev)))>
                    {status_options}
                </select>
            </div>
            <div class="field">
                <label for="filter-template">{tr(|l| td_string!(l, form_label))}</label>
                <select id="filter-template" on:change=move |ev| query.update(|q| q.template = TemplateId::from_code(&event_target_value(&ev)))>
                    {template_options}
                </select>
            </div>
            <div class="field">
                <label for="sort">{tr(|l| td_string!(l, sort_label))}</label>
                <select id="sort" on:change=move |ev| query.update(|q| q.sort = SortKey::from_code(&event_target_value(&ev)).unwrap_or_default())>
                    {sort_options}
                </select>
            </div>
                </div>
            </details>
        </div>
    }
}

/// When the last backup was made, and a gentle reminder when changes wait too long.
/// With `due_only`, only the reminder (at the top of the list); without, the quiet line
/// under the list.
#[component]
fn BackupStatus(due_only: bool) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let due = move || {
        app.plans
            .with(|ps| crate::files::backup_due(ps, app.last_backup.get(), browser::now()))
    };
    move || {
        if app.plans.with(|p| p.is_empty()) || due() != due_only {
            return None;
        }
        let l = i18n.get_locale();
        let last = match app.last_backup.get() {
            Some(t) => format!(
                "{} {}",
                t_string!(i18n, last_backup),
                labels::date(l, t.date_naive())
            ),
            None => t_string!(i18n, no_backup_yet).to_string(),
        };
        Some(view! {
            <p class="backup" class:due=due data-testid="backup-status">
                {last}
                {due().then(|| view! { " " <strong>{t_string!(i18n, backup_reminder)}</strong> })}
            </p>
        })
    }
}
