//! Browser end-to-end tests: real headless Chromium driven through chromedriver (WebDriver)
//! against the release build served on loopback. Run by `cargo xtask test`, which builds the
//! app, serves it and starts chromedriver, then passes their addresses in the environment.

mod support;

#[path = "../fixtures/statistics_plans.rs"]
mod statistics_fixture;

mod bench;
mod bg_child_plan;
mod carrying_out;
mod caseload;
mod cz_one_off_plan;
mod history;
mod language;
mod layout;
mod offline;
mod phone;
mod plan_files;
mod print_forms;
mod quarantine;
mod reviews;
mod settle;
mod size_budget;
mod statistics;
mod storage_full;
mod storage_unavailable;
mod today;
mod two_windows;
