#[cfg(target_arch = "wasm32")]
fn main() {
    // Readable panic messages in development builds; the release bundle saves the bytes and
    // shows the user a plain notice instead of a page that stops answering.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    #[cfg(not(debug_assertions))]
    opora::ui::panic_notice::install();
    leptos::mount::mount_to_body(opora::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Opora runs in the browser: use `cargo xtask run`.");
    std::process::exit(2);
}
