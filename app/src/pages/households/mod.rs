//! The office's households: registration slips with their codes, and the
//! household list imported from a spreadsheet.

mod codes;
mod import;

pub use codes::CodesPage;
pub use import::ImportPage;
