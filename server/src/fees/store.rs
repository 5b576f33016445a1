//! The SQL of fees: schedules, bills and payments, their rows and how a row
//! becomes its wire type. Enum columns decode through `try_from`, so a name
//! no enum knows is an error, never a silent default.

use app::model::{
    Bill, BillHousehold, BillStatus, BillingPeriod, FeeBasis, FeeSchedule, Payment, PaymentMethod,
};
use sqlx::{Any, FromRow};

use crate::db::rfc3339;

#[derive(FromRow)]
pub struct ScheduleRow {
    pub id: i64,
    pub community_id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub basis: FeeBasis,
    pub rate_fen: i64,
    #[sqlx(try_from = "String")]
    pub period: BillingPeriod,
    pub due_days: i64,
}

impl ScheduleRow {
    pub fn wire(self) -> FeeSchedule {
        FeeSchedule {
            id: self.id,
            community_id: self.community_id,
            name: self.name,
            basis: self.basis,
            rate_fen: self.rate_fen,
            period: self.period,
            due_days: self.due_days,
        }
    }
}

/// The columns `ScheduleRow` reads.
macro_rules! schedule_columns {
    () => {
        "id, community_id, name, basis, rate_fen, period, due_days"
    };
}

pub async fn schedules<'e, E>(executor: E, community: i64) -> sqlx::Result<Vec<ScheduleRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        "SELECT ",
        schedule_columns!(),
        " FROM fee_schedules WHERE community_id = $1 ORDER BY id"
    ))
    .bind(community)
    .fetch_all(executor)
    .await
}

pub async fn schedule<'e, E>(executor: E, id: i64) -> sqlx::Result<Option<ScheduleRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        "SELECT ",
        schedule_columns!(),
        " FROM fee_schedules WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(executor)
    .await
}

pub async fn schedule_name_taken<'e, E>(
    executor: E,
    community: i64,
    name: &str,
) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let n: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM fee_schedules WHERE community_id = $1 AND name = $2",
    )
    .bind(community)
    .bind(name)
    .fetch_one(executor)
    .await?;
    Ok(n > 0)
}

/// A schedule to add.
pub struct NewSchedule<'a> {
    pub community: i64,
    pub name: &'a str,
    pub basis: FeeBasis,
    pub rate_fen: i64,
    pub period: BillingPeriod,
    pub due_days: i64,
    pub now: i64,
}

pub async fn insert_schedule<'e, E>(executor: E, new: &NewSchedule<'_>) -> sqlx::Result<ScheduleRow>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        "INSERT INTO fee_schedules (community_id, name, basis, rate_fen, period, due_days, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ",
        schedule_columns!()
    ))
    .bind(new.community)
    .bind(new.name)
    .bind(new.basis.as_str())
    .bind(new.rate_fen)
    .bind(new.period.as_str())
    .bind(new.due_days)
    .bind(new.now)
    .fetch_one(executor)
    .await
}

/// A household to bill: id and floor area.
#[derive(FromRow)]
pub struct BilledFlat {
    pub id: i64,
    pub area_hundredths_m2: i64,
}

pub async fn flats<'e, E>(executor: E, community: i64) -> sqlx::Result<Vec<BilledFlat>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT id, area_hundredths_m2 FROM households WHERE community_id = $1 ORDER BY id",
    )
    .bind(community)
    .fetch_all(executor)
    .await
}

/// One bill to make (left alone when it exists).
pub struct NewBill<'a> {
    pub schedule: i64,
    pub household: i64,
    pub community: i64,
    pub period: &'a str,
    pub months: i64,
    pub amount_fen: i64,
    pub due_at: i64,
    pub now: i64,
}

