//! No secret reaches the logs: the real binary runs at the most verbose
//! log level while people sign up, log in (rightly and wrongly), change and
//! reset passwords; afterwards its output holds none of the passwords,
//! session tokens, registration or reset codes it handled.

use std::process::{Command, Stdio};

use serde_json::{Value, json};

const MANAGER_PASSWORD: &str = "manager-secret-4711";
const RESIDENT_PASSWORD: &str = "resident-secret-0815";
const CHANGED_PASSWORD: &str = "changed-secret-2468";
const RESET_PASSWORD: &str = "reset-secret-1357";
const WRONG_PASSWORD: &str = "wrong-secret-9999";

fn cli(data: &std::path::Path, args: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("--data")
        .arg(data)
        .args(args)
        .env("COURTYARD_NEW_PASSWORD", MANAGER_PASSWORD)
        .stdout(Stdio::null())
        .status()
        .expect("cli");
    assert!(status.success(), "{args:?}");
}

async fn call(
    client: &reqwest::Client,
    base: &str,
    path: &str,
    body: Value,
) -> (u16, Value, Option<String>) {
    let r = client
        .post(format!("{base}{path}"))
        .header("X-Requested-With", "courtyard")
        .json(&body)
        .send()
        .await
        .expect("request");
    let cookie = r
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .and_then(|v| v.split_once('='))
        .map(|(_, token)| token.to_owned());
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or_default(), cookie)
}

#[tokio::test]
async fn logs_hold_no_password_token_or_code() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    cli(
        &data,
        &[
            "community",
            "create",
            "--name",
            "测试院",
            "--office-phone",
            "0372-5550000",
        ],
    );
    cli(
        &data,
        &[
            "community",
            "add-manager",
            "--community",
            "1",
            "--phone",
            "13800000011",
            "--name",
            "主任",
        ],
    );

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let log_path = dir.path().join("server.log");
    let log = std::fs::File::create(&log_path).expect("log file");
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["--addr", &format!("127.0.0.1:{port}"), "--data"])
        .arg(&data)
        .env("RUST_LOG", "trace")
        .stdout(log.try_clone().expect("log"))
        .stderr(log)
        .spawn()
        .expect("server");
    let base = format!("http://127.0.0.1:{port}");
    for _ in 0..200 {
        if reqwest::get(format!("{base}/api/health")).await.is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    let mut secrets = vec![
        MANAGER_PASSWORD,
        RESIDENT_PASSWORD,
        CHANGED_PASSWORD,
        RESET_PASSWORD,
        WRONG_PASSWORD,
    ]
    .into_iter()
    .map(String::from)
    .collect::<Vec<_>>();
    let office = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let (status, _, _) = call(
        &office,
        &base,
        "/api/v1/auth/login",
        json!({"phone": "13800000011", "password": WRONG_PASSWORD}),
    )
    .await;
    assert_eq!(status, 401);
    let (status, _, token) = call(
        &office,
        &base,
        "/api/v1/auth/login",
        json!({"phone": "13800000011", "password": MANAGER_PASSWORD}),
    )
    .await;
    assert_eq!(status, 200);
    secrets.push(token.expect("session cookie"));

    let r = office
        .post(format!(
            "{base}/api/v1/admin/households/import?community_id=1&dry_run=false"
        ))
        .header("X-Requested-With", "courtyard")
        .header("content-type", "text/csv")
        .body("楼,类型,门牌,面积,姓名,电话\n1号楼,楼房,101,55.5,李四,13912340000\n")
        .send()
        .await
        .expect("import");
    assert_eq!(r.status().as_u16(), 200);
    let sheet: Value = office
        .get(format!(
            "{base}/api/v1/admin/households/codes?community_id=1"
        ))
        .send()
        .await
        .expect("codes")
        .json()
        .await
        .expect("json");
    let code = sheet["slips"][0]["code"].as_str().expect("code").to_owned();
    secrets.push(code.clone());

    let resident = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let (status, _, token) = call(&resident, &base, "/api/v1/auth/register", json!({"phone": "13912340000", "name": "李四", "password": RESIDENT_PASSWORD, "code": code})).await;
    assert_eq!(status, 201);
    secrets.extend(token);
    let (status, _, _) = call(
        &resident,
        &base,
        "/api/v1/auth/password",
        json!({"current_password": RESIDENT_PASSWORD, "new_password": CHANGED_PASSWORD}),
    )
    .await;
    assert!((200..300).contains(&status), "{status}");
    let (status, issued, _) = call(
        &office,
        &base,
        "/api/v1/admin/password-resets",
        json!({"community_id": 1, "phone": "13912340000"}),
    )
    .await;
    assert_eq!(status, 201);
    let reset = issued["code"].as_str().expect("reset code").to_owned();
    secrets.push(reset.clone());
    let (status, _, token) = call(
        &reqwest::Client::new(),
        &base,
        "/api/v1/auth/reset-password",
        json!({"phone": "13912340000", "code": reset, "new_password": RESET_PASSWORD}),
    )
    .await;
    assert!((200..300).contains(&status), "{status}");
    secrets.extend(token);

    child.kill().expect("stop");
    let _ = child.wait();
    let logs = std::fs::read_to_string(&log_path).expect("logs");
    assert!(
        logs.lines().count() > 10,
        "the log level was not verbose: {logs}"
    );
    for secret in &secrets {
        assert!(
            !logs.contains(secret.as_str()),
            "the logs hold a secret ({} characters)",
            secret.len()
        );
    }
    eprintln!(
        "{} log lines at trace level, {} secrets, none found",
        logs.lines().count(),
        secrets.len()
    );
}
