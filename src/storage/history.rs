//! Every plan's earlier versions under `opora:hist:<id>` (`model::history`), written by a save
//! after the plan and its summary. History gives way to plans: it never makes a save fail, it
//! is cut to its bounds (`MAX_ENTRIES`, `MAX_UNITS`) oldest first, and when storage is full a
//! plan's save first sheds the largest histories (marked "shortened", which the history screen
//! tells the user).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{codec, history_key, Backend, BackendError, Store, HISTORY_PREFIX};
use crate::model::history::{History, MAX_UNITS};
use crate::model::StoredPlan;

/// A history as its key holds it.
pub fn encode_history(h: &History) -> String {
    codec::encode(&h.to_json())
}

/// Reads a history key's value.
pub fn parse_history(raw: &str) -> Result<History, String> {
    let json = codec::decode(raw)?;
    serde_json::from_str(&json).map_err(|e| e.to_string())
}

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

/// The history in the compact encoding, cut (oldest first) to `MAX_UNITS` with its key.
fn bounded(h: &mut History, key: &str) -> String {
    loop {
        let raw = encode_history(h);
        let size = units(key) + units(&raw);
        if size <= MAX_UNITS || h.entries.is_empty() {
            return raw;
        }
        // Entries are of similar size: keep the share that fits, at least one fewer.
        let keep = h.entries.len() * MAX_UNITS / size;
        h.entries.truncate(keep.min(h.entries.len() - 1));
    }
}

impl<B: Backend> Store<B> {
    /// The earlier versions of plan `id` (nothing written). An unreadable history reads as
    /// empty and shortened.
    pub fn history(&self, id: Uuid) -> History {
        match self.backend.get(&history_key(id)) {
            Ok(Some(raw)) => parse_history(&raw).unwrap_or_else(|_| History {
                shortened: true,
                ..History::default()
            }),
            _ => History::default(),
        }
    }

    /// Adds the version `older` that `newer` replaced to the plan's history. Best effort: a
    /// history that does not fit is shortened, never the reason a save fails.
    pub(super) fn record_history(
        &mut self,
        newer: &StoredPlan,
        older: &StoredPlan,
        now: DateTime<Utc>,
    ) {
        let key = history_key(newer.id());
        let mut h = match self.backend.get(&key) {
            Ok(Some(raw)) => match parse_history(&raw) {
                Ok(h) => h,
                // Never written over unread: set aside first, as any value we cannot read.
                Err(_) if self.quarantine(&key, &raw, now).is_ok() => History {
                    shortened: true,
                    ..History::default()
                },
                Err(_) => return,
            },
            Ok(None) => History::default(),
            Err(_) => return,
        };
        h.record(newer, older);
        self.put_history(&key, &mut h);
    }

    /// Writes a history, dropping its oldest entries (and saying so) until it fits.
    fn put_history(&mut self, key: &str, h: &mut History) {
        loop {
            let raw = bounded(h, key);
            match self.put(key, &raw) {
                Ok(()) => return,
                Err(BackendError::QuotaExceeded) if !h.entries.is_empty() => {
                    h.entries.truncate(h.entries.len() / 2);
                    h.shortened = true;
                }
                Err(_) => {
                    // Not even an empty history fits: no history is better than a stale one.
                    let _ = self.drop_key(key);
                    return;
                }
            }
        }
    }

    /// Frees room for a plan: halves the largest history (oldest entries go), skipping keys in
    /// `tried` (unreadable ones, which are not ours to drop). Returns whether there was one.
    pub(super) fn shed_history(&mut self, tried: &mut Vec<String>) -> bool {
        let Some(key) = self.usage.largest_history(tried).map(str::to_string) else {
            return false;
        };
        debug_assert!(key.starts_with(HISTORY_PREFIX));
        let parsed = self
            .backend
            .get(&key)
            .ok()
            .flatten()
            .map(|r| parse_history(&r));
        match parsed {
            Some(Ok(mut h)) if h.entries.len() > 1 => {
                h.entries.truncate(h.entries.len() / 2);
                h.shortened = true;
                let raw = encode_history(&h);
                self.put(&key, &raw).is_ok() || self.drop_key(&key).is_ok()
            }
            // One entry left, or unreadable: an unreadable history is not ours to drop.
            Some(Ok(_)) => self.drop_key(&key).is_ok(),
            _ => {
                tried.push(key);
                true
            }
        }
    }
}
