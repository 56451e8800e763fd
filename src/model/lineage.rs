//! How two copies of the same plan relate: identical, one descends from the other, or both
//! changed since they parted (a conflict). Each save appends the fingerprint of the revision
//! it replaces to the plan's `lineage`.

use super::Plan;

/// How many earlier fingerprints a plan keeps.
pub const MAX_LINEAGE: usize = 500;

/// A stable fingerprint of a plan's content (FNV-1a 64 over its JSON, lineage left out).
/// Not cryptographic: it only has to tell revisions of one plan apart.
pub fn fingerprint(plan: &Plan) -> String {
    let mut bare = plan.clone();
    bare.lineage.clear();
    let json = serde_json::to_vec(&bare).expect("a plan always serializes");
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in json {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The plan as it will be stored after replacing `previous`: `previous` joins the lineage.
pub fn record_replaced(next: &mut Plan, previous: &Plan) {
    let fp = fingerprint(previous);
    if next.lineage.last() != Some(&fp) {
        next.lineage.push(fp);
    }
    let extra = next.lineage.len().saturating_sub(MAX_LINEAGE);
    next.lineage.drain(..extra);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Identical,
    /// `theirs` continues `mine`: taking it loses nothing.
    TheirsNewer,
    /// `mine` continues `theirs`: their copy is outdated.
    TheirsOlder,
    /// Both changed since they parted.
    Conflict,
}

/// How `theirs` relates to `mine` (same id).
pub fn relate(mine: &Plan, theirs: &Plan) -> Relation {
    if mine == theirs {
        return Relation::Identical;
    }
    let (fm, ft) = (fingerprint(mine), fingerprint(theirs));
    if fm == ft {
        Relation::Identical
    } else if theirs.lineage.contains(&fm) {
        Relation::TheirsNewer
    } else if mine.lineage.contains(&ft) {
        Relation::TheirsOlder
    } else {
        Relation::Conflict
    }
}
