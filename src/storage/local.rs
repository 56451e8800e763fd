//! The only code that touches the browser's localStorage.

use super::{Backend, BackendError};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen]
extern "C" {
    /// `getItem` returning the JS string itself, so its length can be read without copying
    /// the value into the wasm (start-up measures every key for the storage meter).
    #[wasm_bindgen(js_name = Storage)]
    type RawStorage;
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item_js(this: &RawStorage, key: &str) -> Result<JsValue, JsValue>;
}

pub struct LocalStorage {
    storage: web_sys::Storage,
}

fn describe(e: JsValue) -> String {
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| format!("{}: {}", d.name(), d.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

fn classify(e: JsValue) -> BackendError {
    let is_quota = e
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|d| d.name() == "QuotaExceededError" || d.code() == 22);
    if is_quota {
        BackendError::QuotaExceeded
    } else {
        BackendError::Other(describe(e))
    }
}

impl LocalStorage {
    /// The browser's localStorage, if the page may use it and it can be read. Whether it takes
    /// writes is the store's question (`Store::open` probes): full storage must still open, so
    /// that every plan in it is shown.
    pub fn open() -> Result<LocalStorage, BackendError> {
        let window =
            web_sys::window().ok_or_else(|| BackendError::Unavailable("no window".into()))?;
        let storage = window
            .local_storage()
            .map_err(|e| BackendError::Unavailable(describe(e)))?
            .ok_or_else(|| BackendError::Unavailable("localStorage is missing".into()))?;
        storage
            .length()
            .map_err(|e| BackendError::Unavailable(describe(e)))?;
        Ok(LocalStorage { storage })
    }
}

impl Backend for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.storage.get_item(key).map_err(classify)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.storage.set_item(key, value).map_err(classify)
    }

    fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        self.storage.remove_item(key).map_err(classify)
    }

    fn len(&self, key: &str) -> Result<Option<usize>, BackendError> {
        let raw: &RawStorage = self.storage.unchecked_ref();
        let value = raw.get_item_js(key).map_err(classify)?;
        Ok(value
            .dyn_ref::<js_sys::JsString>()
            .map(|s| s.length() as usize))
    }

    fn keys(&self) -> Result<Vec<String>, BackendError> {
        // One call for every key (`Object.keys` lists a Storage's items), instead of
        // `key(i)` per item: start-up lists a few thousand keys.
        let object: &js_sys::Object = self.storage.unchecked_ref();
        Ok(js_sys::Object::keys(object)
            .iter()
            .filter_map(|k| k.as_string())
            .collect())
    }
}
