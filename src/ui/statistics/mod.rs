//! Statistics for the service: who the plans are for, in which life areas, how goals end up
//! and where steps stall, over the plans on this device or over plan files picked for the
//! occasion (read in memory, never stored). The figures come from `model::statistics`; this
//! screen only chooses the plans and the filter and shows the report (`report.rs`).

mod charts;
mod report;

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::files::MAX_FILE_BYTES;
use crate::i18n::*;
use crate::model::codes::{code, from_code};
use crate::model::statistics::anonymised::anonymised_csv;
use crate::model::statistics::{self, Filter, Month};
use crate::model::time_format::parse_date;
use crate::model::{PlanStatus, StoredPlan, TemplateId};
use crate::ui::browser;
use crate::ui::import::{read_all, FileProblem, Problems};
use crate::ui::labels;
use crate::ui::plan_view::document::{set, Dom};
use crate::ui::route::Route;
use crate::ui::state::use_app;
use crate::ui::tr;

/// Plans read from files for this visit of the screen: never written anywhere.
#[derive(Debug, Clone, Default, PartialEq)]
struct FromFiles {
    plans: Vec<StoredPlan>,
    files: usize,
    /// Copies of a plan found more than once (counted once).
    dropped: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Device,
    Files,
}

/// The plans the report covers: the device's as read, or those from files (joined).
#[derive(Clone, Copy)]
struct Chosen {
    source: RwSignal<Source>,
    device: RwSignal<Option<Vec<StoredPlan>>>,
    joined: Memo<Option<Vec<StoredPlan>>>,
}

impl Chosen {
    /// Runs `f` over the plans, `None` while the device's are still being read (tracked).
    fn with<R>(self, f: impl FnOnce(Option<&[StoredPlan]>) -> R) -> R {
        match self.source.get() {
            Source::Device => self.device.with(|p| f(p.as_deref())),
            Source::Files => self.joined.with(|p| f(p.as_deref())),
        }
    }
}

/// The plan list's way here.
#[component]
pub fn StatisticsLink() -> impl IntoView {
    view! {
        <a class="button secondary stats-link" href=Route::Statistics.href() data-testid="stats-link">
            {tr(|l| td_string!(l, stats_link))}
        </a>
    }
}

