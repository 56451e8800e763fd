//! Plans at rest: one key per plan, a small index and a schema version.
//!
//! Invariants:
//! - everything is loaded before anything is saved (`Store::open` is the only constructor);
//! - a value that cannot be read is never overwritten or deleted: it is first copied to a
//!   quarantine key (and the copy read back) and only then removed from its place; if the copy
//!   fails, the key is left alone and blocked for writing;
//! - a storage schema newer than this app makes the store read-only.
//!
//! The logic runs on any [`Backend`]; `local` (wasm only) is the single place that touches
//! the browser's localStorage, `memory` serves tests and browsers that block storage.

mod keys;
#[cfg(target_arch = "wasm32")]
pub mod local;
mod memory;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::model::{Lang, Plan};
pub use keys::*;
pub use memory::MemoryBackend;

/// Version of the layout of keys and values; bump it with a migration.
pub const SCHEMA_VERSION: u32 = 1;

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
}

/// A value set aside because it could not be read (or was replaced after a conflict).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarantineEntry {
    pub key: String,
    pub original_key: String,
    pub raw: String,
    /// Why it could not be read; empty for a readable copy kept after a conflict.
    pub problem: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub key: String,
    pub problem: String,
}

#[derive(Debug, Default, Clone)]
pub struct LoadReport {
    pub plans: Vec<Plan>,
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    ReadOnly,
    /// The key holds something unreadable that could not be set aside.
    Blocked,
    Backend(BackendError),
}

