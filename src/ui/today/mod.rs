//! What is due across all plans: overdue, today, coming up. Computed from the plan summaries
//! in `AppState` (`model::due`): no plan is read, nothing is written while the screen is open
//! (only a changed review interval is saved).

use chrono::NaiveDate;
use leptos::prelude::*;
use web_sys::Element;

use crate::i18n::*;
use crate::model::due::{self, DueItem, Group, What};
use crate::model::{Frequency, SectionId, TemplateId};
use crate::ui::browser;
use crate::ui::labels;
use crate::ui::plan_view::document::{set, Dom};
use crate::ui::route::Route;
use crate::ui::state::use_app;
use crate::ui::tr;

/// Today in the user's time zone.
fn today() -> NaiveDate {
    due::local_date(browser::now(), browser::utc_offset_minutes())
}

/// Everything due now, from the summaries (reactive: follows the plans and the intervals).
/// Recomputed where it is read, not memoised: it is cheap (summaries only) and a memo of its
/// own type costs the wasm more than it saves.
fn items() -> Vec<DueItem> {
    let app = use_app();
    app.review_intervals
        .with(|i| app.plans.with(|ps| due::due_items(ps, today(), i)))
}

/// The plan list's way here: "Today · 3", the count of items overdue or due today.
#[component]
pub fn TodayLink() -> impl IntoView {
    let i18n = use_i18n();
    let count = move || due::urgent_count(&items());
    view! {
        <a
            class="button secondary today-link"
            href=Route::Today.href()
            data-testid="today-link"
            aria-label=move || format!("{} · {} {}", t_string!(i18n, today_link), count(), t_string!(i18n, today_link_label))
        >
            {tr(|l| td_string!(l, today_link))}
            <span class="today-count" data-testid="today-count">{move || match count() { 0 => String::new(), n => format!(" · {n}") }}</span>
        </a>
    }
}

#[component]
pub fn TodayScreen() -> impl IntoView {
    let i18n = use_i18n();
    // One closure for the whole list: it changes only when a plan or an interval does.
    // The list is static between changes (links only), so it is built with plain DOM calls
    // like the plan document (`document::Dom`): typed `view!` trees cost wasm size.
    Effect::new(move || {
        let l = i18n.get_locale();
        let items = items();
        if let Some((d, host)) = Dom::host("due-host") {
            host.set_text_content(None);
            list(&d, &host, l, &items);
        }
    });
    view! {
        <div class="today-screen">
            <header class="screen-head">
                <h1 id="screen-title" tabindex="-1">{tr(|l| td_string!(l, today_title))}</h1>
                <a class="button secondary" href=Route::List.href()>{tr(|l| td_string!(l, back_to_list))}</a>
            </header>
            <p class="due-intro">{tr(|l| td_string!(l, today_intro))}</p>
            <div id="due-host"></div>
            <Intervals />
        </div>
    }
}

/// The groups of due items (or the "nothing is due" note) into `host`.
fn list(d: &Dom, host: &Element, l: Locale, items: &[DueItem]) {
    if items.is_empty() {
        let p = d.text(host, "p", "empty", td_string!(l, today_empty));
        set(&p, &[("data-testid", "today-empty")]);
        return;
    }
    for g in Group::ALL {
        let mine: Vec<&DueItem> = items.iter().filter(|i| i.group == g).collect();
        if mine.is_empty() {
            continue;
        }
        let (key, title, hint) = match g {
            Group::Overdue => ("overdue", td_string!(l, today_overdue), None),
            Group::Today => ("today", td_string!(l, today_today), None),
            Group::Soon => (
                "soon",
                td_string!(l, today_soon),
                Some(td_string!(l, today_soon_hint)),
            ),
        };
        let section = d.el(Some(host), "section", "due-group");
        set(
            &section,
            &[("data-group", key), ("data-testid", &format!("due-{key}"))],
        );
        let h2 = d.text(&section, "h2", "", &format!("{title} ({})", mine.len()));
        if let Some(h) = hint {
            d.text(&h2, "span", "due-hint", &format!("— {h}"));
        }
        let ul = d.el(Some(&section), "ul", "due-list");
        for i in mine {
            item_row(d, &ul, l, i);
        }
    }
}

