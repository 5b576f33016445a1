//! The entry pages' first screens (issue #17): the variant the request
//! needs, filled with escaped data. The site is the stand-in `helpers`
//! writes, in the shape `app::first_screen` builds.

use reqwest::header::{CACHE_CONTROL, COOKIE, SET_COOKIE, VARY};

use crate::helpers::{HELPER, MANAGER, PASSWORD, RESIDENT, TestApp};

on_both_backends!(
    the_anonymous_home_lists_every_community_with_its_phone,
    a_chosen_community_speaks_in_the_header_and_is_marked,
    a_signed_in_person_gets_their_own_home_and_never_the_landing,
    a_helper_gets_the_household_they_act_for,
    a_manager_of_two_compounds_gets_the_one_chosen,
    unread_notices_are_on_the_first_screen_until_read,
    an_expired_or_forged_session_gets_the_anonymous_screen,
    what_people_typed_is_escaped,
    language_and_large_text_come_from_the_cookies,
    pages_without_a_first_screen_get_the_loading_screen,
);

/// GET `path` with these cookies: status, Cache-Control, body.
async fn page(app: &TestApp, path: &str, cookies: &str) -> (u16, String, String) {
    let mut request = reqwest::Client::new().get(app.url(path));
    if !cookies.is_empty() {
        request = request.header(COOKIE, cookies);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let cache = response.headers()[CACHE_CONTROL]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    let personal = response
        .headers()
        .get_all(VARY)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.contains("Cookie")));
    if cache.contains("private") {
        assert!(personal, "{path}: a personal page varies by cookie");
    }
    (status, cache, response.text().await.expect("body"))
}

/// `courtyard_session=…` for `phone`, logged in with the demo password.
async fn session(app: &TestApp, phone: &str) -> String {
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/auth/login"))
        .header("X-Requested-With", "courtyard")
        .json(&serde_json::json!({"phone": phone, "password": PASSWORD}))
        .send()
        .await
        .expect("login");
    assert_eq!(response.status(), 200);
    let cookie = response.headers()[SET_COOKIE].to_str().expect("cookie");
    cookie.split(';').next().expect("pair").to_owned()
}

fn first_screen(body: &str) -> &str {
    let start = body
        .find("<div id=\"first-screen\">")
        .unwrap_or_else(|| panic!("no first screen: {body}"));
    &body[start..]
}

async fn the_anonymous_home_lists_every_community_with_its_phone(app: TestApp) {
    let (status, cache, body) = page(&app, "/", "").await;
    assert_eq!(status, 200);
    assert_eq!(cache, "private, no-cache");
    let screen = first_screen(&body);
    assert!(
        screen.contains("<h3>轻机南院</h3><a href=\"tel:0372-3169690\">"),
        "{screen}"
    );
    assert!(screen.contains("<h3>纱厂东院</h3>"), "{screen}");
    assert!(!screen.contains("mine"), "nothing chosen: {screen}");
    assert!(!body.contains("{{"), "every marker filled: {body}");
    assert!(!body.contains("id=\"boot\""), "no loading screen: {body}");
    // The page around it is the built one, scripts and all.
    assert!(body.starts_with("<!doctype html>") && body.contains("<script>start()</script>"));

    // A community the admin adds shows at once, not when the kept list
    // would have run out: the app's own list has it, and the first screen
    // must not differ from what the app then draws.
    let (status, _) = app
        .admin()
        .await
        .post(
            "/api/v1/admin/communities",
            serde_json::json!({"name": "红旗渠家属院", "office_phone": "0372-5550001"}),
        )
        .await;
    assert_eq!(status, 201);
    let (_, _, body) = page(&app, "/", "").await;
    assert!(
        first_screen(&body).contains("<h3>红旗渠家属院</h3>"),
        "{body}"
    );
}

async fn a_chosen_community_speaks_in_the_header_and_is_marked(app: TestApp) {
    let qingji = app.community("轻机南院").await;
    let (_, _, body) = page(&app, "/", &format!("courtyard_community={qingji}")).await;
    let screen = first_screen(&body);
    assert!(
        screen.contains("<h1>院里 · 轻机南院</h1><a class=\"call\" href=\"tel:0372-3169690\">"),
        "{screen}"
    );
    assert!(
        screen.contains("<li class=\"community mine\"><h3>轻机南院</h3>"),
        "{screen}"
    );
    assert!(
        screen.contains("<li class=\"community\"><h3>纱厂东院</h3>"),
        "{screen}"
    );
    // A community that is not there (deleted, or made up) chooses nothing.
    let (_, _, body) = page(&app, "/", "courtyard_community=999999").await;
    assert!(first_screen(&body).starts_with("<div id=\"first-screen\"><header><h1>院里</h1>"));
    let (_, _, body) = page(&app, "/", "courtyard_community=%3Cb%3E").await;
    assert!(first_screen(&body).starts_with("<div id=\"first-screen\"><header><h1>院里</h1>"));
}