impl From<BackendError> for SaveError {
    fn from(e: BackendError) -> Self {
        SaveError::Backend(e)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    Written,
    /// Another window had saved a newer revision; it was kept in quarantine under this key.
    KeptOther {
        key: String,
    },
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Index {
    schema: u32,
    plans: Vec<IndexEntry>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct IndexEntry {
    id: Uuid,
    revision: u32,
    #[serde(with = "crate::model::time_format::serde_timestamp")]
    updated_at: DateTime<Utc>,
}

/// The journal of the last import: what it replaced (raw, as stored) and added (id, revision,
/// whether new). Incomplete while the import is being written; then the undo record.
#[derive(Debug, Serialize, Deserialize)]
struct UndoImport {
    complete: bool,
    replaced: Vec<String>,
    added: Vec<(Uuid, u32, bool)>,
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
}

pub fn parse_plan(raw: &str) -> Result<Plan, String> {
    serde_json::from_str::<Plan>(raw).map_err(|e| e.to_string())
}

impl<B: Backend> Store<B> {
    /// Reads everything, quarantines what cannot be read, and repairs the index.
    pub fn open(backend: B, now: DateTime<Utc>) -> Result<(Store<B>, LoadReport), BackendError> {
        let mode = match backend.get(SCHEMA_KEY)? {
            None => Mode::Normal,
            Some(v) if v.trim().parse::<u32>().is_ok_and(|n| n <= SCHEMA_VERSION) => Mode::Normal,
            Some(v) => Mode::ReadOnly { stored_schema: v },
        };
        let mut store = Store {
            backend,
            mode,
            blocked: Vec::new(),
            index: Vec::new(),
        };
        if store.mode == Mode::Normal {
            store.finish_interrupted_import()?;
        }
        let keys = {
            let mut k = store.backend.keys()?;
            k.sort();
            k
        };
        let mut report = LoadReport::default();
        for key in keys.iter().filter(|k| k.starts_with(PLAN_PREFIX)) {
            let Some(raw) = store.backend.get(key)? else {
                continue;
            };
            let parsed = parse_plan(&raw).and_then(|p| match plan_id_of_key(key) {
                Some(id) if id == p.id => Ok(p),
                _ => Err(format!("the key {key} does not match the plan id")),
            });
            match parsed {
                Ok(plan) => report.plans.push(plan),
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
        report.quarantined = store.quarantined()?;
        let stored_index: Option<Index> = store
            .backend
            .get(INDEX_KEY)?
            .and_then(|raw| serde_json::from_str(&raw).ok());
        if let Some(old) = &stored_index {
            report.missing = old
                .plans
                .iter()
                .filter(|e| !report.plans.iter().any(|p| p.id == e.id))
                .map(|e| e.id)
                .collect();
        }
        store.index = report.plans.iter().map(IndexEntry::of).collect();
        if store.mode == Mode::Normal {
            // Reading worked; a failure to write the bookkeeping (a full disk) is reported, and
            // the next save tries again.
            if store.backend.get(SCHEMA_KEY)?.is_none() {
                if let Err(e) = store.backend.set(SCHEMA_KEY, &SCHEMA_VERSION.to_string()) {
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

    /// Saves a plan whose `revision` is the one it was loaded or last saved with. Returns the
    /// plan as stored: next revision, `updated_at = now`.
    pub fn save(&mut self, plan: &Plan, now: DateTime<Utc>) -> Result<(Plan, Saved), SaveError> {
        self.writable()?;
        let key = plan_key(plan.id);
        if self.blocked.contains(&key) {
            return Err(SaveError::Blocked);
        }
        let mut outcome = Saved::Written;
        let mut next_revision = plan.revision + 1;
        let mut replaced = None;
        if let Some(raw) = self.backend.get(&key)? {
            match parse_plan(&raw) {
                Ok(stored) if stored.revision > plan.revision => {
                    // Someone else saved after us: keep their version, write ours on top.
                    let kept = self.quarantine_copy(&key, &raw, now)?;
                    next_revision = stored.revision + 1;
                    outcome = Saved::KeptOther { key: kept };
                }
                Ok(stored) => replaced = Some(stored),
                Err(_) => {
                    if self.quarantine(&key, &raw, now).is_err() {
                        self.blocked.push(key);
                        return Err(SaveError::Blocked);
                    }
                }
            }
        }
        let mut stored = plan.clone();
        if let Some(previous) = &replaced {
            if previous != plan {
                crate::model::record_replaced(&mut stored, previous);
            }
        }
        stored.revision = next_revision;
        stored.updated_at = now;
        let json = serde_json::to_string(&stored).expect("a plan always serializes");
        self.backend.set(&key, &json)?;
        let entry = IndexEntry::of(&stored);
        match self.index.iter_mut().find(|e| e.id == stored.id) {
            Some(e) => *e = entry,
            None => self.index.push(entry),
        }
        self.write_current_index()?;
        Ok((stored, outcome))
    }

    /// Writes imported plans as they are (their revisions and lineage travel with them), all
    /// or none: if one write fails, every key written so far is put back. The plans replaced
    /// are kept under `UNDO_IMPORT_KEY` so the import can be undone, even after a reload.
    pub fn apply_import(&mut self, writes: &[Plan]) -> Result<(), SaveError> {
        self.writable()?;
        let keys: Vec<String> = writes.iter().map(|p| plan_key(p.id)).collect();
        if keys.iter().any(|k| self.blocked.contains(k)) {
            return Err(SaveError::Blocked);
        }
        let mut before = Vec::with_capacity(keys.len());
        for key in &keys {
            before.push(self.backend.get(key)?);
        }
        let mut undo = UndoImport {
            complete: false,
            replaced: before.iter().flatten().cloned().collect(),
            added: writes
                .iter()
                .zip(&before)
                .map(|(p, b)| (p.id, p.revision, b.is_none()))
                .collect(),
        };
        let undo_json = serde_json::to_string(&undo).expect("undo record serializes");
        let mut result = self.backend.set(UNDO_IMPORT_KEY, &undo_json);
        let mut written = 0;
        if result.is_ok() {
            for (plan, key) in writes.iter().zip(&keys) {
                let json = serde_json::to_string(plan).expect("a plan always serializes");
                result = self.backend.set(key, &json);
                if result.is_err() {
                    break;
                }
                written += 1;
            }
        }
        if let Err(e) = result {
            // Put back what was written; if even that fails, the journal stays incomplete and
            // the next `open` rolls the import back.
            if self.restore_raw(&keys[..written], &before[..written]) {
                let _ = self.backend.remove(UNDO_IMPORT_KEY);
            }
            return Err(e.into());
        }
        undo.complete = true;
        let undo_json = serde_json::to_string(&undo).expect("undo record serializes");
        self.backend.set(UNDO_IMPORT_KEY, &undo_json)?;
        for plan in writes {
            let entry = IndexEntry::of(plan);
            match self.index.iter_mut().find(|e| e.id == plan.id) {
                Some(e) => *e = entry,
                None => self.index.push(entry),
            }
        }
        self.write_current_index()
    }

    /// Whether there is an import that `undo_import` can take back.
    pub fn can_undo_import(&self) -> bool {
        matches!(self.backend.get(UNDO_IMPORT_KEY), Ok(Some(_)))
    }

    /// Takes back the last import: replaced plans return, added ones go. A plan edited since
    /// the import is left as it is (the edit would be lost). Returns the plans now stored for
    /// the ids involved, and the ids that are gone.
    pub fn undo_import(&mut self) -> Result<(Vec<Plan>, Vec<Uuid>), SaveError> {
        self.writable()?;
        let Some(raw) = self.backend.get(UNDO_IMPORT_KEY)? else {
            return Ok((Vec::new(), Vec::new()));
        };
        let undo: UndoImport = serde_json::from_str(&raw)
            .map_err(|e| SaveError::Backend(BackendError::Other(e.to_string())))?;
        let (mut restored, mut removed) = (Vec::new(), Vec::new());
        for (id, revision, was_new) in &undo.added {
            let key = plan_key(*id);
            let current = self.backend.get(&key)?.and_then(|r| parse_plan(&r).ok());
            if current.as_ref().is_some_and(|c| c.revision != *revision) {
                continue; // edited after the import
            }
            if *was_new {
                self.backend.remove(&key)?;
                self.index.retain(|e| e.id != *id);
                removed.push(*id);
            }
        }
        for raw in &undo.replaced {
            if let Ok(plan) = parse_plan(raw) {
                let key = plan_key(plan.id);
                let current = self.backend.get(&key)?.and_then(|r| parse_plan(&r).ok());
                let imported_rev = undo.added.iter().find(|a| a.0 == plan.id).map(|a| a.1);
                if current.is_some_and(|c| Some(c.revision) != imported_rev) {
                    continue;
                }
                self.backend.set(&key, raw)?;
                let entry = IndexEntry::of(&plan);
                match self.index.iter_mut().find(|e| e.id == plan.id) {
                    Some(e) => *e = entry,
                    None => self.index.push(entry),
                }
                restored.push(plan);
            }
        }
        self.backend.remove(UNDO_IMPORT_KEY)?;
        self.write_current_index()?;
        Ok((restored, removed))
    }

    /// Puts keys back as they were; returns whether all of them could be.
    fn restore_raw(&mut self, keys: &[String], before: &[Option<String>]) -> bool {
        let mut all = true;
        for (key, old) in keys.iter().zip(before) {
            let done = match old {
                Some(raw) => self.backend.set(key, raw),
                None => self.backend.remove(key),
            };
            all &= done.is_ok();
        }
        all
    }

    /// An import interrupted half-way (tab closed, storage full) is rolled back from its
    /// journal before anything else is read.
    fn finish_interrupted_import(&mut self) -> Result<(), BackendError> {
        let Some(raw) = self.backend.get(UNDO_IMPORT_KEY)? else {
            return Ok(());
        };
        let Ok(journal) = serde_json::from_str::<UndoImport>(&raw) else {
            return Ok(()); // not ours to judge; left in place
        };
        if journal.complete {
            return Ok(());
        }
        let replaced: Vec<(String, String)> = journal
            .replaced
            .iter()
            .filter_map(|r| parse_plan(r).ok().map(|p| (plan_key(p.id), r.clone())))
            .collect();
        for (id, _, was_new) in &journal.added {
            if *was_new {
                self.backend.remove(&plan_key(*id))?;
            }
        }
        for (key, raw) in replaced {
            self.backend.set(&key, &raw)?;
        }
        self.backend.remove(UNDO_IMPORT_KEY)
    }

    pub fn delete(&mut self, id: Uuid) -> Result<(), SaveError> {
        self.writable()?;
        let key = plan_key(id);
        if self.blocked.contains(&key) {
            return Err(SaveError::Blocked);
        }
        self.backend.remove(&key)?;
        self.index.retain(|e| e.id != id);
        self.write_current_index()
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
                out.push(QuarantineEntry {
                    original_key: quarantine_origin(&key).to_string(),
                    problem: parse_plan(&raw).err().unwrap_or_default(),
                    key,
                    raw,
                });
            }
        }
        Ok(out)
    }

    pub fn ui_lang(&self) -> Option<Lang> {
        self.settings().ui_lang
    }

    pub fn set_ui_lang(&mut self, lang: Lang) -> Result<(), SaveError> {
        self.writable()?;
        let mut s = self.settings();
        s.ui_lang = Some(lang);
        let json = serde_json::to_string(&s).expect("settings serialize");
        Ok(self.backend.set(SETTINGS_KEY, &json)?)
    }

    pub fn last_backup(&self) -> Option<DateTime<Utc>> {
        self.settings().last_backup
    }

    pub fn set_last_backup(&mut self, at: DateTime<Utc>) -> Result<(), SaveError> {
        self.writable()?;
        let mut s = self.settings();
        s.last_backup = Some(at);
        let json = serde_json::to_string(&s).expect("settings serialize");
        Ok(self.backend.set(SETTINGS_KEY, &json)?)
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
            Mode::ReadOnly { .. } => Err(SaveError::ReadOnly),
        }
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
        self.backend.set(&qkey, raw)?;
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
        Ok(self.backend.remove(key)?)
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
        self.backend.set(INDEX_KEY, &json)
    }

    /// The raw backend, for tests and diagnostics.
    pub fn backend(&self) -> &B {
        &self.backend
    }
}

impl IndexEntry {
    fn of(plan: &Plan) -> IndexEntry {
        IndexEntry {
            id: plan.id,
            revision: plan.revision,
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
