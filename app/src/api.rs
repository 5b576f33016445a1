//! The typed API client: one function per endpoint, over gloo-net. Any
//! non-2xx answer becomes an `ApiError` carrying the server's envelope.
//! Every request carries the CSRF header and, when set, the household the
//! person acts for.

use std::cell::Cell;

use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::Set;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::{
    AuditPage, AwardResult, BillList, Building, CancelRedemption, CareSettings, CareUpdate,
    ChangePasswordRequest, CheckIn, CommunitySummary, Counts, CreateStaffRequest, CreatedUser,
    ErrorBody, ErrorCode, FeeSummary, HelperInfo, HouseholdRow, ImportReport, Inbox, IssuedCode,
    Leaderboard, Ledger, LinkHelperRequest, LoginRequest, MarkRead, Me, MissedCheckIn,
    NewAdjustment, NewAward, NewNotice, NewPayment, NewPointRule, NewRedemption, NewRepair,
    NewShopItem, Notice, NoticeList, NoticeReach, NoticeUpdate, Page, PasswordResetRequest,
    PointResident, PointRule, PointRuleUpdate, PointSettings, PointSummary, Redemption,
    RegisterRequest, Repair, RepairAction, RepairDetail, RepairList, RepairSummary,
    ResetPasswordRequest, ReversePayment, ShopItem, ShopItemUpdate, SlipSheet, UpdateMe, Upload,
    Worker,
};

/// Why a call failed, in the terms the UI needs to pick its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No answer: offline, DNS, a dropped connection.
    Network,
    /// The server answered with an error envelope (or something unreadable).
    Server {
        status: u16,
        code: ErrorCode,
        message: String,
    },
}

impl ApiError {
    pub fn status(&self) -> u16 {
        match self {
            Self::Network => 0,
            Self::Server { status, .. } => *status,
        }
    }

    /// A 404 made on this side (an address without a valid id).
    pub fn not_found() -> Self {
        Self::Server {
            status: 404,
            code: ErrorCode::NotFound,
            message: String::new(),
        }
    }

    /// Text the form holds that its kind refuses: the answer the server
    /// would give, made here.
    pub fn refused(refused: crate::model::TextError) -> Self {
        Self::Server {
            status: 400,
            code: refused.code,
            message: refused.message.into(),
        }
    }
}

thread_local! {
    /// The household sent as `X-Acting-For` (set by the act-for switch).
    static ACTING_FOR: Cell<Option<i64>> = const { Cell::new(None) };
}

/// Chooses the household every following request acts for.
pub fn set_acting_for(household: Option<i64>) {
    ACTING_FOR.with(|a| a.set(household));
}

fn with_headers(builder: RequestBuilder) -> RequestBuilder {
    let builder = builder.header("X-Requested-With", "courtyard");
    match ACTING_FOR.with(Cell::get) {
        Some(h) => builder.header("X-Acting-For", &h.to_string()),
        None => builder,
    }
}

/// The answer's body read as text, or the error it carries. Not generic, so
/// the WASM holds one copy of this state machine, not one per answer type.
async fn read(response: Response) -> Result<(u16, String), ApiError> {
    let status = response.status();
    let ok = response.ok();
    let text = response.text().await.unwrap_or_default();
    if ok {
        return Ok((status, text));
    }
    let (code, message) = match serde_json::from_str::<ErrorBody>(&text) {
        Ok(body) => (body.error.code, body.error.message),
        Err(_) => (ErrorCode::Unknown, String::new()),
    };
    Err(ApiError::Server {
        status,
        code,
        message,
    })
}

/// Parses a successful answer.
fn parse<T: DeserializeOwned>((status, text): (u16, String)) -> Result<T, ApiError> {
    serde_json::from_str(&text).map_err(|_| ApiError::Server {
        status,
        code: ErrorCode::Unknown,
        message: String::new(),
    })
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    parse(read(response).await?)
}

