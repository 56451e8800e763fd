//! How much of the browser's localStorage quota the origin uses, for the storage meter.
//! Browsers offer no call for localStorage's quota or use, so the store counts: every key it
//! reads or writes is measured once, as the browser counts it (UTF-16 code units of key and
//! value).

use std::collections::BTreeMap;

/// Chromium's and Firefox's localStorage quota per origin, in UTF-16 code units (5 MiB of
/// two-byte units is what Chromium enforces; measured in this project's browser tests).
pub const QUOTA_UNITS: usize = 5 * 1024 * 1024;

/// The meter warns from this share of the quota on.
pub const WARN_AT_PERCENT: usize = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    pub used_units: usize,
    pub quota_units: usize,
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

#[derive(Debug, Default)]
pub(super) struct Sizes {
    by_key: BTreeMap<String, usize>,
    total: usize,
}

impl Sizes {
    /// Records the value a key now holds (`None`: removed).
    pub fn record(&mut self, key: &str, value: Option<&str>) {
        let old = match value {
            Some(v) => {
                let size = units(key) + units(v);
                self.by_key.insert(key.to_string(), size)
            }
            None => self.by_key.remove(key),
        };
        self.total = self.total - old.unwrap_or(0) + value.map_or(0, |v| units(key) + units(v));
    }

    pub fn total(&self) -> Usage {
        Usage {
            used_units: self.total,
            quota_units: QUOTA_UNITS,
        }
    }
}

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}
