//! Deciding together: a major-matter vote for the roof, cast online by the
//! father, changed by his daughter, entered on paper for those without a
//! phone, one ballot per household however cast; the live count in exact
//! fractions, the missing list, the close and its published result; and
//! every ballot that must not be, refused without a trace.

use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::helpers::{HELPER, MANAGER, OTHER_MANAGER, RESIDENT, TestApp, User, assert_error, now};

on_both_backends!(
    the_roof_is_decided_by_phone_and_on_paper,
    ballots_that_must_not_be_change_nothing,
    two_hundred_ballots_at_once_are_two_hundred,
    a_consultation_counts_people_and_keeps_their_words,
    a_ballot_at_the_close_is_counted_or_refused,
);

fn in_a_day() -> String {
    server::db::rfc3339(now() + server::db::DAY)
}

async fn open_vote(manager: &User, community: i64, extra: Value) -> Value {
    let mut body = json!({
        "community_id": community, "kind": "decision", "matter": "major",
        "question": "用维修基金换屋顶", "documents": "报价单见照片。\n\n预算 12 万元。",
        "closes_at": in_a_day(),
    });
    for (k, v) in extra.as_object().into_iter().flatten() {
        body[k] = v.clone();
    }
    let (status, vote) = manager.post("/api/v1/votes", body).await;
    assert_eq!(status, 201, "{vote}");
    vote
}

/// Households of the community, by id.
async fn households(app: &TestApp, community: i64) -> Vec<(i64, i64)> {
    sqlx::query_as(
        "SELECT id, area_hundredths_m2 FROM households WHERE community_id = $1 ORDER BY id",
    )
    .bind(community)
    .fetch_all(app.db.reader())
    .await
    .expect("households")
}

async fn ballots(app: &TestApp) -> i64 {
    app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM ballots")
        .await
}

fn paper(choice: &Value, household: i64, no: &str) -> Value {
    json!({"choice_id": choice, "household_id": household, "paper_no": no, "collected_by": "王阿姨"})
}

