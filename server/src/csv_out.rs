//! CSV downloads for the office.

use axum::http::header;
use axum::response::IntoResponse;

use crate::error::ApiError;

/// A CSV body with a UTF-8 BOM, so Excel on a Chinese Windows opens it right.
pub fn response(name: &str, rows: Vec<Vec<String>>) -> Result<impl IntoResponse + use<>, ApiError> {
    let mut writer = csv::Writer::from_writer(Vec::from(&b"\xEF\xBB\xBF"[..]));
    for row in rows {
        writer
            .write_record(&row)
            .map_err(|e| ApiError::Internal(e.into()))?;
    }
    let bytes = writer
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

/// Text typed by residents, made safe for spreadsheets: a leading `=`, `+`,
/// `-` or `@` would be run as a formula by Excel, so it gets a `'` first.
pub fn defuse(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::defuse;

    #[test]
    fn formulas_are_defused_and_plain_text_is_not() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("@SUM(1)"), "'@SUM(1)");
        assert_eq!(defuse("水管漏了"), "水管漏了");
    }
}
