//! Storage layout 1 → 2: plans written by format 1 are rewritten in the current layout. Each
//! original is first copied to a backup key and read back; only when every copy is safe are
//! the plans rewritten (each one read back), and only when all are done are the backups
//! removed and the schema raised. Storage too full for the backups is left as it is: the
//! plans are read through the same conversion at every start until there is room.

use super::UNDO_IMPORT_KEY;
use super::{backup_v1_key, parse_plan, plan_key, to_json, Backend, BackendError, Mode, Store};
use crate::model::StoredPlan;

impl<B: Backend> Store<B> {
    /// Migrates the plans read in the format-1 layout, and removes the backups an earlier,
    /// interrupted migration left (`old_backups`); returns how many plans are left unmigrated.
    pub(super) fn migrate_v1(
        &mut self,
        plans: &[(StoredPlan, String)],
        old_backups: &[&String],
        problem: &mut Option<BackendError>,
    ) -> usize {
        if self.mode != Mode::Normal {
            return plans.len();
        }
        if plans.is_empty() && old_backups.is_empty() {
            return 0; // the usual start: nothing to do, nothing read
        }
        match self.try_migrate_v1(plans, old_backups) {
            Ok(()) => 0,
            Err(e) => {
                *problem = Some(e);
                plans
                    .iter()
                    .filter(|(p, _)| {
                        let raw = self.backend.get(&plan_key(p.id())).ok().flatten();
                        raw.is_none_or(|r| serde_json::from_str::<StoredPlan>(&r).is_err())
                    })
                    .count()
            }
        }
    }

    fn try_migrate_v1(
        &mut self,
        plans: &[(StoredPlan, String)],
        old_backups: &[&String],
    ) -> Result<(), BackendError> {
        for (plan, raw) in plans {
            let key = backup_v1_key(plan.id());
            self.put(&key, raw)?;
            if self.backend.get(&key)?.as_deref() != Some(raw.as_str()) {
                return Err(BackendError::Other("the backup copy differs".into()));
            }
        }
        for (plan, _) in plans {
            let key = plan_key(plan.id());
            self.put(&key, &to_json(plan))?;
            let back = self.backend.get(&key)?.map(|r| parse_plan(&r));
            if back != Some(Ok(plan.clone())) {
                return Err(BackendError::Other(
                    "a migrated plan reads back differently".into(),
                ));
            }
        }
        // An undo record of an import made before the migration names revisions as numbers;
        // it cannot be matched any more.
        if !plans.is_empty() {
            if let Some(raw) = self.backend.get(UNDO_IMPORT_KEY)? {
                if raw.contains("\"complete\":true") {
                    self.drop_key(UNDO_IMPORT_KEY)?;
                }
            }
        }
        for (plan, _) in plans {
            self.drop_key(&backup_v1_key(plan.id()))?;
        }
        for key in old_backups {
            self.drop_key(key)?;
        }
        Ok(())
    }
}
