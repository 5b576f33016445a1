//! The points tables. Writing the ledger: every change of a balance is one
//! entry, made in the caller's transaction, and the balance moves only by a
//! conditional update that can never take it below zero (the table's CHECK
//! is the backstop). Reading: balances, ledger pages, residents, the red
//! board and the earning rules.

use app::model::{EntryKind, ErrorCode, LedgerEntry, PointRule, PointUnit};
use sqlx::{Any, FromRow};

use crate::db::{Dir, Order, Sql, now_millis, rfc3339};
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
    /// The activity session that earned an award.
    pub session: Option<i64>,
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
            session: None,
            reason: "",
            recorded_by,
            acting_household: None,
        }
    }
}

/// Moves a balance by `delta`, refusing (409) to take it below zero.
pub async fn move_balance(
    tx: &mut crate::db::Tx,
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
        .execute(&mut *tx)
        .await?;
    }
    let moved = sqlx::query(
        "UPDATE point_accounts SET balance = balance + $3
         WHERE user_id = $1 AND community_id = $2 AND balance + $3 >= 0",
    )
    .bind(user)
    .bind(community)
    .bind(delta)
    .execute(&mut *tx)
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
pub async fn insert(tx: &mut crate::db::Tx, e: &Entry<'_>) -> Result<i64, ApiError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO point_entries (community_id, user_id, amount, kind, rule_id, quantity_halves,
            earned_on, redemption_id, reverses_id, reason, recorded_by, acting_household, created_at,
            session_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
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
    .bind(e.session)
    .fetch_one(&mut *tx)
    .await?)
}

/// Moves the balance and writes the line, as one.
pub async fn post(tx: &mut crate::db::Tx, e: &Entry<'_>) -> Result<i64, ApiError> {
    move_balance(tx, e.user, e.community, e.amount).await?;
    insert(tx, e).await
}

// Reading.

/// Where a person is a live resident: the community and the household.
#[derive(FromRow)]
pub struct Residence {
    pub community_id: i64,
    pub household_id: i64,
    pub building_id: i64,
}

/// Each live resident membership of a user, oldest first.
pub async fn residences<'e, E>(executor: E, user: i64) -> sqlx::Result<Vec<Residence>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT h.community_id, h.id AS household_id, h.building_id FROM memberships m
         JOIN households h ON h.id = m.household_id JOIN users u ON u.id = m.user_id
         WHERE m.user_id = $1 AND m.role = 'resident' AND m.revoked_at IS NULL
           AND u.disabled_at IS NULL ORDER BY m.id",
    )
    .bind(user)
    .fetch_all(executor)
    .await
}

/// Where a person lives in a community: their oldest live residence there.
pub async fn residence_in<'e, E>(
    executor: E,
    community: i64,
    user: i64,
) -> sqlx::Result<Option<Residence>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    Ok(residences(executor, user)
        .await?
        .into_iter()
        .find(|r| r.community_id == community))
}

/// The first live resident of a household.
pub async fn first_resident<'e, E>(executor: E, household: i64) -> sqlx::Result<Option<i64>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.household_id = $1 AND m.role = 'resident' AND m.revoked_at IS NULL
           AND u.disabled_at IS NULL ORDER BY m.id LIMIT 1",
    )
    .bind(household)
    .fetch_optional(executor)
    .await
}

/// Which of `users` (not empty) are live residents of the community.
pub async fn residents_among<'e, E>(
    executor: E,
    community: i64,
    users: &[i64],
) -> sqlx::Result<Vec<i64>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let mut q = Sql::new(
        "SELECT DISTINCT m.user_id FROM memberships m JOIN households h ON h.id = m.household_id
         JOIN users u ON u.id = m.user_id
         WHERE m.role = 'resident' AND m.revoked_at IS NULL AND u.disabled_at IS NULL
           AND h.community_id = ",
    );
    q.bind(community)
        .push(" AND m.user_id IN ")
        .bind_list(users.iter().copied());
    q.fetch_all::<(i64,), _>(executor)
        .await
        .map(|rows| rows.into_iter().map(|(u,)| u).collect())
}

