//! "Continue as a long-term plan": a one-off plan becomes long-term with everything in it,
//! saved as its next revision, and the full form opens to go on.

use leptos::prelude::*;
use uuid::Uuid;

use crate::i18n::*;
use crate::model::SectionId;
use crate::ui::route::{navigate, Route};
use crate::ui::state::use_app;
use crate::ui::tr;

#[component]
pub fn ContinueLongTerm(id: Uuid) -> impl IntoView {
    let app = use_app();
    let go_on = move |_| {
        let Some(mut stored) = app.load_plan(id) else {
            return;
        };
        stored.plan.continue_long_term(crate::ui::browser::today());
        match app.save(&stored.plan, &stored.revisions) {
            Ok(_) => {
                let t = stored.plan.template.template();
                let next = [SectionId::Situation, SectionId::Goals]
                    .into_iter()
                    .find(|s| t.has_section(*s));
                navigate(Route::Edit(id, next));
            }
            Err(e) => app.show_toast(e.words(), None),
        }
    };
    view! {
        <button type="button" class="secondary" data-testid="continue-long-term" on:click=go_on>
            {tr(|l| td_string!(l, continue_long_term))}
        </button>
    }
}
