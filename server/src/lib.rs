//! Courtyard's server as a library: one module a capability, plus the
//! shared pieces. `startup` builds and runs the server; `state` is what
//! every handler reaches.

pub mod accounts;
pub mod activities;
pub mod admin;
pub mod audit;
pub mod backup;
pub mod care;
pub mod communities;
pub mod config;
pub mod csrf;
mod csv_out;
pub mod db;
pub mod demo;
pub mod disclosures;
pub mod error;
pub mod extract;
pub mod fees;
pub mod generate;
mod health;
mod hex;
pub mod households;
pub mod inbox;
pub mod metrics;
pub mod notices;
pub mod openapi;
pub mod points;
pub mod proxy;
pub mod repairs;
mod security;
pub mod shop;
mod site;
pub mod startup;
pub mod state;
pub mod suggestions;
pub mod telemetry;
pub mod uploads;
pub mod votes;