/// Sends a request and reads the answer's text (no type parameter).
async fn fetch(builder: RequestBuilder) -> Result<(u16, String), ApiError> {
    let response = with_headers(builder)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    // The service worker answers from its copy when the network is down and
    // says when that copy was saved.
    let saved_at = response.headers().get("x-courtyard-offline");
    OFFLINE.with(|o| {
        if let Some(signal) = o.get() {
            signal.set(saved_at);
        }
    });
    read(response).await
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    parse(fetch(Request::get(path)).await?)
}

thread_local! {
    /// Set while answers come from the offline copy: when it was saved.
    static OFFLINE: Cell<Option<leptos::prelude::RwSignal<Option<String>>>> = const { Cell::new(None) };
}

/// Lets the app show "离线 · 上次更新 …" (called once at start).
pub fn watch_offline(signal: leptos::prelude::RwSignal<Option<String>>) {
    OFFLINE.with(|o| o.set(Some(signal)));
}

/// Forgets the offline copies of personal data (on logout).
pub fn forget_offline_copies() {
    if let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) {
        let _ = caches.delete("courtyard-data");
    }
}

async fn send_json<B: Serialize, T: DeserializeOwned>(
    builder: RequestBuilder,
    body: &B,
) -> Result<T, ApiError> {
    let body = serde_json::to_string(body).map_err(|_| ApiError::Network)?;
    parse(send_text(builder, body).await?)
}

/// Posts a JSON text (no type parameter, one copy in the WASM).
async fn send_text(builder: RequestBuilder, body: String) -> Result<(u16, String), ApiError> {
    let request = with_headers(builder)
        .header("Content-Type", "application/json")
        .body(body)
        .map_err(|_| ApiError::Network)?;
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    read(response).await
}

/// For endpoints that answer 204 No Content.
async fn send_empty(builder: RequestBuilder) -> Result<(), ApiError> {
    let response = with_headers(builder)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    read(response).await.map(|_| ())
}

pub async fn communities() -> Result<Page<CommunitySummary>, ApiError> {
    get("/api/v1/communities?limit=100").await
}

pub async fn me() -> Result<Me, ApiError> {
    get("/api/v1/me").await
}

pub async fn login(body: LoginRequest) -> Result<Me, ApiError> {
    send_json(Request::post("/api/v1/auth/login"), &body).await
}

pub async fn register(body: RegisterRequest) -> Result<Me, ApiError> {
    send_json(Request::post("/api/v1/auth/register"), &body).await
}

/// The household's members kept without a phone, for the code on its slip.
pub async fn kept_members(code: String) -> Result<Vec<crate::model::KeptMember>, ApiError> {
    send_json(
        Request::post("/api/v1/auth/kept-members"),
        &crate::model::KeptMembersRequest { code },
    )
    .await
}

pub async fn logout() -> Result<(), ApiError> {
    send_empty(Request::post("/api/v1/auth/logout")).await
}

pub async fn change_password(body: ChangePasswordRequest) -> Result<Me, ApiError> {
    send_json(Request::post("/api/v1/auth/password"), &body).await
}

pub async fn reset_password(body: ResetPasswordRequest) -> Result<Me, ApiError> {
    send_json(Request::post("/api/v1/auth/reset-password"), &body).await
}

pub async fn update_me(body: UpdateMe) -> Result<Me, ApiError> {
    send_json(Request::patch("/api/v1/me"), &body).await
}

pub async fn issue_helper_code(household: i64) -> Result<IssuedCode, ApiError> {
    send_json(
        Request::post(&format!("/api/v1/households/{household}/helper-codes")),
        &(),
    )
    .await
}

pub async fn helpers(household: i64) -> Result<Vec<HelperInfo>, ApiError> {
    get(&format!("/api/v1/households/{household}/helpers")).await
}

pub async fn revoke_helper(household: i64, helper: i64) -> Result<(), ApiError> {
    send_empty(Request::delete(&format!(
        "/api/v1/households/{household}/helpers/{helper}"
    )))
    .await
}

pub async fn link_helper(body: LinkHelperRequest) -> Result<Me, ApiError> {
    send_json(Request::post("/api/v1/helpers/link"), &body).await
}

pub async fn registration_slips(
    community: i64,
    building: Option<i64>,
) -> Result<SlipSheet, ApiError> {
    let building = building
        .map(|b| format!("&building_id={b}"))
        .unwrap_or_default();
    get(&format!(
        "/api/v1/admin/households/codes?community_id={community}{building}"
    ))
    .await
}