async fn the_roof_is_decided_by_phone_and_on_paper(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let father = app.login(RESIDENT).await;
    let mut daughter = app.login(HELPER).await;
    let household = app.zhang_household().await;
    daughter.acting_for = Some(household);
    let community = app.community("轻机南院").await;
    let vote = open_vote(&manager, community, json!({})).await;
    let id = &vote["summary"]["id"];
    let labels: Vec<&str> = vote["choices"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["label"].as_str())
        .collect();
    assert_eq!(labels, ["同意", "不同意", "弃权"]);
    let (agree, disagree) = (&vote["choices"][0]["id"], &vote["choices"][1]["id"]);
    let all = households(&app, community).await;
    let (_, missing) = manager.get(&format!("/api/v1/votes/{id}/missing")).await;
    assert_eq!(missing.as_array().map(Vec::len), Some(all.len()));

    // The father votes on his phone; his daughter changes it for him.
    let (status, list) = father.get("/api/v1/votes").await;
    assert_eq!(status, 200);
    assert_eq!(list[0]["voted"], false, "{list}");
    let path = format!("/api/v1/votes/{id}/ballots");
    let (status, cast) = father.post(&path, json!({"choice_id": agree})).await;
    assert_eq!(status, 200, "{cast}");
    assert_eq!(cast["ballot"]["way"], "online");
    let (status, changed) = daughter.post(&path, json!({"choice_id": disagree})).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["ballot"]["cast_by"], "张丽");
    assert!(changed["ballot"]["changed_at"].is_string());
    let (_, seen) = father.get(&format!("/api/v1/votes/{id}")).await;
    assert_eq!(seen["ballot"]["choice_id"], *disagree, "{seen}");
    assert_eq!(seen["summary"]["voted"], true);
    assert_eq!(seen["result"], Value::Null);

    let neighbour = app.neighbour().await;
    let neighbours: i64 = sqlx::query_scalar(
        "SELECT household_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.phone = '13700000002'",
    )
    .fetch_one(app.db.reader())
    .await
    .expect("neighbour's household");
    // Two households without phones vote on paper; a paper ballot for a
    // household that voted online is refused, and the other way round.
    let others: Vec<(i64, i64)> = all
        .iter()
        .copied()
        .filter(|(h, _)| *h != household && *h != neighbours)
        .take(2)
        .collect();
    for (i, (h, _)) in others.iter().enumerate() {
        let (status, p) = manager
            .post(&path, paper(agree, *h, &format!("P-{:03}", i + 1)))
            .await;
        assert_eq!(status, 200, "{p}");
        assert_eq!(p["ballot"]["way"], "paper");
        assert_eq!(p["ballot"]["cast_by"], "李合昌");
    }
    let (status, body) = manager.post(&path, paper(agree, household, "P-003")).await;
    assert_eq!(status, 409);
    assert_error(&body, "already_voted");
    let (status, p) = manager.post(&path, paper(agree, neighbours, "P-004")).await;
    assert_eq!(status, 200, "{p}");
    let (status, body) = neighbour.post(&path, json!({"choice_id": disagree})).await;
    assert_eq!(status, 409, "paper first, then the phone: {body}");
    assert_error(&body, "already_voted");

    // The office's live count: by area and by households, in exact sums.
    let (status, tally) = manager.get(&format!("/api/v1/votes/{id}/tally")).await;
    assert_eq!(status, 200, "{tally}");
    let area = |h: i64| all.iter().find(|(id, _)| *id == h).map_or(0, |(_, a)| *a);
    let agreed = others.iter().map(|(_, a)| a).sum::<i64>() + area(neighbours);
    assert_eq!(tally["eligible"]["households"], all.len());
    assert_eq!(
        tally["eligible"]["area"],
        all.iter().map(|(_, a)| a).sum::<i64>()
    );
    assert_eq!(tally["voted"]["households"], 4);
    assert_eq!(tally["voted"]["area"], agreed + area(household));
    assert_eq!(
        tally["choices"][0]["weight"],
        json!({"households": 3, "area": agreed})
    );
    assert_eq!(tally["choices"][1]["weight"]["households"], 1);
    assert_eq!(
        (tally["online"].clone(), tally["paper"].clone()),
        (json!(1), json!(3))
    );
    assert_eq!(tally["quorum"], false, "4 of {} households", all.len());
    assert_eq!(tally["passed"], Value::Null);
    let (_, missing) = manager.get(&format!("/api/v1/votes/{id}/missing")).await;
    assert_eq!(
        missing.as_array().map(Vec::len),
        Some(all.len() - 4),
        "the list shrinks"
    );

    // Closed: the result is fixed and published; no ballot after it.
    let (status, closed) = manager
        .post(&format!("/api/v1/votes/{id}/close"), json!({}))
        .await;
    assert_eq!(status, 200, "{closed}");
    assert_eq!(closed["summary"]["state"], "closed");
    assert_eq!(closed["result"]["voted"]["households"], 4);
    let (status, notice) = father
        .get(&format!(
            "/api/v1/notices/{}",
            closed["summary"]["notice_id"]
        ))
        .await;
    assert_eq!(status, 200, "{notice}");
    assert_eq!(notice["category"], "disclosure");
    let text = notice["body"].as_str().expect("body");
    assert!(text.contains("参与表决 4 户"), "{text}");
    assert!(text.contains("结果：未通过。"), "{text}");
    assert!(!text.contains("张建国") && !text.contains("201"), "{text}");
    let (status, body) = daughter.post(&path, json!({"choice_id": agree})).await;
    assert_eq!(status, 409);
    assert_error(&body, "vote_closed");
    let (status, body) = manager
        .post(&format!("/api/v1/votes/{id}/close"), json!({}))
        .await;
    assert_eq!(status, 409, "{body}");
    let (_, seen) = father.get(&format!("/api/v1/votes/{id}")).await;
    assert_eq!(
        seen["ballot"]["choice_id"], *disagree,
        "never edited afterwards"
    );
    assert_eq!(seen["result"]["voted"]["households"], 4);

    // The committee's record: every ballot, who cast it, and how.
    let (status, csv) = manager
        .get_text(&format!("/api/v1/votes/{id}/ballots.csv"))
        .await_text()
        .await;
    assert_eq!(status, 200);
    assert_eq!(csv.lines().count(), 5, "{csv}");
    assert!(csv.contains("纸质,P-001,王阿姨,李合昌"), "{csv}");
    assert!(csv.contains("不同意,线上,,,张丽"), "{csv}");
    let (_, trail) = manager.get("/api/v1/audit?limit=20").await;
    let actions: Vec<&str> = trail["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["action"].as_str())
        .collect();
    for action in ["votes.create", "votes.ballot", "votes.close"] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
}

