//! App-wide state, provided as context: the plans in memory, the store behind them, what
//! the load found, and the toast. Components call these methods instead of the store.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use uuid::Uuid;

use super::browser;
use crate::model::{
    remembered_key_worker, rev_id, Lang, Plan, PlanSummary, Revisions, StoredPlan, Template,
};
use crate::storage::{
    plan_id_of_key, Backend, BackendError, LoadReport, Loaded, MemoryBackend, Mode,
    QuarantineEntry, SaveError, Store, Unreadable, Usage, QUARANTINE_PREFIX, SETTINGS_KEY,
};

type AnyStore = Store<Box<dyn Backend>>;

/// How plans are kept in this browser, as the banner tells the user.
#[derive(Debug, Clone, PartialEq)]
pub enum Persistence {
    Saved,
    /// localStorage refused: plans live only as long as the tab.
    MemoryOnly(String),
    /// Written by a newer Opora (the stored schema version).
    ReadOnly(String),
    /// Storage can be read but takes no write: every plan is shown, read-only.
    Full,
}

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveFailure {
    /// Another window saved this plan meanwhile; here is what it stored.
    Conflict(Box<StoredPlan>),
    /// Storage refused (full, read-only, blocked): the words for the user.
    Refused(String),
}

/// What an undo button does. Not a `Callback`: the screen that made it may be gone when
/// the user clicks, and a callback dies with its screen.
pub type Action = Arc<dyn Fn() + Send + Sync>;

#[derive(Clone)]
pub struct Toast {
    pub message: String,
    pub action: Option<(String, Action)>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct StorageReport {
    pub quarantined: Vec<QuarantineEntry>,
    pub newly_quarantined: usize,
    pub stuck: Vec<Unreadable>,
    pub missing: usize,
    pub write_problem: Option<String>,
    /// The last save that failed, shown until a save succeeds.
    pub save_error: Option<String>,
}

#[derive(Clone, Copy)]
pub struct AppState {
    /// A summary of every stored plan (kept in step with other tabs); a whole plan is read
    /// from the store when it is opened or exported.
    pub plans: RwSignal<Vec<PlanSummary>>,
    /// The last plan another window saved (the `storage` event), for an open editor.
    pub arrived: RwSignal<Option<StoredPlan>>,
    /// A new plan that has not been saved yet (nothing typed into it so far).
    pub draft: RwSignal<Option<Plan>>,
    pub persistence: RwSignal<Persistence>,
    pub report: RwSignal<StorageReport>,
    pub toast: RwSignal<Option<Toast>>,
    /// How many plans the last import wrote, while its notice (with undo) is on the list.
    pub imported: RwSignal<Option<usize>>,
    /// When all plans were last exported; drives the backup reminder.
    pub last_backup: RwSignal<Option<DateTime<Utc>>>,
    /// How much of the browser's storage is used (the meter).
    pub usage: RwSignal<Usage>,
    /// Whether the browser keeps this origin's storage for good (`None`: it cannot say).
    pub kept: RwSignal<Option<bool>>,
    /// The review interval per form (the "Today" view's setting).
    pub review_intervals: RwSignal<crate::model::due::ReviewIntervals>,
    store: StoredValue<AnyStore, LocalStorage>,
}

fn open_store() -> (AnyStore, LoadReport, Persistence) {
    let local = crate::storage::local::LocalStorage::open();
    let (backend, mut persistence): (Box<dyn Backend>, _) = match local {
        Ok(ls) => (Box::new(ls), Persistence::Saved),
        Err(e) => (
            Box::new(MemoryBackend::default()),
            Persistence::MemoryOnly(describe(&e)),
        ),
    };
    let memory = || -> (AnyStore, LoadReport) {
        let memory: Box<dyn Backend> = Box::new(MemoryBackend::default());
        Store::open(memory, browser::now()).expect("memory storage always opens")
    };
    let (mut store, mut report) = match Store::open(backend, browser::now()) {
        Ok(x) => x,
        Err(e) => {
            // Reading failed half-way: fall back to memory rather than risk writing.
            persistence = Persistence::MemoryOnly(describe(&e));
            memory()
        }
    };
    match store.mode() {
        Mode::ReadOnly { stored_schema } => {
            persistence = Persistence::ReadOnly(stored_schema.clone());
        }
        // Takes no write and holds nothing of ours (some private modes): work in memory.
        Mode::Full if report.plans.is_empty() && report.quarantined.is_empty() => {
            let why = report
                .write_problem
                .as_ref()
                .map(describe)
                .unwrap_or_default();
            persistence = Persistence::MemoryOnly(why);
            (store, report) = memory();
        }
        Mode::Full => persistence = Persistence::Full,
        Mode::Normal => {}
    }
    (store, report, persistence)
}

pub fn describe(e: &BackendError) -> String {
    match e {
        BackendError::Unavailable(s) | BackendError::Other(s) => s.clone(),
        BackendError::QuotaExceeded => "QuotaExceededError".into(),
    }
}

fn describe_save(e: &SaveError) -> String {
    match e {
        SaveError::ReadOnly => "read-only".into(),
        SaveError::Blocked => "blocked".into(),
        SaveError::Conflict(_) => "changed in another window".into(),
        SaveError::Backend(b) => describe(b),
    }
}

impl SaveFailure {
    /// Words for a toast where a conflict is not expected (a new or restored plan).
    pub fn words(self) -> String {
        match self {
            SaveFailure::Conflict(_) => describe_save(&SaveError::Blocked),
            SaveFailure::Refused(msg) => msg,
        }
    }
}

/// A new revision id from Web Crypto.
fn new_rev_id() -> String {
    rev_id(browser::new_id().as_u128() as u32)
}

impl AppState {
    pub fn load() -> AppState {
        let (store, load, persistence) = open_store();
        let report = StorageReport {
            quarantined: load.quarantined,
            newly_quarantined: load.newly_quarantined,
            stuck: load.stuck,
            missing: load.missing.len(),
            write_problem: load.write_problem.as_ref().map(describe),
            save_error: None,
        };
        let last_backup = store.last_backup();
        let usage = store.usage();
        let review_intervals = store.review_intervals();
        AppState {
            review_intervals: RwSignal::new(review_intervals),
            usage: RwSignal::new(usage),
            kept: RwSignal::new(None),
            last_backup: RwSignal::new(last_backup),
            plans: RwSignal::new(load.plans),
            arrived: RwSignal::new(None),
            draft: RwSignal::new(None),
            persistence: RwSignal::new(persistence),
            report: RwSignal::new(report),
            toast: RwSignal::new(None),
            imported: RwSignal::new(None),
            store: StoredValue::new_local(store),
        }
    }

