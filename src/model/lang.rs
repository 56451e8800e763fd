use serde::Serialize;

/// A language of the UI and of a plan (the plan's is used when it is printed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Cs,
    Bg,
    #[default]
    En,
}

crate::model::codes::code_enum!(Lang, [Cs = "cs", Bg = "bg", En = "en"]);

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Cs, Lang::Bg, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Cs => "cs",
            Lang::Bg => "bg",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's name in itself, for the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Cs => "Čeština",
            Lang::Bg => "Български",
            Lang::En => "English",
        }
    }
}