/// The new bill's id, or `None` when it existed.
pub async fn insert_bill<'e, E>(executor: E, new: &NewBill<'_>) -> sqlx::Result<Option<i64>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "INSERT INTO fee_bills (schedule_id, household_id, community_id, period, months, amount_fen, due_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(new.schedule)
    .bind(new.household)
    .bind(new.community)
    .bind(new.period)
    .bind(new.months)
    .bind(new.amount_fen)
    .bind(new.due_at)
    .bind(new.now)
    .fetch_optional(executor)
    .await
}

#[derive(FromRow)]
pub struct HouseholdRow {
    pub community_name: String,
    pub building: String,
    pub flat_label: String,
    pub area_hundredths_m2: i64,
}

pub async fn household<'e, E>(executor: E, household: i64) -> sqlx::Result<HouseholdRow>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT c.name AS community_name, b.name AS building, h.flat_label, h.area_hundredths_m2
         FROM households h JOIN buildings b ON b.id = h.building_id
         JOIN communities c ON c.id = h.community_id WHERE h.id = $1",
    )
    .bind(household)
    .fetch_one(executor)
    .await
}

impl HouseholdRow {
    pub fn wire(self, household_id: i64) -> BillHousehold {
        BillHousehold {
            household_id,
            community_name: self.community_name,
            building: self.building,
            flat_label: self.flat_label,
            area_hundredths_m2: self.area_hundredths_m2,
        }
    }
}

#[derive(FromRow)]
pub struct BillRow {
    pub id: i64,
    pub schedule_name: String,
    pub period: String,
    pub amount_fen: i64,
    pub paid_fen: i64,
    pub due_at: i64,
}

impl BillRow {
    /// The bill as sent, with its payments (those whose `bill_id` is its own).
    pub fn wire(self, payments: &[PaymentRow], now: i64) -> Bill {
        let reversed: std::collections::HashSet<i64> =
            payments.iter().filter_map(|p| p.reverses_id).collect();
        Bill {
            payments: payments
                .iter()
                .filter(|p| p.bill_id == self.id)
                .map(|p| p.wire(reversed.contains(&p.id)))
                .collect(),
            status: BillStatus::derive(self.amount_fen, self.paid_fen, self.due_at, now),
            owed_fen: self.amount_fen - self.paid_fen,
            due_at: rfc3339(self.due_at),
            id: self.id,
            schedule_name: self.schedule_name,
            period: self.period,
            amount_fen: self.amount_fen,
            paid_fen: self.paid_fen,
        }
    }
}

pub async fn bills<'e, E>(executor: E, household: i64) -> sqlx::Result<Vec<BillRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT f.id, s.name AS schedule_name, f.period, f.amount_fen, f.paid_fen, f.due_at
         FROM fee_bills f JOIN fee_schedules s ON s.id = f.schedule_id
         WHERE f.household_id = $1 ORDER BY f.period DESC, f.id DESC",
    )
    .bind(household)
    .fetch_all(executor)
    .await
}

#[derive(FromRow)]
pub struct PaymentRow {
    pub id: i64,
    pub bill_id: i64,
    pub amount_fen: i64,
    #[sqlx(try_from = "String")]
    pub method: PaymentMethod,
    pub paid_on: String,
    pub receipt_no: String,
    pub note: String,
    pub reverses_id: Option<i64>,
}

impl PaymentRow {
    fn wire(&self, reversed: bool) -> Payment {
        Payment {
            id: self.id,
            bill_id: self.bill_id,
            amount_fen: self.amount_fen,
            method: self.method,
            paid_on: self.paid_on.clone(),
            receipt_no: self.receipt_no.clone(),
            note: self.note.clone(),
            reverses: self.reverses_id,
            reversed,
        }
    }
}

/// The columns `PaymentRow` reads, of `fee_payments p`.
macro_rules! payment_columns {
    () => {
        "p.id, p.bill_id, p.amount_fen, p.method, p.paid_on, p.receipt_no, p.note, p.reverses_id"
    };
}

