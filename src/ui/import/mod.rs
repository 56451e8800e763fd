//! Importing plan files: pick or drop files, see what each plan would do, choose per plan or
//! for all, then apply everything at once (or nothing), with undo.

use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;
use wasm_bindgen::JsCast;

use crate::files::{
    combine, parse, preview, resolve, Choice, ImportError, Incoming, PreviewItem, MAX_FILE_BYTES,
};
use crate::i18n::*;
use crate::ui::browser::{self, PickedFile};
use crate::ui::labels;
use crate::ui::route::{navigate, Route};
use crate::ui::state::use_app;
use crate::ui::tr;

/// Why one file could not be read.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::ui) struct FileProblem {
    name: String,
    error: ImportError,
}

#[component]
pub fn ImportScreen() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let busy = RwSignal::new(false);
    let problems = RwSignal::new(Vec::<FileProblem>::new());
    let items = RwSignal::new(Vec::<PreviewItem>::new());
    let choices = RwSignal::new(Vec::<Choice>::new());
    let apply_error = RwSignal::new(None::<String>);

    let take_files = move |list: Option<web_sys::FileList>| {
        let Some(list) = list else { return };
        busy.set(true);
        apply_error.set(None);
        spawn_local(async move {
            let files = browser::read_files(list, MAX_FILE_BYTES).await;
            let (found, bad) = read_all(files);
            let next = match combine(found) {
                Ok(plans) => {
                    // Only the stored plans the files also hold are read.
                    let ids: Vec<Uuid> = plans.iter().map(|p| p.id()).collect();
                    preview(plans, &app.load_many(Some(&ids)))
                }
                Err(error) => {
                    problems.set(vec![FileProblem {
                        name: String::new(),
                        error,
                    }]);
                    busy.set(false);
                    return;
                }
            };
            choices.set(next.iter().map(PreviewItem::default_choice).collect());
            items.set(next);
            problems.set(bad);
            busy.set(false);
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        take_files(input.files());
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        take_files(ev.data_transfer().and_then(|d| d.files()));
    };
    let apply = move |_| {
        let resolution = items.with(|its| choices.with(|cs| resolve(its, cs, browser::new_id)));
        if resolution.writes.is_empty() {
            navigate(Route::List);
            return;
        }
        match app.apply_import(&resolution.writes) {
            Ok(()) => {
                // Told on the list, in its flow: a floating toast would cover the plans.
                app.imported.set(Some(resolution.writes.len()));
                navigate(Route::List);
            }
            Err(e) => apply_error.set(Some(e)),
        }
    };
    let set_all = move |c: Choice| {
        items.with(|its| {
            choices.set(
                its.iter()
                    .map(|i| match (i.incoming, c) {
                        (Incoming::New, Choice::KeepBoth) => Choice::TakeTheirs,
                        _ => c,
                    })
                    .collect(),
            )
        })
    };

    view! {
        <div class="import-screen">
            <header class="screen-head">
                <h1 id="screen-title" tabindex="-1">{tr(|l| td_string!(l, import_title))}</h1>
            </header>
            <p class="intro">{tr(|l| td_string!(l, import_intro))}</p>
            <div
                class="drop-zone"
                data-testid="drop-zone"
                on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
                on:drop=on_drop
            >
                <label for="import-files">{tr(|l| td_string!(l, import_choose))}</label>
                <input
                    type="file"
                    id="import-files"
                    data-testid="import-files"
                    multiple
                    accept=".json,application/json"
                    on:change=on_pick
                />
                <p class="help">{tr(|l| td_string!(l, import_drop))}</p>
            </div>
            <Show when=move || busy.get()>
                <p class="busy" role="status">
                    <progress></progress>
                    " "
                    {tr(|l| td_string!(l, import_reading))}
                </p>
            </Show>
            <Problems problems=problems />
            {move || apply_error.get().map(|e| view! {
                <div class="banner danger" role="alert" data-testid="import-apply-error">
                    <strong>{t_string!(i18n, import_failed)}</strong>
                    <p>{t_string!(i18n, import_nothing_changed)}</p>
                    <p class="detail">{e}</p>
                </div>
            })}
            <Show when=move || items.with(|i| !i.is_empty())>
                <section class="preview" aria-labelledby="preview-title">
                    <h2 id="preview-title">{tr(|l| td_string!(l, import_preview))}</h2>
                    <p data-testid="import-summary">{move || summary(i18n.get_locale(), &items.get())}</p>
                    <div class="for-all">
                        <span>{tr(|l| td_string!(l, for_all))}</span>
                        <button type="button" class="secondary" on:click=move |_| set_all(Choice::KeepMine)>
                            {tr(|l| td_string!(l, choice_keep_mine))}
                        </button>
                        <button type="button" class="secondary" on:click=move |_| set_all(Choice::TakeTheirs)>
                            {tr(|l| td_string!(l, choice_take_theirs))}
                        </button>
                        <button type="button" class="secondary" on:click=move |_| set_all(Choice::KeepBoth)>
                            {tr(|l| td_string!(l, choice_keep_both))}
                        </button>
                    </div>
                    <ul class="preview-list">
                        {move || (0..items.with(Vec::len)).map(|i| view! { <PreviewRow items=items choices=choices index=i /> }).collect_view()}
                    </ul>
                    <div class="wizard-nav">
                        <a class="button secondary" href="#/">{tr(|l| td_string!(l, cancel))}</a>
                        <button type="button" class="primary" data-testid="import-apply" on:click=apply>
                            {tr(|l| td_string!(l, import_apply))}
                        </button>
                    </div>
                </section>
            </Show>
        </div>
    }
}

/// Parses every file; returns the plans of the good ones and the problems of the rest.
pub(in crate::ui) fn read_all(
    files: Vec<PickedFile>,
) -> (Vec<Vec<crate::model::StoredPlan>>, Vec<FileProblem>) {
    let (mut found, mut bad) = (Vec::new(), Vec::new());
    for f in files {
        let parsed = match f.bytes {
            Err(size) => Err(ImportError::TooLarge {
                bytes: size,
                limit: MAX_FILE_BYTES,
            }),
            Ok(bytes) => parse(&bytes),
        };
        match parsed {
            Ok(file) => found.push(file.plans),
            Err(error) => bad.push(FileProblem {
                name: f.name,
                error,
            }),
        }
    }
    (found, bad)
}

fn summary(l: Locale, items: &[PreviewItem]) -> String {
    [
        Incoming::New,
        Incoming::Identical,
        Incoming::Newer,
        Incoming::Older,
        Incoming::Conflict,
    ]
    .into_iter()
    .map(|k| (k, items.iter().filter(|i| i.incoming == k).count()))
    .filter(|(_, n)| *n > 0)
    .map(|(k, n)| format!("{}: {n}", labels::incoming(l, k)))
    .collect::<Vec<_>>()
    .join(" · ")
}

#[component]
pub(in crate::ui) fn Problems(problems: RwSignal<Vec<FileProblem>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let list = problems.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="banner danger" role="alert" data-testid="import-problems">
                    <strong>{t_string!(i18n, import_problem_title)}</strong>
                    <ul>
                        {list
                            .into_iter()
                            .map(|p| {
                                view! {
                                    <li>
                                        {(!p.name.is_empty()).then(|| view! { <code>{p.name.clone()}</code> ": " })}
                                        {labels::import_error(i18n.get_locale(), &p.error)}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <p>{t_string!(i18n, import_nothing_changed)}</p>
                </div>
            }
        })
    }
}

#[component]
fn PreviewRow(
    items: RwSignal<Vec<PreviewItem>>,
    choices: RwSignal<Vec<Choice>>,
    index: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some(item) = items.with_untracked(|i| i.get(index).cloned()) else {
        return ().into_any();
    };
    let kind = item.incoming;
    let options: &'static [Choice] = match kind {
        Incoming::New => &[Choice::TakeTheirs, Choice::KeepMine],
        _ => &[Choice::KeepMine, Choice::TakeTheirs, Choice::KeepBoth],
    };
    let select_id = format!("choice-{index}");
    let name = item.theirs.plan.display_name().to_string();
    let change = move |ev: leptos::ev::Event| {
        let v = event_target::<web_sys::HtmlSelectElement>(&ev).value();
        let c = match v.as_str() {
            "keep_mine" => Choice::KeepMine,
            "keep_both" => Choice::KeepBoth,
            _ => Choice::TakeTheirs,
        };
        choices.update(|cs| cs[index] = c);
    };
    let dates = move || {
        let l = i18n.get_locale();
        let theirs = labels::date(l, item.theirs.updated_at.date_naive());
        match &item.mine {
            Some(m) => format!(
                "{} {theirs} · {} {}",
                t_string!(i18n, theirs),
                t_string!(i18n, mine),
                labels::date(l, m.updated_at.date_naive())
            ),
            None => format!("{} {theirs}", t_string!(i18n, updated)),
        }
    };
    view! {
        <li class="preview-row" data-testid="import-row" data-kind=labels::incoming_code(kind)>
            <div class="who">
                <span class="name">{name}</span>
                <span class="badge" data-kind=labels::incoming_code(kind)>{move || labels::incoming(i18n.get_locale(), kind)}</span>
                <span class="meta">{dates}</span>
            </div>
            <div class="field">
                <label for=select_id.clone()>{tr(|l| td_string!(l, import_choice))}</label>
                <select id=select_id name="choice" on:change=change>
                    {move || {
                        let current = choices.with(|c| c.get(index).copied());
                        let l = i18n.get_locale();
                        options
                            .iter()
                            .map(|&c| {
                                let label = if kind == Incoming::New && c == Choice::KeepMine {
                                    td_string!(l, choice_skip)
                                } else {
                                    labels::choice(l, c)
                                };
                                view! { <option value=labels::choice_code(c) selected=current == Some(c)>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
        </li>
    }
    .into_any()
}

/// Keeps `web_sys` casts in one place.
fn event_target<T: JsCast>(ev: &leptos::ev::Event) -> T {
    ev.target().expect("an event has a target").unchecked_into()
}
