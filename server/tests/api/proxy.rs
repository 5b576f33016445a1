//! Behind a load balancer: `X-Forwarded-For` names the client only when the
//! connection came from a `--trusted-proxy`; otherwise it is ignored. The
//! login limit per address and the audit log both follow that one address.

use server::accounts::rate_limit;

use crate::helpers::{PASSWORD, RESIDENT, Seed, TestApp};

/// A login by 张建国 that says it was forwarded for `forwarded_for`.
async fn login_via(app: &TestApp, forwarded_for: &str) -> u16 {
    reqwest::Client::new()
        .post(app.url("/api/v1/auth/login"))
        .header("X-Requested-With", "courtyard")
        .header("X-Forwarded-For", forwarded_for)
        .json(&serde_json::json!({"phone": RESIDENT, "password": PASSWORD}))
        .send()
        .await
        .expect("request")
        .status()
        .as_u16()
}

/// The address the audit log wrote for the latest login.
async fn audited_address(app: &TestApp) -> String {
    let detail: String = sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'accounts.login' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(app.db.reader())
    .await
    .expect("a login was audited");
    let detail: serde_json::Value = serde_json::from_str(&detail).expect("json detail");
    detail["ip"].as_str().expect("ip").to_owned()
}

/// An address that has failed to log in as often as the limit allows.
async fn exhaust(app: &TestApp, ip: &str) {
    for n in 0..rate_limit::PER_IP {
        rate_limit::record_failure(&app.db, &format!("1390000{n:04}"), ip)
            .await
            .expect("failure recorded");
    }
}

async fn behind_a_trusted_proxy_the_forwarded_address_counts(app: TestApp) {
    // The proxy (loopback here) appends the address it saw; whatever the
    // client wrote further left is not believed.
    assert_eq!(login_via(&app, "198.51.100.1, 203.0.113.7").await, 200);
    assert_eq!(audited_address(&app).await, "203.0.113.7");
    exhaust(&app, "203.0.113.7").await;
    assert_eq!(
        login_via(&app, "203.0.113.7").await,
        429,
        "that address is limited"
    );
    assert_eq!(
        login_via(&app, "203.0.113.8").await,
        200,
        "its neighbour is not"
    );
    assert_eq!(audited_address(&app).await, "203.0.113.8");
}

async fn from_anyone_else_the_header_is_ignored(app: TestApp) {
    assert_eq!(login_via(&app, "203.0.113.7").await, 200);
    assert_eq!(audited_address(&app).await, "127.0.0.1");
    // A limited address cannot escape its limit by naming another one.
    exhaust(&app, "127.0.0.1").await;
    assert_eq!(login_via(&app, "203.0.113.9").await, 429);
}

fn trust_loopback(config: &mut server::config::Config) {
    config.trusted_proxies = vec!["127.0.0.0/8".parse().expect("range")];
}

mod trusted {
    #[tokio::test]
    async fn sqlite() {
        let app =
            crate::helpers::TestApp::sqlite_configured(super::Seed::Demo, super::trust_loopback)
                .await;
        super::behind_a_trusted_proxy_the_forwarded_address_counts(app).await;
    }
    #[tokio::test]
    async fn postgres() {
        if let Some(app) =
            crate::helpers::TestApp::postgres_configured(super::Seed::Demo, super::trust_loopback)
                .await
        {
            super::behind_a_trusted_proxy_the_forwarded_address_counts(app).await;
        }
    }
}

on_both_backends!(from_anyone_else_the_header_is_ignored);