pub async fn regenerate_code(household: i64) -> Result<IssuedCode, ApiError> {
    send_json(
        Request::post(&format!(
            "/api/v1/admin/households/{household}/registration-code"
        )),
        &(),
    )
    .await
}

pub async fn create_staff(body: CreateStaffRequest) -> Result<CreatedUser, ApiError> {
    send_json(Request::post("/api/v1/admin/staff"), &body).await
}

pub async fn issue_password_reset(body: PasswordResetRequest) -> Result<IssuedCode, ApiError> {
    send_json(Request::post("/api/v1/admin/password-resets"), &body).await
}

// 全区: the deployment admin's pages.

pub async fn district() -> Result<Vec<crate::model::CommunityOverview>, ApiError> {
    get("/api/v1/admin/communities").await
}

pub async fn create_community(
    body: crate::model::NewCommunityRequest,
) -> Result<crate::model::CommunitySummary, ApiError> {
    send_json(Request::post("/api/v1/admin/communities"), &body).await
}

pub async fn managers(community: i64) -> Result<Vec<crate::model::ManagerRow>, ApiError> {
    get(&format!("/api/v1/admin/communities/{community}/managers")).await
}

pub async fn add_manager(
    community: i64,
    body: crate::model::CreateManagerRequest,
) -> Result<CreatedUser, ApiError> {
    send_json(
        Request::post(&format!("/api/v1/admin/communities/{community}/managers")),
        &body,
    )
    .await
}

pub async fn remove_manager(community: i64, user: i64) -> Result<(), ApiError> {
    send_empty(Request::delete(&format!(
        "/api/v1/admin/communities/{community}/managers/{user}"
    )))
    .await
}

pub async fn notices(archived: bool) -> Result<NoticeList, ApiError> {
    get(&format!("/api/v1/notices?limit=100&archived={archived}")).await
}

pub async fn notice(id: i64) -> Result<Notice, ApiError> {
    get(&format!("/api/v1/notices/{id}")).await
}

pub async fn publish_notice(body: NewNotice) -> Result<Notice, ApiError> {
    send_json(Request::post("/api/v1/notices"), &body).await
}

pub async fn edit_notice(id: i64, body: NoticeUpdate) -> Result<Notice, ApiError> {
    send_json(Request::patch(&format!("/api/v1/notices/{id}")), &body).await
}

pub async fn notice_reach(id: i64) -> Result<NoticeReach, ApiError> {
    get(&format!("/api/v1/notices/{id}/reads")).await
}

pub async fn buildings(community: i64) -> Result<Vec<Building>, ApiError> {
    get(&format!("/api/v1/communities/{community}/buildings")).await
}

pub async fn bills(household: Option<i64>) -> Result<BillList, ApiError> {
    match household {
        Some(h) => get(&format!("/api/v1/fees/bills?household_id={h}")).await,
        None => get("/api/v1/fees/bills").await,
    }
}

/// The office's collection codes and bank details (the household's community).
pub async fn fee_settings(community: Option<i64>) -> Result<crate::model::FeeSettings, ApiError> {
    match community {
        Some(c) => get(&format!("/api/v1/fees/settings?community_id={c}")).await,
        None => get("/api/v1/fees/settings").await,
    }
}

pub async fn put_fee_settings(
    body: crate::model::FeeSettingsUpdate,
) -> Result<crate::model::FeeSettings, ApiError> {
    send_json(Request::put("/api/v1/fees/settings"), &body).await
}

/// 我已付款 claims: the household's, or (`query` naming a community) the office's.
pub async fn fee_claims(query: &str) -> Result<Vec<crate::model::Claim>, ApiError> {
    get(&format!("/api/v1/fees/claims?{query}")).await
}

pub async fn claim_paid(
    bill: i64,
    body: crate::model::NewClaim,
) -> Result<crate::model::Claim, ApiError> {
    send_json(
        Request::post(&format!("/api/v1/fees/bills/{bill}/claims")),
        &body,
    )
    .await
}

