//! Debounced autosave of the plan being edited. Flushes at once when the page is hidden or
//! closed and when the editor goes away, so the last keystrokes always reach storage.

use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::*;
use crate::model::Plan;
use crate::ui::state::{use_app, AppState};

/// Quiet time after the last keystroke before saving.
const DEBOUNCE: Duration = Duration::from_millis(400);

#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    Saved,
    Pending,
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct Autosave {
    pub state: RwSignal<SaveState>,
    plan: RwSignal<Plan>,
    app: AppState,
    last_saved: StoredValue<Plan>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

pub fn start(plan: RwSignal<Plan>) -> Autosave {
    let save = Autosave {
        state: RwSignal::new(SaveState::Saved),
        plan,
        app: use_app(),
        last_saved: StoredValue::new(plan.get_untracked()),
        timer: StoredValue::new(None),
    };
    Effect::new(move |_| {
        let changed = plan.with(|p| save.last_saved.with_value(|s| p != s));
        if changed {
            save.schedule();
        }
    });
    let on_hide = window_event_listener(leptos::ev::pagehide, move |_| save.flush());
    let on_visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
        let hidden = document().visibility_state() == web_sys::VisibilityState::Hidden;
        if hidden {
            save.flush();
        }
    });
    on_cleanup(move || {
        save.flush();
        on_hide.remove();
        on_visibility.remove();
    });
    save
}

impl Autosave {
    fn schedule(self) {
        self.state.try_set(SaveState::Pending);
        if let Some(Some(t)) = self.timer.try_get_value() {
            t.clear();
        }
        let handle = set_timeout_with_handle(move || self.flush(), DEBOUNCE).ok();
        self.timer.try_set_value(handle);
    }

    /// Saves now if anything changed since the last save.
    pub fn flush(self) {
        if let Some(Some(t)) = self.timer.try_get_value() {
            t.clear();
            self.timer.try_set_value(None);
        }
        let Some(current) = self.plan.try_get_untracked() else {
            return;
        };
        let unchanged = self
            .last_saved
            .try_with_value(|s| *s == current)
            .unwrap_or(true);
        if unchanged {
            return;
        }
        match self.app.save(&current) {
            Ok(stored) => {
                self.last_saved.try_set_value(stored.clone());
                self.plan.try_update(|p| {
                    p.revision = stored.revision;
                    p.updated_at = stored.updated_at;
                });
                self.state.try_set(SaveState::Saved);
            }
            Err(e) => {
                self.state.try_set(SaveState::Failed(e));
            }
        }
    }
}

#[component]
pub fn SaveStatus(state: RwSignal<SaveState>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="save-status" role="status" data-testid="save-status" data-state=move || match state.get() {
            SaveState::Saved => "saved",
            SaveState::Pending => "pending",
            SaveState::Failed(_) => "failed",
        }>
            {move || match state.get() {
                SaveState::Saved => t_string!(i18n, saved).to_string(),
                SaveState::Pending => t_string!(i18n, saving).to_string(),
                SaveState::Failed(e) => format!("{} ({e})", t_string!(i18n, save_failed)),
            }}
        </p>
    }
}
