//! Black-box API tests: each starts the real server on port 0 with a fresh
//! database, once on SQLite and once on PostgreSQL.

#[macro_use]
mod helpers;

mod accounts;
mod activities;
mod admin;
mod audit;
mod backup;
mod battery;
mod care;
mod communities;
mod crash;
mod demo;
mod disclosures;
mod errors;
mod exports;
mod fee_claims;
mod fees;
mod first_screen;
mod generate;
mod health;
mod inbox;
mod joining;
mod logs;
mod matrix;
mod metrics;
mod notices;
mod office;
mod paging;
mod points;
mod proxy;
mod queries;
mod reminders;
mod repairs;
mod schema;
mod shop_race;
mod site;
mod suggestions;
mod uploads;
mod votes;