pub async fn confirm_claim(id: i64) -> Result<crate::model::Claim, ApiError> {
    send_json(
        Request::post(&format!("/api/v1/fees/claims/{id}/confirm")),
        &crate::model::ConfirmClaim::default(),
    )
    .await
}

pub async fn decline_claim(
    id: i64,
    body: crate::model::DeclineClaim,
) -> Result<crate::model::Claim, ApiError> {
    send_json(
        Request::post(&format!("/api/v1/fees/claims/{id}/decline")),
        &body,
    )
    .await
}

pub async fn record_payment(bill: i64, body: NewPayment) -> Result<BillList, ApiError> {
    send_json(
        Request::post(&format!("/api/v1/fees/bills/{bill}/payments")),
        &body,
    )
    .await
}

pub async fn reverse_payment(payment: i64, body: ReversePayment) -> Result<BillList, ApiError> {
    send_json(
        Request::post(&format!("/api/v1/fees/payments/{payment}/reverse")),
        &body,
    )
    .await
}

/// 意见箱: the writer's own, or the office's box.
pub async fn suggestions() -> Result<crate::model::SuggestionList, ApiError> {
    get("/api/v1/suggestions").await
}

pub async fn suggestion(id: i64) -> Result<crate::model::Suggestion, ApiError> {
    get(&format!("/api/v1/suggestions/{id}")).await
}

pub async fn write_suggestion(
    body: crate::model::NewSuggestion,
) -> Result<crate::model::Suggestion, ApiError> {
    send_json(Request::post("/api/v1/suggestions"), &body).await
}

pub async fn reply_suggestion(
    id: i64,
    body: crate::model::NewSuggestionReply,
) -> Result<crate::model::Suggestion, ApiError> {
    send_json(
        Request::post(&format!("/api/v1/suggestions/{id}/replies")),
        &body,
    )
    .await
}

/// 表决: the votes the household is part of, or the office's.
pub async fn votes() -> Result<Vec<crate::model::VoteSummary>, ApiError> {
    get("/api/v1/votes").await
}

pub async fn vote(id: i64) -> Result<crate::model::Vote, ApiError> {
    get(&format!("/api/v1/votes/{id}")).await
}

pub async fn create_vote(body: crate::model::NewVote) -> Result<crate::model::Vote, ApiError> {
    send_json(Request::post("/api/v1/votes"), &body).await
}

pub async fn cast_ballot(
    id: i64,
    body: crate::model::NewBallot,
) -> Result<crate::model::Cast, ApiError> {
    send_json(Request::post(&format!("/api/v1/votes/{id}/ballots")), &body).await
}

pub async fn vote_tally(id: i64) -> Result<crate::model::Tally, ApiError> {
    get(&format!("/api/v1/votes/{id}/tally")).await
}

pub async fn vote_missing(id: i64) -> Result<Vec<crate::model::MissingHousehold>, ApiError> {
    get(&format!("/api/v1/votes/{id}/missing")).await
}

pub async fn close_vote(id: i64) -> Result<crate::model::Vote, ApiError> {
    send_json(
        Request::post(&format!("/api/v1/votes/{id}/close")),
        &serde_json::json!({}),
    )
    .await
}

/// The office's fee schedules (retired ones too).
pub async fn fee_schedules(community: i64) -> Result<Vec<crate::model::FeeSchedule>, ApiError> {
    get(&format!("/api/v1/fees/schedules?community_id={community}")).await
}

pub async fn create_fee_schedule(
    body: crate::model::NewFeeSchedule,
) -> Result<crate::model::FeeSchedule, ApiError> {
    send_json(Request::post("/api/v1/fees/schedules"), &body).await
}

/// A new rate from a period not yet billed.
pub async fn change_fee_rate(
    id: i64,
    body: crate::model::ChangeRate,
) -> Result<crate::model::FeeSchedule, ApiError> {
    send_json(
        Request::patch(&format!("/api/v1/fees/schedules/{id}")),
        &body,
    )
    .await
}

pub async fn retire_fee_schedule(id: i64) -> Result<crate::model::FeeSchedule, ApiError> {
    send_json(
        Request::post(&format!("/api/v1/fees/schedules/{id}/retire")),
        &serde_json::json!({}),
    )
    .await
}

