//! File names that say what is inside and when, never a UUID.

use chrono::NaiveDate;

use crate::model::Plan;

/// `opora-JN-2026-11-23.json` for one plan (the client's initials), `opora-3-plans-…` for a
/// selection, `opora-all-plans-…` for a backup.
pub fn file_name(plans: &[&Plan], all: bool, today: NaiveDate) -> String {
    let what = match plans {
        _ if all => "all-plans".to_string(),
        [one] => {
            let initials: String = one
                .general
                .client_name
                .split_whitespace()
                .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
                .flat_map(char::to_uppercase)
                .take(4)
                .collect();
            if initials.is_empty() {
                "plan".to_string()
            } else {
                initials
            }
        }
        many => format!("{}-plans", many.len()),
    };
    format!(
        "opora-{what}-{}.json",
        crate::model::time_format::format_date(today)
    )
}
