//! `/api/v1/uploads`: photos, checked by content and re-encoded, stored by
//! random id under `<data>/uploads/`, served only to those allowed.

pub mod image;
mod routes;

pub use routes::{photo, router};
