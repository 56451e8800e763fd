//! Migrations of older plan files to the current format version, one step per version.
//! Each step takes a file of version N to N+1 on the JSON value, before it is typed.

use serde_json::Value;

use super::{ImportError, FORMAT_VERSION};
use crate::model::format_v1;

/// `STEPS[i]` migrates version `i + 1` to `i + 2`. A new version adds its step here with a
/// golden fixture in `tests/fixtures/`.
const STEPS: [Step; FORMAT_VERSION as usize - 1] = [v1_to_v2, v2_to_v3];

type Step = fn(&mut Value) -> Result<(), ImportError>;

/// Brings `file` to the current version. Migrating an up-to-date file changes nothing.
pub fn migrate(file: &mut Value) -> Result<(), ImportError> {
    loop {
        let version = file
            .get("format_version")
            .and_then(Value::as_u64)
            .ok_or(ImportError::BadVersion)?;
        if version >= u64::from(FORMAT_VERSION) {
            return Ok(());
        }
        let step = STEPS
            .get(version as usize - 1)
            .ok_or(ImportError::BadVersion)?;
        step(file)?;
        file["format_version"] = Value::from(version + 1);
    }
}

/// Version 2 keeps the store's bookkeeping apart from the plan and relates copies by revision
/// ids (`{revisions, updated_at, plan}`) instead of fingerprints of the JSON.
fn v1_to_v2(file: &mut Value) -> Result<(), ImportError> {
    let Some(Value::Array(plans)) = file.get_mut("plans") else {
        return Err(ImportError::WrongShape {
            detail: "plans is not a list".into(),
        });
    };
    for plan in plans.iter_mut() {
        *plan = format_v1::upgrade_plan(plan.take())
            .map_err(|detail| ImportError::WrongShape { detail })?;
    }
    Ok(())
}

/// Version 3 added reviews, the record of status changes, the child's voice and consent, and a
/// step's status date, note and occurrences. A version-2 plan has none of them: every one is
/// optional and reads as empty, so the plans themselves need no change.
fn v2_to_v3(file: &mut Value) -> Result<(), ImportError> {
    match file.get("plans") {
        Some(Value::Array(_)) => Ok(()),
        _ => Err(ImportError::WrongShape {
            detail: "plans is not a list".into(),
        }),
    }
}
