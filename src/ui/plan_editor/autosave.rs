//! Debounced autosave of the plan being edited. Flushes at once when the page is hidden or
//! closed and when the editor goes away, so the last keystrokes always reach storage.
//!
//! Data flows one way: keystroke → the editor's `Plan` (content only) → save → store → list.
//! What the store returns (revision, time) is kept here as the base of the next save and never
//! copied into the editor's plan, so the plan equals what was saved until the user types again
//! and nothing is written while nobody types.
//!
//! Another window's save reaches us through `AppState::arrived` (the `storage` event): with no
//! unsaved change here its text is taken at once; with one, the editor shows both versions to
//! settle (`Conflict`), and nothing is saved until the user has chosen.

use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::*;
use crate::model::{Plan, Revisions, StoredPlan};
use crate::ui::state::{use_app, AppState, SaveFailure};

/// Quiet time after the last keystroke before saving.
const DEBOUNCE: Duration = Duration::from_millis(400);

#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    /// A new plan nothing was typed into yet: not stored.
    NotSavedYet,
    Saved,
    /// Saved, and the text now shown came from another window.
    UpdatedElsewhere,
    Pending,
    /// Another window saved a different text meanwhile: the user settles it.
    Conflict,
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct Autosave {
    pub state: RwSignal<SaveState>,
    /// The other window's version while a conflict waits to be settled.
    pub theirs: RwSignal<Option<StoredPlan>>,
    plan: RwSignal<Plan>,
    app: AppState,
    /// The revision the next save continues.
    base: StoredValue<Revisions>,
    /// The content of that revision, as stored.
    last_saved: StoredValue<Plan>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

pub fn start(plan: RwSignal<Plan>, base: Revisions) -> Autosave {
    let initial = if base.is_saved() {
        SaveState::Saved
    } else {
        SaveState::NotSavedYet
    };
    let save = Autosave {
        state: RwSignal::new(initial),
        theirs: RwSignal::new(None),
        plan,
        app: use_app(),
        base: StoredValue::new(base),
        last_saved: StoredValue::new(plan.get_untracked()),
        timer: StoredValue::new(None),
    };
    Effect::new(move |_| {
        let changed = plan.with(|p| save.last_saved.with_value(|s| p != s));
        if changed {
            save.schedule();
        }
    });
    // Another window's save of this plan. Ours comes back as the base already: only a
    // different revision is taken.
    let id = plan.get_untracked().id;
    Effect::new(move |_| {
        let stored = save.app.arrived.with(|p| {
            p.as_ref()
                .filter(|p| p.id() == id)
                .filter(|p| save.base.try_with_value(|b| *b != p.revisions) == Some(true))
                .cloned()
        });
        if let Some(stored) = stored {
            save.arrived(stored);
        }
    });
    let on_hide = window_event_listener(leptos::ev::pagehide, move |_| save.leave());
    let on_visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
        let hidden = document().visibility_state() == web_sys::VisibilityState::Hidden;
        if hidden {
            save.flush();
        }
    });
    on_cleanup(move || {
        save.leave();
        on_hide.remove();
        on_visibility.remove();
    });
    save
}

impl Autosave {
    fn schedule(self) {
        if self.state.get_untracked() == SaveState::Conflict {
            return;
        }
        self.state.try_set(SaveState::Pending);
        self.clear_timer();
        let handle = set_timeout_with_handle(move || self.flush(), DEBOUNCE).ok();
        self.timer.try_set_value(handle);
    }

    fn clear_timer(self) {
        if let Some(Some(t)) = self.timer.try_get_value() {
            t.clear();
            self.timer.try_set_value(None);
        }
    }

    fn unsaved(self) -> bool {
        self.plan
            .try_with_untracked(|p| self.last_saved.try_with_value(|s| p != s))
            .flatten()
            .unwrap_or(false)
    }

    /// Saves now if anything changed since the last save (and no conflict waits).
    pub fn flush(self) {
        self.clear_timer();
        if !self.unsaved() || self.theirs.try_with_untracked(Option::is_some) != Some(false) {
            return;
        }
        let (Some(current), Some(base)) =
            (self.plan.try_get_untracked(), self.base.try_get_value())
        else {
            return;
        };
        match self.app.save(&current, &base) {
            Ok(stored) => self.adopt_base(stored, SaveState::Saved),
            Err(SaveFailure::Conflict(theirs)) => self.conflict(*theirs),
            Err(SaveFailure::Refused(e)) => {
                self.state.try_set(SaveState::Failed(e));
            }
        }
    }

    /// The window goes away: save; an unsettled conflict is set aside, never dropped.
    fn leave(self) {
        self.flush();
        if let (Some(Some(_)), true) = (self.theirs.try_get_untracked(), self.unsaved()) {
            if let (Some(plan), Some(base)) =
                (self.plan.try_get_untracked(), self.base.try_get_value())
            {
                self.app.set_aside(&plan, &base);
            }
        }
    }

    /// Another window stored a revision other than our base.
    fn arrived(self, stored: StoredPlan) {
        if self.unsaved() {
            self.clear_timer();
            self.conflict(stored);
        } else {
            self.take_theirs(stored, SaveState::UpdatedElsewhere);
        }
    }

    fn conflict(self, theirs: StoredPlan) {
        self.theirs.try_set(Some(theirs));
        self.state.try_set(SaveState::Conflict);
    }

    /// Shows `stored` in the editor as the saved text.
    fn take_theirs(self, stored: StoredPlan, state: SaveState) {
        let plan = stored.plan.clone();
        self.adopt_base(stored, state);
        self.plan.try_set(plan);
    }

    fn adopt_base(self, stored: StoredPlan, state: SaveState) {
        self.base.try_set_value(stored.revisions);
        self.last_saved.try_set_value(stored.plan);
        self.theirs.try_set(None);
        self.state.try_set(state);
    }

    /// Settles a conflict with `result` (the user's choice per field): saved as the revision
    /// after the other window's.
    pub fn settle(self, result: Plan) {
        let Some(Some(theirs)) = self.theirs.try_get_untracked() else {
            return;
        };
        self.base.try_set_value(theirs.revisions.clone());
        self.last_saved.try_set_value(theirs.plan.clone());
        self.theirs.try_set(None);
        self.plan.try_set(result);
        self.state.try_set(SaveState::Saved);
        self.flush();
    }

    /// The content of the revision being continued (for a three-way choice in a conflict).
    pub fn base_content(self) -> Option<Plan> {
        self.last_saved.try_get_value()
    }
}

#[component]
pub fn SaveStatus(state: RwSignal<SaveState>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="save-status" role="status" data-testid="save-status" data-state=move || match state.get() {
            SaveState::NotSavedYet => "new",
            SaveState::Saved => "saved",
            SaveState::UpdatedElsewhere => "updated",
            SaveState::Pending => "pending",
            SaveState::Conflict => "conflict",
            SaveState::Failed(_) => "failed",
        }>
            {move || match state.get() {
                SaveState::NotSavedYet => t_string!(i18n, not_saved_yet).to_string(),
                SaveState::Saved => t_string!(i18n, saved).to_string(),
                SaveState::UpdatedElsewhere => t_string!(i18n, updated_elsewhere).to_string(),
                SaveState::Pending => t_string!(i18n, saving).to_string(),
                SaveState::Conflict => t_string!(i18n, conflict_status).to_string(),
                SaveState::Failed(e) => format!("{} ({e})", t_string!(i18n, save_failed)),
            }}
        </p>
    }
}
