//! If the app ever panics, the page must not silently stop answering: a plain notice says
//! what happened, that saved plans are safe, and offers a reload. Written with bare DOM calls
//! in the panic hook (the reactive system may be what broke), in the page's language.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The notice's words by the document language (`<html lang>`, set from the UI language).
fn words(lang: &str) -> (&'static str, &'static str) {
    match lang {
        "cs" => (
            "Něco se pokazilo. Uložené plány jsou v bezpečí.",
            "Načíst znovu",
        ),
        "bg" => (
            "Нещо се обърка. Запазените планове са на сигурно място.",
            "Презареди",
        ),
        _ => ("Something went wrong. Your saved plans are safe.", "Reload"),
    }
}

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
        let _ = show();
    }));
}

fn show() -> Option<()> {
    let document = web_sys::window()?.document()?;
    if document.get_element_by_id("panic-notice").is_some() {
        return Some(());
    }
    let lang = document
        .document_element()?
        .get_attribute("lang")
        .unwrap_or_default();
    let (text, reload) = words(&lang);
    let notice = document.create_element("div").ok()?;
    notice.set_id("panic-notice");
    notice.set_class_name("panic-notice");
    notice.set_attribute("role", "alert").ok()?;
    notice.set_attribute("data-testid", "panic").ok()?;
    let p = document.create_element("p").ok()?;
    p.set_text_content(Some(text));
    let button: web_sys::HtmlElement = document.create_element("button").ok()?.dyn_into().ok()?;
    button.set_text_content(Some(reload));
    let on_click = Closure::<dyn Fn()>::new(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    button.set_onclick(Some(on_click.as_ref().unchecked_ref()));
    on_click.forget();
    notice.append_child(&p).ok()?;
    notice.append_child(&button).ok()?;
    document.body()?.append_child(&notice).ok()?;
    button.focus().ok()
}
