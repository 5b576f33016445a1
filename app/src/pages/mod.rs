//! One folder per capability; each page reads its words from `i18n`.

pub mod accounts;
pub mod activities;
pub mod admin;
pub mod audit;
pub mod care;
pub mod disclosures;
pub mod fees;
pub mod guide;
pub mod home;
pub mod households;
pub mod inbox;
pub mod manage;
pub mod not_found;
pub mod notices;
pub mod points;
pub mod repairs;
pub mod shop;
pub mod suggestions;
pub mod votes;

mod intro;
