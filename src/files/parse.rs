//! Reading a plan file: every check happens before anything is returned, and every failure
//! is a typed error the UI can word in the user's language.

use std::collections::HashSet;

use serde::de::{IgnoredAny, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::error::Category;
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

/// The top level of a file, read cheaply before the plans are typed. Any JSON object fits.
#[derive(Deserialize)]
struct Probe {
    format: Option<String>,
    format_version: Option<Version>,
    plans: Option<Count>,
    // Keys by which common encryption containers (JSON Web Encryption, browser crypto
    // exports) give themselves away.
    ciphertext: Option<IgnoredAny>,
    encrypted: Option<IgnoredAny>,
    iv: Option<IgnoredAny>,
    salt: Option<IgnoredAny>,
    nonce: Option<IgnoredAny>,
    protected: Option<IgnoredAny>,
}

impl Probe {
    fn looks_encrypted(&self) -> bool {
        let marks = [
            &self.encrypted,
            &self.iv,
            &self.salt,
            &self.nonce,
            &self.protected,
        ];
        self.ciphertext.is_some() || marks.iter().filter(|m| m.is_some()).count() >= 2
    }
}

/// A format version: a whole number, or anything else (kept as `None`, refused later).
struct Version(Option<u64>);

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct VersionVisitor;
        impl<'de> Visitor<'de> for VersionVisitor {
            type Value = Version;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a version number")
            }
            fn visit_u64<E>(self, v: u64) -> Result<Version, E> {
                Ok(Version(Some(v)))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Version, E> {
                Ok(Version(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Version, E> {
                Ok(Version(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<Version, E> {
                Ok(Version(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Version, E> {
                Ok(Version(None))
            }
            fn visit_unit<E>(self) -> Result<Version, E> {
                Ok(Version(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Version, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Version(None))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Version, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Version(None))
            }
        }
        d.deserialize_any(VersionVisitor)
    }
}

/// The length of an array, counted without keeping its items. Anything else counts as 0 here
/// and is reported by the typed read that follows.
struct Count(usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct CountVisitor;
        impl<'de> Visitor<'de> for CountVisitor {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Count, A::Error> {
                let mut n = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Count(n))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Count, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Count(0))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Count, E> {
                Ok(Count(0))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Count, E> {
                Ok(Count(0))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Count, E> {
                Ok(Count(0))
            }
            fn visit_str<E>(self, _: &str) -> Result<Count, E> {
                Ok(Count(0))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Count, E> {
                Ok(Count(0))
            }
            fn visit_unit<E>(self) -> Result<Count, E> {
                Ok(Count(0))
            }
        }
        d.deserialize_any(CountVisitor)
    }
}

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
    let probe: Probe = serde_json::from_str(text).map_err(|e| match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => ImportError::NotJson {
            line: e.line(),
            column: e.column(),
        },
        Category::Data => ImportError::NotOporaFile,
    })?;
    if probe.format.as_deref() != Some(FORMAT_NAME) {
        return Err(if probe.looks_encrypted() {
            ImportError::Encrypted
        } else {
            ImportError::NotOporaFile
        });
    }
    let version = match probe.format_version.and_then(|v| v.0) {
        Some(v) if v >= 1 => v,
        _ => return Err(ImportError::BadVersion),
    };
    if version > u64::from(FORMAT_VERSION) {
        return Err(ImportError::NewerVersion {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    if probe.plans.as_ref().is_some_and(|p| p.0 > MAX_PLANS) {
        return Err(ImportError::TooManyPlans {
            found: probe.plans.map_or(0, |p| p.0),
            limit: MAX_PLANS,
        });
    }
    // The typed read goes through the same text deserializer as storage (one copy of the
    // code in the wasm); only an older file takes the detour through a migrated value.
    let typed = if version == u64::from(FORMAT_VERSION) {
        serde_json::from_str::<PlanFile>(text)
    } else {
        let mut value: Value = serde_json::from_str(text).map_err(|_| ImportError::BadVersion)?;
        migrate(&mut value)?;
        serde_json::from_str::<PlanFile>(&value.to_string())
    };
    let file = typed.map_err(|e| ImportError::WrongShape {
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
        if !p.revisions.is_valid() {
            return Err(ImportError::WrongShape {
                detail: format!("the revisions of plan {} are not valid", p.id()),
            });
        }
        if !ids.insert(p.id()) {
            return Err(ImportError::DuplicateId(p.id()));
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
