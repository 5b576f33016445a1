//! Every CSV export, with a spreadsheet formula in every text field it can
//! carry: no cell of any export may start as a formula.

use serde_json::json;

use crate::helpers::{MANAGER, RESIDENT, TestApp};

on_both_backends!(no_export_cell_is_a_live_formula);

/// What a resident or the office might type, each a formula in Excel.
const FORMULA: &str = "=HYPERLINK(\"http://example.invalid\",\"点我查看\")";

/// The cells of a CSV body (after the BOM).
fn cells(text: &str) -> Vec<Vec<String>> {
    let text = text.trim_start_matches('\u{feff}');
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("csv row").iter().map(str::to_owned).collect())
        .collect()
}

/// A cell a spreadsheet would run: it starts with a formula character and
/// is not a number the server wrote (a reversal's `-80.00`).
fn live(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err()
}

async fn no_export_cell_is_a_live_formula(app: TestApp) {
    let community = app.community("轻机南院").await;
    let manager = app.login(MANAGER).await;

    // A household whose building, flat and contact are formulas.
    let import = format!(
        "building,building_kind,flat_label,area_m2,resident_name,resident_phone\n\"{b}\",楼房,\"{f}\",50.00,\"{n}\",\n",
        b = FORMULA.replace('"', "\"\""),
        f = "+1",
        n = "@SUM(A1)",
    );
    let (status, body) = manager
        .post_csv(
            &format!("/api/v1/admin/households/import?community_id={community}&dry_run=false"),
            import.into_bytes(),
        )
        .await;
    assert_eq!(status, 200, "{body}");

    // A fee schedule named as a formula, its bills, and a payment with a
    // formula receipt number and note, then its reversal.
    let (status, schedule) = manager
        .post(
            "/api/v1/fees/schedules",
            json!({"community_id": community, "name": "-2+3", "basis": "fixed",
                   "rate_fen": 1000, "period": "month"}),
        )
        .await;
    assert_eq!(status, 201, "{schedule}");
    let (status, body) = manager
        .post(
            "/api/v1/fees/bills/generate",
            json!({"schedule_id": schedule["id"], "period": "2026-11"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let bill: i64 = sqlx::query_scalar(
        "SELECT f.id FROM fee_bills f JOIN households h ON h.id = f.household_id
         WHERE h.flat_label = '+1' AND f.schedule_id = $1",
    )
    .bind(schedule["id"].as_i64().expect("id"))
    .fetch_one(app.db.writer())
    .await
    .expect("the formula household's bill");
    let (status, list) = manager
        .post(
            &format!("/api/v1/fees/bills/{bill}/payments"),
            json!({"amount_fen": 500, "method": "cash", "paid_on": "2026-11-20",
                   "receipt_no": "=R1", "note": "+note"}),
        )
        .await;
    assert_eq!(status, 201, "{list}");
    let payment = list["bills"]
        .as_array()
        .and_then(|b| b.iter().find(|b| b["id"] == bill))
        .map(|b| b["payments"][0]["id"].clone())
        .expect("payment");
    let (status, body) = manager
        .post(
            &format!("/api/v1/fees/payments/{payment}/reverse"),
            json!({"reason": "=录错了"}),
        )
        .await;
    assert_eq!(status, 201, "{body}");

    // A public-place repair with a formula place and description, moved on
    // by a worker whose name is a formula (the audit log's actor).
    let resident = app.login(RESIDENT).await;
    let (status, ticket) = resident
        .post(
            "/api/v1/repairs",
            json!({"category": "public_area", "place": FORMULA, "description": "@cmd|' /C calc'!A0"}),
        )
        .await;
    assert_eq!(status, 201, "{ticket}");
    let (status, worker) = manager
        .post(
            "/api/v1/admin/staff",
            json!({"community_id": community, "phone": "13600000077", "name": "=1+2",
                   "password": "worker-2026-pw"}),
        )
        .await;
    assert_eq!(status, 201, "{worker}");
    let events = format!("/api/v1/repairs/{}/events", ticket["id"]);
    let (status, body) = manager
        .post(
            &events,
            json!({"kind": "assign", "assignee_id": worker["id"], "note": "-快去"}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let staff = app.login_with("13600000077", "worker-2026-pw").await;
    let (status, body) = staff
        .post(
            &events,
            json!({"kind": "status", "status": "in_progress", "note": "+在路上"}),
        )
        .await;
    assert_eq!(status, 201, "{body}");

    // The export's days are Shanghai's, so today is Shanghai's too.
    let today = server::points::day_of(server::db::now_millis());
    let exports = [
        format!("/api/v1/admin/households/export.csv?community_id={community}"),
        format!("/api/v1/fees/export/bills.csv?community_id={community}"),
        format!("/api/v1/fees/export/payments.csv?community_id={community}"),
        format!("/api/v1/repairs/export.csv?community_id={community}&from=2026-01-01&to={today}"),
        format!("/api/v1/audit/export.csv?community_id={community}"),
    ];
    for path in exports {
        let (status, text) = manager.get_text(&path).await_text().await;
        assert_eq!(status, 200, "{path}: {text}");
        let rows = cells(&text);
        assert!(rows.len() > 1, "{path} has rows");
        let flat: Vec<&String> = rows.iter().flatten().collect();
        let live: Vec<&&String> = flat.iter().filter(|c| live(c)).collect();
        assert!(live.is_empty(), "{path}: live formulas {live:?}");
        // The typed words are all there, defused.
        let defused = flat
            .iter()
            .filter(|c| {
                c.starts_with("'=")
                    || c.starts_with("'+")
                    || c.starts_with("'@")
                    || c.starts_with("'-")
            })
            .count();
        assert!(
            defused > 0,
            "{path}: no defused cell, so the test put none in"
        );
    }
}
