use std::collections::BTreeMap;

use super::{Backend, BackendError};

/// Storage in memory: for tests, and for browsers that refuse localStorage (the app then
/// still works for the session and says clearly that nothing is kept).
#[derive(Debug, Default, Clone)]
pub struct MemoryBackend {
    pub map: BTreeMap<String, String>,
    /// Fail every `set` with this error (to test full or refusing storage).
    pub fail_writes: Option<BackendError>,
}

impl Backend for MemoryBackend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        Ok(self.map.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        if let Some(e) = &self.fail_writes {
            return Err(e.clone());
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