/// The head of a ledger page: whose it is, the balance, and the points
/// earned on days in `[from, to)` (awards, adjustments and their reversals).
#[derive(FromRow)]
pub struct LedgerHead {
    pub name: String,
    pub balance: i64,
    pub earned: i64,
}

/// One query for the three.
pub async fn ledger_head<'e, E>(
    executor: E,
    user: i64,
    community: i64,
    from: &str,
    to: &str,
) -> sqlx::Result<LedgerHead>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT u.name,
            CAST(COALESCE((SELECT a.balance FROM point_accounts a
                           WHERE a.user_id = u.id AND a.community_id = $2), 0) AS BIGINT) AS balance,
            (SELECT CAST(COALESCE(SUM(e.amount), 0) AS BIGINT) FROM point_entries e
             WHERE e.user_id = u.id AND e.community_id = $2
               AND e.kind IN ('award', 'adjust', 'reversal')
               AND e.earned_on >= $3 AND e.earned_on < $4) AS earned
         FROM users u WHERE u.id = $1",
    )
    .bind(user)
    .bind(community)
    .bind(from)
    .bind(to)
    .fetch_one(executor)
    .await
}

/// A ledger line as the ledger page shows it.
#[derive(FromRow)]
pub struct EntryRow {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub kind: EntryKind,
    pub amount: i64,
    pub earned_on: String,
    pub quantity_halves: Option<i64>,
    pub reason: String,
    pub created_at: i64,
    pub rule_name: Option<String>,
    pub item_name: Option<String>,
    pub item_quantity: Option<i64>,
    pub recorder: String,
    pub recorded_by: i64,
    pub acting_household: Option<i64>,
    pub reversed: i64,
}

impl EntryRow {
    /// `owner` is the resident whose ledger it is (a helper's entries name the helper).
    pub fn wire(self, owner: i64) -> LedgerEntry {
        let what = match (self.kind, self.rule_name, self.item_name) {
            (EntryKind::Award, Some(rule), _) if self.reason.is_empty() => rule,
            (EntryKind::Award, Some(rule), _) => format!("{rule}（{}）", self.reason),
            (EntryKind::Redeem | EntryKind::Refund, _, Some(item)) => {
                format!("{item} ×{}", self.item_quantity.unwrap_or(1))
            }
            _ => self.reason,
        };
        #[allow(clippy::cast_precision_loss)]
        let quantity = self.quantity_halves.map(|h| h as f64 / 2.0);
        LedgerEntry {
            id: self.id,
            kind: self.kind,
            amount: self.amount,
            earned_on: self.earned_on,
            what,
            quantity,
            by_helper: (self.acting_household.is_some() && self.recorded_by != owner)
                .then(|| self.recorder.clone()),
            recorded_by: self.recorder,
            reversed: self.reversed > 0,
            created_at: rfc3339(self.created_at),
        }
    }
}

/// A ledger's order: newest first.
pub const LEDGER_ORDER: Order = Order(&[("e.id", Dir::Desc)]);

/// A page of a resident's ledger in `LEDGER_ORDER`: `fetch` entries after
/// the position `after` (when given) and `offset` more.
pub async fn entries<'e, E>(
    executor: E,
    user: i64,
    community: i64,
    after: Option<&[i64]>,
    fetch: i64,
    offset: i64,
) -> sqlx::Result<Vec<EntryRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let mut q = Sql::new(
        "SELECT e.id, e.kind, e.amount, e.earned_on, e.quantity_halves, e.reason, e.created_at,
                r.name AS rule_name, i.name AS item_name, rd.quantity AS item_quantity,
                u.name AS recorder, e.recorded_by, e.acting_household,
                (SELECT CAST(COUNT(*) AS BIGINT) FROM point_entries x WHERE x.reverses_id = e.id) AS reversed
         FROM point_entries e
         LEFT JOIN point_rules r ON r.id = e.rule_id
         LEFT JOIN shop_redemptions rd ON rd.id = e.redemption_id
         LEFT JOIN shop_items i ON i.id = rd.item_id
         JOIN users u ON u.id = e.recorded_by
         WHERE e.user_id = ",
    );
    q.bind(user)
        .push(" AND e.community_id = ")
        .bind(community)
        .page(&LEDGER_ORDER, after, fetch, offset);
    q.fetch_all(executor).await
}