async fn ballots_that_must_not_be_change_nothing(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let father = app.login(RESIDENT).await;
    let community = app.community("轻机南院").await;
    let vote = open_vote(&manager, community, json!({})).await;
    let id = &vote["summary"]["id"];
    let path = format!("/api/v1/votes/{id}/ballots");
    let agree = &vote["choices"][0]["id"];
    let other = open_vote(&manager, community, json!({"question": "另一件事"})).await;
    let all = households(&app, community).await;
    let someone = all[0].0;
    let (status, _) = manager.post(&path, paper(agree, someone, "A-1")).await;
    assert_eq!(status, 200);
    let before = ballots(&app).await;

    // Only for the first building: 3号楼's father neither sees it nor votes.
    let first: i64 =
        sqlx::query_scalar("SELECT id FROM buildings WHERE community_id = $1 AND name = '1号楼'")
            .bind(community)
            .fetch_one(app.db.reader())
            .await
            .expect("1号楼");
    let narrow = open_vote(&manager, community, json!({"building_ids": [first]})).await;
    let narrow_id = &narrow["summary"]["id"];
    let (_, list) = father.get("/api/v1/votes").await;
    assert!(
        list.as_array()
            .into_iter()
            .flatten()
            .all(|v| v["summary"]["id"] != *narrow_id && v["id"] != *narrow_id),
        "{list}"
    );
    assert_eq!(
        father.get(&format!("/api/v1/votes/{narrow_id}")).await.0,
        404
    );
    let upcoming = open_vote(
        &manager,
        community,
        json!({"opens_at": in_a_day(), "closes_at": server::db::rfc3339(now() + 2 * server::db::DAY)}),
    )
    .await;
    let stranger = app.login(OTHER_MANAGER).await;
    let household = app.zhang_household().await;
    for (who, at, body, status, code) in [
        (
            &father,
            path.clone(),
            json!({"choice_id": other["choices"][0]["id"]}),
            400,
            "invalid_choice",
        ),
        (
            &father,
            path.clone(),
            paper(agree, household, "A-2"),
            403,
            "forbidden",
        ),
        (
            &manager,
            path.clone(),
            json!({"choice_id": agree, "household_id": household}),
            400,
            "invalid_paper_no",
        ),
        (
            &manager,
            path.clone(),
            paper(agree, all[1].0, "A-1"),
            409,
            "invalid_paper_no",
        ),
        (
            &manager,
            path.clone(),
            paper(agree, someone, "A-9"),
            409,
            "already_voted",
        ),
        (
            &manager,
            path.clone(),
            json!({"choice_id": agree}),
            403,
            "no_household",
        ),
        (
            &manager,
            format!("/api/v1/votes/{narrow_id}/ballots"),
            paper(&narrow["choices"][0]["id"], household, "N-1"),
            400,
            "not_voting",
        ),
        (
            &father,
            format!("/api/v1/votes/{narrow_id}/ballots"),
            json!({"choice_id": narrow["choices"][0]["id"]}),
            404,
            "not_found",
        ),
        (
            &father,
            format!("/api/v1/votes/{}/ballots", upcoming["summary"]["id"]),
            json!({"choice_id": upcoming["choices"][0]["id"]}),
            409,
            "vote_not_open",
        ),
        (
            &stranger,
            path.clone(),
            json!({"choice_id": agree}),
            404,
            "not_found",
        ),
    ] {
        let (got, answer) = who.post(&at, body.clone()).await;
        assert_eq!(got, status, "{at} {body}: {answer}");
        assert_error(&answer, code);
    }
    assert_eq!(ballots(&app).await, before);

    // Votes that cannot be opened.
    let votes = app
        .count("SELECT CAST(COUNT(*) AS BIGINT) FROM votes")
        .await;
    let base = json!({"community_id": community, "kind": "decision", "matter": "ordinary",
                      "question": "问题", "closes_at": in_a_day()});
    let with = |k: &str, v: Value| {
        let mut b = base.clone();
        b[k] = v;
        b
    };
    for (body, code) in [
        (with("choices", json!(["好", "不好"])), "invalid_choice"),
        (with("kind", json!("choice")), "invalid_choice"),
        (
            {
                let mut b = with("kind", json!("choice"));
                b["choices"] = json!(["洁美", "洁美"]);
                b
            },
            "invalid_choice",
        ),
        (
            with("closes_at", json!("2020-01-01T00:00:00Z")),
            "invalid_times",
        ),
        (
            with(
                "closes_at",
                json!(server::db::rfc3339(now() + 400 * server::db::DAY)),
            ),
            "invalid_times",
        ),
        (with("building_ids", json!([999_999])), "invalid_buildings"),
        (with("question", json!(" ")), "invalid_title"),
    ] {
        let (status, answer) = manager.post("/api/v1/votes", body.clone()).await;
        assert_eq!(status, 400, "{body}: {answer}");
        assert_error(&answer, code);
    }
    let (status, _) = stranger
        .post("/api/v1/votes", with("question", json!("别人的院子")))
        .await;
    assert_eq!(status, 403);
    assert_eq!(
        app.count("SELECT CAST(COUNT(*) AS BIGINT) FROM votes")
            .await,
        votes
    );
}

