//! Accounts: people, their roles, sessions, and the codes that let them in.

pub mod codes;
pub mod helpers;
pub mod me;
pub mod office;
pub mod password;
pub mod phone;
pub mod rate_limit;
pub mod routes;
pub mod session;
pub mod store;
