//! What an import would do, plan by plan, and what it writes once the user has chosen.

use uuid::Uuid;

use super::ImportError;
use crate::model::{relate, rev_id, Relation, Revisions, StoredPlan};

/// How an incoming plan relates to this browser's plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Incoming {
    New,
    Identical,
    /// A later version of a plan here: taking it loses nothing.
    Newer,
    /// An earlier version of a plan here.
    Older,
    /// Both copies changed since they parted.
    Conflict,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    KeepMine,
    TakeTheirs,
    /// Keep mine and add theirs as a copy with a new id, marked as a copy.
    KeepBoth,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PreviewItem {
    pub theirs: StoredPlan,
    pub mine: Option<StoredPlan>,
    pub incoming: Incoming,
}

impl PreviewItem {
    /// The choice that loses nothing and needs no thought.
    pub fn default_choice(&self) -> Choice {
        match self.incoming {
            Incoming::New | Incoming::Newer => Choice::TakeTheirs,
            Incoming::Identical | Incoming::Older => Choice::KeepMine,
            Incoming::Conflict => Choice::KeepBoth,
        }
    }
}

/// Joins the plans of several files. The same plan in two files is kept once: the later
/// version if one continues the other; two diverged copies cannot be told apart, so refused.
pub fn combine(files: Vec<Vec<StoredPlan>>) -> Result<Vec<StoredPlan>, ImportError> {
    let mut out: Vec<StoredPlan> = Vec::new();
    for plan in files.into_iter().flatten() {
        match out.iter_mut().find(|p| p.id() == plan.id()) {
            None => out.push(plan),
            Some(seen) => match relate(&seen.revisions, &plan.revisions) {
                Relation::Identical | Relation::TheirsOlder => {}
                Relation::TheirsNewer => *seen = plan,
                Relation::Conflict => return Err(ImportError::DuplicateId(plan.id())),
            },
        }
    }
    Ok(out)
}

pub fn preview(incoming: Vec<StoredPlan>, existing: &[StoredPlan]) -> Vec<PreviewItem> {
    incoming
        .into_iter()
        .map(|theirs| {
            let mine = existing.iter().find(|p| p.id() == theirs.id()).cloned();
            let incoming = match &mine {
                None => Incoming::New,
                Some(m) => match relate(&m.revisions, &theirs.revisions) {
                    Relation::Identical => Incoming::Identical,
                    Relation::TheirsNewer => Incoming::Newer,
                    Relation::TheirsOlder => Incoming::Older,
                    Relation::Conflict => Incoming::Conflict,
                },
            };
            PreviewItem {
                theirs,
                mine,
                incoming,
            }
        })
        .collect()
}

/// What applying the choices writes, and which stored plans it replaces (kept for undo).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resolution {
    pub writes: Vec<StoredPlan>,
    pub replaced: Vec<StoredPlan>,
}

/// Turns the user's choices (one per item) into writes.
pub fn resolve(
    items: &[PreviewItem],
    choices: &[Choice],
    mut new_id: impl FnMut() -> Uuid,
) -> Resolution {
    let mut r = Resolution::default();
    for (item, choice) in items.iter().zip(choices) {
        match (choice, &item.mine) {
            (Choice::KeepMine, Some(_)) => {}
            (_, None) => r.writes.push(item.theirs.clone()),
            (Choice::TakeTheirs, Some(mine)) => {
                if item.incoming != Incoming::Identical {
                    r.writes.push(item.theirs.clone());
                    r.replaced.push(mine.clone());
                }
            }
            (Choice::KeepBoth, Some(_)) => {
                // A new plan: its own id and a first revision of its own.
                let mut copy = item.theirs.clone();
                copy.plan.copied_from = Some(copy.plan.id);
                copy.plan.id = new_id();
                copy.revisions = Revisions::default().next(rev_id(new_id().as_u128() as u32));
                r.writes.push(copy);
            }
        }
    }
    r
}