/// One entry, as a reversal needs it.
#[derive(FromRow)]
pub struct PostedEntry {
    pub community_id: i64,
    pub user_id: i64,
    pub amount: i64,
    #[sqlx(try_from = "String")]
    pub kind: EntryKind,
    pub earned_on: String,
    pub reversed: i64,
}

pub async fn entry<'e, E>(executor: E, id: i64) -> sqlx::Result<Option<PostedEntry>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT community_id, user_id, amount, kind, earned_on,
            (SELECT CAST(COUNT(*) AS BIGINT) FROM point_entries x WHERE x.reverses_id = e.id) AS reversed
         FROM point_entries e WHERE e.id = $1",
    )
    .bind(id)
    .fetch_optional(executor)
    .await
}

/// A registered resident and their balance, for picking whom to award.
#[derive(FromRow)]
pub struct ResidentRow {
    pub user_id: i64,
    pub name: String,
    pub building_id: i64,
    pub building: String,
    pub flat_label: String,
    pub balance: Option<i64>,
    pub has_phone: i64,
}

/// The community's residents (of one building if given), by building, flat and name.
pub async fn residents<'e, E>(
    executor: E,
    community: i64,
    building: Option<i64>,
) -> sqlx::Result<Vec<ResidentRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT u.id AS user_id, u.name, b.id AS building_id, b.name AS building, h.flat_label,
                a.balance, CAST(CASE WHEN u.phone IS NULL THEN 0 ELSE 1 END AS BIGINT) AS has_phone
         FROM memberships m JOIN users u ON u.id = m.user_id
         JOIN households h ON h.id = m.household_id JOIN buildings b ON b.id = h.building_id
         LEFT JOIN point_accounts a ON a.user_id = u.id AND a.community_id = h.community_id
         WHERE h.community_id = $1 AND m.role = 'resident' AND m.revoked_at IS NULL
           AND u.disabled_at IS NULL AND ($2 IS NULL OR b.id = $2)
         ORDER BY b.sort_order, h.flat_label, u.name",
    )
    .bind(community)
    .bind(building)
    .fetch_all(executor)
    .await
}

// The red board.

/// How the board shows names: `full`, or surname + 某.
pub async fn board_names<'e, E>(executor: E, community: i64) -> sqlx::Result<String>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar("SELECT board_names FROM communities WHERE id = $1")
        .bind(community)
        .fetch_one(executor)
        .await
}

pub async fn set_board_names<'e, E>(executor: E, community: i64, names: &str) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query("UPDATE communities SET board_names = $1 WHERE id = $2")
        .bind(names)
        .bind(community)
        .execute(executor)
        .await?;
    Ok(())
}

/// One earner of the month.
#[derive(FromRow)]
pub struct BoardRow {
    pub user_id: i64,
    pub name: String,
    pub building: Option<String>,
    pub earned: i64,
}

/// The activities each of these people earned points at in `[from, to)`:
/// (person, title), latest first.
pub async fn board_activities<'e, E>(
    executor: E,
    community: i64,
    (from, to): (&str, &str),
    people: &[i64],
) -> sqlx::Result<Vec<(i64, String)>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Sql::new(
        "SELECT e.user_id, a.title FROM point_entries e
         JOIN activity_sessions n ON n.id = e.session_id JOIN activities a ON a.id = n.activity_id
         WHERE e.kind = 'award' AND e.community_id = $1 AND e.earned_on >= $2 AND e.earned_on < $3
           AND e.user_id IN ",
    );
    q.bind_written(community)
        .bind_written(from.to_owned())
        .bind_written(to.to_owned())
        .bind_list(people.iter().copied())
        .push(" ORDER BY e.id DESC");
    q.fetch_all(executor).await
}

