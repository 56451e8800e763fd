//! The first screen: all plans, searchable, filterable and sortable.

use leptos::prelude::*;

use crate::i18n::*;
use crate::model::{PlanQuery, PlanStatus, SortKey, TemplateId};
use crate::ui::labels;
use crate::ui::plan_editor::{code, from_code};
use crate::ui::route::Route;
use crate::ui::state::use_app;
use crate::ui::widgets::QuarantinePanel;

#[component]
pub fn PlanList() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let query = RwSignal::new(PlanQuery::default());
    let total = move || app.plans.with(|p| p.len());
    let rows = move || {
        let l = i18n.get_locale();
        let lang = labels::lang_of(l);
        query.with(|q| {
            app.plans.with(|plans| {
                q.apply(plans)
                    .into_iter()
                    .map(|p| {
                        let href = Route::View(p.id).href();
                        view! {
                            <li class="plan-row" data-testid="plan-row">
                                <a href=href>
                                    <span class="name">{p.display_name().to_string()}</span>
                                    <span class="meta">
                                        <span class="badge" data-status=code(p.status)>{labels::status(l, p.status)}</span>
                                        <span class="template">{p.template.template().name.get(lang)}</span>
                                        <span class="updated">
                                            {t_string!(i18n, updated)} " " {labels::date(l, p.updated_at.date_naive())}
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
    view! {
        <div class="list-screen">
            <header class="screen-head">
                <h1 id="screen-title" tabindex="-1">{move || t_string!(i18n, plans_title)}</h1>
                <a class="button primary" href=Route::NewPlan.href() data-testid="new-plan">
                    "+ " {move || t_string!(i18n, new_plan)}
                </a>
            </header>
            <QuarantinePanel />
            <Show
                when=move || total() != 0
                fallback=move || view! {
                    <div class="empty" data-testid="empty-state">
                        <h2>{move || t_string!(i18n, empty_title)}</h2>
                        <p>{move || t_string!(i18n, empty_text)}</p>
                        <a class="button primary" href=Route::NewPlan.href()>{move || t_string!(i18n, empty_action)}</a>
                    </div>
                }
            >
                <Filters query=query />
                <p class="count" role="status">{move || t_string!(i18n, showing)} " " {matches} " / " {total}</p>
                <ul class="plan-list" data-testid="plan-list">{rows}</ul>
            </Show>
        </div>
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
    view! {
        <div class="filters" role="search">
            <div class="field">
                <label for="search">{move || t_string!(i18n, search_label)}</label>
                <input
                    type="search"
                    id="search"
                    data-testid="search"
                    prop:value=move || query.with(|q| q.text.clone())
                    on:input=move |ev| query.update(|q| q.text = event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for="filter-status">{move || t_string!(i18n, field_status)}</label>
                <select id="filter-status" on:change=move |ev| query.update(|q| q.status = from_code(&event_target_value(&ev)))>
                    {status_options}
                </select>
            </div>
            <div class="field">
                <label for="filter-template">{move || t_string!(i18n, form_label)}</label>
                <select id="filter-template" on:change=move |ev| query.update(|q| q.template = TemplateId::from_code(&event_target_value(&ev)))>
                    {template_options}
                </select>
            </div>
            <div class="field">
                <label for="sort">{move || t_string!(i18n, sort_label)}</label>
                <select id="sort" on:change=move |ev| query.update(|q| q.sort = SortKey::from_code(&event_target_value(&ev)).unwrap_or_default())>
                    {sort_options}
                </select>
            </div>
        </div>
    }
}
