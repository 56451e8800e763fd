//! How much of the browser's localStorage quota the origin uses, for the storage meter.
//! Browsers offer no call for localStorage's quota or use, so the store counts: every key it
//! reads or writes is measured once, as the browser counts it (UTF-16 code units of key and
//! value).

/// Chromium's and Firefox's localStorage quota per origin, in UTF-16 code units (5 MiB of
/// two-byte units is what Chromium enforces; measured in this project's browser tests).
pub const QUOTA_UNITS: usize = 5 * 1024 * 1024;

/// The meter warns from this share of the quota on.
pub const WARN_AT_PERCENT: usize = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    pub used_units: usize,
    pub quota_units: usize,
    /// Of `used_units`, what the plans' histories take (`opora:hist:*`).
    pub history_units: usize,
}

impl Usage {
    /// Whole per cent of the quota used (may pass 100 if the real quota is larger).
    pub fn percent(&self) -> usize {
        self.used_units * 100 / self.quota_units.max(1)
    }

    pub fn nearly_full(&self) -> bool {
        self.percent() >= WARN_AT_PERCENT
    }
}

/// Sizes by key. A sorted list: a few thousand keys at most, and a map type of its own would
/// cost the wasm about 9 KB (measured with twiggy).
#[derive(Debug, Default)]
pub(super) struct Sizes {
    by_key: Vec<(String, usize)>,
    total: usize,
    history: usize,
}

impl Sizes {
    /// Records the value a key now holds (`None`: removed).
    pub fn record(&mut self, key: &str, value: Option<&str>) {
        self.record_len(key, value.map(units));
    }

    /// Records the length of the value a key now holds, in UTF-16 units (`None`: removed).
    pub fn record_len(&mut self, key: &str, len: Option<usize>) {
        let new = len.map_or(0, |v| units(key) + v);
        let old = match self.by_key.binary_search_by(|(k, _)| k.as_str().cmp(key)) {
            Ok(i) if len.is_some() => std::mem::replace(&mut self.by_key[i].1, new),
            Ok(i) => self.by_key.remove(i).1,
            Err(i) => {
                if len.is_some() {
                    self.by_key.insert(i, (key.to_string(), new));
                }
                0
            }
        };
        self.total = self.total - old + new;
        if key.starts_with(super::HISTORY_PREFIX) {
            self.history = self.history - old + new;
        }
    }

    /// The history key that takes the most room, if any, other than `except`.
    pub fn largest_history(&self, except: &[String]) -> Option<&str> {
        self.by_key
            .iter()
            .filter(|(k, _)| k.starts_with(super::HISTORY_PREFIX) && !except.contains(k))
            .max_by_key(|(_, n)| *n)
            .map(|(k, _)| k.as_str())
    }

    pub fn total(&self) -> Usage {
        Usage {
            used_units: self.total,
            quota_units: QUOTA_UNITS,
            history_units: self.history,
        }
    }
}

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}
