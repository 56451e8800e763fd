//! Plans written by earlier versions (JSON in the layout of format 1 or 2) are rewritten in
//! the compact encoding with a summary, one plan at a time: the original is copied to a backup
//! key and read back, the new value is written and read back (it must decode to the same
//! plan), and only then is the backup removed. One plan at a time because each rewritten plan
//! frees room for the next one's backup: storage nearly full of old plans still migrates.
//!
//! What does not fit is left as it is and read as it is at every start until there is room.
//! When every plan is in the current layout, what earlier layouts kept (the index, format-1
//! backups) is removed and the schema raised. A backup left by an interrupted migration is put
//! back at the next start if its plan cannot be read.

use super::{
    backup_key, parse_plan, plan_key, Backend, BackendError, Mode, Store, BACKUP_PREFIX,
    BACKUP_V1_PREFIX, INDEX_KEY,
};
use crate::model::StoredPlan;

impl<B: Backend> Store<B> {
    /// Migrates `plans` (each with its value as stored) and, when all are done, removes what
    /// earlier layouts kept among `keys`; returns how many plans are left unmigrated.
    pub(super) fn migrate(
        &mut self,
        plans: &[(StoredPlan, String)],
        keys: &[String],
        problem: &mut Option<BackendError>,
    ) -> usize {
        if self.mode != Mode::Normal {
            return plans.len();
        }
        for (done, (plan, raw)) in plans.iter().enumerate() {
            if let Err(e) = self.migrate_one(plan, raw) {
                *problem = Some(e);
                return plans.len() - done;
            }
        }
        let leftovers = keys
            .iter()
            .filter(|k| *k == INDEX_KEY || k.starts_with(BACKUP_V1_PREFIX));
        for key in leftovers {
            if let Err(e) = self.drop_key(key) {
                *problem = Some(e);
            }
        }
        0
    }

    fn migrate_one(&mut self, plan: &StoredPlan, raw: &str) -> Result<(), BackendError> {
        let backup = backup_key(plan.id());
        self.put(&backup, raw)?;
        if self.backend.get(&backup)?.as_deref() != Some(raw) {
            let _ = self.drop_key(&backup);
            return Err(BackendError::Other("the backup copy differs".into()));
        }
        let written = self.write_plan(plan);
        let key = plan_key(plan.id());
        let back = self.backend.get(&key)?.map(|r| parse_plan(&r));
        if written.is_err() || back != Some(Ok(plan.clone())) {
            // Put the original back (a failed write changed nothing; a wrong one is undone).
            self.put_plan_raw(&key, raw)?;
            self.drop_key(&backup)?;
            return Err(written.err().unwrap_or_else(|| {
                BackendError::Other("a migrated plan reads back differently".into())
            }));
        }
        self.drop_key(&backup)
    }

    /// Puts back the plans whose migration was interrupted, if their key cannot be read, and
    /// removes the backups.
    pub(super) fn recover_backups(&mut self, keys: &[String]) -> Result<(), BackendError> {
        for backup in keys.iter().filter(|k| k.starts_with(BACKUP_PREFIX)) {
            let Some(raw) = self.backend.get(backup)? else {
                continue;
            };
            let key = format!("{}{}", super::PLAN_PREFIX, &backup[BACKUP_PREFIX.len()..]);
            let readable = self
                .backend
                .get(&key)?
                .is_some_and(|r| parse_plan(&r).is_ok());
            if !readable {
                self.put_plan_raw(&key, &raw)?;
            }
            self.drop_key(backup)?;
        }
        Ok(())
    }
}
