//! When to remind the worker gently to make a backup (export all plans).

use chrono::{DateTime, Duration, Utc};

use crate::model::PlanSummary;

/// Days a change may stay without a backup before the reminder shows.
pub const REMIND_AFTER_DAYS: i64 = 7;

/// True when some plan changed after the last backup (or there never was one) and that
/// change is more than `REMIND_AFTER_DAYS` old.
pub fn backup_due(
    plans: &[PlanSummary],
    last_backup: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    let oldest_unsaved = plans
        .iter()
        .map(|p| p.updated_at)
        .filter(|u| last_backup.is_none_or(|b| *u > b))
        .min();
    oldest_unsaved.is_some_and(|t| now - t > Duration::days(REMIND_AFTER_DAYS))
}
