//! Export buttons: download a plan file and, where the browser can (phones), share it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::files::{file_name, PlanFile};
use crate::i18n::*;
use crate::model::{Plan, StoredPlan};
use crate::ui::browser;
use crate::ui::state::{use_app, AppState};
use crate::ui::tr;

/// What to export: some plans by id, or all of them (a backup).
#[derive(Clone, Debug, PartialEq)]
pub enum Selection {
    Some(Vec<Uuid>),
    All,
}

/// The file name, the file and how many plans it holds. The plans are read from storage
/// (decoded) here, not kept in memory.
fn build(app: AppState, selection: &Selection) -> (String, String, usize) {
    let chosen: Vec<StoredPlan> = match selection {
        Selection::All => app.load_many(None),
        Selection::Some(ids) => app.load_many(Some(ids)),
    };
    let bare: Vec<&Plan> = chosen.iter().map(|p| &p.plan).collect();
    let name = file_name(&bare, *selection == Selection::All, browser::today());
    let count = chosen.len();
    let file = PlanFile::new(chosen, browser::now());
    (name, file.to_json(), count)
}

#[component]
pub fn ExportActions(
    #[prop(into)] selection: Signal<Selection>,
    #[prop(into)] label: Signal<String>,
    testid: &'static str,
) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let empty = move || match selection.get() {
        Selection::Some(ids) => ids.is_empty(),
        Selection::All => app.plans.with(|p| p.is_empty()),
    };
    let download = move |_| {
        let sel = selection.get_untracked();
        let (name, json, count) = build(app, &sel);
        match browser::download_text(&name, "application/json", &json) {
            Ok(()) => {
                if sel == Selection::All {
                    app.record_backup();
                }
                let msg = format!("{} {count} → {name}", t_string!(i18n, exported));
                app.show_toast(msg, None);
            }
            Err(e) => app.show_toast(format!("{} ({e})", t_string!(i18n, export_failed)), None),
        }
    };
    let share = move |_| {
        let sel = selection.get_untracked();
        let (name, json, _) = build(app, &sel);
        spawn_local(async move {
            if browser::share_file(&name, &json).await.is_ok() && sel == Selection::All {
                app.record_backup();
            }
        });
    };
    let can_share = browser::can_share_files();
    view! {
        <button type="button" class="secondary" data-testid=testid disabled=empty on:click=download>
            {move || label.get()}
        </button>
        {can_share.then(|| view! {
            <button type="button" class="secondary" disabled=empty on:click=share>
                {tr(|l| td_string!(l, share))}
            </button>
        })}
    }
}
