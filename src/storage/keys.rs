//! The key layout in localStorage. Everything Opora stores starts with `opora:`.

use chrono::{DateTime, Utc};
use uuid::Uuid;

pub const SCHEMA_KEY: &str = "opora:schema";
/// The index of layout 2 (one key listing every plan); removed by the migration to layout 3.
pub const INDEX_KEY: &str = "opora:index";
pub const SETTINGS_KEY: &str = "opora:settings";
/// The plans the last import replaced, so it can be undone.
pub const UNDO_IMPORT_KEY: &str = "opora:undo-import";
pub const PLAN_PREFIX: &str = "opora:plan:";
/// A plan's summary (`model::PlanSummary`), what the list needs without decoding the plan.
pub const SUMMARY_PREFIX: &str = "opora:sum:";
/// A plan's earlier versions (`model::history::History`, in the compact encoding).
pub const HISTORY_PREFIX: &str = "opora:hist:";
/// A plan of an earlier version kept while it is rewritten in the current layout.
pub const BACKUP_PREFIX: &str = "opora:backup:";
pub const QUARANTINE_PREFIX: &str = "opora:quarantine:";
/// A format-1 plan kept while storage was migrated to format 2 (by versions with layout 2);
/// removed once every plan is in the current layout.
pub const BACKUP_V1_PREFIX: &str = "opora:backup-v1:";
/// Written and removed at start-up to learn whether storage takes writes.
pub const PROBE_KEY: &str = "opora:probe";

pub fn backup_v1_key(id: Uuid) -> String {
    format!("{BACKUP_V1_PREFIX}{id}")
}

pub fn backup_key(id: Uuid) -> String {
    format!("{BACKUP_PREFIX}{id}")
}

pub fn summary_key(id: Uuid) -> String {
    format!("{SUMMARY_PREFIX}{id}")
}

pub fn summary_id_of_key(key: &str) -> Option<Uuid> {
    key.strip_prefix(SUMMARY_PREFIX)
        .and_then(|s| Uuid::parse_str(s).ok())
}

pub fn history_key(id: Uuid) -> String {
    format!("{HISTORY_PREFIX}{id}")
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