    pub fn saved_ui_lang(&self) -> Option<Lang> {
        self.store.with_value(|s| s.ui_lang())
    }

    pub fn remember_ui_lang(&self, lang: Lang) {
        // Not remembering a language is no reason to bother the user.
        let _ = self.store.try_update_value(|s| s.set_ui_lang(lang));
    }

    /// Sets the review interval of one form (months already checked: `due::parse_interval`).
    pub fn set_review_interval(
        &self,
        template: crate::model::TemplateId,
        months: u32,
    ) -> Result<(), String> {
        let saved = self
            .store
            .try_update_value(|s| s.set_review_interval(template, months))
            .unwrap_or(Err(SaveError::Blocked))
            .map_err(|e| describe_save(&e))?;
        self.refresh_usage();
        self.review_intervals.set(saved);
        Ok(())
    }

    pub fn start_draft(&self, template: &Template, lang: Lang) -> Uuid {
        let plan = Plan::new(
            template,
            browser::new_id(),
            lang,
            browser::now(),
            browser::new_id,
        );
        let id = plan.id;
        self.draft.set(Some(plan));
        id
    }

    /// A one-off plan for the quick screen, with the key worker of the latest plan.
    pub fn start_quick_draft(&self, template: &Template, lang: Lang) -> Uuid {
        let worker = self.plans.with_untracked(|ps| remembered_key_worker(ps));
        let plan = Plan::quick(
            template,
            browser::new_id(),
            lang,
            browser::now(),
            worker,
            browser::new_id,
        );
        let id = plan.id;
        self.draft.set(Some(plan));
        id
    }

    /// Reads the stored plan with `id`. An unreadable one is set aside and leaves the list.
    pub fn load_plan(&self, id: Uuid) -> Option<StoredPlan> {
        let loaded = self
            .store
            .try_update_value(|s| s.load(id, browser::now()))?;
        match loaded {
            Ok(Loaded::Plan(p)) => Some(*p),
            Ok(Loaded::Unreadable) => {
                self.forget(id);
                self.refresh_quarantine();
                None
            }
            Ok(Loaded::Gone) => {
                self.forget(id);
                None
            }
            Err(_) => None,
        }
    }

