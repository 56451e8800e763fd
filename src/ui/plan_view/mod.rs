//! The agreed plan at a glance, laid out as its paper form (`document.rs`), ready to print and
//! sign. The document speaks the plan's own language; the buttons around it speak the UI's.

mod long_term;

use leptos::prelude::*;
use uuid::Uuid;

use crate::i18n::*;
use crate::ui::labels;
use crate::ui::route::{navigate, Route};
use crate::ui::state::{use_app, Action};
use crate::ui::tr;
use crate::ui::widgets::{ConfirmDialog, ExportActions, Selection};
use crate::ui::{browser, NotFound};
use std::sync::Arc;

pub(in crate::ui) mod document;

pub use document::render as render_document;

#[component]
pub fn PlanView(id: Uuid) -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    // Read again whenever the stored revision changes (a save here or in another window).
    let rev = Memo::new(move |_| {
        app.plans
            .with(|ps| ps.iter().find(|p| p.id == id).map(|p| p.rev.clone()))
    });
    let plan = Memo::new(move |_| {
        rev.with(|r| r.as_ref().and_then(|_| app.load_plan(id)).map(|s| s.plan))
    });
    let confirm_open = RwSignal::new(false);
    let delete = move |_| match app.delete(id) {
        Ok(deleted) => {
            let undo: Action = Arc::new(move || {
                if app.restore(&deleted).is_ok() {
                    navigate(Route::View(deleted.id()));
                }
            });
            app.show_toast(
                t_string!(i18n, plan_deleted).to_string(),
                Some((t_string!(i18n, undo).to_string(), undo)),
            );
            navigate(Route::List);
        }
        Err(e) => app.show_toast(format!("{} ({e})", t_string!(i18n, delete_failed)), None),
    };
    move || {
        let Some(p) = plan.get() else {
            return view! { <NotFound /> }.into_any();
        };
        let edit_href = Route::Edit(id, None).href();
        let lang = p.language;
        let one_off = p.horizon == crate::model::Horizon::OneOff;
        let (status, horizon, evaluated) = (p.status, p.horizon, p.end_of_meeting().is_some());
        // The document is built by hand (see `document.rs`) into `#document-host` once it is
        // on the page, and again whenever the UI language changes (its edit links speak it).
        Effect::new(move || document::render("document-host", &p, i18n.get_locale()));
        view! {
            <div class="plan-view">
                <div class="actions no-print">
                    <a class="button secondary" href="#/">{tr(|l| td_string!(l, back_to_list))}</a>
                    <a class="button primary" href=edit_href data-testid="edit">{tr(|l| td_string!(l, edit))}</a>
                    <button type="button" class="secondary" on:click=|_| browser::print()>{tr(|l| td_string!(l, print))}</button>
                    <a class="button secondary" href=Route::History(id).href() data-testid="history">{tr(|l| td_string!(l, history_button))}</a>
                    {one_off.then(|| view! { <long_term::ContinueLongTerm id=id /> })}
                    <crate::ui::review::PlanLifecycle id=id status=status horizon=horizon has_end_of_meeting=evaluated />
                    <ExportActions
                        selection=Signal::derive(move || Selection::Some(vec![id]))
                        label=Signal::derive(move || t_string!(i18n, export_plan).to_string())
                        testid="export-plan"
                    />
                    <button type="button" class="danger" data-testid="delete" on:click=move |_| confirm_open.set(true)>
                        {tr(|l| td_string!(l, delete))}
                    </button>
                </div>
                {move || (lang != labels::lang_of(i18n.get_locale())).then(|| view! {
                    <p class="note no-print" data-testid="document-language">
                        {tr(|l| td_string!(l, document_language))} " " {lang.native_name()}
                    </p>
                })}
                <div id="document-host"></div>
                <ConfirmDialog
                    open=confirm_open
                    title=Signal::derive(move || t_string!(i18n, confirm_delete).to_string())
                    confirm_label=Signal::derive(move || t_string!(i18n, delete).to_string())
                    on_confirm=Callback::new(delete)
                />
            </div>
        }
        .into_any()
    }
}