async fn a_signed_in_person_gets_their_own_home_and_never_the_landing(app: TestApp) {
    let session = session(&app, RESIDENT).await;
    let (status, cache, body) = page(&app, "/", &session).await;
    assert_eq!(status, 200);
    assert_eq!(cache, "private, no-cache");
    let screen = first_screen(&body);
    assert!(
        screen.contains("<p class=\"welcome\">您好，张建国！</p>"),
        "{screen}"
    );
    assert!(screen.contains("tel:0372-3169690"), "{screen}");
    assert!(!screen.contains("communities"), "no landing list: {screen}");
    // 报平安 is due (the demo: last yesterday): the big button is there at once.
    assert!(
        screen.contains("<section class=\"care-fine\"><button>我很好</button></section>"),
        "{screen}"
    );
    assert!(!screen.contains("{{care}}"), "{screen}");
    // Reading the page renews nothing and writes nothing.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'accounts.login%'")
            .await,
        1
    );
    // Once he has said 我很好 today, it is gone.
    let checked = reqwest::Client::new()
        .post(app.url("/api/v1/care/checkins"))
        .header("X-Requested-With", "courtyard")
        .header("Cookie", &session)
        .json(&serde_json::json!({}))
        .send()
        .await
        .expect("check in");
    assert_eq!(checked.status(), 201);
    let (_, _, body) = page(&app, "/", &session).await;
    let screen = first_screen(&body);
    assert!(
        !screen.contains("care-fine") && !screen.contains("{{care}}"),
        "{screen}"
    );
}

async fn a_manager_of_two_compounds_gets_the_one_chosen(app: TestApp) {
    // 周文斌 keeps both compounds and has chosen 纱厂东院: its name and
    // phone are in the header from the first paint, as the app will draw it.
    let session = session(&app, "13800000006").await;
    let (_, _, body) = page(&app, "/", &session).await;
    assert!(first_screen(&body).contains("tel:0372-3169690"), "{body}");
    let shachang = app.community("纱厂东院").await;
    let chose = reqwest::Client::new()
        .patch(app.url("/api/v1/me"))
        .header("X-Requested-With", "courtyard")
        .header("Cookie", &session)
        .json(&serde_json::json!({"office_community_id": shachang}))
        .send()
        .await
        .expect("choose");
    assert_eq!(chose.status(), 200);
    let (_, _, body) = page(&app, "/", &session).await;
    let screen = first_screen(&body);
    assert!(
        screen.contains("纱厂东院") && screen.contains("tel:0372-3100215"),
        "{screen}"
    );
    assert!(!screen.contains("tel:0372-3169690"), "{screen}");
}

async fn a_helper_gets_the_household_they_act_for(app: TestApp) {
    let session = session(&app, HELPER).await;
    let household = app.zhang_household().await;
    for acting in [
        String::new(),
        format!("; courtyard_acting_for={household}"),
        "; courtyard_acting_for=1".to_owned(),
    ] {
        let (_, _, body) = page(&app, "/", &format!("{session}{acting}")).await;
        let screen = first_screen(&body);
        assert!(
            screen.contains("<div class=\"acting\">代办：张建国 · 3号楼 201</div>"),
            "{acting}: {screen}"
        );
        assert!(screen.contains("tel:0372-3169690"), "{screen}");
    }
}

async fn an_expired_or_forged_session_gets_the_anonymous_screen(app: TestApp) {
    let session = session(&app, RESIDENT).await;
    sqlx::query("UPDATE sessions SET expires_at = 0")
        .execute(app.db.writer())
        .await
        .expect("expire");
    for cookie in [
        session,
        format!("courtyard_session={}", "ab".repeat(32)),
        "courtyard_session=x".to_owned(),
    ] {
        let (status, _, body) = page(&app, "/", &cookie).await;
        assert_eq!(status, 200);
        let screen = first_screen(&body);
        assert!(
            screen.contains("<ul class=\"communities\">"),
            "{cookie}: {screen}"
        );
        assert!(!screen.contains("张建国"), "{screen}");
    }
}

async fn what_people_typed_is_escaped(app: TestApp) {
    server::communities::store::insert(
        app.db.writer(),
        &server::communities::store::NewCommunity {
            name: "<script>alert(\"院\")</script> & '东'",
            address: "某路 1 号",
            office_phone: "0372-1\"><b>",
            time_zone: "Asia/Shanghai",
        },
    )
    .await
    .expect("community");
    let (_, _, body) = page(&app, "/", "").await;
    let screen = first_screen(&body);
    assert!(!screen.contains("<script>alert"), "{screen}");
    assert!(
        screen.contains(
            "<h3>&lt;script&gt;alert(&quot;院&quot;)&lt;/script&gt; &amp; &#39;东&#39;</h3>"
        ),
        "{screen}"
    );
    assert!(
        screen.contains("href=\"tel:0372-1&quot;&gt;&lt;b&gt;\""),
        "{screen}"
    );
}