fn item_row(d: &Dom, ul: &Element, l: Locale, item: &DueItem) {
    let href = match item.what {
        What::Review | What::PlanEnds => Route::View(item.plan).href(),
        _ => Route::Edit(item.plan, Some(SectionId::Goals)).href(),
    };
    let what = match &item.what {
        What::Review => td_string!(l, today_review_due).to_string(),
        What::PlanEnds if item.group == Group::Overdue => {
            td_string!(l, today_plan_ended).to_string()
        }
        What::PlanEnds => td_string!(l, today_plan_ends).to_string(),
        What::Deadline { step } | What::Recurring { step, .. } | What::Behind { step, .. } => {
            match step.activity.as_str() {
                "" => td_string!(l, today_no_activity).to_string(),
                a => a.to_string(),
            }
        }
    };
    let detail = match &item.what {
        What::Review | What::PlanEnds => None,
        What::Deadline { step } => Some(format!(
            "{} · {}",
            position(l, step.at),
            td_string!(l, today_deadline)
        )),
        What::Recurring {
            step,
            frequency,
            done,
        } => Some(format!(
            "{} · {} · {done} {} {} {}",
            position(l, step.at),
            labels::frequency(l, *frequency),
            td_string!(l, today_of),
            times(*frequency),
            td_string!(l, today_this_period)
        )),
        What::Behind {
            step,
            frequency,
            done,
        } => Some(format!(
            "{} · {}: {} · {done} {} {} {}",
            position(l, step.at),
            td_string!(l, today_behind),
            labels::frequency(l, *frequency),
            td_string!(l, today_of),
            times(*frequency),
            td_string!(l, today_last_period)
        )),
    };
    let kind = match item.what {
        What::Review => "review",
        What::PlanEnds => "plan-ends",
        What::Deadline { .. } => "deadline",
        What::Recurring { .. } => "recurring",
        What::Behind { .. } => "behind",
    };
    let li = d.el(Some(ul), "li", "due-item");
    set(&li, &[("data-testid", "due-item"), ("data-kind", kind)]);
    let a = d.el(Some(&li), "a", "");
    set(&a, &[("href", &href)]);
    d.text(&a, "span", "due-date", &labels::date(l, item.date));
    d.text(&a, "span", "due-what", &what);
    d.text(&a, "span", "due-client", &item.client);
    if let Some(detail) = detail {
        d.text(&a, "span", "due-detail", &detail);
    }
}

fn position(l: Locale, (goal, step): (u16, u16)) -> String {
    format!(
        "{} {goal} · {} {step}",
        td_string!(l, goal),
        td_string!(l, step)
    )
}

fn times(f: Frequency) -> u8 {
    match f {
        Frequency::PerWeek { times } | Frequency::PerMonth { times } => times,
        Frequency::Once => 1,
    }
}

/// The review interval per form, editable: saved when a valid value is entered.
#[component]
fn Intervals() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let one = move |t: TemplateId| {
        let code = t.code();
        let id = format!("interval-{code}");
        let err_id = format!("interval-{code}-error");
        let error = RwSignal::new(false);
        let saved = RwSignal::new(false);
        let current = move || app.review_intervals.with(|i| i.months(t));
        let commit = move |text: String| {
            saved.set(false);
            match due::parse_interval(&text) {
                Ok(m) if m == current() => error.set(false),
                Ok(m) => match app.set_review_interval(t, m) {
                    Ok(()) => {
                        error.set(false);
                        saved.set(true);
                    }
                    Err(e) => app.show_toast(e, None),
                },
                Err(_) => error.set(true),
            }
        };
        let lang = move || labels::lang_of(i18n.get_locale());
        let default = t.template().review_interval_months;
        view! {
            <div class="interval" data-testid=format!("interval-{code}")>
                <label for=id.clone()>
                    {move || t.template().name.get(lang()).to_string()}
                    <span class="interval-hint">
                        {tr(|l| td_string!(l, today_interval_label))} " · "
                        {tr(|l| td_string!(l, today_interval_default))} ": " {default}
                    </span>
                </label>
                <input
                    id=id
                    type="number"
                    inputmode="numeric"
                    min="1"
                    max="24"
                    step="1"
                    prop:value=move || current().to_string()
                    aria-invalid=move || error.get().to_string()
                    aria-describedby=err_id.clone()
                    on:change=move |ev| commit(event_target_value(&ev))
                />
                <p class="error" id=err_id role="alert">
                    {move || error.get().then(|| t_string!(i18n, today_interval_error))}
                </p>
                <span class="interval-saved" role="status">
                    {move || saved.get().then(|| t_string!(i18n, today_interval_saved))}
                </span>
            </div>
        }
    };
    view! {
        <section class="intervals" data-testid="review-intervals">
            <h2>{tr(|l| td_string!(l, today_intervals))}</h2>
            <p class="due-intro">{tr(|l| td_string!(l, today_intervals_intro))}</p>
            {TemplateId::ALL.map(one)}
        </section>
    }
}
