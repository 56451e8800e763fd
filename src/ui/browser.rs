//! Small wrappers over browser APIs the UI needs: clock, ids, downloads, focus, printing.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;
use wasm_bindgen::JsCast;

pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// `t` on this device's clock (the browser's time zone, daylight saving included).
pub fn local_time(t: DateTime<Utc>) -> chrono::NaiveDateTime {
    let ms = t.timestamp_millis() as f64;
    let offset = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms)).get_timezone_offset();
    t.naive_utc() - chrono::Duration::minutes(offset as i64)
}

/// Today in the user's time zone: the date a worker writes on a form.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_else(|| now().date_naive())
}

/// How many minutes the user's time zone is ahead of UTC now (Sofia in winter: 120).
pub fn utc_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// A random (v4) UUID from the browser's cryptographic generator.
pub fn new_id() -> Uuid {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // No Web Crypto (very old browser): fall back to Math.random, still unique enough here.
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// Offers `text` as a file download, entirely in the browser.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let err = |e: wasm_bindgen::JsValue| js_message(&e);
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let doc = document();
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(err)?.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    web_sys::Url::revoke_object_url(&url).map_err(err)?;
    Ok(())
}

pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("the app runs in a document")
}

/// Moves keyboard focus to the element with `id`, if it exists.
pub fn focus(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

pub fn set_document_lang(code: &str) {
    if let Some(el) = document().document_element() {
        let _ = el.set_attribute("lang", code);
    }
}

pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

pub fn set_location_hash(hash: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
    }
}

pub fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// A file the user picked or dropped, read whole (after a size check).
pub struct PickedFile {
    pub name: String,
    pub bytes: Result<Vec<u8>, usize>,
}

/// Reads the files, refusing (without reading) any larger than `limit` bytes: `Err(size)`.
pub async fn read_files(list: web_sys::FileList, limit: usize) -> Vec<PickedFile> {
    let mut out = Vec::new();
    for i in 0..list.length() {
        let Some(file) = list.get(i) else { continue };
        let size = file.size() as usize;
        let bytes = if size > limit {
            Err(size)
        } else {
            match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(buf) => Ok(js_sys::Uint8Array::new(&buf).to_vec()),
                Err(_) => Err(size),
            }
        };
        out.push(PickedFile {
            name: file.name(),
            bytes,
        });
    }
    out
}

/// Whether this browser can share a file of ours (Web Share API level 2, mostly phones).
pub fn can_share_files() -> bool {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return false;
    };
    let has = |name: &str| js_sys::Reflect::has(&nav, &name.into()).unwrap_or(false);
    if !has("canShare") || !has("share") {
        return false;
    }
    share_data("probe.json", "{}").is_some_and(|d| nav.can_share_with_data(&d))
}

fn share_data(file_name: &str, text: &str) -> Option<web_sys::ShareData> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::FilePropertyBag::new();
    opts.set_type("application/json");
    let file = web_sys::File::new_with_str_sequence_and_options(&parts, file_name, &opts).ok()?;
    let data = web_sys::ShareData::new();
    data.set_files(&js_sys::Array::of1(&file));
    data.set_title(file_name);
    Some(data)
}

/// Opens the system share sheet with the file; `Err` if the user cancels or it fails.
pub async fn share_file(file_name: &str, text: &str) -> Result<(), String> {
    let nav = web_sys::window().ok_or("no window")?.navigator();
    let data = share_data(file_name, text).ok_or("cannot make the file")?;
    wasm_bindgen_futures::JsFuture::from(nav.share_with_data(&data))
        .await
        .map(|_| ())
        .map_err(|e| js_message(&e))
}

/// A JavaScript error as text, without the (large) generic debug formatter.
pub fn js_message(e: &wasm_bindgen::JsValue) -> String {
    e.as_string().unwrap_or_else(|| "error".to_string())
}

/// A named point on the page's performance timeline (the benchmark reads it).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}
