//! One deserializer for every enum whose variants are plain codes (`"draft"`, `"cs"`, …).
//!
//! serde's derive writes a visitor per enum, and each is monomorphised with serde_json's
//! `deserialize_enum` (~1 KB of wasm each). [`variant`] is that visitor written once over a
//! list of codes, so an enum's own `Deserialize` is a table lookup. It accepts exactly what the
//! derive accepts (a code, `{"code": null}`, a variant index) with the same error messages.
//! Serialization stays derived (it is a few bytes per enum).

use std::fmt;

use serde::de::{self, DeserializeSeed, EnumAccess, Unexpected, VariantAccess, Visitor};
use serde::Deserializer;

/// The index in `codes` of the variant `d` holds. `name` is the enum's Rust name (for messages).
pub fn variant<'de, D: Deserializer<'de>>(
    d: D,
    name: &'static str,
    codes: &'static [&'static str],
) -> Result<usize, D::Error> {
    d.deserialize_enum(name, codes, Codes { name, codes })
}

#[derive(Clone, Copy)]
struct Codes {
    name: &'static str,
    codes: &'static [&'static str],
}

impl<'de> Visitor<'de> for Codes {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "enum {}", self.name)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<usize, A::Error> {
        let (i, v) = data.variant_seed(Ident(self.codes))?;
        v.unit_variant()?;
        Ok(i)
    }
}

struct Ident(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Ident {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Ident {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("variant identifier")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<usize, E> {
        if v < self.0.len() as u64 {
            Ok(v as usize)
        } else {
            Err(E::invalid_value(
                Unexpected::Unsigned(v),
                &format!("variant index 0 <= i < {}", self.0.len()).as_str(),
            ))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        self.0
            .iter()
            .position(|c| *c == v)
            .ok_or_else(|| E::unknown_variant(v, self.0))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<usize, E> {
        match std::str::from_utf8(v) {
            Ok(s) => self.visit_str(s),
            Err(_) => Err(E::unknown_variant(&String::from_utf8_lossy(v), self.0)),
        }
    }
}

/// The stable serde name of a unit enum value (`"in_progress"`): what the plan file writes,
/// used for `<option value>`s and exports. Goes through the same JSON text (de)serializer as
/// storage, so it adds no code to the wasm and cannot drift from the file format.
pub fn code<T: serde::Serialize>(v: T) -> String {
    let json = serde_json::to_string(&v).unwrap_or_default();
    json.trim_matches('"').to_string()
}

/// The value whose `code` is `s`.
pub fn from_code<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    if s.is_empty() || s.contains(['"', '\\']) {
        return None;
    }
    serde_json::from_str(&format!("\"{s}\"")).ok()
}

/// `impl Deserialize` for a unit-only enum through [`variant`]:
/// `code_enum!(Lang, [Cs = "cs", Bg = "bg", En = "en"]);`
macro_rules! code_enum {
    ($ty:ident, [$($v:ident = $code:literal),+ $(,)?]) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                const CODES: &[&str] = &[$($code),+];
                const ALL: &[$ty] = &[$($ty::$v),+];
                Ok(ALL[$crate::model::codes::variant(d, stringify!($ty), CODES)?])
            }
        }
    };
}
pub(crate) use code_enum;

#[cfg(test)]
mod tests {
    use crate::model::{Horizon, Lang, PlanForm, PlanStatus, Progress, ReviewKind, Role};
    use crate::model::{StepStatus, TemplateId};
    use serde::{de::DeserializeOwned, Deserialize, Serialize};

    /// What serde's derive makes of the same enum: the reference for messages.
    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum PlanStatusDerived {
        Draft,
        InProgress,
        Completed,
        Other,
    }

    fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug + Copy>(all: &[T]) {
        for v in all {
            let text = serde_json::to_string(v).unwrap();
            assert_eq!(serde_json::from_str::<T>(&text).unwrap(), *v, "{text}");
            let map = format!("{{{text}:null}}");
            assert_eq!(serde_json::from_str::<T>(&map).unwrap(), *v, "{map}");
            let value = serde_json::to_value(v).unwrap();
            assert_eq!(serde_json::from_value::<T>(value).unwrap(), *v);
        }
    }

    #[test]
    fn every_code_enum_reads_what_it_writes() {
        round_trip(&Lang::ALL);
        round_trip(&TemplateId::ALL);
        round_trip(&ReviewKind::ALL);
        round_trip(&Progress::ALL);
        round_trip(&PlanStatus::ALL);
        round_trip(&[PlanForm::Written, PlanForm::Oral]);
        round_trip(&[Horizon::OneOff, Horizon::LongTerm]);
        round_trip(&Role::ALL);
        round_trip(&StepStatus::ALL);
    }

    #[test]
    fn errors_read_as_the_derived_ones() {
        for text in [
            r#""done""#,
            r#""Draft""#,
            "3",
            "null",
            "[]",
            r#"{"draft":1}"#,
            r#"{"nope":null}"#,
            r#""draft"#,
            r#""in_progress""#,
        ] {
            let ours = serde_json::from_str::<PlanStatus>(text).map_err(|e| e.to_string());
            let derived =
                serde_json::from_str::<PlanStatusDerived>(text).map_err(|e| e.to_string());
            assert_eq!(ours.is_ok(), derived.is_ok(), "{text}");
            if let (Err(a), Err(b)) = (ours, derived) {
                assert_eq!(a, b, "{text}");
            }
        }
    }
}
