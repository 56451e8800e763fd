//! Plans at rest: one key per plan, a small index and a schema version.
//!
//! Invariants:
//! - everything is loaded before anything is saved (`Store::open` is the only constructor);
//! - a value that cannot be read is never overwritten or deleted: it is first copied to a
//!   quarantine key (and the copy read back) and only then removed from its place; if the copy
//!   fails, the key is left alone and blocked for writing;
//! - a save names the revision it continues; if the stored plan is another revision (another
//!   tab saved), nothing is written and the caller gets both to reconcile;
//! - a storage schema newer than this app makes the store read-only; storage that can be read
//!   but takes no write (full) opens read-only too, with every plan there.
//!
//! The logic runs on any [`Backend`]; `local` (wasm only) is the single place that touches
//! the browser's localStorage, `memory` serves tests and browsers that block storage.

pub mod codec;
mod import;
mod keys;
#[cfg(target_arch = "wasm32")]
pub mod local;
mod memory;
mod migrate;
mod usage;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::model::{format_v1, Lang, Plan, Revisions, StoredPlan};
pub use keys::*;
pub use memory::MemoryBackend;
pub use usage::{Usage, QUOTA_UNITS, WARN_AT_PERCENT};

/// Version of the layout of keys and values; bump it with a migration.
/// 2: plans stored as `{revisions, updated_at, plan}` (see `model::format_v1`).
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackendError {
    /// The browser refuses storage (blocked cookies, some private modes).
    Unavailable(String),
    QuotaExceeded,
    Other(String),
}

/// A string key-value store: localStorage or memory.
pub trait Backend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError>;
    fn remove(&mut self, key: &str) -> Result<(), BackendError>;
    fn keys(&self) -> Result<Vec<String>, BackendError>;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// The data was written by a newer Opora: read what we can, write nothing.
    ReadOnly {
        stored_schema: String,
    },
    /// Storage can be read but takes no write (it is full): everything is shown, nothing is
    /// written except deletions, which free space (after one, writing is tried again).
    Full,
}

/// A value set aside: unreadable, or a readable plan kept after a conflicting edit.
#[derive(Debug, Clone, PartialEq)]
pub struct QuarantineEntry {
    pub key: String,
    pub original_key: String,
    pub raw: String,
    /// Why it could not be read; empty for a readable plan.
    pub problem: String,
    /// The plan, when the value is one (a conflicting edit kept aside).
    pub plan: Option<StoredPlan>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub key: String,
    pub problem: String,
}

#[derive(Debug, Default, Clone)]
pub struct LoadReport {
    pub plans: Vec<StoredPlan>,
    /// Everything in quarantine now, including from earlier sessions.
    pub quarantined: Vec<QuarantineEntry>,
    /// Unreadable values moved to quarantine during this load.
    pub newly_quarantined: usize,
    /// Unreadable values that could not be moved; left where they are, never written.
    pub stuck: Vec<Unreadable>,
    /// Plans the index knew but whose key is gone.
    pub missing: Vec<Uuid>,
    /// Storage could be read but refused a write (usually: full).
    pub write_problem: Option<BackendError>,
    /// Plans in the format-1 layout that are still to be migrated (storage too full to back
    /// them up first); they are read through the migration each time until then.
    pub not_migrated: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    ReadOnly,
    /// The key holds something unreadable that could not be set aside.
    Blocked,
    /// Another tab saved this plan since the revision the save continues: nothing was written.
    Conflict(Box<StoredPlan>),
    Backend(BackendError),
}

impl From<BackendError> for SaveError {
    fn from(e: BackendError) -> Self {
        SaveError::Backend(e)
    }
}

