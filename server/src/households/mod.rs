//! Households in and out: the office's CSV of buildings and flats.

mod csv_in;
pub mod routes;
