//! CSV downloads for the office: the one writer every export goes through.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab
//! or carriage return before one) as a formula, so a resident who types
//! `=HYPERLINK(…)` as a place would plant a live link in the office's
//! export. Every text cell is defused here, whatever its column; only
//! numbers the server formats itself ([`Cell::number`], [`Cell::yuan`]) are
//! written as they are, so a reversal's `-50.00` stays a number.

use axum::http::header;
use axum::response::IntoResponse;

use crate::error::ApiError;

/// One cell of a row.
pub struct Cell(String);

impl Cell {
    /// An integer.
    pub fn number(n: i64) -> Self {
        Self(n.to_string())
    }

    /// Hundredths (of a m²) with two decimals: `5432` → `54.32`.
    pub fn hundredths(n: i64) -> Self {
        Self(app::model::yuan(n))
    }

    /// Fen as yuan with two decimals: `-5000` → `-50.00`.
    pub fn yuan(fen: i64) -> Self {
        Self(app::model::yuan(fen))
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Self(defuse(&text))
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Self(defuse(text))
    }
}

impl From<Option<String>> for Cell {
    fn from(text: Option<String>) -> Self {
        text.unwrap_or_default().into()
    }
}

/// A CSV file being written: a UTF-8 BOM (so Excel on a Chinese Windows
/// opens it right), a header, then rows.
pub struct Csv {
    writer: csv::Writer<Vec<u8>>,
}

impl Csv {
    pub fn new(header: &[&str]) -> Result<Self, ApiError> {
        let mut csv = Self {
            writer: csv::Writer::from_writer(Vec::from(&b"\xEF\xBB\xBF"[..])),
        };
        csv.row(header.iter().map(|h| Cell::from(*h)))?;
        Ok(csv)
    }

    pub fn row(&mut self, cells: impl IntoIterator<Item = Cell>) -> Result<(), ApiError> {
        self.writer
            .write_record(cells.into_iter().map(|c| c.0))
            .map_err(|e| ApiError::Internal(e.into()))
    }

    /// The download, named `name`.
    pub fn response(self, name: &str) -> Result<impl IntoResponse + use<>, ApiError> {
        let bytes = self
            .writer
            .into_inner()
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))?;
        Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
            ],
            bytes,
        ))
    }
}

/// The first characters a spreadsheet reads as the start of a formula.
const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Text made safe for spreadsheets: a leading formula character gets a `'`
/// first, which Excel and WPS show as nothing.
fn defuse(text: &str) -> String {
    if text.starts_with(FORMULA) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The cell as it was before [`defuse`], for a file the office exported
/// and now imports again.
pub fn undefuse(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_plain_text_is_not() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("@SUM(1)"), "'@SUM(1)");
        assert_eq!(defuse("-1+1"), "'-1+1");
        assert_eq!(defuse("\t=1"), "'\t=1");
        assert_eq!(defuse("水管漏了"), "水管漏了");
    }

    #[test]
    fn numbers_the_server_formats_stay_numbers() {
        assert_eq!(Cell::yuan(-5000).0, "-50.00");
        assert_eq!(Cell::number(-3).0, "-3");
        assert_eq!(Cell::from("-3".to_owned()).0, "'-3");
    }

    #[test]
    fn an_exported_cell_imports_as_it_was() {
        for text in ["=1+1", "-3号楼", "'引号", "普通"] {
            assert_eq!(undefuse(&defuse(text)), text);
        }
    }
}
