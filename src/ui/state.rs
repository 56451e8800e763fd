//! App-wide state, provided as context: the plans in memory, the store behind them, what
//! the load found, and the toast. Components call these methods instead of the store.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use uuid::Uuid;

use super::browser;
use crate::model::{Lang, Plan, Template};
use crate::storage::{
    Backend, BackendError, LoadReport, MemoryBackend, Mode, QuarantineEntry, SaveError, Saved,
    Store, Unreadable,
};

type AnyStore = Store<Box<dyn Backend>>;

/// How plans are kept in this browser, as the banner tells the user.
#[derive(Debug, Clone, PartialEq)]
pub enum Persistence {
    Saved,
    /// localStorage refused: plans live only as long as the tab.
    MemoryOnly(String),
    ReadOnly(String),
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
    pub plans: RwSignal<Vec<Plan>>,
    /// A new plan that has not been saved yet (nothing typed into it so far).
    pub draft: RwSignal<Option<Plan>>,
    pub persistence: RwSignal<Persistence>,
    pub report: RwSignal<StorageReport>,
    pub toast: RwSignal<Option<Toast>>,
    /// When all plans were last exported; drives the backup reminder.
    pub last_backup: RwSignal<Option<DateTime<Utc>>>,
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
    let (store, report) = match Store::open(backend, browser::now()) {
        Ok(x) => x,
        Err(e) => {
            // Reading failed half-way: fall back to memory rather than risk writing.
            persistence = Persistence::MemoryOnly(describe(&e));
            let memory: Box<dyn Backend> = Box::new(MemoryBackend::default());
            Store::open(memory, browser::now()).expect("memory storage always opens")
        }
    };
    if let Mode::ReadOnly { stored_schema } = store.mode() {
        persistence = Persistence::ReadOnly(stored_schema.clone());
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
        SaveError::Backend(b) => describe(b),
    }
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
        AppState {
            last_backup: RwSignal::new(last_backup),
            plans: RwSignal::new(load.plans),
            draft: RwSignal::new(None),
            persistence: RwSignal::new(persistence),
            report: RwSignal::new(report),
            toast: RwSignal::new(None),
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

    /// The plan with `id`, saved or the unsaved draft.
    pub fn find(&self, id: Uuid) -> Option<Plan> {
        self.plans
            .with_untracked(|ps| ps.iter().find(|p| p.id == id).cloned())
            .or_else(|| self.draft.get_untracked().filter(|d| d.id == id))
    }

    /// Saves a plan and returns it as stored (new revision); errors are also shown in a banner.
    pub fn save(&self, plan: &Plan) -> Result<Plan, String> {
        let result = self
            .store
            .try_update_value(|s| s.save(plan, browser::now()))
            .unwrap_or(Err(SaveError::Blocked));
        match result {
            Ok((stored, outcome)) => {
                self.plans
                    .update(|ps| match ps.iter_mut().find(|p| p.id == stored.id) {
                        Some(p) => *p = stored.clone(),
                        None => ps.push(stored.clone()),
                    });
                if self
                    .draft
                    .with_untracked(|d| d.as_ref().is_some_and(|d| d.id == stored.id))
                {
                    self.draft.set(None);
                }
                self.report.update(|r| r.save_error = None);
                if let Saved::KeptOther { .. } = outcome {
                    self.refresh_quarantine();
                }
                Ok(stored)
            }
            Err(e) => {
                let msg = describe_save(&e);
                self.report.update(|r| r.save_error = Some(msg.clone()));
                Err(msg)
            }
        }
    }

    pub fn delete(&self, id: Uuid) -> Result<Plan, String> {
        let plan = self.find(id).ok_or_else(|| "not found".to_string())?;
        self.store
            .try_update_value(|s| s.delete(id))
            .unwrap_or(Err(SaveError::Blocked))
            .map_err(|e| describe_save(&e))?;
        self.plans.update(|ps| ps.retain(|p| p.id != id));
        Ok(plan)
    }

    /// Puts a deleted plan back (undo).
    pub fn restore(&self, plan: Plan) -> Result<Plan, String> {
        self.save(&plan)
    }

    /// Remembers that all plans were exported just now.
    pub fn record_backup(&self) {
        let now = browser::now();
        let _ = self.store.try_update_value(|s| s.set_last_backup(now));
        self.last_backup.set(Some(now));
    }

    /// Writes the resolved import, all or nothing.
    pub fn apply_import(&self, writes: &[Plan]) -> Result<(), String> {
        self.store
            .try_update_value(|s| s.apply_import(writes))
            .unwrap_or(Err(SaveError::Blocked))
            .map_err(|e| describe_save(&e))?;
        self.plans.update(|ps| {
            for w in writes {
                match ps.iter_mut().find(|p| p.id == w.id) {
                    Some(p) => *p = w.clone(),
                    None => ps.push(w.clone()),
                }
            }
        });
        Ok(())
    }

    /// Takes the last import back.
    pub fn undo_import(&self) -> Result<(), String> {
        let (restored, removed) = self
            .store
            .try_update_value(|s| s.undo_import())
            .unwrap_or(Err(SaveError::Blocked))
            .map_err(|e| describe_save(&e))?;
        self.plans.update(|ps| {
            ps.retain(|p| !removed.contains(&p.id));
            for r in restored {
                match ps.iter_mut().find(|p| p.id == r.id) {
                    Some(p) => *p = r,
                    None => ps.push(r),
                }
            }
        });
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