#[component]
pub fn StatisticsScreen() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    // The device's plans are read (decoded) once per visit, after the screen has painted.
    let device = RwSignal::new(None::<Vec<StoredPlan>>);
    let source = RwSignal::new(Source::Device);
    let include_device = RwSignal::new(false);
    let files = RwSignal::new(FromFiles::default());
    let problems = RwSignal::new(Vec::<FileProblem>::new());
    let busy = RwSignal::new(false);
    let from = RwSignal::new(None::<NaiveDate>);
    let until = RwSignal::new(None::<NaiveDate>);
    let template = RwSignal::new(None::<TemplateId>);
    let status = RwSignal::new(None::<PlanStatus>);
    let key_worker = RwSignal::new(None::<String>);

    set_timeout(
        move || {
            device.try_set(Some(app.load_many(None)));
        },
        std::time::Duration::from_millis(0),
    );

    // Plans from files, with this device's when asked, each once. Read only in that mode; the
    // device's plans are never copied for the report.
    let joined = Memo::new(move |_| {
        let mut all = files.with(|f| f.plans.clone());
        if include_device.get() {
            all.extend(device.get()?);
        }
        Some(statistics::join(all).0)
    });
    let plans = Chosen {
        source,
        device,
        joined,
    };
    let workers = move || {
        plans.with(|p| {
            p.map(|p| statistics::key_workers(p.iter().map(|s| &s.plan)))
                .unwrap_or_default()
        })
    };

    let filter = move || Filter {
        from: from.get(),
        until: until.get(),
        template: template.get(),
        status: status.get(),
        key_worker: key_worker.get(),
    };
    Effect::new(move || {
        let l = i18n.get_locale();
        let filter = filter();
        let Some((d, host)) = Dom::host("stats-host") else {
            return;
        };
        host.set_text_content(None);
        plans.with(|p| match p {
            None => {
                let p = d.text(&host, "p", "busy", td_string!(l, stats_reading));
                set(&p, &[("role", "status")]);
            }
            Some(p) => {
                let today = browser::today();
                let r = statistics::report(p.iter().map(|s| &s.plan), &filter, today);
                let box_ = d.el(Some(&host), "div", "stats-report");
                let from_files = source.get_untracked() == Source::Files;
                let scope = scope(
                    l,
                    &filter,
                    from_files.then(|| files.with_untracked(|f| f.files)),
                );
                let p = d.text(&box_, "p", "stats-scope", &scope);
                set(&p, &[("data-testid", "stats-scope")]);
                report::render(&d, &box_, l, &r, today);
                set(
                    &box_,
                    &[("data-testid", "stats-report"), ("data-ready", "true")],
                );
                browser::mark("opora:stats-ready");
            }
        });
    });

    // The plans the report covers, as the anonymised CSV (pseudonyms drawn afresh each time).
    let export_csv = move |_| {
        let filter = filter();
        let today = browser::today();
        let csv = plans.with(|p| {
            let covered: Vec<&crate::model::Plan> = p
                .unwrap_or_default()
                .iter()
                .map(|s| &s.plan)
                .filter(|p| filter.covers(p, today))
                .collect();
            let seed = browser::new_id().as_u128() as u64;
            anonymised_csv(&covered, today, seed)
        });
        let name = format!("opora-statistics-{}.csv", Month::of(today).code());
        let l = i18n.get_locale_untracked();
        let rows = csv.lines().count().saturating_sub(1);
        match browser::download_text(&name, "text/csv;charset=utf-8", &csv) {
            Ok(()) => app.show_toast(
                format!(
                    "{} → {name} ({rows} {})",
                    td_string!(l, stats_csv_done),
                    td_string!(l, stats_csv_rows)
                ),
                None,
            ),
            Err(e) => app.show_toast(format!("{} ({e})", td_string!(l, export_failed)), None),
        }
    };

    let take_files = move |list: Option<web_sys::FileList>| {
        let Some(list) = list else { return };
        busy.set(true);
        spawn_local(async move {
            let picked = browser::read_files(list, MAX_FILE_BYTES).await;
            let (found, bad) = read_all(picked);
            let read = found.len();
            let (plans, dropped) = statistics::join(found.into_iter().flatten());
            files.set(FromFiles {
                plans,
                files: read,
                dropped,
            });
            problems.set(bad);
            source.set(Source::Files);
            busy.set(false);
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        take_files(input.files());
    };
    let on_date = |signal: RwSignal<Option<NaiveDate>>| {
        move |ev: leptos::ev::Event| {
            signal.set(parse_date(&event_target_value(&ev)));
        }
    };
    let on_source = move |ev: leptos::ev::Event| {
        source.set(if event_target_value(&ev) == "files" {
            Source::Files
        } else {
            Source::Device
        });
    };
    let files_summary = move || {
        let l = i18n.get_locale();
        files.with(|f| {
            format!(
                "{}: {} · {}: {} · {}: {}",
                td_string!(l, stats_files_read),
                f.files,
                td_string!(l, stats_col_plans),
                f.plans.len(),
                td_string!(l, stats_duplicates),
                f.dropped
            )
        })
    };

    view! {
        <div class="stats-screen">
            <header class="screen-head">
                <h1 id="screen-title" tabindex="-1">{tr(|l| td_string!(l, stats_title))}</h1>
                <div class="head-actions no-print">
                    <button type="button" class="secondary" data-testid="stats-csv" title=move || t_string!(i18n, stats_csv_help) on:click=export_csv>
                        {tr(|l| td_string!(l, stats_csv))}
                    </button>
                    <button type="button" class="secondary" data-testid="stats-print" on:click=|_| browser::print()>
                        {tr(|l| td_string!(l, stats_print))}
                    </button>
                    <a class="button secondary" href=Route::List.href()>{tr(|l| td_string!(l, back_to_list))}</a>
                </div>
            </header>
            <p class="stats-intro">{tr(|l| td_string!(l, stats_intro))}</p>
            <p class="help no-print">{tr(|l| td_string!(l, stats_csv_help))}</p>
            <fieldset class="stats-source no-print">
                <legend>{tr(|l| td_string!(l, stats_source))}</legend>
                <label class="choice">
                    <input type="radio" name="stats-source" value="device" data-testid="stats-source-device"
                        prop:checked=move || source.get() == Source::Device on:change=on_source />
                    {tr(|l| td_string!(l, stats_source_device))}
                    {move || app.plans.with(|p| format!(" ({})", p.len()))}
                </label>
                <label class="choice">
                    <input type="radio" name="stats-source" value="files" data-testid="stats-source-files"
                        prop:checked=move || source.get() == Source::Files on:change=on_source />
                    {tr(|l| td_string!(l, stats_source_files))}
                </label>
                <div class="stats-files" class:hidden=move || source.get() != Source::Files>
                    <label for="stats-files">{tr(|l| td_string!(l, stats_pick_files))}</label>
                    <input type="file" id="stats-files" data-testid="stats-files" multiple
                        accept=".json,application/json" on:change=on_pick />
                    <p class="help">{tr(|l| td_string!(l, stats_files_note))}</p>
                    <Show when=move || busy.get()>
                        <p class="busy" role="status"><progress></progress>" "{tr(|l| td_string!(l, import_reading))}</p>
                    </Show>
                    <p data-testid="stats-files-summary" role="status">{files_summary}</p>
                    <label class="choice">
                        <input type="checkbox" data-testid="stats-include-device"
                            prop:checked=move || include_device.get()
                            on:change=move |ev| include_device.set(event_target_checked(&ev)) />
                        {tr(|l| td_string!(l, stats_include_device))}
                    </label>
                    <Problems problems=problems />
                </div>
            </fieldset>
            <fieldset class="stats-filter no-print">
                <legend>{tr(|l| td_string!(l, stats_filter))}</legend>
                <div class="row">
                    <div class="field">
                        <label for="stats-from">{tr(|l| td_string!(l, stats_period_from))}</label>
                        <input type="date" id="stats-from" data-testid="stats-from" min="1900-01-01" max="2200-12-31" on:change=on_date(from) />
                    </div>
                    <div class="field">
                        <label for="stats-until">{tr(|l| td_string!(l, stats_period_until))}</label>
                        <input type="date" id="stats-until" data-testid="stats-until" min="1900-01-01" max="2200-12-31" on:change=on_date(until) />
                    </div>
                    <div class="field">
                        <label for="stats-form">{tr(|l| td_string!(l, stats_by_form))}</label>
                        <select id="stats-form" data-testid="stats-form"
                            on:change=move |ev| template.set(TemplateId::from_code(&event_target_value(&ev)))>
                            <option value="">{tr(|l| td_string!(l, stats_all))}</option>
                            {TemplateId::ALL.map(|t| view! {
                                <option value=t.code()>{move || t.template().print.title.get(labels::lang_of(i18n.get_locale()))}</option>
                            })}
                        </select>
                    </div>
                    <div class="field">
                        <label for="stats-status">{tr(|l| td_string!(l, stats_by_status))}</label>
                        <select id="stats-status" data-testid="stats-status"
                            on:change=move |ev| status.set(from_code(&event_target_value(&ev)))>
                            <option value="">{tr(|l| td_string!(l, stats_all))}</option>
                            {PlanStatus::ALL.map(|s| view! {
                                <option value=code(s)>{move || labels::status(i18n.get_locale(), s)}</option>
                            })}
                        </select>
                    </div>
                    <div class="field">
                        <label for="stats-worker">{tr(|l| td_string!(l, stats_key_worker))}</label>
                        <select id="stats-worker" data-testid="stats-worker"
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                key_worker.set((!v.is_empty()).then_some(v));
                            }>
                            <option value="">{tr(|l| td_string!(l, stats_all))}</option>
                            {move || workers().into_iter().map(|w| view! { <option value=w.clone()>{w.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
            </fieldset>
            <div id="stats-host" aria-live="polite"></div>
        </div>
    }
}

/// What the report covers, in words (it heads the printed report): the plans' source, the
/// period and each filter.
fn scope(l: Locale, f: &Filter, files: Option<usize>) -> String {
    let all = td_string!(l, stats_all);
    let source = match files {
        Some(n) => format!("{} ({n})", td_string!(l, stats_source_files)),
        None => td_string!(l, stats_source_device).to_string(),
    };
    let period = match (f.from, f.until) {
        (None, None) => all.to_string(),
        (from, until) => format!(
            "{} – {}",
            labels::opt_date(l, from),
            labels::opt_date(l, until)
        ),
    };
    let form = f
        .template
        .map_or(all, |t| t.template().print.title.get(labels::lang_of(l)));
    let status = f.status.map_or(all, |s| labels::status(l, s));
    let worker = f.key_worker.as_deref().unwrap_or(all);
    format!(
        "{source} · {}: {period} · {}: {form} · {}: {status} · {}: {worker}",
        td_string!(l, stats_period),
        td_string!(l, stats_by_form),
        td_string!(l, stats_by_status),
        td_string!(l, stats_key_worker),
    )
}
