//! The domain: plans, goals, steps, participants, templates and their rules.
//! Plain Rust with no web dependency; the caller passes in ids and clocks.

mod lang;
mod lineage;
mod plan;
mod query;
mod template;
pub mod time_format;
mod validation;

pub use lang::Lang;
pub use lineage::{fingerprint, record_replaced, relate, Relation, MAX_LINEAGE};
pub use plan::*;
pub use query::{PlanQuery, SortKey};
pub use template::*;
pub use validation::{
    validate_plan, validate_section, ErrorKind, FieldError, FieldPath, MAX_TEXT_CHARS,
};