/// The month's top earners, most first.
pub async fn board<'e, E>(
    executor: E,
    community: i64,
    from: &str,
    to: &str,
    size: i64,
) -> sqlx::Result<Vec<BoardRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT e.user_id, u.name,
            (SELECT b.name FROM memberships m JOIN households h ON h.id = m.household_id
               JOIN buildings b ON b.id = h.building_id
             WHERE m.user_id = e.user_id AND m.role = 'resident' AND h.community_id = $1
             ORDER BY m.id LIMIT 1) AS building,
            CAST(SUM(e.amount) AS BIGINT) AS earned
         FROM point_entries e JOIN users u ON u.id = e.user_id
         WHERE e.community_id = $1 AND e.kind IN ('award', 'adjust', 'reversal')
           AND e.earned_on >= $2 AND e.earned_on < $3
         GROUP BY e.user_id, u.name HAVING SUM(e.amount) > 0
         ORDER BY earned DESC, u.name LIMIT $4",
    )
    .bind(community)
    .bind(from)
    .bind(to)
    .bind(size)
    .fetch_all(executor)
    .await
}

// Earning rules.

/// The columns `RuleRow` reads.
macro_rules! rule_columns {
    () => {
        "id, community_id, name, points, unit, active"
    };
}

#[derive(FromRow)]
pub struct RuleRow {
    pub id: i64,
    pub community_id: i64,
    pub name: String,
    pub points: i64,
    #[sqlx(try_from = "String")]
    pub unit: PointUnit,
    pub active: i64,
}

impl RuleRow {
    pub fn wire(self) -> PointRule {
        PointRule {
            id: self.id,
            community_id: self.community_id,
            name: self.name,
            points: self.points,
            unit: self.unit,
            active: self.active != 0,
        }
    }
}

/// The community's rules, live first; retired ones only when `all`.
pub async fn rules<'e, E>(executor: E, community: i64, all: bool) -> sqlx::Result<Vec<RuleRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        "SELECT ",
        rule_columns!(),
        " FROM point_rules WHERE community_id = $1 AND (active = 1 OR $2 = 1)
         ORDER BY active DESC, id"
    ))
    .bind(community)
    .bind(i64::from(all))
    .fetch_all(executor)
    .await
}

pub async fn rule<'e, E>(executor: E, id: i64) -> sqlx::Result<Option<RuleRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        "SELECT ",
        rule_columns!(),
        " FROM point_rules WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(executor)
    .await
}

pub async fn rule_name_taken<'e, E>(executor: E, community: i64, name: &str) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let n: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM point_rules WHERE community_id = $1 AND name = $2",
    )
    .bind(community)
    .bind(name)
    .fetch_one(executor)
    .await?;
    Ok(n > 0)
}

pub async fn insert_rule<'e, E>(
    executor: E,
    community: i64,
    name: &str,
    points: i64,
    unit: PointUnit,
) -> sqlx::Result<RuleRow>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        "INSERT INTO point_rules (community_id, name, points, unit, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING ",
        rule_columns!()
    ))
    .bind(community)
    .bind(name)
    .bind(points)
    .bind(unit.as_str())
    .bind(now_millis())
    .fetch_one(executor)
    .await
}

/// Changes what is given; the rest stays.
pub async fn update_rule<'e, E>(
    executor: E,
    id: i64,
    points: Option<i64>,
    active: Option<bool>,
) -> sqlx::Result<RuleRow>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        "UPDATE point_rules SET points = COALESCE($1, points), active = COALESCE($2, active)
         WHERE id = $3 RETURNING ",
        rule_columns!()
    ))
    .bind(points)
    .bind(active.map(i64::from))
    .bind(id)
    .fetch_one(executor)
    .await
}