async fn language_and_large_text_come_from_the_cookies(app: TestApp) {
    let (_, _, body) = page(&app, "/login", "courtyard_lang=en").await;
    assert!(body.contains("<html lang=\"en\">"), "{body}");
    assert!(first_screen(&body).contains("<form id=\"login\">"));
    let qingji = app.community("轻机南院").await;
    let (_, _, body) = page(
        &app,
        "/",
        &format!("courtyard_large_text=1; courtyard_community={qingji}"),
    )
    .await;
    assert!(
        body.contains("<html lang=\"zh-CN\" class=\"large\">"),
        "{body}"
    );
    assert!(first_screen(&body).contains("<main class=\"big\">"));
    // A person whose account has large text gets it on any device, as the
    // app gives it at sign-in; no cookie turns it off.
    let session = session(&app, RESIDENT).await;
    sqlx::query("UPDATE users SET large_text = 1 WHERE phone = $1")
        .bind(RESIDENT)
        .execute(app.db.writer())
        .await
        .expect("large text");
    let (_, _, body) = page(&app, "/", &format!("{session}; courtyard_large_text=0")).await;
    assert!(
        body.contains("<html lang=\"zh-CN\" class=\"large\">"),
        "{body}"
    );
    assert!(
        first_screen(&body).contains("<main class=\"big\"><p class=\"welcome\">您好，张建国！")
    );
}

async fn pages_without_a_first_screen_get_the_loading_screen(app: TestApp) {
    // A variant the build did not render (this stand-in has few), a helper's
    // registration, and every other client route: the loading screen.
    for (path, cookies) in [
        ("/login", ""),
        ("/register?for=helper&code=ABCDEFGH", ""),
        ("/repairs", ""),
    ] {
        let (status, _, body) = page(&app, path, cookies).await;
        assert_eq!(status, 200, "{path}");
        assert!(body.contains("<div id=\"boot\">"), "{path}: {body}");
        assert!(!body.contains("first-screen\">"), "{path}: {body}");
    }
    let (_, _, body) = page(&app, "/register", "").await;
    assert!(first_screen(&body).contains("<input id=\"code\" value=\"\">"));
    // The slip's QR link: its code is in the field from the first paint;
    // anything but letters and digits is not repeated back.
    let (_, _, body) = page(&app, "/register?code=M4TR8KXW", "").await;
    assert!(first_screen(&body).contains("<input id=\"code\" value=\"M4TR8KXW\">"));
    let (_, _, body) = page(&app, "/register?code=%22%3E%3Cscript%3E", "").await;
    assert!(
        first_screen(&body).contains("<input id=\"code\" value=\"\">"),
        "{body}"
    );
}

async fn unread_notices_are_on_the_first_screen_until_read(app: TestApp) {
    let session = session(&app, RESIDENT).await;
    let (_, _, body) = page(&app, "/", &session).await;
    assert!(!first_screen(&body).contains("urgent-banner"), "none yet");
    assert!(
        !first_screen(&body).contains("class=\"badge\""),
        "nothing unread"
    );
    let community = app.community("轻机南院").await;
    let (status, notice) = app
        .login(MANAGER)
        .await
        .post(
            "/api/v1/notices",
            serde_json::json!({
                "community_id": community,
                "title": "周四停水 <b>8:00</b> & 储水",
                "body": "请提前储水。",
                "category": "water",
                "urgent": true,
            }),
        )
        .await;
    assert_eq!(status, 201, "{notice}");
    let id = notice["id"].as_i64().expect("id");
    let (_, _, body) = page(&app, "/", &session).await;
    let screen = first_screen(&body);
    assert!(
        screen.contains(&format!(
            "<div class=\"urgent-banner\"><strong>周四停水 &lt;b&gt;8:00&lt;/b&gt; &amp; 储水</strong><a href=\"/notices/{id}\">"
        )),
        "{screen}"
    );
    assert!(
        screen.contains("通知<span class=\"badge\">1<span>未读</span></span></a>"),
        "{screen}"
    );
    // Read (opening it is the receipt), it is gone from the next first screen.
    let resident = app.login(RESIDENT).await;
    assert_eq!(resident.get(&format!("/api/v1/notices/{id}")).await.0, 200);
    let (_, _, body) = page(&app, "/", &session).await;
    assert!(!first_screen(&body).contains("urgent-banner"), "{body}");
    assert!(!first_screen(&body).contains("class=\"badge\""), "{body}");
}
