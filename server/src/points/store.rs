//! Writing the ledger: every change of a balance is one entry, made in the
//! caller's transaction, and the balance moves only by a conditional update
//! that can never take it below zero (the table's CHECK is the backstop).

use app::model::EntryKind;
use app::model::ErrorCode;
use sqlx::Any;

use crate::db::now_millis;
use crate::error::ApiError;

/// One ledger line to write.
pub struct Entry<'a> {
    pub community: i64,
    pub user: i64,
    pub amount: i64,
    pub kind: EntryKind,
    pub rule: Option<i64>,
    pub quantity_halves: Option<i64>,
    pub earned_on: &'a str,
    pub redemption: Option<i64>,
    pub reverses: Option<i64>,
    pub reason: &'a str,
    pub recorded_by: i64,
    pub acting_household: Option<i64>,
}

impl<'a> Entry<'a> {
    /// An entry with only the always-needed fields; set the rest by hand.
    pub fn new(
        kind: EntryKind,
        community: i64,
        user: i64,
        amount: i64,
        earned_on: &'a str,
        recorded_by: i64,
    ) -> Self {
        Self {
            community,
            user,
            amount,
            kind,
            rule: None,
            quantity_halves: None,
            earned_on,
            redemption: None,
            reverses: None,
            reason: "",
            recorded_by,
            acting_household: None,
        }
    }
}

/// Moves a balance by `delta`, refusing (409) to take it below zero.
pub async fn move_balance(
    tx: &mut sqlx::Transaction<'_, Any>,
    user: i64,
    community: i64,
    delta: i64,
) -> Result<(), ApiError> {
    if delta > 0 {
        sqlx::query(
            "INSERT INTO point_accounts (user_id, community_id, balance) VALUES ($1, $2, 0)
             ON CONFLICT (user_id, community_id) DO NOTHING",
        )
        .bind(user)
        .bind(community)
        .execute(&mut **tx)
        .await?;
    }
    let moved = sqlx::query(
        "UPDATE point_accounts SET balance = balance + $3
         WHERE user_id = $1 AND community_id = $2 AND balance + $3 >= 0",
    )
    .bind(user)
    .bind(community)
    .bind(delta)
    .execute(&mut **tx)
    .await?;
    if moved.rows_affected() != 1 {
        return Err(ApiError::conflict(
            ErrorCode::InsufficientPoints,
            "积分不够了。参加巡逻、值守、大扫除可以得积分",
        ));
    }
    Ok(())
}

/// Appends a ledger line (the balance must already have moved).
pub async fn insert(tx: &mut sqlx::Transaction<'_, Any>, e: &Entry<'_>) -> Result<i64, ApiError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO point_entries (community_id, user_id, amount, kind, rule_id, quantity_halves,
            earned_on, redemption_id, reverses_id, reason, recorded_by, acting_household, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(e.community)
    .bind(e.user)
    .bind(e.amount)
    .bind(e.kind.as_str())
    .bind(e.rule)
    .bind(e.quantity_halves)
    .bind(e.earned_on)
    .bind(e.redemption)
    .bind(e.reverses)
    .bind(e.reason)
    .bind(e.recorded_by)
    .bind(e.acting_household)
    .bind(now_millis())
    .fetch_one(&mut **tx)
    .await?)
}

/// Moves the balance and writes the line, as one.
pub async fn post(tx: &mut sqlx::Transaction<'_, Any>, e: &Entry<'_>) -> Result<i64, ApiError> {
    move_balance(tx, e.user, e.community, e.amount).await?;
    insert(tx, e).await
}
