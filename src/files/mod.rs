//! The plan file: one versioned JSON format for one plan or many, documented by
//! `docs/plan-file.schema.json`. Parsing is defensive (size, depth, shape, ids) and returns
//! typed errors; nothing is changed until a file has been read and checked whole.

mod backup;
mod migrate;
mod names;
mod parse;
mod preview;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::StoredPlan;

pub use backup::{backup_due, REMIND_AFTER_DAYS};
pub use migrate::migrate;
pub use names::file_name;
pub use parse::{parse, ImportError};
pub use preview::{combine, preview, resolve, Choice, Incoming, PreviewItem, Resolution};

/// The value of `format` in every Opora plan file.
pub const FORMAT_NAME: &str = "opora-plans";
/// The version this app writes. Every earlier one stays importable (see `migrate`).
pub const FORMAT_VERSION: u32 = 3;
/// Larger files are refused before parsing (a 1,000-plan bundle is a few MB).
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;
/// Deeper nesting is refused before parsing (a plan needs about 6 levels).
pub const MAX_DEPTH: usize = 32;
pub const MAX_PLANS: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanFile {
    pub format: String,
    pub format_version: u32,
    pub app_version: String,
    #[serde(with = "crate::model::time_format::serde_timestamp")]
    pub exported_at: DateTime<Utc>,
    pub plan_count: usize,
    pub plans: Vec<StoredPlan>,
}

impl PlanFile {
    pub fn new(plans: Vec<StoredPlan>, exported_at: DateTime<Utc>) -> PlanFile {
        PlanFile {
            format: FORMAT_NAME.into(),
            format_version: FORMAT_VERSION,
            app_version: env!("CARGO_PKG_VERSION").into(),
            exported_at,
            plan_count: plans.len(),
            plans,
        }
    }

    /// The file's text. Compact: pretty printing would add a second copy of the serializer
    /// to the wasm; any JSON viewer indents it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a plan file always serializes")
    }
}