    /// The earlier versions of plan `id` (read only; nothing is written).
    pub fn history(&self, id: Uuid) -> crate::model::history::History {
        self.store
            .try_with_value(|s| s.history(id))
            .unwrap_or_default()
    }

    /// Reads the stored plans with these ids (all of them: `None`), in list order.
    pub fn load_many(&self, ids: Option<&[Uuid]>) -> Vec<StoredPlan> {
        let wanted: Vec<Uuid> = self.plans.with_untracked(|ps| {
            ps.iter()
                .map(|p| p.id)
                .filter(|id| ids.is_none_or(|ids| ids.contains(id)))
                .collect()
        });
        wanted
            .into_iter()
            .filter_map(|id| self.load_plan(id))
            .collect()
    }

    fn forget(&self, id: Uuid) {
        if self
            .plans
            .with_untracked(|ps| ps.iter().any(|p| p.id == id))
        {
            self.plans.update(|ps| ps.retain(|p| p.id != id));
        }
    }

    /// The plan with `id` and the revision it continues: stored, or the unsaved draft.
    pub fn find(&self, id: Uuid) -> Option<(Plan, Revisions)> {
        self.load_plan(id)
            .map(|s| (s.plan, s.revisions))
            .or_else(|| {
                let draft = self.draft.get_untracked().filter(|d| d.id == id)?;
                Some((draft, Revisions::default()))
            })
    }

    /// Saves `plan` as the revision after `base` and returns it as stored. A failure other
    /// than a conflict is also shown in a banner.
    pub fn save(&self, plan: &Plan, base: &Revisions) -> Result<StoredPlan, SaveFailure> {
        let result = self
            .store
            .try_update_value(|s| s.save(plan, base, browser::now(), new_rev_id()))
            .unwrap_or(Err(SaveError::Blocked));
        self.refresh_usage();
        match result {
            Ok(stored) => {
                self.put_plan(&stored);
                if self
                    .draft
                    .with_untracked(|d| d.as_ref().is_some_and(|d| d.id == stored.id()))
                {
                    self.draft.set(None);
                }
                self.report.update(|r| r.save_error = None);
                super::offline::ask_to_keep(self.kept);
                Ok(stored)
            }
            Err(SaveError::Conflict(theirs)) => {
                self.put_plan(&theirs);
                Err(SaveFailure::Conflict(theirs))
            }
            Err(e) => {
                let msg = describe_save(&e);
                self.report.update(|r| r.save_error = Some(msg.clone()));
                Err(SaveFailure::Refused(msg))
            }
        }
    }

    /// Saves a plan that is not stored yet (a restored or copied one).
    pub fn save_new(&self, plan: &Plan) -> Result<StoredPlan, String> {
        self.save(plan, &Revisions::default())
            .map_err(SaveFailure::words)
    }

    /// Keeps an edit this window could not save (a conflict left unsettled) among the
    /// set-aside values, so it is not lost when the window closes.
    pub fn set_aside(&self, plan: &Plan, base: &Revisions) {
        let now = browser::now();
        let kept = StoredPlan {
            revisions: base.clone(),
            updated_at: now,
            plan: plan.clone(),
        };
        let _ = self.store.try_update_value(|s| s.set_aside(&kept, now));
        self.refresh_quarantine();
    }

    fn put_plan(&self, stored: &StoredPlan) {
        let summary = PlanSummary::of(stored);
        if self.plans.with_untracked(|ps| ps.contains(&summary)) {
            return;
        }
        self.plans
            .update(|ps| match ps.iter_mut().find(|p| p.id == summary.id) {
                Some(p) => *p = summary,
                None => ps.push(summary),
            });
    }

    pub fn delete(&self, id: Uuid) -> Result<StoredPlan, String> {
        let plan = self.load_plan(id).ok_or_else(|| "not found".to_string())?;
        self.store
            .try_update_value(|s| s.delete(id))
            .unwrap_or(Err(SaveError::Blocked))
            .map_err(|e| describe_save(&e))?;
        self.forget(id);
        self.after_freeing_space();
        Ok(plan)
    }

