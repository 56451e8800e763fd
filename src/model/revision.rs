//! Revisions the way CouchDB keeps them, so copies of a plan in two tabs, two browsers or old
//! files can be related by ids alone.
//!
//! Every save gives the plan a new revision `N-<id>`: `N` (the generation) grows by one, `<id>`
//! is random and made once, when the revision is saved — never computed from the plan's text,
//! so a change of the file format cannot make two identical copies look different. A plan
//! carries the ids of its own revision and its ancestors, newest first (CouchDB's
//! `_revisions: {start, ids}`). Copy B continues copy A when A's revision is among B's ids at
//! A's generation; when neither continues the other, both changed since they parted.

use serde::{Deserialize, Serialize};

/// How many revision ids a plan keeps (its own and its ancestors'). CouchDB's default
/// `_revs_limit`. A save happens per settled burst of typing, so a plan worked on for months
/// reaches a few hundred; an 8-character id costs 11 characters of JSON, so the bound caps
/// the ancestry at about 11,000 characters. A copy older than the bound compares as a
/// conflict, whose default ("keep both") loses nothing.
pub const MAX_REVISIONS: usize = 1000;

/// Length of a revision id: 8 hex digits (32 random bits). Ids are only compared at the same
/// generation of the same plan, so a false match needs two saves of one plan at one
/// generation to draw the same 32 bits.
pub const REV_ID_LEN: usize = 8;

/// The highest generation read from a file or storage: far beyond any real history (a save a
/// second for 68 years), leaving two billion saves before `next` could overflow `u32`.
const MAX_GENERATION: u32 = i32::MAX as u32;

/// A plan's revision and its ancestors. `start == 0` (no ids): never saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Revisions {
    /// The generation of the newest revision (`N` of `N-<id>`).
    pub start: u32,
    /// Revision ids, newest first: `ids[0]` is this revision, `ids[k]` generation `start - k`.
    pub ids: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The same revision.
    Identical,
    /// `theirs` continues `mine`: taking it loses nothing.
    TheirsNewer,
    /// `mine` continues `theirs`: their copy is outdated.
    TheirsOlder,
    /// Both changed since they parted (or either was never saved).
    Conflict,
}

impl Revisions {
    pub fn is_saved(&self) -> bool {
        self.start > 0 && !self.ids.is_empty()
    }

    /// `N-<id>`, or `None` for a plan never saved.
    pub fn rev(&self) -> Option<String> {
        self.head().map(|id| format!("{}-{id}", self.start))
    }

    fn head(&self) -> Option<&str> {
        self.ids
            .first()
            .map(String::as_str)
            .filter(|_| self.start > 0)
    }

    /// The revisions after saving once more with the new id `id`.
    pub fn next(&self, id: String) -> Revisions {
        let mut ids = Vec::with_capacity((self.ids.len() + 1).min(MAX_REVISIONS));
        ids.push(id);
        ids.extend(self.ids.iter().take(MAX_REVISIONS - 1).cloned());
        Revisions {
            start: self.start + 1,
            ids,
        }
    }

    /// Whether revision `generation-id` is this one or one of its ancestors still kept.
    pub fn contains(&self, generation: u32, id: &str) -> bool {
        generation >= 1
            && generation <= self.start
            && self
                .ids
                .get((self.start - generation) as usize)
                .is_some_and(|x| x == id)
    }

    /// Whether this revision continues `other` (or is `other`).
    pub fn descends_from(&self, other: &Revisions) -> bool {
        other
            .head()
            .is_some_and(|id| self.is_saved() && self.contains(other.start, id))
    }

    /// Whether the ids are well formed: as many as the bound allows, none empty or longer
    /// than a revision id may be, and no more than the generation; and the generation is one
    /// that further saves cannot overflow.
    pub fn is_valid(&self) -> bool {
        self.start <= MAX_GENERATION
            && self.ids.len() <= MAX_REVISIONS
            && self.ids.len() <= self.start as usize
            && (self.start == 0) == self.ids.is_empty()
            && self.ids.iter().all(|id| {
                !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric())
            })
    }
}

/// How `theirs` relates to `mine` (two copies of the same plan).
pub fn relate(mine: &Revisions, theirs: &Revisions) -> Relation {
    if !mine.is_saved() || !theirs.is_saved() {
        return Relation::Conflict;
    }
    if mine.start == theirs.start && mine.head() == theirs.head() {
        Relation::Identical
    } else if theirs.descends_from(mine) {
        Relation::TheirsNewer
    } else if mine.descends_from(theirs) {
        Relation::TheirsOlder
    } else {
        Relation::Conflict
    }
}

/// A revision id from 32 random bits (the caller's random source: Web Crypto in the browser).
pub fn rev_id(random: u32) -> String {
    format!("{random:08x}")
}

/// The revision id given to a plan saved by format 1, which had a revision number but no id.
/// Made from what identifies that save — the plan's id, its revision number and the exact
/// time of the save — so two copies of one v1 save, migrated apart, get the same id.
pub fn v1_rev_id(plan_id: &str, revision: u32, updated_at: &str) -> String {
    let mut hash: u32 = 0x811c_9dc5; // FNV-1a 32
    for b in plan_id
        .bytes()
        .chain(revision.to_le_bytes())
        .chain(updated_at.bytes())
    {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    rev_id(hash)
}