/// Every payment of a household's bills, oldest first.
pub async fn payments<'e, E>(executor: E, household: i64) -> sqlx::Result<Vec<PaymentRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        "SELECT ",
        payment_columns!(),
        " FROM fee_payments p JOIN fee_bills f ON f.id = p.bill_id
         WHERE f.household_id = $1 ORDER BY p.id"
    ))
    .bind(household)
    .fetch_all(executor)
    .await
}

pub async fn payment<'e, E>(executor: E, id: i64) -> sqlx::Result<Option<PaymentRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(concat!(
        "SELECT ",
        payment_columns!(),
        " FROM fee_payments p WHERE p.id = $1"
    ))
    .bind(id)
    .fetch_optional(executor)
    .await
}

/// A receipt number the community has used on a payment (reversals take
/// no part: they are told apart by what they reverse).
pub async fn receipt_taken<'e, E>(executor: E, community: i64, receipt: &str) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let n: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM fee_payments
         WHERE community_id = $1 AND receipt_no = $2 AND reverses_id IS NULL",
    )
    .bind(community)
    .bind(receipt)
    .fetch_one(executor)
    .await?;
    Ok(n > 0)
}

pub async fn reversed<'e, E>(executor: E, payment: i64) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let n: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM fee_payments WHERE reverses_id = $1",
    )
    .bind(payment)
    .fetch_one(executor)
    .await?;
    Ok(n > 0)
}

/// Moves a bill's paid amount by `fen` (negative for a reversal) only while
/// it stays within 0 and the bill's amount: false when it would not.
pub async fn move_paid<'e, E>(executor: E, bill: i64, fen: i64) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let done = sqlx::query(
        "UPDATE fee_bills SET paid_fen = paid_fen + $1
         WHERE id = $2 AND paid_fen + $1 <= amount_fen AND paid_fen + $1 >= 0",
    )
    .bind(fen)
    .bind(bill)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A payment, or (with `reverses`) the negative entry that undoes one.
pub struct PaymentLine<'a> {
    pub bill: i64,
    pub community: i64,
    pub amount_fen: i64,
    pub method: PaymentMethod,
    pub paid_on: &'a str,
    pub receipt_no: &'a str,
    pub note: &'a str,
    pub recorded_by: i64,
    pub now: i64,
    pub reverses: Option<i64>,
}

/// `Ok(false)` when a unique rule refused it: the receipt number is taken,
/// or the payment is reversed already (another process got there first).
pub async fn insert_payment<'e, E>(executor: E, new: &PaymentLine<'_>) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let done = sqlx::query(
        "INSERT INTO fee_payments (bill_id, community_id, amount_fen, method, paid_on, receipt_no,
             note, recorded_by, recorded_at, reverses_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(new.bill)
    .bind(new.community)
    .bind(new.amount_fen)
    .bind(new.method.as_str())
    .bind(new.paid_on)
    .bind(new.receipt_no)
    .bind(new.note)
    .bind(new.recorded_by)
    .bind(new.now)
    .bind(new.reverses)
    .execute(executor)
    .await;
    match done {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(false),
        Err(e) => Err(e),
    }
}

// Figures and exports.

/// The periods the community has billed, newest first.
pub async fn periods<'e, E>(executor: E, community: i64) -> sqlx::Result<Vec<String>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT DISTINCT period FROM fee_bills WHERE community_id = $1 ORDER BY period DESC",
    )
    .bind(community)
    .fetch_all(executor)
    .await
}

/// A household's bills of one period, added up.
#[derive(FromRow)]
pub struct HouseholdTotal {
    pub household_id: i64,
    pub building: String,
    pub flat_label: String,
    pub contact_phone: String,
    pub billed: i64,
    pub paid: i64,
    pub due_at: i64,
}

