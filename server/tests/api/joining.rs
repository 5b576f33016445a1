//! Registration slips, registering, family helpers.

use serde_json::{Value, json};

use crate::helpers::{
    HELPER, MANAGER, OTHER_MANAGER, RESIDENT, STAFF, TestApp, User, assert_error,
};

on_both_backends!(
    a_resident_registers_with_the_code_on_the_household_slip,
    bad_registrations_are_refused_and_store_nothing,
    a_code_admits_four_people_and_then_is_used_up,
    regenerating_a_code_voids_the_old_one,
    only_managers_of_the_community_see_its_slips,
    a_daughter_registers_with_her_fathers_helper_code_and_is_revoked,
    a_logged_in_person_links_as_helper_once,
    helpers_cannot_manage_helpers_and_strangers_learn_nothing,
);

/// The slip of 3号楼 201 as the manager sees it.
async fn zhang_slip(app: &TestApp) -> Value {
    let manager = app.login(MANAGER).await;
    let community = app.community("轻机南院").await;
    let (status, sheet) = manager
        .get(&format!(
            "/api/v1/admin/households/codes?community_id={community}"
        ))
        .await;
    assert_eq!(status, 200, "{sheet}");
    let household = app.zhang_household().await;
    sheet["slips"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["household_id"] == household))
        .cloned()
        .expect("slip for 3号楼 201")
}

fn registration(phone: &str, code: &str) -> Value {
    json!({"phone": phone, "name": "王秀英", "password": "xiuying-1952", "code": code})
}

async fn a_resident_registers_with_the_code_on_the_household_slip(app: TestApp) {
    let slip = zhang_slip(&app).await;
    assert_eq!(slip["building"], "3号楼");
    assert_eq!(slip["residents"], json!(["张建国"]));
    let code = slip["code"].as_str().expect("code");
    assert_eq!(code.len(), 8);
    let wife = app.anonymous();
    // Typed the way people type: lower case, with a space.
    let typed = format!("{} {}", &code[..4].to_lowercase(), &code[4..]);
    let (status, me) = wife
        .post(
            "/api/v1/auth/register",
            registration("139 1234 5678", &typed),
        )
        .await;
    assert_eq!(status, 201, "{me}");
    assert_eq!(me["phone"], "13912345678");
    assert_eq!(me["households"][0]["flat_label"], "201");
    assert_eq!(
        me["households"][0]["residents"],
        json!(["张建国", "王秀英"])
    );
    assert_eq!(wife.get("/api/v1/me").await.0, 200, "registering logs in");
    let slip = zhang_slip(&app).await;
    assert_eq!(slip["slots_left"], 3);
}

async fn bad_registrations_are_refused_and_store_nothing(app: TestApp) {
    let slip = zhang_slip(&app).await;
    let code = slip["code"].as_str().expect("code").to_owned();
    let users = || app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM users");
    let before = users().await;
    let cases: Vec<(Value, u16, &str)> = vec![
        (registration("12345", &code), 400, "invalid_phone"),
        (registration(RESIDENT, &code), 409, "phone_taken"),
        (registration("13912345678", "AAAA2222"), 400, "invalid_code"),
        (
            registration("13912345678", "not a code"),
            400,
            "invalid_code",
        ),
        (
            json!({"phone": "13912345678", "name": "", "password": "xiuying-1952", "code": code}),
            400,
            "invalid_name",
        ),
        (
            json!({"phone": "13912345678", "name": "x".repeat(51), "password": "xiuying-1952", "code": code}),
            400,
            "invalid_name",
        ),
        (
            json!({"phone": "13912345678", "name": "王秀英", "password": "short", "code": code}),
            400,
            "weak_password",
        ),
        (
            json!({"phone": "13912345678", "name": "王秀英", "password": "iloveyou", "code": code}),
            400,
            "weak_password",
        ),
        (
            json!({"phone": "13912345678", "name": "王秀英", "password": "xiuying-1952", "code": code, "admin": true}),
            422,
            "invalid_fields",
        ),
        (
            json!({"phone": "13912345678", "name": "王秀英", "password": "xiuying-1952"}),
            422,
            "invalid_fields",
        ),
        (
            json!({"phone": 13912345678_i64, "name": "王秀英", "password": "xiuying-1952", "code": code}),
            422,
            "invalid_fields",
        ),
    ];
    for (body, status, code_expected) in cases {
        let (got, answer) = app
            .anonymous()
            .post("/api/v1/auth/register", body.clone())
            .await;
        assert_eq!(got, status, "{body} → {answer}");
        assert_error(&answer, code_expected);
    }
    assert_eq!(users().await, before);
    assert_eq!(zhang_slip(&app).await["slots_left"], 4, "no slot was used");
}

