use std::time::Duration;

use leptos::prelude::*;

use crate::ui::state::use_app;

/// How long a message with an undo stays.
const SHOW_FOR: Duration = Duration::from_secs(12);

/// One message at a time at the bottom, with an optional action (undo).
#[component]
pub fn ToastHost() -> impl IntoView {
    let app = use_app();
    let timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        if app.toast.with(|t| t.is_some()) {
            if let Some(t) = timer.get_value() {
                t.clear();
            }
            timer.set_value(set_timeout_with_handle(move || app.toast.set(None), SHOW_FOR).ok());
        }
    });
    view! {
        <div class="toast-host" role="status" aria-live="polite">
            {move || {
                app.toast.get().map(|t| {
                    let action = t.action.map(|(label, cb)| {
                        view! {
                            <button type="button" data-testid="toast-action" on:click=move |_| {
                                cb();
                                app.toast.set(None);
                            }>{label}</button>
                        }
                    });
                    view! {
                        <div class="toast" data-testid="toast">
                            <span>{t.message}</span>
                            {action}
                            <button type="button" class="icon" aria-label="×" on:click=move |_| app.toast.set(None)>"×"</button>
                        </div>
                    }
                })
            }}
        </div>
    }
}
