//! Accounts: users, roles and their passwords.

pub mod password;
pub mod store;