/// One row per household billed in the period, in building order: a
/// household with several bills counts as paid only when all of them are.
pub async fn household_totals<'e, E>(
    executor: E,
    community: i64,
    period: &str,
) -> sqlx::Result<Vec<HouseholdTotal>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT h.id AS household_id, b.name AS building, h.flat_label, h.contact_phone,
                CAST(SUM(f.amount_fen) AS BIGINT) AS billed, CAST(SUM(f.paid_fen) AS BIGINT) AS paid,
                CAST(MIN(f.due_at) AS BIGINT) AS due_at
         FROM fee_bills f JOIN households h ON h.id = f.household_id JOIN buildings b ON b.id = h.building_id
         WHERE f.community_id = $1 AND f.period = $2
         GROUP BY h.id, b.name, b.sort_order, b.id, h.flat_label, h.contact_phone
         ORDER BY b.sort_order, b.id, h.id",
    )
    .bind(community)
    .bind(period)
    .fetch_all(executor)
    .await
}

/// A line of the bills export.
#[derive(FromRow)]
pub struct BillLine {
    pub building: String,
    pub flat_label: String,
    pub schedule: String,
    pub period: String,
    pub amount_fen: i64,
    pub paid_fen: i64,
    pub due_at: i64,
}

/// The community's bills (of one period if given).
pub async fn bill_lines<'e, E>(
    executor: E,
    community: i64,
    period: Option<&str>,
) -> sqlx::Result<Vec<BillLine>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT b.name AS building, h.flat_label, s.name AS schedule, f.period, f.amount_fen,
                f.paid_fen, f.due_at
         FROM fee_bills f JOIN households h ON h.id = f.household_id JOIN buildings b ON b.id = h.building_id
         JOIN fee_schedules s ON s.id = f.schedule_id
         WHERE f.community_id = $1 AND ($2 IS NULL OR f.period = $2)
         ORDER BY f.period, b.sort_order, b.id, h.id",
    )
    .bind(community)
    .bind(period)
    .fetch_all(executor)
    .await
}

/// A line of the payments export.
#[derive(FromRow)]
pub struct PaymentExportLine {
    pub building: String,
    pub flat_label: String,
    pub period: String,
    pub receipt_no: String,
    pub amount_fen: i64,
    #[sqlx(try_from = "String")]
    pub method: PaymentMethod,
    pub paid_on: String,
    pub note: String,
}

/// The community's payments and reversals (of one period if given), in order.
pub async fn payment_lines<'e, E>(
    executor: E,
    community: i64,
    period: Option<&str>,
) -> sqlx::Result<Vec<PaymentExportLine>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT b.name AS building, h.flat_label, f.period, p.receipt_no, p.amount_fen, p.method,
                p.paid_on, p.note
         FROM fee_payments p JOIN fee_bills f ON f.id = p.bill_id JOIN households h ON h.id = f.household_id
         JOIN buildings b ON b.id = h.building_id
         WHERE f.community_id = $1 AND ($2 IS NULL OR f.period = $2)
         ORDER BY p.id",
    )
    .bind(community)
    .bind(period)
    .fetch_all(executor)
    .await
}

/// A bill's community and household.
#[derive(FromRow)]
pub struct BillOwner {
    pub community_id: i64,
    pub household_id: i64,
}

pub async fn bill_owner<'e, E>(executor: E, bill: i64) -> sqlx::Result<Option<BillOwner>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as("SELECT community_id, household_id FROM fee_bills WHERE id = $1")
        .bind(bill)
        .fetch_optional(executor)
        .await
}

/// Marks the bills that fell due in the 30 days before `now` and are not
/// fully paid, whose overdue news has not gone out; returns their ids (each
/// marked once, whichever process sweeps). Older debts are the office's
/// phone call, not news.
pub async fn mark_overdue_told(tx: &mut crate::db::Tx, now: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "UPDATE fee_bills SET overdue_told_at = $1
         WHERE overdue_told_at IS NULL AND due_at < $1 AND due_at >= $2
           AND paid_fen < amount_fen
         RETURNING id",
    )
    .bind(now)
    .bind(now - 30 * crate::db::DAY)
    .fetch_all(&mut *tx)
    .await
}