async fn two_hundred_ballots_at_once_are_two_hundred(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let community = app.community("轻机南院").await;
    let vote = open_vote(&manager, community, json!({"matter": "ordinary"})).await;
    let id = &vote["summary"]["id"];
    let agree = &vote["choices"][0]["id"];
    let path = format!("/api/v1/votes/{id}/ballots");
    let all = households(&app, community).await;
    let answers = join_all(
        all.iter()
            .take(200)
            .enumerate()
            .map(|(i, (h, _))| manager.post(&path, paper(agree, *h, &format!("B-{i:03}")))),
    )
    .await;
    let refused: Vec<_> = answers.iter().filter(|(s, _)| *s != 200).collect();
    assert!(refused.is_empty(), "{refused:?}");
    // The same household twice at once: one ballot.
    let last = all[200].0;
    let (a, b) = tokio::join!(
        manager.post(&path, paper(agree, last, "C-1")),
        manager.post(&path, paper(agree, last, "C-2"))
    );
    let mut statuses = [a.0, b.0];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{} {}", a.1, b.1);
    let (_, tally) = manager.get(&format!("/api/v1/votes/{id}/tally")).await;
    assert_eq!(tally["voted"]["households"], 201);
    assert_eq!(tally["paper"], 201);
    // 201 of 327 households is short of two thirds (218).
    assert_eq!(tally["quorum"], all.len() * 2 <= 201 * 3);
    assert_eq!(ballots(&app).await, 201);
}

