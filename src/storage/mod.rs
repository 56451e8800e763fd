//! Plans at rest: one key per plan in a compact encoding (`codec`), a small summary per plan
//! beside it, settings and a schema version.
//!
//! Invariants:
//! - the app starts from the summaries; a plan is read and decoded when it is opened or
//!   exported, and a save writes that plan and its summary only, whatever the plan count;
//! - a summary is derived data: removed before its plan is rewritten and written after, so a
//!   tab that dies in between leaves no summary (made again from the plan at the next start),
//!   never a stale one;
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
mod history;
mod import;
mod keys;
#[cfg(target_arch = "wasm32")]
pub mod local;
mod memory;
mod migrate;
mod settings;
mod usage;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::model::{format_v1, Plan, PlanSummary, Revisions, StoredPlan};
pub use history::{encode_history, parse_history};
pub use keys::*;
pub use memory::MemoryBackend;
pub use usage::{Usage, QUOTA_UNITS, WARN_AT_PERCENT};

/// Version of the layout of keys and values; bump it with a migration.
/// 2: plans stored as `{revisions, updated_at, plan}` (see `model::format_v1`).
/// 3: plans in the compact encoding, a summary per plan, no index.
/// 4: plans may carry reviews, a status record and the child's voice, which an older app
///    would drop when it saves (so it opens read-only); summaries carry what is due. Layout-3
///    summaries are made again from their plans at the first start.
pub const SCHEMA_VERSION: u32 = 4;

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
    /// The length of a value in UTF-16 code units, without handing the value over.
    fn len(&self, key: &str) -> Result<Option<usize>, BackendError> {
        Ok(self.get(key)?.map(|v| v.encode_utf16().count()))
    }
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
    /// Every stored plan, summarised.
    pub plans: Vec<PlanSummary>,
    /// Everything in quarantine now, including from earlier sessions.
    pub quarantined: Vec<QuarantineEntry>,
    /// Unreadable values moved to quarantine during this load.
    pub newly_quarantined: usize,
    /// Unreadable values that could not be moved; left where they are, never written.
    pub stuck: Vec<Unreadable>,
    /// Plans that had a summary but whose key is gone.
    pub missing: Vec<Uuid>,
    /// Storage could be read but refused a write (usually: full).
    pub write_problem: Option<BackendError>,
    /// Plans written by an earlier version that are still to be migrated (storage too full
    /// to back them up first); they are read as they are until then.
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

/// What one plan's key holds now.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    Plan(Box<StoredPlan>),
    Gone,
    /// Unreadable: set aside (in quarantine) if storage took the copy.
    Unreadable,
}

pub struct Store<B: Backend> {
    backend: B,
    mode: Mode,
    /// Keys holding unreadable data that could not be quarantined.
    blocked: Vec<String>,
    /// How much of the browser's quota every key takes.
    usage: usage::Sizes,
}

/// Reads a stored plan: the compact encoding, or JSON in the layout of format 2 or 1.
pub fn parse_plan(raw: &str) -> Result<StoredPlan, String> {
    parse_plan_any(raw).map(|(plan, _)| plan)
}

