//! Reading a plan file: every check happens before anything is returned, and every failure
//! is a typed error the UI can word in the user's language.

use std::collections::HashSet;

use serde_json::Value;
use uuid::Uuid;

use super::{migrate, PlanFile, FORMAT_NAME, FORMAT_VERSION, MAX_DEPTH, MAX_FILE_BYTES, MAX_PLANS};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    Empty,
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    NotUtf8,
    TooDeep {
        limit: usize,
    },
    NotJson {
        line: usize,
        column: usize,
    },
    /// JSON, but not an Opora plan file (another app's file, a bare list…).
    NotOporaFile,
    /// Looks like an encrypted container: it must be decrypted first.
    Encrypted,
    NewerVersion {
        found: u64,
        supported: u32,
    },
    BadVersion,
    /// The file claims to be ours but a field is missing or has the wrong type.
    WrongShape {
        detail: String,
    },
    CountMismatch {
        declared: usize,
        found: usize,
    },
    TooManyPlans {
        found: usize,
        limit: usize,
    },
    DuplicateId(Uuid),
}

/// Keys by which common encryption containers (JSON Web Encryption, age/OpenPGP armour
/// wrapped in JSON, browser crypto exports) give themselves away.
const ENCRYPTED_KEYS: [&str; 6] = [
    "ciphertext",
    "encrypted",
    "iv",
    "salt",
    "nonce",
    "protected",
];

pub fn parse(bytes: &[u8]) -> Result<PlanFile, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    if text.trim_start().starts_with("-----BEGIN") || text.starts_with("age-encryption.org") {
        return Err(ImportError::Encrypted);
    }
    if nesting_depth(text) > MAX_DEPTH {
        return Err(ImportError::TooDeep { limit: MAX_DEPTH });
    }
    let mut value: Value = serde_json::from_str(text).map_err(|e| ImportError::NotJson {
        line: e.line(),
        column: e.column(),
    })?;
    let Some(obj) = value.as_object() else {
        return Err(ImportError::NotOporaFile);
    };
    if obj.get("format").and_then(Value::as_str) != Some(FORMAT_NAME) {
        let encrypted = ENCRYPTED_KEYS
            .iter()
            .filter(|k| obj.contains_key(**k))
            .count()
            >= 2
            || obj.contains_key("ciphertext");
        return Err(if encrypted {
            ImportError::Encrypted
        } else {
            ImportError::NotOporaFile
        });
    }
    let version = match obj.get("format_version").and_then(Value::as_u64) {
        Some(v) if v >= 1 => v,
        _ => return Err(ImportError::BadVersion),
    };
    if version > u64::from(FORMAT_VERSION) {
        return Err(ImportError::NewerVersion {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    migrate(&mut value)?;
    if let Some(n) = value.get("plans").and_then(Value::as_array).map(Vec::len) {
        if n > MAX_PLANS {
            return Err(ImportError::TooManyPlans {
                found: n,
                limit: MAX_PLANS,
            });
        }
    }
    let file: PlanFile = serde_json::from_value(value).map_err(|e| ImportError::WrongShape {
        detail: e.to_string(),
    })?;
    if file.plan_count != file.plans.len() {
        return Err(ImportError::CountMismatch {
            declared: file.plan_count,
            found: file.plans.len(),
        });
    }
    let mut ids = HashSet::new();
    for p in &file.plans {
        if !ids.insert(p.id) {
            return Err(ImportError::DuplicateId(p.id));
        }
    }
    Ok(file)
}

/// The deepest nesting of arrays and objects, counted without parsing (strings skipped), so
/// a hostile file cannot exhaust the parser's stack.
fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}
