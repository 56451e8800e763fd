//! Widgets shared by several screens.

mod banner;
pub mod change_words;
mod confirm;
mod export;
mod lang_switcher;
mod toast;

pub use banner::{QuarantinePanel, StorageBanner, StorageMeter};
pub use confirm::ConfirmDialog;
pub use export::{ExportActions, Selection};
pub use lang_switcher::LangSwitcher;
pub use toast::ToastHost;
