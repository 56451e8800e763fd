//! The app's settings (`opora:settings`): the UI language, the time of the last backup and
//! the review interval per form. One small JSON value; unreadable settings read as defaults.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Backend, SaveError, Store, SETTINGS_KEY};
use crate::model::due::ReviewIntervals;
use crate::model::{Lang, TemplateId};

#[derive(Debug, Serialize, Deserialize, Default, PartialEq)]
struct Settings {
    ui_lang: Option<Lang>,
    /// When all plans were last exported (the backup).
    #[serde(default, with = "crate::model::time_format::serde_opt_timestamp")]
    last_backup: Option<DateTime<Utc>>,
    /// The review interval per form where the user set one (the "Today" view).
    #[serde(default, skip_serializing_if = "is_default")]
    review_months: ReviewIntervals,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

impl<B: Backend> Store<B> {
    pub fn ui_lang(&self) -> Option<Lang> {
        self.settings().ui_lang
    }

    pub fn set_ui_lang(&mut self, lang: Lang) -> Result<(), SaveError> {
        self.update_settings(|s| s.ui_lang = Some(lang)).map(drop)
    }

    pub fn last_backup(&self) -> Option<DateTime<Utc>> {
        self.settings().last_backup
    }

    pub fn set_last_backup(&mut self, at: DateTime<Utc>) -> Result<(), SaveError> {
        self.update_settings(|s| s.last_backup = Some(at)).map(drop)
    }

    /// The review interval per form (the user's where set, else each template's own).
    pub fn review_intervals(&self) -> ReviewIntervals {
        self.settings().review_months
    }

    /// Sets the review interval of one form (the caller checks the range: `due::parse_interval`).
    pub fn set_review_interval(
        &mut self,
        template: TemplateId,
        months: u32,
    ) -> Result<ReviewIntervals, SaveError> {
        Ok(self
            .update_settings(|s| s.review_months.set(template, months))?
            .review_months)
    }

    /// Reads the settings, changes them with `change`, writes them back and returns them.
    fn update_settings(
        &mut self,
        change: impl FnOnce(&mut Settings),
    ) -> Result<Settings, SaveError> {
        self.writable()?;
        let mut s = self.settings();
        change(&mut s);
        let json = serde_json::to_string(&s).expect("settings serialize");
        self.put(SETTINGS_KEY, &json)?;
        Ok(s)
    }

    fn settings(&self) -> Settings {
        self.backend
            .get(SETTINGS_KEY)
            .ok()
            .flatten()
            .and_then(|raw| serde_json::from_str(&raw).ok())
            .unwrap_or_default()
    }
}
