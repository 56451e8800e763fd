//! Imports are atomic and undoable: a journal of what an import replaces is written first,
//! then the plans; a failed write puts every key back, and a journal left incomplete (tab
//! closed half-way) is rolled back at the next start. A complete journal is the undo record.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::UNDO_IMPORT_KEY;
use super::{
    parse_plan, plan_id_of_key, plan_key, summary_key, Backend, BackendError, SaveError, Store,
};
use crate::model::StoredPlan;

/// The journal of the last import: what it replaced (raw, as stored) and added (id, revision
/// written as `N-<id>`, whether new). Incomplete while the import is being written; then the
/// undo record. The revision is kept as any JSON value so a journal of format 1 (numbers)
/// still reads for a roll-back.
#[derive(Debug, Serialize, Deserialize)]
struct UndoImport {
    complete: bool,
    replaced: Vec<String>,
    added: Vec<(Uuid, Value, bool)>,
}

fn rev_value(plan: &StoredPlan) -> Value {
    plan.revisions.rev().map_or(Value::Null, Value::String)
}

impl<B: Backend> Store<B> {
    /// Writes imported plans as they are (their revisions travel with them), all or none: if
    /// one write fails, every key written so far is put back. The plans replaced are kept under
    /// `UNDO_IMPORT_KEY` so the import can be undone, even after a reload.
    pub fn apply_import(&mut self, writes: &[StoredPlan]) -> Result<(), SaveError> {
        self.writable()?;
        let keys: Vec<String> = writes.iter().map(|p| plan_key(p.id())).collect();
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
                .map(|(p, b)| (p.id(), rev_value(p), b.is_none()))
                .collect(),
        };
        let undo_json = serde_json::to_string(&undo).expect("undo record serializes");
        let mut result = self.put(UNDO_IMPORT_KEY, &undo_json);
        let mut written = 0;
        if result.is_ok() {
            for plan in writes {
                result = self.write_plan(plan);
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
                let _ = self.drop_key(UNDO_IMPORT_KEY);
            }
            return Err(e.into());
        }
        undo.complete = true;
        let undo_json = serde_json::to_string(&undo).expect("undo record serializes");
        self.put(UNDO_IMPORT_KEY, &undo_json)?;
        // A plan replaced ("take theirs", a newer copy) stays in its history. Undo puts the
        // replaced plan back, and the history rejoins it there (`History::join`).
        for (plan, raw) in writes.iter().zip(&before) {
            let old = raw.as_deref().and_then(|r| parse_plan(r).ok());
            if let Some(old) = old.filter(|o| o.revisions != plan.revisions) {
                self.record_history(plan, &old, plan.updated_at);
            }
        }
        Ok(())
    }

    /// Whether there is an import that `undo_import` can take back.
    pub fn can_undo_import(&self) -> bool {
        matches!(self.backend.get(UNDO_IMPORT_KEY), Ok(Some(_)))
    }

    /// Takes back the last import: replaced plans return, added ones go. A plan edited since
    /// the import is left as it is (the edit would be lost). Returns the plans now stored for
    /// the ids involved, and the ids that are gone.
    pub fn undo_import(&mut self) -> Result<(Vec<StoredPlan>, Vec<Uuid>), SaveError> {
        self.writable()?;
        let Some(raw) = self.backend.get(UNDO_IMPORT_KEY)? else {
            return Ok((Vec::new(), Vec::new()));
        };
        let undo: UndoImport = serde_json::from_str(&raw)
            .map_err(|e| SaveError::Backend(BackendError::Other(e.to_string())))?;
        let current_rev = |store: &Self, id: Uuid| -> Result<Option<Value>, BackendError> {
            Ok(store
                .backend
                .get(&plan_key(id))?
                .and_then(|r| parse_plan(&r).ok())
                .map(|p| rev_value(&p)))
        };
        let (mut restored, mut removed) = (Vec::new(), Vec::new());
        for (id, rev, was_new) in &undo.added {
            let current = current_rev(self, *id)?;
            if current.as_ref().is_some_and(|c| c != rev) {
                continue; // edited after the import
            }
            if *was_new {
                self.drop_plan(*id)?;
                removed.push(*id);
            }
        }
        for raw in &undo.replaced {
            if let Ok(plan) = parse_plan(raw) {
                let imported = undo.added.iter().find(|a| a.0 == plan.id()).map(|a| &a.1);
                let current = current_rev(self, plan.id())?;
                if current.is_some() && current.as_ref() != imported {
                    continue;
                }
                self.put_plan_raw(&plan_key(plan.id()), raw)?;
                restored.push(plan);
            }
        }
        self.drop_key(UNDO_IMPORT_KEY)?;
        Ok((restored, removed))
    }

    /// Puts keys back as they were; returns whether all of them could be.
    fn restore_raw(&mut self, keys: &[String], before: &[Option<String>]) -> bool {
        let mut all = true;
        for (key, old) in keys.iter().zip(before) {
            let done = match (old, plan_id_of_key(key)) {
                (Some(raw), _) => self.put_plan_raw(key, raw),
                (None, Some(id)) => self.drop_plan(id),
                (None, None) => self.drop_key(key),
            };
            all &= done.is_ok();
        }
        all
    }

    /// An import interrupted half-way (tab closed, storage full) is rolled back from its
    /// journal before anything else is read. Returns whether there was one.
    pub(super) fn finish_interrupted_import(&mut self) -> Result<bool, BackendError> {
        let Some(raw) = self.backend.get(UNDO_IMPORT_KEY)? else {
            return Ok(false);
        };
        let Ok(journal) = serde_json::from_str::<UndoImport>(&raw) else {
            return Ok(false); // not ours to judge; left in place
        };
        if journal.complete {
            return Ok(false);
        }
        let replaced: Vec<(String, String)> = journal
            .replaced
            .iter()
            .filter_map(|r| parse_plan(r).ok().map(|p| (plan_key(p.id()), r.clone())))
            .collect();
        for (id, _, was_new) in &journal.added {
            // The summaries are made again from the plans as they are put back.
            self.backend.remove(&summary_key(*id))?;
            if *was_new {
                self.backend.remove(&plan_key(*id))?;
            }
        }
        for (key, raw) in replaced {
            self.backend.set(&key, &raw)?;
        }
        self.backend.remove(UNDO_IMPORT_KEY)?;
        Ok(true)
    }
}
