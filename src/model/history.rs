//! Earlier versions of a plan, kept as reverse patches: each entry turns the next newer
//! version back into the one it names. The newest version is the stored plan itself, so the
//! history only ever holds what changed.
//!
//! A patch is a structural difference of the plans' JSON (their serde form, which is the
//! storage and file format anyway), so every part of a plan is covered, including ones the
//! conflict view does not compare (template, `copied_from`), and a new field needs no code
//! here. Objects are compared key by key; lists whose items all carry an `id` (goals, steps,
//! participants, reviews) item by item, with their order recorded when it changed; any other
//! value is kept whole. `apply(newer, diff(newer, older)) == older` exactly (property-tested
//! in `tests/history.rs`).
//!
//! How the entries are described in words is the UI's business: it rebuilds two neighbouring
//! versions and compares them with `model::merge::differences`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::plan::{Plan, StoredPlan};

/// At most this many earlier versions are kept per plan: a save happens per settled burst of
/// typing (400 ms of quiet), so a plan worked on for months reaches a few hundred saves, and
/// the latest 200 go back weeks to months of work.
pub const MAX_ENTRIES: usize = 200;

/// At most this many UTF-16 code units of storage per plan's history (its key's value, in the
/// compact encoding): about ten realistic plans' worth, and 0.6 % of Chromium's quota. The
/// oldest entries go first.
pub const MAX_UNITS: usize = 30_000;

/// What changed in one object, key by key (`BTreeMap`: keys in one order, so equal patches
/// encode equally).
pub type Patch = BTreeMap<String, Op>;

/// How to turn one value of the newer version into the older one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Op {
    /// The older value, whole.
    #[serde(rename = "=")]
    Set(Value),
    /// The older version has no such key.
    #[serde(rename = "-")]
    Remove,
    /// An object: what changed inside it.
    #[serde(rename = "o")]
    Object(Patch),
    /// A list of items with ids.
    #[serde(rename = "l")]
    List(ListPatch),
}

/// A list of items with ids (goals, steps, participants, reviews), from newer to older.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListPatch {
    /// Ids only the newer version has: dropped.
    #[serde(rename = "r", default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
    /// Items present in both that differ: what changed in each.
    #[serde(rename = "c", default, skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<(String, Patch)>,
    /// The older order of the items both have, when it is not the newer order.
    #[serde(rename = "i", default, skip_serializing_if = "Option::is_none")]
    pub order: Option<Vec<String>>,
    /// Items only the older version has, whole, with their place in the older list (rising).
    #[serde(rename = "a", default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<(usize, Value)>,
}

/// The JSON of a plan, as storage and files hold it.
fn json_of(plan: &Plan) -> Value {
    // Through text: one JSON deserializer for the wasm (see ARCHITECTURE.md, bundle size).
    serde_json::from_str(&serde_json::to_string(plan).expect("a plan always serializes"))
        .expect("JSON a plan serialized to reads back")
}

/// The patch that turns `newer` back into `older`.
pub fn diff(newer: &Plan, older: &Plan) -> Patch {
    match (json_of(newer), json_of(older)) {
        (Value::Object(n), Value::Object(o)) => diff_object(&n, &o),
        _ => Patch::new(),
    }
}

/// `newer` with `patch` applied: the older version, or `None` if the result is not a plan
/// (a damaged or foreign patch).
pub fn apply(newer: &Plan, patch: &Patch) -> Option<Plan> {
    let mut v = json_of(newer);
    apply_object(&mut v, patch);
    serde_json::from_str(&v.to_string()).ok()
}

fn diff_object(n: &serde_json::Map<String, Value>, o: &serde_json::Map<String, Value>) -> Patch {
    let mut out = Patch::new();
    for (k, ov) in o {
        match n.get(k) {
            Some(nv) => {
                if let Some(op) = diff_value(nv, ov) {
                    out.insert(k.clone(), op);
                }
            }
            None => {
                out.insert(k.clone(), Op::Set(ov.clone()));
            }
        }
    }
    for k in n.keys().filter(|k| !o.contains_key(*k)) {
        out.insert(k.clone(), Op::Remove);
    }
    out
}

fn diff_value(n: &Value, o: &Value) -> Option<Op> {
    if n == o {
        return None;
    }
    Some(match (n, o) {
        (Value::Object(n), Value::Object(o)) => Op::Object(diff_object(n, o)),
        (Value::Array(n), Value::Array(o)) if !o.is_empty() => match (ids(n), ids(o)) {
            (Some(nids), Some(oids)) => Op::List(diff_list(n, &nids, o, &oids)),
            _ => Op::Set(Value::Array(o.clone())),
        },
        _ => Op::Set(o.clone()),
    })
}

/// The items' ids, if every item is an object with a string `id` and no id repeats.
fn ids(items: &[Value]) -> Option<Vec<&str>> {
    let ids: Vec<&str> = items
        .iter()
        .map(|v| v.get("id").and_then(Value::as_str))
        .collect::<Option<_>>()?;
    let unique = ids.iter().enumerate().all(|(i, id)| !ids[..i].contains(id));
    unique.then_some(ids)
}