/// How many bills, and how much, generating a period would make.
pub async fn preview_bills(
    body: crate::model::GenerateBills,
) -> Result<crate::model::GeneratePreview, ApiError> {
    send_json(Request::post("/api/v1/fees/bills/preview"), &body).await
}

pub async fn generate_bills(
    body: crate::model::GenerateBills,
) -> Result<crate::model::GenerateResult, ApiError> {
    send_json(Request::post("/api/v1/fees/bills/generate"), &body).await
}

/// 催缴: remind households of a period's fee.
pub async fn send_reminders(
    body: crate::model::NewReminders,
) -> Result<crate::model::RemindersSent, ApiError> {
    send_json(Request::post("/api/v1/fees/reminders"), &body).await
}

/// 公示: the published months, and (`draft` a month) its figures first.
pub async fn disclosures(draft: Option<&str>) -> Result<crate::model::DisclosureList, ApiError> {
    match draft {
        Some(m) => get(&format!("/api/v1/disclosures?draft={m}")).await,
        None => get("/api/v1/disclosures").await,
    }
}

pub async fn publish_disclosure(
    body: crate::model::NewDisclosure,
) -> Result<crate::model::Disclosure, ApiError> {
    send_json(Request::post("/api/v1/disclosures"), &body).await
}

pub async fn fee_summary(period: Option<String>) -> Result<FeeSummary, ApiError> {
    match period {
        Some(p) => get(&format!("/api/v1/fees/summary?period={p}")).await,
        None => get("/api/v1/fees/summary").await,
    }
}

/// Uploads a household CSV as it is (the server reads UTF-8 or GBK).
pub async fn import_households(
    community: i64,
    dry_run: bool,
    bytes: &[u8],
) -> Result<ImportReport, ApiError> {
    let body = js_sys::Uint8Array::from(bytes);
    let request = with_headers(Request::post(&format!(
        "/api/v1/admin/households/import?community_id={community}&dry_run={dry_run}"
    )))
    .header("Content-Type", "text/csv")
    .body(body)
    .map_err(|_| ApiError::Network)?;
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    decode(response).await
}

pub async fn households(community: i64, building: i64) -> Result<Vec<HouseholdRow>, ApiError> {
    get(&format!(
        "/api/v1/admin/households?community_id={community}&building_id={building}"
    ))
    .await
}

/// Tickets; `query` is the query string without `?` (scope, filters, page).
pub async fn repairs(query: &str) -> Result<RepairList, ApiError> {
    get(&format!("/api/v1/repairs?{query}")).await
}

pub async fn repair(id: i64) -> Result<RepairDetail, ApiError> {
    get(&format!("/api/v1/repairs/{id}")).await
}

pub async fn report_repair(body: NewRepair) -> Result<Repair, ApiError> {
    send_json(Request::post("/api/v1/repairs"), &body).await
}

pub async fn repair_event(id: i64, body: RepairAction) -> Result<RepairDetail, ApiError> {
    send_json(
        Request::post(&format!("/api/v1/repairs/{id}/events")),
        &body,
    )
    .await
}

/// 报平安 of me, or (a helper) of a resident of the household.
pub async fn care(user_id: Option<i64>) -> Result<CareSettings, ApiError> {
    match user_id {
        Some(id) => get(&format!("/api/v1/care/settings?user_id={id}")).await,
        None => get("/api/v1/care/settings").await,
    }
}

pub async fn save_care(body: CareUpdate) -> Result<CareSettings, ApiError> {
    send_json(Request::put("/api/v1/care/settings"), &body).await
}

/// 我很好, for oneself (the answer is not read: 首页 only needs to know it
/// arrived, and the shell stays without the settings type).
pub async fn check_in() -> Result<(), ApiError> {
    send_json::<_, serde::de::IgnoredAny>(
        Request::post("/api/v1/care/checkins"),
        &CheckIn { user_id: None },
    )
    .await
    .map(|_| ())
}

/// The office's "今天还没报平安".
pub async fn care_missed() -> Result<Vec<MissedCheckIn>, ApiError> {
    get("/api/v1/care/missed").await
}