async fn a_code_admits_four_people_and_then_is_used_up(app: TestApp) {
    let code = zhang_slip(&app).await["code"]
        .as_str()
        .expect("code")
        .to_owned();
    for n in 0..4 {
        let phone = format!("1391234567{n}");
        let (status, body) = app
            .anonymous()
            .post("/api/v1/auth/register", registration(&phone, &code))
            .await;
        assert_eq!(status, 201, "{body}");
    }
    let (status, body) = app
        .anonymous()
        .post("/api/v1/auth/register", registration("13912345679", &code))
        .await;
    assert_eq!(status, 409);
    assert_error(&body, "code_used");
}

async fn regenerating_a_code_voids_the_old_one(app: TestApp) {
    let old = zhang_slip(&app).await["code"]
        .as_str()
        .expect("code")
        .to_owned();
    let household = app.zhang_household().await;
    let manager = app.login(MANAGER).await;
    let (status, fresh) = manager
        .post(
            &format!("/api/v1/admin/households/{household}/registration-code"),
            json!({}),
        )
        .await;
    assert_eq!(status, 201);
    let new = fresh["code"].as_str().expect("code");
    assert_ne!(new, old);
    let (status, _) = app
        .anonymous()
        .post("/api/v1/auth/register", registration("13912345678", &old))
        .await;
    assert_eq!(status, 400);
    let (status, _) = app
        .anonymous()
        .post("/api/v1/auth/register", registration("13912345678", new))
        .await;
    assert_eq!(status, 201);
    // Another community's manager cannot touch this household.
    let other = app.login(OTHER_MANAGER).await;
    let (status, _) = other
        .post(
            &format!("/api/v1/admin/households/{household}/registration-code"),
            json!({}),
        )
        .await;
    assert_eq!(status, 404);
}

async fn only_managers_of_the_community_see_its_slips(app: TestApp) {
    let community = app.community("轻机南院").await;
    let path = format!("/api/v1/admin/households/codes?community_id={community}");
    assert_eq!(app.anonymous().get(&path).await.0, 401);
    for phone in [RESIDENT, HELPER, STAFF, OTHER_MANAGER] {
        let (status, body) = app.login(phone).await.get(&path).await;
        assert_eq!(status, 403, "{phone}: {body}");
    }
    let (status, sheet) = app.login(MANAGER).await.get(&path).await;
    assert_eq!(status, 200);
    assert_eq!(sheet["slips"].as_array().map(Vec::len), Some(327));
    assert_eq!(sheet["office_phone"], "0372-3169690");
    let building: i64 = sheet["slips"][0]["building_id"].as_i64().expect("id");
    let (_, one) = app
        .login(MANAGER)
        .await
        .get(&format!("{path}&building_id={building}"))
        .await;
    assert_eq!(one["slips"].as_array().map(Vec::len), Some(25));
}

