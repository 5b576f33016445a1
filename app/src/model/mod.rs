//! The wire types: every JSON body the API sends or accepts, defined once.
//!
//! This module compiles without Leptos (the server uses it with the `ui`
//! feature off) and with `openapi` it also derives the schemas for the
//! server's OpenAPI document.

mod community;
mod error;
mod health;
mod page;

pub use community::{BuildingKind, CommunitySummary};
pub use error::{ErrorBody, ErrorDetail};
pub use health::Health;
pub use page::{Page, PageQuery};