/// Every badge's count.
pub async fn counts() -> Result<Counts, ApiError> {
    get("/api/v1/counts").await
}

/// My news, newest first; `cursor` for the page after.
pub async fn inbox(cursor: Option<String>) -> Result<Inbox, ApiError> {
    match cursor {
        Some(c) => get(&format!("/api/v1/inbox?limit=30&cursor={c}")).await,
        None => get("/api/v1/inbox?limit=30").await,
    }
}

/// Marks items read (or all of them); the counts as they now are.
pub async fn mark_read(body: MarkRead) -> Result<Counts, ApiError> {
    send_json(Request::post("/api/v1/inbox/read"), &body).await
}

pub async fn repair_summary() -> Result<RepairSummary, ApiError> {
    get("/api/v1/repairs/summary").await
}

pub async fn repair_workers() -> Result<Vec<Worker>, ApiError> {
    get("/api/v1/repairs/workers").await
}

/// Uploads a photo file as it is; the server checks and re-encodes it.
pub async fn upload_photo(file: web_sys::File) -> Result<Upload, ApiError> {
    let request = with_headers(Request::post("/api/v1/uploads"))
        .header("Content-Type", "application/octet-stream")
        .body(file)
        .map_err(|_| ApiError::Network)?;
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    decode(response).await
}

pub async fn point_summary() -> Result<PointSummary, ApiError> {
    get("/api/v1/points/summary").await
}

pub async fn ledger() -> Result<Ledger, ApiError> {
    get("/api/v1/points/ledger?limit=100").await
}

pub async fn point_rules() -> Result<Vec<PointRule>, ApiError> {
    get("/api/v1/points/rules").await
}

pub async fn add_point_rule(body: NewPointRule) -> Result<PointRule, ApiError> {
    send_json(Request::post("/api/v1/points/rules"), &body).await
}

pub async fn update_point_rule(id: i64, body: PointRuleUpdate) -> Result<PointRule, ApiError> {
    send_json(Request::patch(&format!("/api/v1/points/rules/{id}")), &body).await
}

pub async fn award(body: NewAward) -> Result<AwardResult, ApiError> {
    send_json(Request::post("/api/v1/points/awards"), &body).await
}

pub async fn adjust_points(body: NewAdjustment) -> Result<Ledger, ApiError> {
    send_json(Request::post("/api/v1/points/adjustments"), &body).await
}

pub async fn point_residents(building: Option<i64>) -> Result<Vec<PointResident>, ApiError> {
    match building {
        Some(b) => get(&format!("/api/v1/points/residents?building_id={b}")).await,
        None => get("/api/v1/points/residents").await,
    }
}

/// `month` is YYYY-MM, or empty for this month.
pub async fn leaderboard(month: &str) -> Result<Leaderboard, ApiError> {
    if month.is_empty() {
        get("/api/v1/points/leaderboard").await
    } else {
        get(&format!("/api/v1/points/leaderboard?month={month}")).await
    }
}

pub async fn point_settings() -> Result<PointSettings, ApiError> {
    get("/api/v1/points/settings").await
}

pub async fn save_point_settings(body: PointSettings) -> Result<PointSettings, ApiError> {
    send_json(Request::patch("/api/v1/points/settings"), &body).await
}

/// The shelf; `all` (managers) includes goods taken off it.
pub async fn shop_items(all: bool) -> Result<Vec<ShopItem>, ApiError> {
    get(&format!("/api/v1/shop/items?all={all}")).await
}

pub async fn add_shop_item(body: NewShopItem) -> Result<ShopItem, ApiError> {
    send_json(Request::post("/api/v1/shop/items"), &body).await
}

pub async fn update_shop_item(id: i64, body: ShopItemUpdate) -> Result<ShopItem, ApiError> {
    send_json(Request::patch(&format!("/api/v1/shop/items/{id}")), &body).await
}

pub async fn redeem(body: NewRedemption) -> Result<Redemption, ApiError> {
    send_json(Request::post("/api/v1/shop/redemptions"), &body).await
}

