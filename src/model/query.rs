//! Searching, filtering and sorting the plan list.

use super::plan::{Plan, PlanStatus};
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
    pub fn matches(&self, plan: &Plan) -> bool {
        let needle = fold(self.text.trim());
        self.status.is_none_or(|s| plan.status == s)
            && self.template.is_none_or(|t| plan.template == t)
            && (needle.is_empty() || fold(&plan.general.client_name).contains(&needle))
    }

    /// The matching plans, sorted.
    pub fn apply<'a>(&self, plans: &'a [Plan]) -> Vec<&'a Plan> {
        let mut out: Vec<&Plan> = plans.iter().filter(|p| self.matches(p)).collect();
        match self.sort {
            SortKey::UpdatedNewest => out.sort_by_key(|p| std::cmp::Reverse(p.updated_at)),
            SortKey::CreatedNewest => {
                out.sort_by_key(|p| std::cmp::Reverse((p.created_on, p.updated_at)))
            }
            SortKey::NameAz => out.sort_by_cached_key(|p| fold(&p.general.client_name)),
        }
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
