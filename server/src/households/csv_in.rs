//! Reading the office's household CSV: UTF-8 (with or without BOM) or GBK
//! (what Excel on a Chinese Windows saves), checked row by row.

use app::model::ErrorCode;
use std::collections::HashSet;

use app::model::text::kind as texts;
use app::model::{BuildingKind, ImportRow, Text, TextKind};

use crate::accounts::phone::PhoneNumber;
use crate::error::ApiError;

/// The columns, by their English and Chinese names.
const COLUMNS: [(&str, &str); 6] = [
    ("building", "楼"),
    ("building_kind", "类型"),
    ("flat_label", "门牌"),
    ("area_m2", "面积"),
    ("resident_name", "姓名"),
    ("resident_phone", "电话"),
];
/// The last two may be left out.
const REQUIRED: usize = 4;

/// The file as text. GBK is accepted: offices save from Excel.
pub fn decode(bytes: &[u8]) -> Result<String, ApiError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(bytes);
    if had_errors || text.contains('\0') {
        return Err(ApiError::bad_request(
            ErrorCode::NotText,
            "文件不是 CSV 文本（UTF-8 或 GBK），请在 Excel 里“另存为 CSV”",
        ));
    }
    Ok(text.into_owned())
}

/// A cell of text parsed as its kind; a refusal is listed on the row and
/// the cell kept as it was, for the preview.
fn text_cell<K: TextKind>(
    cell: String,
    line: i64,
    label: &str,
    problems: &mut Vec<String>,
) -> String {
    match Text::<K>::parse(&cell) {
        Ok(text) => text.into_string(),
        Err(refused) => {
            problems.push(format!("第 {line} 行“{label}”：{}", refused.message));
            cell
        }
    }
}

fn kind(input: &str) -> Option<BuildingKind> {
    match input.trim() {
        "block" | "楼房" | "楼" => Some(BuildingKind::Block),
        "bungalow_row" | "平房" => Some(BuildingKind::BungalowRow),
        "tube" | "筒子楼" => Some(BuildingKind::Tube),
        _ => None,
    }
}

/// "54.32" → 5432 hundredths of m²; at most two decimals, 0 < area < 1000.
fn area(input: &str) -> Option<i64> {
    let s = input.trim();
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty()
        || frac.len() > 2
        || !whole
            .bytes()
            .chain(frac.bytes())
            .all(|b| b.is_ascii_digit())
        || whole.len() > 3
    {
        return None;
    }
    let value = whole.parse::<i64>().ok()? * 100 + format!("{frac:0<2}").parse::<i64>().ok()?;
    (value > 0).then_some(value)
}

