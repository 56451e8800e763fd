//! Searching, filtering and sorting the plan list.

use super::plan::PlanStatus;
use super::summary::PlanSummary;
use super::template::TemplateId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    UpdatedNewest,
    NameAz,
    CreatedNewest,
}

impl SortKey {
    pub const ALL: [SortKey; 3] = [
        SortKey::UpdatedNewest,
        SortKey::NameAz,
        SortKey::CreatedNewest,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SortKey::UpdatedNewest => "updated",
            SortKey::NameAz => "name",
            SortKey::CreatedNewest => "created",
        }
    }

    pub fn from_code(code: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|s| s.code() == code)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanQuery {
    /// Matched against the client's name, ignoring case and diacritics.
    pub text: String,
    pub status: Option<PlanStatus>,
    pub template: Option<TemplateId>,
    pub sort: SortKey,
}

impl PlanQuery {
    pub fn matches(&self, plan: &PlanSummary) -> bool {
        let needle = fold(self.text.trim());
        self.status.is_none_or(|s| plan.status == s)
            && self.template.is_none_or(|t| plan.template == t)
            && (needle.is_empty() || fold(&plan.client_name).contains(&needle))
    }

    /// The matching plans, sorted.
    pub fn apply<'a>(&self, plans: &'a [PlanSummary]) -> Vec<&'a PlanSummary> {
        // One sort with one key type for every order: each sort instantiation costs the wasm
        // several KB.
        let mut keyed: Vec<((String, i64, i64), &PlanSummary)> = plans
            .iter()
            .filter(|s| self.matches(s))
            .map(|s| {
                let (p, updated) = (s, -s.updated_at.timestamp_millis());
                let key = match self.sort {
                    SortKey::UpdatedNewest => (String::new(), updated, 0),
                    SortKey::CreatedNewest => {
                        let created = p.created_on.and_hms_opt(0, 0, 0).unwrap_or_default();
                        (String::new(), -created.and_utc().timestamp(), updated)
                    }
                    SortKey::NameAz => (fold(&p.client_name), 0, 0),
                };
                (key, s)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        let out: Vec<&PlanSummary> = keyed.into_iter().map(|(_, p)| p).collect();
        out
    }
}

/// Lower case without the diacritics of Czech (and other Latin) letters, so "novak" finds
/// "Novák". Cyrillic only needs lower-casing.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'ä' | 'à' | 'â' => 'a',
            'č' | 'ç' => 'c',
            'ď' => 'd',
            'é' | 'ě' | 'ë' | 'è' | 'ê' => 'e',
            'í' | 'ï' | 'î' => 'i',
            'ľ' | 'ĺ' => 'l',
            'ň' => 'n',
            'ó' | 'ö' | 'ô' => 'o',
            'ř' => 'r',
            'š' => 's',
            'ť' => 't',
            'ú' | 'ů' | 'ü' | 'û' => 'u',
            'ý' => 'y',
            'ž' => 'z',
            other => other,
        })
        .collect()
}
