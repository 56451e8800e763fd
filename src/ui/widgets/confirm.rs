use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::focus_soon;
use crate::ui::tr;

/// A modal question; Escape or "Cancel" closes it, focus starts on the safe choice.
#[component]
pub fn ConfirmDialog(
    open: RwSignal<bool>,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] confirm_label: Signal<String>,
    #[prop(into)] on_confirm: Callback<()>,
    /// More to say or offer before the choice (rendered under the title).
    #[prop(optional)]
    children: Option<ChildrenFn>,
) -> impl IntoView {
    Effect::new(move |_| {
        if open.get() {
            focus_soon("confirm-cancel".to_string());
        }
    });
    view! {
        <Show when=move || open.get()>
            <div class="backdrop">
                <div
                    class="dialog"
                    role="alertdialog"
                    aria-modal="true"
                    aria-labelledby="confirm-title"
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            open.set(false);
                        }
                    }
                >
                    <h2 id="confirm-title">{move || title.get()}</h2>
                    {children.clone().map(|c| c())}
                    <div class="dialog-actions">
                        <button type="button" id="confirm-cancel" class="secondary" on:click=move |_| open.set(false)>
                            {tr(|l| td_string!(l, cancel))}
                        </button>
                        <button type="button" class="danger" data-testid="confirm" on:click=move |_| {
                            open.set(false);
                            on_confirm.run(());
                        }>{move || confirm_label.get()}</button>
                    </div>
                </div>
            </div>
        </Show>
    }
}