fn diff_list(n: &[Value], nids: &[&str], o: &[Value], oids: &[&str]) -> ListPatch {
    let mut p = ListPatch {
        removed: nids
            .iter()
            .filter(|id| !oids.contains(id))
            .map(|id| id.to_string())
            .collect(),
        ..ListPatch::default()
    };
    let common_new: Vec<&str> = nids.iter().copied().filter(|i| oids.contains(i)).collect();
    let common_old: Vec<&str> = oids.iter().copied().filter(|i| nids.contains(i)).collect();
    if common_new != common_old {
        p.order = Some(common_old.iter().map(|s| s.to_string()).collect());
    }
    for (idx, (item, id)) in o.iter().zip(oids).enumerate() {
        match nids.iter().position(|x| x == id) {
            None => p.added.push((idx, item.clone())),
            // Both carry the same id, so both are objects: the difference is an `Object`.
            Some(j) => {
                if let Some(Op::Object(patch)) = diff_value(&n[j], item) {
                    p.changed.push((id.to_string(), patch));
                }
            }
        }
    }
    p
}

fn apply_object(v: &mut Value, patch: &Patch) {
    let Value::Object(map) = v else {
        *v = Value::Object(serde_json::Map::new());
        return apply_object(v, patch);
    };
    for (k, op) in patch {
        match op {
            Op::Set(x) => {
                map.insert(k.clone(), x.clone());
            }
            Op::Remove => {
                map.remove(k);
            }
            Op::Object(p) => apply_object(map.entry(k.clone()).or_insert(Value::Null), p),
            Op::List(p) => {
                let slot = map.entry(k.clone()).or_insert(Value::Array(Vec::new()));
                apply_list(slot, p);
            }
        }
    }
}

fn id_of(v: &Value) -> &str {
    v.get("id").and_then(Value::as_str).unwrap_or("")
}

fn apply_list(v: &mut Value, p: &ListPatch) {
    let mut items = match std::mem::take(v) {
        Value::Array(items) => items,
        _ => Vec::new(),
    };
    items.retain(|item| !p.removed.iter().any(|r| r == id_of(item)));
    for (id, patch) in &p.changed {
        if let Some(item) = items.iter_mut().find(|item| id_of(item) == id) {
            apply_object(item, patch);
        }
    }
    if let Some(order) = &p.order {
        items.sort_by_key(|item| order.iter().position(|x| x == id_of(item)));
    }
    for (idx, item) in &p.added {
        items.insert((*idx).min(items.len()), item.clone());
    }
    *v = Value::Array(items);
}

/// One earlier version: its revision, when it was saved, and the patch from the next newer
/// version back to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// `N-<id>`.
    #[serde(rename = "r")]
    pub rev: String,
    #[serde(rename = "t", with = "super::time_format::serde_timestamp")]
    pub at: DateTime<Utc>,
    #[serde(rename = "p")]
    pub patch: Patch,
}

/// A plan's earlier versions, newest first, as its history key holds them (in the compact
/// encoding of `storage::codec`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// The revision the first entry's patch applies to: the stored plan's when written.
    #[serde(rename = "h")]
    pub head: String,
    #[serde(rename = "e")]
    pub entries: Vec<Entry>,
    /// Entries were dropped to make room in storage (beyond the bounds above), or could not be
    /// joined to the stored plan: the user is told the history was shortened.
    #[serde(rename = "s", default, skip_serializing_if = "std::ops::Not::not")]
    pub shortened: bool,
}

/// A version rebuilt from the history.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub rev: String,
    pub at: DateTime<Utc>,
    pub plan: Plan,
}

impl History {
    /// Joins the history to the stored plan of revision `current`. When the plan was put back
    /// to an earlier version without a save (undo of an import), the entries down to that
    /// version are dropped; when the history belongs to no version of the plan any more
    /// (written elsewhere, history lost), it is emptied and marked shortened. Returns whether
    /// it changed.
    pub fn join(&mut self, current: &str) -> bool {
        if self.head == current {
            return false;
        }
        match self.entries.iter().position(|e| e.rev == current) {
            Some(i) => {
                self.entries.drain(..=i);
            }
            None => {
                self.shortened |= !self.entries.is_empty();
                self.entries.clear();
            }
        }
        self.head = current.to_string();
        true
    }

    /// Records that `newer` was saved over `older` (both as stored).
    pub fn record(&mut self, newer: &StoredPlan, older: &StoredPlan) {
        let (Some(new_rev), Some(old_rev)) = (newer.revisions.rev(), older.revisions.rev()) else {
            return;
        };
        self.join(&old_rev);
        self.entries.insert(
            0,
            Entry {
                rev: old_rev,
                at: older.updated_at,
                patch: diff(&newer.plan, &older.plan),
            },
        );
        self.entries.truncate(MAX_ENTRIES);
        self.head = new_rev;
    }

    /// Every version, newest first: `current` (the stored plan), then each earlier one. Stops
    /// at a patch that does not apply (a damaged history).
    pub fn versions(&self, current: &StoredPlan) -> Vec<Version> {
        let mut joined = self.clone();
        joined.join(&current.revisions.rev().unwrap_or_default());
        let mut out = vec![Version {
            rev: current.revisions.rev().unwrap_or_default(),
            at: current.updated_at,
            plan: current.plan.clone(),
        }];
        for e in &joined.entries {
            let newer = &out[out.len() - 1].plan;
            let Some(plan) = apply(newer, &e.patch) else {
                break;
            };
            out.push(Version {
                rev: e.rev.clone(),
                at: e.at,
                plan,
            });
        }
        out
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a history always serializes")
    }
}

/// The generation of a revision `N-<id>`.
pub fn generation(rev: &str) -> Option<u32> {
    rev.split_once('-')?.0.parse().ok()
}