    /// Puts a deleted plan back (undo), as the revision after the one deleted, so its copies
    /// elsewhere still relate to it.
    pub fn restore(&self, deleted: &StoredPlan) -> Result<StoredPlan, String> {
        self.save(&deleted.plan, &deleted.revisions)
            .map_err(SaveFailure::words)
    }

    /// Removes a set-aside value for good.
    pub fn discard_quarantined(&self, key: &str) -> Result<(), String> {
        self.store
            .try_update_value(|s| s.discard_quarantined(key))
            .unwrap_or(Err(SaveError::Blocked))
            .map_err(|e| describe_save(&e))?;
        self.refresh_quarantine();
        self.after_freeing_space();
        Ok(())
    }

    /// Opens a set-aside plan as a new plan of its own (a copy with a new id); returns its id.
    pub fn open_as_copy(&self, entry: &QuarantineEntry) -> Result<Uuid, String> {
        let mut copy = entry
            .plan
            .as_ref()
            .ok_or_else(|| "not a plan".to_string())?
            .plan
            .clone();
        copy.copied_from = Some(copy.id);
        copy.id = browser::new_id();
        let stored = self.save_new(&copy)?;
        Ok(stored.id())
    }

    /// After a deletion: storage that was full may take writes again.
    fn after_freeing_space(&self) {
        self.refresh_usage();
        let normal = self
            .store
            .try_with_value(|s| *s.mode() == Mode::Normal)
            .unwrap_or(false);
        if normal && self.persistence.get_untracked() == Persistence::Full {
            self.persistence.set(Persistence::Saved);
        }
    }

    fn refresh_usage(&self) {
        if let Some(u) = self.store.try_with_value(|s| s.usage()) {
            if self.usage.get_untracked() != u {
                self.usage.set(u);
            }
        }
    }

    /// Another window wrote `key` (the browser's `storage` event): read it again so this
    /// window shows what is stored. Nothing is written.
    pub fn changed_elsewhere(&self, key: &str) {
        if let Some(id) = plan_id_of_key(key) {
            // `load` measures the key for the meter as it reads it.
            if let Some(p) = self.load_plan(id) {
                self.put_plan(&p);
                self.arrived.set(Some(p));
            }
        } else {
            let _ = self.store.try_update_value(|s| s.reload_size(key));
            if key.starts_with(QUARANTINE_PREFIX) {
                self.refresh_quarantine();
            } else if key == SETTINGS_KEY {
                if let Some(b) = self.store.try_with_value(|s| s.last_backup()) {
                    self.last_backup.set(b);
                }
                if let Some(i) = self.store.try_with_value(|s| s.review_intervals()) {
                    if self.review_intervals.get_untracked() != i {
                        self.review_intervals.set(i);
                    }
                }
            }
        }
        self.refresh_usage();
    }

    /// Remembers that all plans were exported just now.
    pub fn record_backup(&self) {
        let now = browser::now();
        let _ = self.store.try_update_value(|s| s.set_last_backup(now));
        self.last_backup.set(Some(now));
    }

    /// Writes the resolved import, all or nothing.
    pub fn apply_import(&self, writes: &[StoredPlan]) -> Result<(), String> {
        self.store
            .try_update_value(|s| s.apply_import(writes))
            .unwrap_or(Err(SaveError::Blocked))
            .map_err(|e| describe_save(&e))?;
        for w in writes {
            self.put_plan(w);
        }
        self.refresh_usage();
        Ok(())
    }

    /// Takes the last import back.
    pub fn undo_import(&self) -> Result<(), String> {
        let (restored, removed) = self
            .store
            .try_update_value(|s| s.undo_import())
            .unwrap_or(Err(SaveError::Blocked))
            .map_err(|e| describe_save(&e))?;
        self.plans
            .update(|ps| ps.retain(|p| !removed.contains(&p.id)));
        for r in &restored {
            self.put_plan(r);
        }
        self.refresh_usage();
        Ok(())
    }

    fn refresh_quarantine(&self) {
        if let Some(Ok(q)) = self.store.try_with_value(|s| s.quarantined()) {
            self.report.update(|r| r.quarantined = q);
        }
    }

    pub fn show_toast(&self, message: String, action: Option<(String, Action)>) {
        self.toast.set(Some(Toast { message, action }));
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