async fn a_consultation_counts_people_and_keeps_their_words(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let father = app.login(RESIDENT).await;
    let mut daughter = app.login(HELPER).await;
    daughter.acting_for = Some(app.zhang_household().await);
    let community = app.community("轻机南院").await;
    let vote = open_vote(
        &manager,
        community,
        json!({"kind": "consultation", "matter": "major", "question": "院里的空地做什么好？"}),
    )
    .await;
    assert_eq!(vote["summary"]["matter"], "ordinary", "no thresholds");
    assert_eq!(vote["choices"], json!([]));
    let id = &vote["summary"]["id"];
    let path = format!("/api/v1/votes/{id}/ballots");
    let (status, first) = father.post(&path, json!({"words": "种几棵树"})).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["answer"]["words"], "种几棵树");
    // One answer a person: the daughter has her own; the father changes his.
    let (status, _) = daughter.post(&path, json!({"words": "放几张长椅"})).await;
    assert_eq!(status, 200);
    let (status, changed) = father.post(&path, json!({"words": "种几棵枣树"})).await;
    assert_eq!(status, 200, "{changed}");
    let (_, seen) = father.get(&format!("/api/v1/votes/{id}")).await;
    assert_eq!(seen["answer"]["words"], "种几棵枣树");
    assert_eq!(seen["summary"]["voted"], true);
    for (who, body, status, code) in [
        (&father, json!({"choice_id": 1}), 400, "invalid_choice"),
        (&father, json!({}), 400, "invalid_choice"),
        (&father, json!({"words": " "}), 400, "invalid_body"),
        (
            &manager,
            json!({"words": "物业也想说"}),
            403,
            "no_household",
        ),
        (
            &manager,
            paper(&json!(1), 1, "X-1"),
            400,
            "invalid_paper_no",
        ),
    ] {
        let (got, answer) = who.post(&path, body.clone()).await;
        assert_eq!(got, status, "{body}: {answer}");
        assert_error(&answer, code);
    }
    let (_, tally) = manager.get(&format!("/api/v1/votes/{id}/tally")).await;
    assert_eq!(tally["voted"]["households"], 2, "two people: {tally}");
    assert_eq!(tally["texts"], json!(["种几棵枣树", "放几张长椅"]));
    assert_eq!(tally["passed"], Value::Null);
    let all = households(&app, community).await;
    let (_, missing) = manager.get(&format!("/api/v1/votes/{id}/missing")).await;
    assert_eq!(missing.as_array().map(Vec::len), Some(all.len() - 1));
    let (status, closed) = manager
        .post(&format!("/api/v1/votes/{id}/close"), json!({}))
        .await;
    assert_eq!(status, 200, "{closed}");
    let (_, notice) = father
        .get(&format!(
            "/api/v1/notices/{}",
            closed["summary"]["notice_id"]
        ))
        .await;
    let text = notice["body"].as_str().expect("body");
    assert!(
        notice["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("征求意见结果"))
    );
    assert!(text.contains("共 2 人回答"), "{text}");
    assert!(text.contains("· 放几张长椅"), "{text}");
    assert!(!text.contains("张丽") && !text.contains("张建国"), "{text}");

    // With choices: people per choice.
    let choose = open_vote(
        &manager,
        community,
        json!({"kind": "consultation", "question": "大扫除定在哪天？", "choices": ["周六上午", "周日上午"]}),
    )
    .await;
    let cid = &choose["summary"]["id"];
    let sunday = &choose["choices"][1]["id"];
    let at = format!("/api/v1/votes/{cid}/ballots");
    let (status, _) = father.post(&at, json!({"words": "都行"})).await;
    assert_eq!(status, 400, "a choice, not words");
    let (status, _) = father.post(&at, json!({"choice_id": sunday})).await;
    assert_eq!(status, 200);
    let (_, tally) = manager.get(&format!("/api/v1/votes/{cid}/tally")).await;
    assert_eq!(tally["choices"][1]["weight"]["households"], 1);
    assert_eq!(tally["texts"], json!([]));
}

async fn a_ballot_at_the_close_is_counted_or_refused(app: TestApp) {
    let manager = app.login(MANAGER).await;
    let closer = app.login(MANAGER).await;
    let community = app.community("轻机南院").await;
    let vote = open_vote(&manager, community, json!({"matter": "ordinary"})).await;
    let id = &vote["summary"]["id"];
    let agree = &vote["choices"][0]["id"];
    let path = format!("/api/v1/votes/{id}/ballots");
    let all = households(&app, community).await;
    let close = format!("/api/v1/votes/{id}/close");
    let ballots_and_close =
        async {
            let ballots =
                join_all(all.iter().take(30).enumerate().map(|(i, (h, _))| {
                    manager.post(&path, paper(agree, *h, &format!("R-{i:02}")))
                }));
            tokio::join!(ballots, closer.post(&close, json!({})))
        };
    let (answers, (mut status, mut closed)) = ballots_and_close.await;
    // While ballots keep arriving the close may give way (409, "try
    // later"); once they stop it goes through.
    if status == 409 {
        assert_error(&closed, "vote_closed");
        (status, closed) = closer.post(&close, json!({})).await;
    }
    assert_eq!(status, 200, "{closed}");
    for (s, body) in &answers {
        assert!(*s == 200 || *s == 409, "{s} {body}");
    }
    let accepted = i64::try_from(answers.iter().filter(|(s, _)| *s == 200).count()).unwrap_or(0);
    // Every ballot accepted is in the fixed result, and only those.
    assert_eq!(ballots(&app).await, accepted);
    assert_eq!(
        closed["result"]["voted"]["households"], accepted,
        "{closed}"
    );
}