/// The father issues a helper code for his household.
async fn helper_code(app: &TestApp, by: &User) -> String {
    let household = app.zhang_household().await;
    let (status, body) = by
        .post(
            &format!("/api/v1/households/{household}/helper-codes"),
            json!({}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert!(
        body["expires_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z'))
    );
    body["code"].as_str().expect("code").to_owned()
}

async fn a_daughter_registers_with_her_fathers_helper_code_and_is_revoked(app: TestApp) {
    let father = app.login(RESIDENT).await;
    let code = helper_code(&app, &father).await;
    let mut daughter = app.anonymous();
    let (status, me) = daughter
        .post(
            "/api/v1/auth/register",
            json!({"phone": "13700000009", "name": "张敏", "password": "zhangmin-1980", "code": code, "relation": "child"}),
        )
        .await;
    assert_eq!(status, 201, "{me}");
    assert_eq!(me["households"][0]["role"], "helper");
    assert_eq!(me["households"][0]["relation"], "child");
    assert_eq!(me["households"][0]["residents"], json!(["张建国"]));
    let household = app.zhang_household().await;
    // The code is single use.
    let (status, body) = app
        .anonymous()
        .post("/api/v1/auth/register", registration("13700000008", &code))
        .await;
    assert_eq!(status, 409);
    assert_error(&body, "code_used");

    let (_, helpers) = father
        .get(&format!("/api/v1/households/{household}/helpers"))
        .await;
    let mine = helpers
        .as_array()
        .and_then(|h| h.iter().find(|h| h["name"] == "张敏"))
        .cloned()
        .expect("listed");
    daughter.acting_for = Some(household);
    assert_eq!(daughter.get("/api/v1/me").await.0, 200);
    let (status, _) = father
        .delete(&format!(
            "/api/v1/households/{household}/helpers/{}",
            mine["id"]
        ))
        .await;
    assert_eq!(status, 204);
    // Revocation takes effect on her very next request.
    let (status, body) = daughter.get("/api/v1/me").await;
    assert_eq!(status, 403);
    assert_error(&body, "not_your_household");
    daughter.acting_for = None;
    let (_, me) = daughter.get("/api/v1/me").await;
    assert_eq!(me["households"], json!([]));
    let (status, _) = father
        .delete(&format!(
            "/api/v1/households/{household}/helpers/{}",
            mine["id"]
        ))
        .await;
    assert_eq!(status, 404, "already revoked");
    let audited = app
        .count("SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log WHERE action IN ('helpers.register', 'helpers.revoke')")
        .await;
    assert_eq!(audited, 2);
}

async fn a_logged_in_person_links_as_helper_once(app: TestApp) {
    let father = app.login(RESIDENT).await;
    // The staff member is also the neighbour's son: an existing account links.
    let staff = app.login(STAFF).await;
    let code = helper_code(&app, &father).await;
    let (status, body) = staff
        .post(
            "/api/v1/helpers/link",
            json!({"code": code, "relation": "relative"}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["households"][0]["role"], "helper");
    let (status, body) = staff
        .post(
            "/api/v1/helpers/link",
            json!({"code": code, "relation": "relative"}),
        )
        .await;
    assert_eq!(status, 409);
    assert_error(&body, "code_used");
    let second = helper_code(&app, &father).await;
    let (status, body) = staff
        .post(
            "/api/v1/helpers/link",
            json!({"code": second, "relation": "relative"}),
        )
        .await;
    assert_eq!(status, 409);
    assert_error(&body, "already_linked");
    let (status, _) = app
        .anonymous()
        .post(
            "/api/v1/helpers/link",
            json!({"code": second, "relation": "child"}),
        )
        .await;
    assert_eq!(status, 401);
    let (status, _) = staff
        .post(
            "/api/v1/helpers/link",
            json!({"code": second, "relation": "cousin"}),
        )
        .await;
    assert_eq!(status, 422);
    let (status, _) = staff
        .post(
            "/api/v1/helpers/link",
            json!({"code": "22222222", "relation": "child"}),
        )
        .await;
    assert_eq!(status, 404);
    // An expired code.
    let third = helper_code(&app, &father).await;
    sqlx::query("UPDATE helper_codes SET expires_at = 1 WHERE used_at IS NULL")
        .execute(app.db.writer())
        .await
        .expect("expire");
    let other = app.login(MANAGER).await;
    let (status, body) = other
        .post(
            "/api/v1/helpers/link",
            json!({"code": third, "relation": "other"}),
        )
        .await;
    assert_eq!(status, 409);
    assert_error(&body, "code_expired");
}

async fn helpers_cannot_manage_helpers_and_strangers_learn_nothing(app: TestApp) {
    let household = app.zhang_household().await;
    let codes = format!("/api/v1/households/{household}/helper-codes");
    let list = format!("/api/v1/households/{household}/helpers");
    let (status, _) = app.login(HELPER).await.post(&codes, json!({})).await;
    assert_eq!(status, 403, "a helper cannot invite more helpers");
    assert_eq!(app.login(HELPER).await.get(&list).await.0, 403);
    for stranger in [STAFF, OTHER_MANAGER] {
        assert_eq!(
            app.login(stranger).await.post(&codes, json!({})).await.0,
            404,
            "{stranger}"
        );
        assert_eq!(
            app.login(stranger).await.get(&list).await.0,
            404,
            "{stranger}"
        );
    }
    assert_eq!(app.anonymous().get(&list).await.0, 401);
    // The manager of the community may, for a resident without a phone.
    assert_eq!(
        app.login(MANAGER).await.post(&codes, json!({})).await.0,
        201
    );
    let (status, helpers) = app.login(MANAGER).await.get(&list).await;
    assert_eq!(status, 200);
    assert_eq!(helpers[0]["name"], "张丽");
    assert_eq!(
        app.login(RESIDENT)
            .await
            .get("/api/v1/households/999999/helpers")
            .await
            .0,
        404
    );
}
