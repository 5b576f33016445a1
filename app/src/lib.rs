//! Courtyard (院里): the resident portal's browser app.
//!
//! `model` holds the wire types and compiles everywhere; the rest is the
//! Leptos client-side app, built only with the `ui` feature.

pub mod model;

#[cfg(feature = "ui")]
pub mod api;
#[cfg(feature = "ui")]
mod app;
#[cfg(feature = "ui")]
pub mod components;
#[cfg(feature = "ssr")]
pub mod first_screen;
#[cfg(feature = "ui")]
pub mod format;
#[cfg(feature = "ui")]
pub mod i18n;
#[cfg(feature = "ui")]
pub mod pages;
#[cfg(feature = "ui")]
pub mod prefs;
#[cfg(feature = "ui")]
pub mod routes;
#[cfg(feature = "ui")]
pub mod state;
#[cfg(feature = "csr")]
mod takeover;

#[cfg(feature = "ui")]
pub use app::App;
#[cfg(feature = "csr")]
pub use takeover::mount;