/// What one key holds now, re-read after another tab wrote it.
#[derive(Debug, Clone, PartialEq)]
pub enum Reloaded {
    Plan(Box<StoredPlan>),
    Gone,
    Unreadable,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Index {
    schema: u32,
    plans: Vec<IndexEntry>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct IndexEntry {
    id: Uuid,
    rev: Option<String>,
    #[serde(with = "crate::model::time_format::serde_timestamp")]
    updated_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, Deserialize, Default, PartialEq)]
struct Settings {
    ui_lang: Option<Lang>,
    /// When all plans were last exported (the backup).
    #[serde(default, with = "crate::model::time_format::serde_opt_timestamp")]
    last_backup: Option<DateTime<Utc>>,
}

pub struct Store<B: Backend> {
    backend: B,
    mode: Mode,
    /// Keys holding unreadable data that could not be quarantined.
    blocked: Vec<String>,
    /// The index as last written, by id, kept in memory so a save writes one small value.
    index: Vec<IndexEntry>,
    /// How much of the browser's quota every key takes.
    usage: usage::Sizes,
}

/// Reads a stored plan in the current layout or, failing that, the format-1 layout.
pub fn parse_plan(raw: &str) -> Result<StoredPlan, String> {
    parse_plan_any(raw).map(|(plan, _)| plan)
}

/// Like `parse_plan`; also says whether the value was in the format-1 layout.
fn parse_plan_any(raw: &str) -> Result<(StoredPlan, bool), String> {
    match serde_json::from_str::<StoredPlan>(raw) {
        Ok(p) if p.revisions.is_valid() => Ok((p, false)),
        Ok(_) => Err("the revisions are not valid".into()),
        Err(e) => {
            let upgraded = serde_json::from_str(raw)
                .ok()
                .and_then(|v| format_v1::upgrade_plan(v).ok())
                // Through text, not `from_value`: one deserializer for plans in the wasm.
                .and_then(|v| serde_json::from_str::<StoredPlan>(&v.to_string()).ok())
                .filter(|p| p.revisions.is_valid());
            upgraded.map(|p| (p, true)).ok_or_else(|| e.to_string())
        }
    }
}

fn to_json(plan: &StoredPlan) -> String {
    serde_json::to_string(plan).expect("a plan always serializes")
}

impl<B: Backend> Store<B> {
    /// Reads everything, quarantines what cannot be read, migrates older layouts and repairs
    /// the index. Storage that takes no write opens in `Mode::Full` with everything read.
    pub fn open(backend: B, now: DateTime<Utc>) -> Result<(Store<B>, LoadReport), BackendError> {
        let schema = backend.get(SCHEMA_KEY)?;
        let mode = match &schema {
            None => Mode::Normal,
            Some(v) if v.trim().parse::<u32>().is_ok_and(|n| n <= SCHEMA_VERSION) => Mode::Normal,
            Some(v) => Mode::ReadOnly {
                stored_schema: v.clone(),
            },
        };
        let mut store = Store {
            backend,
            mode,
            blocked: Vec::new(),
            index: Vec::new(),
            usage: usage::Sizes::default(),
        };
        let mut report = LoadReport::default();
        if store.mode == Mode::Normal {
            if let Err(e) = store.probe_write() {
                store.mode = Mode::Full;
                report.write_problem = Some(e);
            }
        }
        if store.mode == Mode::Normal {
            store.finish_interrupted_import()?;
        }
        let keys = {
            let mut k = store.backend.keys()?;
            k.sort();
            k
        };
        let mut v1_plans = Vec::new();
        let mut stored_index: Option<Index> = None;
        for key in &keys {
            let Some(raw) = store.backend.get(key)? else {
                continue;
            };
            store.usage.record(key, Some(&raw));
            if key == INDEX_KEY {
                stored_index = serde_json::from_str(&raw).ok();
            }
            if !key.starts_with(PLAN_PREFIX) {
                continue;
            }
            let parsed = parse_plan_any(&raw).and_then(|(p, v1)| match plan_id_of_key(key) {
                Some(id) if id == p.id() => Ok((p, v1)),
                _ => Err(format!("the key {key} does not match the plan id")),
            });
            match parsed {
                Ok((plan, v1)) => {
                    if v1 {
                        v1_plans.push((plan.clone(), raw));
                    }
                    report.plans.push(plan);
                }
                Err(problem) => {
                    if store.quarantine(key, &raw, now).is_ok() {
                        report.newly_quarantined += 1;
                    } else {
                        store.blocked.push(key.clone());
                        report.stuck.push(Unreadable {
                            key: key.clone(),
                            problem,
                        });
                    }
                }
            }
        }
        let old_backups: Vec<&String> = keys
            .iter()
            .filter(|k| k.starts_with(BACKUP_V1_PREFIX))
            .collect();
        report.not_migrated = store.migrate_v1(&v1_plans, &old_backups, &mut report.write_problem);
        report.quarantined = store.quarantined()?;
        if let Some(old) = &stored_index {
            report.missing = old
                .plans
                .iter()
                .filter(|e| !report.plans.iter().any(|p| p.id() == e.id))
                .map(|e| e.id)
                .collect();
        }
        store.index = report.plans.iter().map(IndexEntry::of).collect();
        if store.mode == Mode::Normal {
            // Reading worked; a failure to write the bookkeeping (a full disk) is reported, and
            // the next save tries again.
            // Nothing above writes the schema: what was read at the start still holds.
            if report.not_migrated == 0 && schema != Some(SCHEMA_VERSION.to_string()) {
                if let Err(e) = store.put(SCHEMA_KEY, &SCHEMA_VERSION.to_string()) {
                    report.write_problem = Some(e);
                }
            }
            let fresh = Index {
                schema: SCHEMA_VERSION,
                plans: std::mem::take(&mut store.index),
            };
            if stored_index.as_ref() != Some(&fresh) {
                if let Err(e) = store.write_index(&fresh) {
                    report.write_problem = Some(e);
                }
            }
            store.index = fresh.plans;
        }
        Ok((store, report))
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// Saves the content `plan` as the revision after `base` (the revision the editor loaded or
    /// last saved; `Revisions::default()` for a plan never saved). `rev_id` is the new
    /// revision's id, made by the caller. Returns the plan as stored.
    ///
    /// If the stored plan is another revision than `base`, another tab saved it meanwhile:
    /// nothing is written and `SaveError::Conflict` carries the stored plan. Content equal to
    /// what is stored writes nothing and makes no revision.
    pub fn save(
        &mut self,
        plan: &Plan,
        base: &Revisions,
        now: DateTime<Utc>,
        rev_id: String,
    ) -> Result<StoredPlan, SaveError> {
        self.writable()?;
        let key = plan_key(plan.id);
        if self.blocked.contains(&key) {
            return Err(SaveError::Blocked);
        }
        if let Some(raw) = self.backend.get(&key)? {
            match parse_plan(&raw) {
                Ok(stored) if stored.revisions != *base => {
                    return Err(SaveError::Conflict(Box::new(stored)))
                }
                Ok(stored) if stored.plan == *plan => return Ok(stored),
                Ok(_) => {}
                Err(_) => {
                    if self.quarantine(&key, &raw, now).is_err() {
                        self.blocked.push(key);
                        return Err(SaveError::Blocked);
                    }
                }
            }
        }
        let stored = StoredPlan {
            revisions: base.next(rev_id),
            updated_at: now,
            plan: plan.clone(),
        };
        self.put(&key, &to_json(&stored))?;
        self.index_upsert(&stored);
        self.write_current_index()?;
        Ok(stored)
    }

    /// Keeps a plan aside in quarantine as it is (a conflicting edit the user could not settle
    /// before leaving), so it can be opened as a copy later. Returns the quarantine key.
    pub fn set_aside(
        &mut self,
        plan: &StoredPlan,
        now: DateTime<Utc>,
    ) -> Result<String, SaveError> {
        self.quarantine_copy(&plan_key(plan.id()), &to_json(plan), now)
    }

    /// Re-reads one plan after another tab wrote its key; nothing is written.
    pub fn reload(&mut self, id: Uuid) -> Result<Reloaded, BackendError> {
        let key = plan_key(id);
        let raw = self.backend.get(&key)?;
        self.usage.record(&key, raw.as_deref());
        let Some(raw) = raw else {
            self.index.retain(|e| e.id != id);
            return Ok(Reloaded::Gone);
        };
        match parse_plan(&raw) {
            Ok(p) if p.id() == id => {
                self.index_upsert(&p);
                Ok(Reloaded::Plan(Box::new(p)))
            }
            _ => Ok(Reloaded::Unreadable),
        }
    }

    /// Notes the new size of a key another tab wrote (for the storage meter).
    pub fn reload_size(&mut self, key: &str) {
        if let Ok(raw) = self.backend.get(key) {
            self.usage.record(key, raw.as_deref());
        }
    }

    /// Deletes a plan. Allowed when storage is full (it frees space); afterwards writing is
    /// tried again, and `mode()` tells whether it works.
    pub fn delete(&mut self, id: Uuid) -> Result<(), SaveError> {
        if let Mode::ReadOnly { .. } = self.mode {
            return Err(SaveError::ReadOnly);
        }
        let key = plan_key(id);
        if self.blocked.contains(&key) {
            return Err(SaveError::Blocked);
        }
        self.drop_key(&key)?;
        self.index.retain(|e| e.id != id);
        self.retry_writes();
        if self.mode == Mode::Full {
            return Ok(()); // the index is rebuilt at the next start
        }
        self.write_current_index()
    }

    /// Removes a set-aside value for good (the UI asks first and offers a download).
    pub fn discard_quarantined(&mut self, key: &str) -> Result<(), SaveError> {
        if !key.starts_with(QUARANTINE_PREFIX) {
            return Err(SaveError::Blocked);
        }
        if let Mode::ReadOnly { .. } = self.mode {
            return Err(SaveError::ReadOnly);
        }
        self.drop_key(key)?;
        self.retry_writes();
        Ok(())
    }

    /// After space was freed: if storage takes writes again, leave `Mode::Full`.
    pub fn retry_writes(&mut self) {
        if self.mode == Mode::Full && self.probe_write().is_ok() {
            self.mode = Mode::Normal;
        }
    }

    pub fn quarantined(&self) -> Result<Vec<QuarantineEntry>, BackendError> {
        let mut keys: Vec<String> = self
            .backend
            .keys()?
            .into_iter()
            .filter(|k| k.starts_with(QUARANTINE_PREFIX))
            .collect();
        keys.sort();
        let mut out = Vec::new();
        for key in keys {
            if let Some(raw) = self.backend.get(&key)? {
                let parsed = parse_plan(&raw);
                out.push(QuarantineEntry {
                    original_key: quarantine_origin(&key).to_string(),
                    problem: parsed.as_ref().err().cloned().unwrap_or_default(),
                    plan: parsed.ok(),
                    key,
                    raw,
                });
            }
        }
        Ok(out)
    }

    /// How much of the browser's storage this origin uses.
    pub fn usage(&self) -> Usage {
        self.usage.total()
    }

    pub fn ui_lang(&self) -> Option<Lang> {
        self.settings().ui_lang
    }

    pub fn set_ui_lang(&mut self, lang: Lang) -> Result<(), SaveError> {
        let mut s = self.settings();
        s.ui_lang = Some(lang);
        self.write_settings(&s)
    }

    pub fn last_backup(&self) -> Option<DateTime<Utc>> {
        self.settings().last_backup
    }

    pub fn set_last_backup(&mut self, at: DateTime<Utc>) -> Result<(), SaveError> {
        let mut s = self.settings();
        s.last_backup = Some(at);
        self.write_settings(&s)
    }

    fn write_settings(&mut self, s: &Settings) -> Result<(), SaveError> {
        self.writable()?;
        let json = serde_json::to_string(s).expect("settings serialize");
        Ok(self.put(SETTINGS_KEY, &json)?)
    }

    fn settings(&self) -> Settings {
        self.backend
            .get(SETTINGS_KEY)
            .ok()
            .flatten()
            .and_then(|raw| serde_json::from_str(&raw).ok())
            .unwrap_or_default()
    }

    fn writable(&self) -> Result<(), SaveError> {
        match self.mode {
            Mode::Normal => Ok(()),
            Mode::ReadOnly { .. } | Mode::Full => Err(SaveError::ReadOnly),
        }
    }

    fn probe_write(&mut self) -> Result<(), BackendError> {
        self.backend.set(PROBE_KEY, "1")?;
        self.backend.remove(PROBE_KEY)
    }

    /// Writes a key and keeps its size for the meter.
    fn put(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.backend.set(key, value)?;
        self.usage.record(key, Some(value));
        Ok(())
    }

    fn drop_key(&mut self, key: &str) -> Result<(), BackendError> {
        self.backend.remove(key)?;
        self.usage.record(key, None);
        Ok(())
    }

    /// Copies `raw` to a new quarantine key and checks the copy; returns that key.
    fn quarantine_copy(
        &mut self,
        key: &str,
        raw: &str,
        now: DateTime<Utc>,
    ) -> Result<String, SaveError> {
        self.writable()?;
        let mut n = 0;
        let qkey = loop {
            let candidate = quarantine_key(key, now, n);
            if self.backend.get(&candidate)?.is_none() {
                break candidate;
            }
            n += 1;
        };
        self.put(&qkey, raw)?;
        if self.backend.get(&qkey)?.as_deref() != Some(raw) {
            return Err(SaveError::Backend(BackendError::Other(
                "the quarantine copy differs".into(),
            )));
        }
        Ok(qkey)
    }

    /// Moves an unreadable value out of the way: copy, verify, then remove the original.
    fn quarantine(&mut self, key: &str, raw: &str, now: DateTime<Utc>) -> Result<(), SaveError> {
        self.quarantine_copy(key, raw, now)?;
        Ok(self.drop_key(key)?)
    }

    fn index_upsert(&mut self, plan: &StoredPlan) {
        let entry = IndexEntry::of(plan);
        match self.index.iter_mut().find(|e| e.id == entry.id) {
            Some(e) => *e = entry,
            None => self.index.push(entry),
        }
    }

    fn write_current_index(&mut self) -> Result<(), SaveError> {
        let index = Index {
            schema: SCHEMA_VERSION,
            plans: std::mem::take(&mut self.index),
        };
        let result = self.write_index(&index);
        self.index = index.plans;
        Ok(result?)
    }

    fn write_index(&mut self, index: &Index) -> Result<(), BackendError> {
        let json = serde_json::to_string(index).expect("the index serializes");
        self.put(INDEX_KEY, &json)
    }

    /// The raw backend, for tests and diagnostics.
    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// The raw backend, for tests that change storage behind the store's back.
    pub fn backend_mut(&mut self) -> &mut B {
        &mut self.backend
    }
}

impl IndexEntry {
    fn of(plan: &StoredPlan) -> IndexEntry {
        IndexEntry {
            id: plan.id(),
            rev: plan.revisions.rev(),
            updated_at: plan.updated_at,
        }
    }
}

/// Lets the app pick localStorage or memory at run time.
impl<T: Backend + ?Sized> Backend for Box<T> {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        (**self).get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        (**self).set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, BackendError> {
        (**self).keys()
    }
}