/// `query` without `?`: `status=reserved`, `code=123456`, or empty for mine.
pub async fn redemptions(query: &str) -> Result<Vec<Redemption>, ApiError> {
    get(&format!("/api/v1/shop/redemptions?{query}")).await
}

pub async fn fulfil(id: i64) -> Result<Redemption, ApiError> {
    send_json(
        Request::post(&format!("/api/v1/shop/redemptions/{id}/fulfil")),
        &(),
    )
    .await
}

pub async fn cancel_redemption(id: i64) -> Result<Redemption, ApiError> {
    send_json(
        Request::post(&format!("/api/v1/shop/redemptions/{id}/cancel")),
        &CancelRedemption::default(),
    )
    .await
}

/// `query` without `?`: from, to, action, limit, offset.
pub async fn audit(query: &str) -> Result<AuditPage, ApiError> {
    get(&format!("/api/v1/audit?{query}")).await
}

// Activities.

pub async fn activities(past: bool) -> Result<crate::model::ActivityList, ApiError> {
    get(if past {
        "/api/v1/activities?past=true"
    } else {
        "/api/v1/activities"
    })
    .await
}

pub async fn activity(id: i64) -> Result<crate::model::ActivityDetail, ApiError> {
    get(&format!("/api/v1/activities/{id}")).await
}

pub async fn publish_activity(
    body: crate::model::NewActivity,
) -> Result<crate::model::ActivityDetail, ApiError> {
    send_json(Request::post("/api/v1/activities"), &body).await
}

pub async fn sign_up(
    id: i64,
    body: crate::model::NewSignup,
) -> Result<crate::model::Signup, ApiError> {
    send_json(
        Request::post(&format!("/api/v1/activities/{id}/signups")),
        &body,
    )
    .await
}

/// 去不了了 (the answer is the withdrawn sign-up; the page reloads).
pub async fn withdraw(id: i64, signup: i64) -> Result<(), ApiError> {
    fetch(Request::delete(&format!(
        "/api/v1/activities/{id}/signups/{signup}"
    )))
    .await
    .map(drop)
}

pub async fn activity_check_in(
    id: i64,
    body: crate::model::NewCheckin,
) -> Result<crate::model::CheckinResult, ApiError> {
    send_json(
        Request::post(&format!("/api/v1/activities/{id}/checkins")),
        &body,
    )
    .await
}

pub async fn attendance(
    id: i64,
    session: Option<i64>,
) -> Result<crate::model::Attendance, ApiError> {
    match session {
        Some(s) => {
            get(&format!(
                "/api/v1/activities/{id}/attendance?session_id={s}"
            ))
            .await
        }
        None => get(&format!("/api/v1/activities/{id}/attendance")).await,
    }
}

pub async fn close_activity(
    id: i64,
    body: crate::model::CloseSession,
) -> Result<crate::model::CloseResult, ApiError> {
    send_json(
        Request::post(&format!("/api/v1/activities/{id}/close")),
        &body,
    )
    .await
}

pub async fn person_code(user: Option<i64>) -> Result<crate::model::PersonCode, ApiError> {
    match user {
        Some(u) => get(&format!("/api/v1/activities/person-code?user_id={u}")).await,
        None => get("/api/v1/activities/person-code").await,
    }
}

pub async fn members(household: i64) -> Result<Vec<crate::model::Member>, ApiError> {
    get(&format!("/api/v1/households/{household}/members")).await
}

pub async fn add_member(
    household: i64,
    body: crate::model::NewMember,
) -> Result<crate::model::Member, ApiError> {
    send_json(
        Request::post(&format!("/api/v1/households/{household}/members")),
        &body,
    )
    .await
}

/// The office's month ("YYYY-MM") of activities.
pub async fn turnout(month: &str) -> Result<crate::model::Turnout, ApiError> {
    get(&format!("/api/v1/activities/turnout?month={month}")).await
}

/// Someone's ledger (a manager, or a helper for the household's person).
pub async fn ledger_of(user: Option<i64>) -> Result<Ledger, ApiError> {
    match user {
        Some(u) => get(&format!("/api/v1/points/ledger?limit=100&user_id={u}")).await,
        None => ledger().await,
    }
}
