//! Migrations of older plan files to the current format version, one step per version.
//! Each step takes a file of version N to N+1 on the JSON value, before it is typed.

use serde_json::Value;

use super::{ImportError, FORMAT_VERSION};

/// `STEPS[i]` migrates version `i + 1` to `i + 2`. Version 1 is the first published format,
/// so there is nothing to do yet; a new version adds its step here with a golden fixture in
/// `tests/fixtures/`.
const STEPS: [Step; FORMAT_VERSION as usize - 1] = [];

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