/// Like `parse_plan`; also says whether the value was written by an earlier version (JSON).
fn parse_plan_any(raw: &str) -> Result<(StoredPlan, bool), String> {
    if codec::is_encoded(raw) {
        let json = codec::decode(raw)?;
        return match serde_json::from_str::<StoredPlan>(&json) {
            Ok(p) if p.revisions.is_valid() => Ok((p, false)),
            Ok(_) => Err("the revisions are not valid".into()),
            Err(e) => Err(e.to_string()),
        };
    }
    match serde_json::from_str::<StoredPlan>(raw) {
        Ok(p) if p.revisions.is_valid() => Ok((p, true)),
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

/// A plan as its key holds it: the compact encoding of its JSON.
pub fn encode_plan(plan: &StoredPlan) -> String {
    codec::encode(&to_json(plan))
}

fn summary_json(plan: &StoredPlan) -> String {
    serde_json::to_string(&PlanSummary::of(plan)).expect("a summary always serializes")
}

/// The keys and values a stored plan occupies: its plan key and its summary (what a save
/// writes; benchmarks fill storage with these).
pub fn entries_of(plan: &StoredPlan) -> [(String, String); 2] {
    [
        (plan_key(plan.id()), encode_plan(plan)),
        (summary_key(plan.id()), summary_json(plan)),
    ]
}

impl<B: Backend> Store<B> {
    /// Reads the summaries (and any plan without one), quarantines what cannot be read,
    /// migrates values of earlier versions. Storage that takes no write opens in `Mode::Full`
    /// with everything read.
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
            usage: usage::Sizes::default(),
        };
        let mut report = LoadReport::default();
        if store.mode == Mode::Normal {
            if let Err(e) = store.probe_write() {
                store.mode = Mode::Full;
                report.write_problem = Some(e);
            }
        }
        let mut keys = store.sorted_keys()?;
        if store.mode == Mode::Normal {
            // Both are rare and change keys: list them again after either.
            let backups = keys.iter().any(|k| k.starts_with(BACKUP_PREFIX));
            if store.finish_interrupted_import()? | backups {
                store.recover_backups(&keys)?;
                keys = store.sorted_keys()?;
            }
        }
        // Summaries are trusted only in the layout that writes them.
        let current_layout =
            schema.as_deref().map(str::trim) == Some(SCHEMA_VERSION.to_string().as_str());
        let mut summaries: Vec<PlanSummary> = Vec::new();
        let mut plan_ids = Vec::new();
        for key in &keys {
            if key.starts_with(SUMMARY_PREFIX) && current_layout {
                let raw = store.backend.get(key)?;
                store.usage.record(key, raw.as_deref());
                let parsed = raw.and_then(|raw| serde_json::from_str::<PlanSummary>(&raw).ok());
                if let Some(s) = parsed.filter(|s| summary_id_of_key(key) == Some(s.id)) {
                    summaries.push(s);
                }
                continue;
            }
            // Plans are measured, not read: their length is all the meter needs.
            store.usage.record_len(key, store.backend.len(key)?);
            if let Some(id) = plan_id_of_key(key) {
                plan_ids.push(id);
            }
        }
        summaries.sort_by_key(|s| s.id);
        let mut legacy = Vec::new();
        for id in &plan_ids {
            if let Ok(i) = summaries.binary_search_by_key(id, |s| s.id) {
                report.plans.push(summaries[i].clone());
                continue;
            }
            let key = plan_key(*id);
            let Some(raw) = store.backend.get(&key)? else {
                continue;
            };
            let parsed = parse_plan_any(&raw).and_then(|(p, old)| match p.id() == *id {
                true => Ok((p, old)),
                false => Err(format!("the key {key} does not match the plan id")),
            });
            match parsed {
                Ok((plan, old)) => {
                    report.plans.push(PlanSummary::of(&plan));
                    if old {
                        legacy.push((plan, raw));
                    } else if store.mode == Mode::Normal {
                        // A missing summary (a tab closed mid-save, an import rolled back).
                        let _ = store.put(&summary_key(*id), &summary_json(&plan));
                    }
                }
                Err(problem) => {
                    if store.quarantine(&key, &raw, now).is_ok() {
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
        // Summaries left without a plan: the plan was removed behind our back.
        for key in keys.iter().filter(|k| k.starts_with(SUMMARY_PREFIX)) {
            let id = summary_id_of_key(key);
            if id.is_some_and(|id| plan_ids.binary_search(&id).is_err()) {
                if current_layout {
                    report.missing.extend(id);
                }
                if store.mode == Mode::Normal {
                    let _ = store.drop_key(key);
                }
            }
        }
        report.not_migrated = store.migrate(&legacy, &keys, &mut report.write_problem);
        report.quarantined = match report.newly_quarantined {
            0 => store.quarantined_in(&keys)?,
            _ => store.quarantined()?,
        };
        if store.mode == Mode::Normal
            && report.not_migrated == 0
            && schema != Some(SCHEMA_VERSION.to_string())
        {
            if let Err(e) = store.put(SCHEMA_KEY, &SCHEMA_VERSION.to_string()) {
                report.write_problem = Some(e);
            }
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
        let mut previous = None;
        if let Some(raw) = self.backend.get(&key)? {
            match parse_plan(&raw) {
                Ok(stored) if stored.revisions != *base => {
                    return Err(SaveError::Conflict(Box::new(stored)))
                }
                Ok(stored) if stored.plan == *plan => return Ok(stored),
                Ok(stored) => previous = Some(stored),
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
        // History gives way to plans: when the plan does not fit, histories are shed first.
        let mut tried = Vec::new();
        while let Err(e) = self.write_plan(&stored) {
            if e != BackendError::QuotaExceeded || !self.shed_history(&mut tried) {
                return Err(e.into());
            }
        }
        if let Some(previous) = previous {
            self.record_history(&stored, &previous, now);
        }
        Ok(stored)
    }

    /// Writes a plan and its summary (see the module comment for the order). A summary that
    /// does not fit is left out: the next start makes it from the plan.
    fn write_plan(&mut self, plan: &StoredPlan) -> Result<(), BackendError> {
        let summary = summary_key(plan.id());
        self.drop_key(&summary)?;
        self.put(&plan_key(plan.id()), &encode_plan(plan))?;
        let _ = self.put(&summary, &summary_json(plan));
        Ok(())
    }

    /// Puts a value written earlier back under a plan's key, with its summary.
    fn put_plan_raw(&mut self, key: &str, raw: &str) -> Result<(), BackendError> {
        let id = plan_id_of_key(key);
        if let Some(id) = id {
            self.drop_key(&summary_key(id))?;
        }
        self.put(key, raw)?;
        if let (Some(id), Ok(plan)) = (id, parse_plan(raw)) {
            let _ = self.put(&summary_key(id), &summary_json(&plan));
        }
        Ok(())
    }

    /// Removes a plan, its summary and its history.
    fn drop_plan(&mut self, id: Uuid) -> Result<(), BackendError> {
        self.drop_key(&plan_key(id))?;
        self.drop_key(&summary_key(id))?;
        self.drop_key(&history_key(id))
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

    /// Reads and decodes one plan (to open or export it, or after another tab wrote it).
    /// An unreadable value is set aside when storage takes the copy; a summary that no longer
    /// matches its plan is written again.
    pub fn load(&mut self, id: Uuid, now: DateTime<Utc>) -> Result<Loaded, BackendError> {
        let key = plan_key(id);
        let raw = self.backend.get(&key)?;
        self.usage.record(&key, raw.as_deref());
        let Some(raw) = raw else {
            return Ok(Loaded::Gone);
        };
        match parse_plan(&raw) {
            Ok(p) if p.id() == id => {
                if self.mode == Mode::Normal {
                    let skey = summary_key(id);
                    let json = summary_json(&p);
                    if self.backend.get(&skey)?.as_deref() != Some(json.as_str()) {
                        let _ = self.put(&skey, &json);
                    }
                }
                Ok(Loaded::Plan(Box::new(p)))
            }
            _ => {
                if self.mode == Mode::Normal && self.quarantine(&key, &raw, now).is_ok() {
                    let _ = self.drop_key(&summary_key(id));
                } else if !self.blocked.contains(&key) {
                    self.blocked.push(key);
                }
                Ok(Loaded::Unreadable)
            }
        }
    }

    /// Notes the new size of a key another tab wrote (for the storage meter).
    pub fn reload_size(&mut self, key: &str) {
        if let Ok(len) = self.backend.len(key) {
            self.usage.record_len(key, len);
        }
    }

    /// Deletes a plan. Allowed when storage is full (it frees space); afterwards writing is
    /// tried again, and `mode()` tells whether it works.
    pub fn delete(&mut self, id: Uuid) -> Result<(), SaveError> {
        if let Mode::ReadOnly { .. } = self.mode {
            return Err(SaveError::ReadOnly);
        }
        if self.blocked.contains(&plan_key(id)) {
            return Err(SaveError::Blocked);
        }
        self.drop_plan(id)?;
        self.retry_writes();
        Ok(())
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
        self.quarantined_in(&self.sorted_keys()?)
    }

    /// The set-aside values among `keys` (sorted).
    fn quarantined_in(&self, keys: &[String]) -> Result<Vec<QuarantineEntry>, BackendError> {
        let keys = keys.iter().filter(|k| k.starts_with(QUARANTINE_PREFIX));
        let mut out = Vec::new();
        for key in keys {
            if let Some(raw) = self.backend.get(key)? {
                let parsed = parse_plan(&raw);
                out.push(QuarantineEntry {
                    original_key: quarantine_origin(key).to_string(),
                    problem: parsed.as_ref().err().cloned().unwrap_or_default(),
                    plan: parsed.ok(),
                    key: key.clone(),
                    raw,
                });
            }
        }
        Ok(out)
    }

    fn sorted_keys(&self) -> Result<Vec<String>, BackendError> {
        let mut keys = self.backend.keys()?;
        keys.sort_unstable();
        Ok(keys)
    }

    /// How much of the browser's storage this origin uses.
    pub fn usage(&self) -> Usage {
        self.usage.total()
    }

    pub(super) fn writable(&self) -> Result<(), SaveError> {
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

    /// The raw backend, for tests and diagnostics.
    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// The raw backend, for tests that change storage behind the store's back.
    pub fn backend_mut(&mut self) -> &mut B {
        &mut self.backend
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
    fn len(&self, key: &str) -> Result<Option<usize>, BackendError> {
        (**self).len(key)
    }
}
