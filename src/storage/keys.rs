//! The key layout in localStorage. Everything Opora stores starts with `opora:`.

use chrono::{DateTime, Utc};
use uuid::Uuid;

pub const SCHEMA_KEY: &str = "opora:schema";
pub const INDEX_KEY: &str = "opora:index";
pub const SETTINGS_KEY: &str = "opora:settings";
/// The plans the last import replaced, so it can be undone.
pub const UNDO_IMPORT_KEY: &str = "opora:undo-import";
pub const PLAN_PREFIX: &str = "opora:plan:";
pub const QUARANTINE_PREFIX: &str = "opora:quarantine:";
/// A format-1 plan kept while storage is migrated to format 2; removed once all are done.
pub const BACKUP_V1_PREFIX: &str = "opora:backup-v1:";
/// Written and removed at start-up to learn whether storage takes writes.
pub const PROBE_KEY: &str = "opora:probe";

pub fn backup_v1_key(id: Uuid) -> String {
    format!("{BACKUP_V1_PREFIX}{id}")
}

pub fn plan_key(id: Uuid) -> String {
    format!("{PLAN_PREFIX}{id}")
}

pub fn plan_id_of_key(key: &str) -> Option<Uuid> {
    key.strip_prefix(PLAN_PREFIX)
        .and_then(|s| Uuid::parse_str(s).ok())
}

/// `opora:quarantine:<time>-<n>:<original key>`: sorts by time, keeps where it came from.
pub fn quarantine_key(original: &str, now: DateTime<Utc>, n: u32) -> String {
    // Milliseconds since 1970, zero-padded so keys sort by time.
    format!(
        "{QUARANTINE_PREFIX}{:015}-{n}:{original}",
        now.timestamp_millis()
    )
}

pub fn quarantine_origin(key: &str) -> &str {
    key.strip_prefix(QUARANTINE_PREFIX)
        .and_then(|rest| rest.split_once(':'))
        .map_or("", |(_, original)| original)
}