/// Parses and checks every row (a flat in `existing` is marked, to be
/// updated). `existing` holds "building\tflat" already in
/// the community. A problem with the header is an error; problems with rows
/// are listed on the rows.
pub fn parse(text: &str, existing: &HashSet<String>) -> Result<Vec<ImportRow>, ApiError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|_| ApiError::bad_request(ErrorCode::InvalidCsv, "第 1 行（表头）读不出来"))?
        .clone();
    let mut index = [None; 6];
    for (i, (en, zh)) in COLUMNS.iter().enumerate() {
        index[i] = header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(en) || h == *zh);
        if i < REQUIRED && index[i].is_none() {
            return Err(ApiError::bad_request(
                ErrorCode::MissingColumn,
                format!("表头缺少“{zh}”（{en}）这一列"),
            ));
        }
    }
    let mut seen = HashSet::new();
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = i64::try_from(n).unwrap_or(i64::MAX) + 2;
        if rows.len() >= 5000 {
            return Err(ApiError::bad_request(
                ErrorCode::TooManyRows,
                "一次最多导入 5000 户",
            ));
        }
        let record = record.map_err(|_| {
            ApiError::bad_request(ErrorCode::InvalidCsv, format!("第 {line} 行读不出来"))
        })?;
        // A file the office exported earlier has its formula cells defused.
        let cell = |i: usize| {
            crate::csv_out::undefuse(index[i].and_then(|c| record.get(c)).unwrap_or("")).to_owned()
        };
        let mut problems = Vec::new();
        let building = text_cell::<texts::Building>(cell(0), line, "楼", &mut problems);
        let kind_text = cell(1);
        let kind = kind(&kind_text);
        if kind.is_none() {
            problems.push(format!("第 {line} 行“类型”：只能是 楼房、平房 或 筒子楼"));
        }
        let flat = text_cell::<texts::Flat>(cell(2), line, "门牌", &mut problems);
        let area_text = cell(3);
        let area = area(&area_text);
        if area.is_none() {
            problems.push(format!(
                "第 {line} 行“面积”：“{area_text}”不是面积（如 54.32）"
            ));
        }
        let key = format!("{building}\t{flat}");
        if !seen.insert(key.clone()) {
            problems.push(format!("第 {line} 行：{building} {flat} 在文件里重复了"));
        }
        let there = existing.contains(&key);
        let name = text_cell::<texts::Contact>(cell(4), line, "姓名", &mut problems);
        let phone_text = cell(5);
        let phone = if phone_text.is_empty() {
            String::new()
        } else {
            if let Some(p) = PhoneNumber::parse(&phone_text) {
                p.to_string()
            } else {
                problems.push(format!(
                    "第 {line} 行“电话”：“{phone_text}”不是 11 位手机号"
                ));
                String::new()
            }
        };
        rows.push(ImportRow {
            line,
            building,
            building_kind: kind.map_or(kind_text, |k| k.as_str().to_owned()),
            flat_label: flat,
            area_hundredths_m2: area.unwrap_or(0),
            resident_name: name,
            resident_phone: phone,
            existing: there,
            problems,
        });
    }
    if rows.is_empty() {
        return Err(ApiError::bad_request(ErrorCode::EmptyCsv, "文件里没有住户"));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_with_bom_and_gbk() {
        let text = "楼,类型,门牌,面积\n3号楼,楼房,201,54.32\n";
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom).ok().as_deref(), Some(text));
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(decode(&gbk).ok().as_deref(), Some(text));
        assert!(decode(&[0xff, 0x00, 0xfe, 0x00]).is_err());
    }

    #[test]
    fn every_problem_names_its_line_and_column() {
        let existing = HashSet::from(["1号楼\t101".to_owned()]);
        let rows = parse(
            "building,building_kind,flat_label,area_m2,resident_name,resident_phone\n\
             1号楼,block,101,50\n\
             2号楼,castle,102,abc\n\
             2号楼,tube,103,18.5,,12345\n\
             2号楼,tube,103,18.5\n\
             2号楼,平房,104,30.25,王,13912345678\n",
            &existing,
        )
        .expect("header is fine");
        assert!(rows[0].existing && rows[0].problems.is_empty());
        assert!(rows[1].problems.iter().any(|p| p.contains("第 3 行“类型”")));
        assert!(rows[1].problems.iter().any(|p| p.contains("第 3 行“面积”")));
        assert!(rows[2].problems.iter().any(|p| p.contains("“电话”")));
        assert!(rows[3].problems.iter().any(|p| p.contains("重复")));
        assert!(rows[4].problems.is_empty());
        assert_eq!(rows[4].area_hundredths_m2, 3025);
        assert_eq!(rows[4].building_kind, "bungalow_row");
    }

    #[test]
    fn a_missing_column_is_refused_by_name() {
        let err = parse("楼,类型,门牌\n1号楼,楼房,101\n", &HashSet::new())
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("面积")));
    }

    #[test]
    fn areas_have_at_most_two_decimals() {
        assert_eq!(area("54.32"), Some(5432));
        assert_eq!(area("54.3"), Some(5430));
        assert_eq!(area("54"), Some(5400));
        assert_eq!(area("54.321"), None);
        assert_eq!(area("-5"), None);
        assert_eq!(area("0"), None);
        assert_eq!(area("1e3"), None);
    }
}
