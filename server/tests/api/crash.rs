//! Crash consistency: the real server binary takes writes of every kind,
//! is killed with SIGKILL mid-load, restarts on the same data, and every
//! write it acknowledged is there, balances equal ledger sums, stock adds
//! up, and SQLite's integrity check says ok.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::Mutex;

use crate::helpers::{MANAGER, PASSWORD, RESIDENT};

struct Server {
    child: Child,
    base: String,
}

fn start(data: &std::path::Path) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["--demo", "--addr", &format!("127.0.0.1:{port}"), "--data"])
        .arg(data)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts");
    Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    }
}

async fn ready(base: &str) {
    for _ in 0..200 {
        if reqwest::get(format!("{base}/api/health"))
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server did not come up");
}

async fn login(base: &str, phone: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let r = client
        .post(format!("{base}/api/v1/auth/login"))
        .header("X-Requested-With", "courtyard")
        .json(&json!({"phone": phone, "password": PASSWORD}))
        .send()
        .await
        .expect("login");
    assert!(r.status().is_success());
    client
}

async fn post(client: &reqwest::Client, url: String, body: Value) -> Option<Value> {
    let r = client
        .post(url)
        .header("X-Requested-With", "courtyard")
        .json(&body)
        .send()
        .await
        .ok()?;
    if r.status().is_success() {
        r.json().await.ok()
    } else {
        None
    }
}

async fn get(client: &reqwest::Client, url: String) -> Value {
    client
        .get(url)
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json")
}

/// What the clients saw acknowledged.
#[derive(Default)]
struct Acked {
    tickets: Vec<i64>,
    awards: i64,
    redemptions: Vec<i64>,
    payments: Vec<String>,
}

#[tokio::test]
async fn a_killed_server_keeps_every_acknowledged_write() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let mut server = start(&data);
    ready(&server.base).await;
    let base = server.base.clone();
    let manager = login(&base, MANAGER).await;
    let father = login(&base, RESIDENT).await;
    let zhang = get(&father, format!("{base}/api/v1/points/ledger")).await["user_id"].clone();
    let rule = get(&manager, format!("{base}/api/v1/points/rules")).await[0]["id"].clone();
    let cloth = get(&father, format!("{base}/api/v1/shop/items"))
        .await
        .as_array()
        .and_then(|i| i.iter().find(|i| i["name"] == "洗碗巾").cloned())
        .expect("item")["id"]
        .clone();
    let bill = get(&father, format!("{base}/api/v1/fees/bills")).await["bills"][0]["id"].clone();
    let today = server::points::day_of(server::db::now_millis());

    let acked = Arc::new(Mutex::new(Acked::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    {
        let (acked, stop, base) = (acked.clone(), stop.clone(), base.clone());
        let father = father.clone();
        tasks.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                if let Some(t) = post(
                    &father,
                    format!("{base}/api/v1/repairs"),
                    json!({"category": "water"}),
                )
                .await
                {
                    acked
                        .lock()
                        .await
                        .tickets
                        .push(t["id"].as_i64().unwrap_or(0));
                }
                if let Some(r) = post(
                    &father,
                    format!("{base}/api/v1/shop/redemptions"),
                    json!({"item_id": cloth}),
                )
                .await
                {
                    acked
                        .lock()
                        .await
                        .redemptions
                        .push(r["id"].as_i64().unwrap_or(0));
                }
            }
        }));
    }
    {
        let (acked, stop, base) = (acked.clone(), stop.clone(), base.clone());
        let manager = manager.clone();
        tasks.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let award =
                    json!({"rule_id": rule, "date": today, "quantity": 1, "user_ids": [zhang]});
                if post(&manager, format!("{base}/api/v1/points/awards"), award)
                    .await
                    .is_some()
                {
                    acked.lock().await.awards += 1;
                }
                let pay = json!({"amount_fen": 1, "method": "cash", "paid_on": today});
                if let Some(list) = post(
                    &manager,
                    format!("{base}/api/v1/fees/bills/{bill}/payments"),
                    pay,
                )
                .await
                {
                    let receipt = list["bills"][0]["payments"]
                        .as_array()
                        .and_then(|p| {
                            p.iter()
                                .map(|p| p["receipt_no"].as_str().unwrap_or("").to_owned())
                                .max()
                        })
                        .unwrap_or_default();
                    acked.lock().await.payments.push(receipt);
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    // SIGKILL: no shutdown, no flush, mid-request.
    server.child.kill().expect("kill");
    server.child.wait().expect("reaped");
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        let _ = t.await;
    }
    let acked = acked.lock().await;
    assert!(
        !acked.tickets.is_empty() && acked.awards > 0,
        "the load ran"
    );

    let mut again = start(&data);
    ready(&again.base).await;
    let db = server::db::Db::connect(&format!(
        "sqlite://{}?mode=rw",
        data.join("courtyard.db").display()
    ))
    .await
    .expect("open");
    let verdict: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(db.reader())
        .await
        .expect("check");
    assert_eq!(verdict, "ok");
    let count = |sql: String| {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql))
                .fetch_one(db.reader())
                .await
                .expect("count")
        }
    };
    let list = |ids: &[i64]| ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let tickets = count(format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM repair_tickets WHERE id IN ({})",
        list(&acked.tickets)
    ))
    .await;
    assert_eq!(
        tickets,
        i64::try_from(acked.tickets.len()).unwrap_or(0),
        "acknowledged tickets lost"
    );
    if !acked.redemptions.is_empty() {
        let found = count(format!(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM shop_redemptions WHERE id IN ({})",
            list(&acked.redemptions)
        ))
        .await;
        assert_eq!(
            found,
            i64::try_from(acked.redemptions.len()).unwrap_or(0),
            "acknowledged redemptions lost"
        );
    }
    // Three awards came from the demo seed.
    let awards = count("SELECT CAST(COUNT(*) AS BIGINT) FROM point_entries e JOIN users u ON u.id = e.user_id WHERE u.phone = '13800000003' AND e.kind = 'award'".into()).await;
    assert!(
        awards >= 3 + acked.awards,
        "{awards} awards for {} acknowledged",
        acked.awards
    );
    let payments = count("SELECT CAST(COUNT(*) AS BIGINT) FROM fee_payments".into()).await;
    assert!(payments >= i64::try_from(acked.payments.len()).unwrap_or(0));
    let mismatched = count("SELECT CAST(COUNT(*) AS BIGINT) FROM point_accounts a WHERE a.balance <> (SELECT COALESCE(SUM(e.amount), 0) FROM point_entries e WHERE e.user_id = a.user_id AND e.community_id = a.community_id)".into()).await;
    assert_eq!(mismatched, 0, "a balance differs from its ledger");
    let stock_off =
        count("SELECT CAST(COUNT(*) AS BIGINT) FROM shop_items i WHERE i.stock < 0".into()).await;
    assert_eq!(stock_off, 0);
    let paid_off = count("SELECT CAST(COUNT(*) AS BIGINT) FROM fee_bills b WHERE b.paid_fen <> (SELECT COALESCE(SUM(p.amount_fen), 0) FROM fee_payments p WHERE p.bill_id = b.id)".into()).await;
    assert_eq!(paid_off, 0, "a bill's paid sum differs from its payments");
    eprintln!(
        "crash test: acknowledged {} tickets, {} awards, {} redemptions, {} payments; all found",
        acked.tickets.len(),
        acked.awards,
        acked.redemptions.len(),
        acked.payments.len()
    );
    again.child.kill().expect("stop");
    let _ = again.child.wait();
}
