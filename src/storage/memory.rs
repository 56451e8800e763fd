use std::collections::BTreeMap;

use super::{Backend, BackendError};

/// Storage in memory: for tests, and for browsers that refuse localStorage (the app then
/// still works for the session and says clearly that nothing is kept).
#[derive(Debug, Default, Clone)]
pub struct MemoryBackend {
    pub map: BTreeMap<String, String>,
    /// Fail every `set` with this error (to test full or refusing storage).
    pub fail_writes: Option<BackendError>,
    /// Like a browser's quota: a write that would make keys + values exceed this many UTF-16
    /// code units fails with `QuotaExceeded` and changes nothing.
    pub quota_units: Option<usize>,
}

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

impl MemoryBackend {
    /// Keys and values in UTF-16 code units, as browsers count localStorage.
    pub fn used_units(&self) -> usize {
        self.map.iter().map(|(k, v)| units(k) + units(v)).sum()
    }
}

impl Backend for MemoryBackend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        Ok(self.map.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        // Failures are simulated in native tests only; in the browser this backend stands in
        // for refused storage and always takes the write.
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(e) = &self.fail_writes {
            return Err(e.clone());
        }
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(quota) = self.quota_units {
            let old = self.map.get(key).map_or(0, |v| units(key) + units(v));
            if self.used_units() - old + units(key) + units(value) > quota {
                return Err(BackendError::QuotaExceeded);
            }
        }
        self.map.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        self.map.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, BackendError> {
        Ok(self.map.keys().cloned().collect())
    }
}
