//! Communities: the compounds one deployment serves.

pub mod routes;
pub mod store;
