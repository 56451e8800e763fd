//! The domain: plans, goals, steps, participants, templates and their rules.
//! Plain Rust with no web dependency; the caller passes in ids and clocks.

pub mod codes;
pub mod due;
pub mod evaluation;
pub mod format_v1;
pub mod history;
mod lang;
pub mod lifecycle;
pub mod merge;
mod plan;
pub mod progress;
mod query;
mod quick;
mod revision;
pub mod sample;
pub mod statistics;
mod summary;
mod template;
pub mod time_format;
mod validation;

pub use lang::Lang;
pub use plan::*;
pub use query::{PlanQuery, SortKey};
pub use quick::{blocks_quick, remembered_key_worker, QUICK_FIELDS};
pub use revision::{relate, rev_id, v1_rev_id, Relation, Revisions, MAX_REVISIONS, REV_ID_LEN};
pub use summary::{short_text, DueStep, PlanSummary, DUE_ACTIVITY_CHARS, DUE_OCCURRENCES};
pub use template::*;
pub use validation::{
    validate_plan, validate_section, ErrorKind, FieldError, FieldPath, MAX_OCCURRENCES,
    MAX_TEXT_CHARS,
};
