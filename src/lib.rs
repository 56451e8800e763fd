//! Opora: individual plans for social work and counselling, kept in the browser.
//!
//! Layers (dependencies point down): `ui` → `files`/`storage` → `model`.
//! `model` and the storage logic are plain Rust and tested natively; everything
//! that needs a browser is compiled for `wasm32` only.

pub mod files;
pub mod model;
pub mod storage;

// The compile-time checked translations (generated from `locales/*.json` by `build.rs`).
#[cfg(target_arch = "wasm32")]
include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
#[cfg(target_arch = "wasm32")]
pub mod ui;
