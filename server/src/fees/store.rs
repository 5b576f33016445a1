//! The SQL of fees: schedules, bills and payments, their rows and how a row
//! becomes its wire type. Enum columns decode through `try_from`, so a name
//! no enum knows is an error, never a silent default.

use app::model::{
    Bill, BillHousehold, BillStatus, BillingPeriod, ClaimStatus, FeeBasis, FeeSchedule, Payment,
    PaymentMethod, RateChange,
};
use sqlx::{Any, FromRow};

use crate::db::{Sql, rfc3339};

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
    pub retired_at: Option<i64>,
}

impl ScheduleRow {
    /// The schedule with its rate changes (from `rate_changes`, any order).
    pub fn wire_with(self, changes: &[(i64, String, i64)]) -> FeeSchedule {
        let mut rate_changes: Vec<RateChange> = changes
            .iter()
            .filter(|(schedule, ..)| *schedule == self.id)
            .map(|(_, from_period, rate_fen)| RateChange {
                from_period: from_period.clone(),
                rate_fen: *rate_fen,
            })
            .collect();
        rate_changes.sort_by(|a, b| a.from_period.cmp(&b.from_period));
        FeeSchedule {
            id: self.id,
            community_id: self.community_id,
            name: self.name,
            basis: self.basis,
            rate_fen: self.rate_fen,
            period: self.period,
            due_days: self.due_days,
            retired: self.retired_at.is_some(),
            rate_changes,
        }
    }
}

/// The columns `ScheduleRow` reads.
macro_rules! schedule_columns {
    () => {
        "id, community_id, name, basis, rate_fen, period, due_days, retired_at"
    };
}

/// The rate changes of a community's schedules: (schedule, from, rate).
pub async fn rate_changes<'e, E>(
    executor: E,
    community: i64,
) -> sqlx::Result<Vec<(i64, String, i64)>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT r.schedule_id, r.from_period, r.rate_fen FROM fee_rate_changes r
         JOIN fee_schedules s ON s.id = r.schedule_id WHERE s.community_id = $1",
    )
    .bind(community)
    .fetch_all(executor)
    .await
}

/// Takes the schedule's row for a change that must not cross another
/// (generating, a rate change, retiring): on PostgreSQL the update locks
/// the row until the transaction ends; SQLite has one writer anyway.
/// Whether the schedule is live (not retired).
pub async fn hold_live_schedule(tx: &mut crate::db::Tx, id: i64) -> sqlx::Result<bool> {
    let held = sqlx::query("UPDATE fee_schedules SET id = id WHERE id = $1 AND retired_at IS NULL")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    Ok(held.rows_affected() == 1)
}

/// Whether bills exist for `period` or a later one of the schedule.
pub async fn billed_from(
    tx: &mut crate::db::Tx,
    schedule: i64,
    period: &str,
) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM fee_bills WHERE schedule_id = $1 AND period >= $2",
    )
    .bind(schedule)
    .bind(period)
    .fetch_one(&mut *tx)
    .await?;
    Ok(n > 0)
}

/// A new rate from `period` on (replacing one set for that period).
pub async fn set_rate_from(
    tx: &mut crate::db::Tx,
    schedule: i64,
    period: &str,
    rate_fen: i64,
    by: i64,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO fee_rate_changes (schedule_id, from_period, rate_fen, changed_by, changed_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (schedule_id, from_period)
         DO UPDATE SET rate_fen = excluded.rate_fen, changed_by = excluded.changed_by,
                       changed_at = excluded.changed_at",
    )
    .bind(schedule)
    .bind(period)
    .bind(rate_fen)
    .bind(by)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Retires a schedule; whether it was live until now.
pub async fn retire_schedule(tx: &mut crate::db::Tx, id: i64, now: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE fee_schedules SET retired_at = $2 WHERE id = $1 AND retired_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The rate for a period: the latest change from it or before, else the
/// schedule's own.
pub async fn rate_for(
    tx: &mut crate::db::Tx,
    schedule: i64,
    period: &str,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT rate_fen FROM fee_rate_changes WHERE schedule_id = $1 AND from_period <= $2
         ORDER BY from_period DESC LIMIT 1",
    )
    .bind(schedule)
    .bind(period)
    .fetch_optional(&mut *tx)
    .await
}

/// Households already billed by the schedule for a period.
pub async fn billed_in<'e, E>(executor: E, schedule: i64, period: &str) -> sqlx::Result<Vec<i64>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar("SELECT household_id FROM fee_bills WHERE schedule_id = $1 AND period = $2")
        .bind(schedule)
        .bind(period)
        .fetch_all(executor)
        .await
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

/// The payment's id; `None` when a unique rule refused it: the receipt
/// number is taken, or the payment is reversed already (another process got
/// there first).
pub async fn insert_payment<'e, E>(executor: E, new: &PaymentLine<'_>) -> sqlx::Result<Option<i64>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let done = sqlx::query_scalar(
        "INSERT INTO fee_payments (bill_id, community_id, amount_fen, method, paid_on, receipt_no,
             note, recorded_by, recorded_at, reverses_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
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
    .fetch_one(executor)
    .await;
    match done {
        Ok(id) => Ok(Some(id)),
        Err(e) if crate::db::is_unique_violation(&e) => Ok(None),
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

// The office's collection codes, and payment claims (我已付款).

#[derive(FromRow)]
pub struct SettingsRow {
    pub wechat_upload_id: Option<String>,
    pub alipay_upload_id: Option<String>,
    pub bank_details: String,
}

pub async fn settings<'e, E>(executor: E, community: i64) -> sqlx::Result<Option<SettingsRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT wechat_upload_id, alipay_upload_id, bank_details FROM fee_settings
         WHERE community_id = $1",
    )
    .bind(community)
    .fetch_optional(executor)
    .await
}

/// A community's settings as a manager saves them.
pub struct SettingsLine<'a> {
    pub community: i64,
    pub wechat: Option<&'a str>,
    pub alipay: Option<&'a str>,
    pub bank_details: &'a str,
    pub by: i64,
    pub now: i64,
}

pub async fn put_settings(tx: &mut crate::db::Tx, s: &SettingsLine<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO fee_settings (community_id, wechat_upload_id, alipay_upload_id, bank_details,
             updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (community_id) DO UPDATE SET wechat_upload_id = excluded.wechat_upload_id,
             alipay_upload_id = excluded.alipay_upload_id, bank_details = excluded.bank_details,
             updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(s.community)
    .bind(s.wechat)
    .bind(s.alipay)
    .bind(s.bank_details)
    .bind(s.by)
    .bind(s.now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// What a bill still owes, if there is such a bill.
pub async fn owed(tx: &mut crate::db::Tx, bill: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT amount_fen - paid_fen FROM fee_bills WHERE id = $1")
        .bind(bill)
        .fetch_optional(&mut *tx)
        .await
}

/// A household's claim as it is made.
pub struct ClaimLine<'a> {
    pub bill: i64,
    pub community: i64,
    pub household: i64,
    pub amount_fen: i64,
    pub method: PaymentMethod,
    pub paid_on: &'a str,
    pub note: &'a str,
    pub upload: Option<&'a str>,
    pub by: i64,
    pub now: i64,
}

/// The new claim's id; `None` when the bill already has one waiting.
pub async fn insert_claim(tx: &mut crate::db::Tx, c: &ClaimLine<'_>) -> sqlx::Result<Option<i64>> {
    let done = sqlx::query_scalar(
        "INSERT INTO fee_claims (bill_id, community_id, household_id, amount_fen, method, paid_on,
             note, upload_id, status, claimed_by, claimed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10) RETURNING id",
    )
    .bind(c.bill)
    .bind(c.community)
    .bind(c.household)
    .bind(c.amount_fen)
    .bind(c.method.as_str())
    .bind(c.paid_on)
    .bind(c.note)
    .bind(c.upload)
    .bind(c.by)
    .bind(c.now)
    .fetch_one(&mut *tx)
    .await;
    match done {
        Ok(id) => Ok(Some(id)),
        Err(e) if crate::db::is_unique_violation(&e) => Ok(None),
        Err(e) => Err(e),
    }
}

/// A claim with what the pages show beside it.
#[derive(FromRow)]
pub struct ClaimRow {
    pub id: i64,
    pub bill_id: i64,
    pub community_id: i64,
    pub household_id: i64,
    pub building: String,
    pub flat_label: String,
    pub schedule_name: String,
    pub period: String,
    pub owed_fen: i64,
    pub amount_fen: i64,
    #[sqlx(try_from = "String")]
    pub method: PaymentMethod,
    pub paid_on: String,
    pub note: String,
    pub upload_id: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: ClaimStatus,
    pub claimed_by: String,
    pub claimed_at: i64,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
    pub reason: Option<String>,
    pub receipt_no: Option<String>,
}

const CLAIMS: &str = "SELECT c.id, c.bill_id, c.community_id, c.household_id, bd.name AS building,
        h.flat_label, s.name AS schedule_name, b.period,
        CAST(b.amount_fen - b.paid_fen AS BIGINT) AS owed_fen, c.amount_fen, c.method, c.paid_on,
        c.note, c.upload_id, c.status, cu.name AS claimed_by, c.claimed_at,
        du.name AS decided_by, c.decided_at, c.reason, p.receipt_no
    FROM fee_claims c JOIN fee_bills b ON b.id = c.bill_id
    JOIN fee_schedules s ON s.id = b.schedule_id
    JOIN households h ON h.id = c.household_id JOIN buildings bd ON bd.id = h.building_id
    JOIN users cu ON cu.id = c.claimed_by LEFT JOIN users du ON du.id = c.decided_by
    LEFT JOIN fee_payments p ON p.id = c.payment_id";

pub async fn claim<'e, E>(executor: E, id: i64) -> sqlx::Result<Option<ClaimRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let mut q = Sql::new(CLAIMS);
    q.push(" WHERE c.id = ").bind(id);
    Ok(q.fetch_all(executor).await?.into_iter().next())
}

/// Whose claims a list shows.
pub enum ClaimsOf {
    Community(i64),
    Household(i64),
}

/// Newest first, at most 200 (the queue is short: claims are answered).
pub async fn claims<'e, E>(
    executor: E,
    of: ClaimsOf,
    status: Option<&str>,
) -> sqlx::Result<Vec<ClaimRow>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let mut q = Sql::new(CLAIMS);
    match of {
        ClaimsOf::Community(c) => q.push(" WHERE c.community_id = ").bind(c),
        ClaimsOf::Household(h) => q.push(" WHERE c.household_id = ").bind(h),
    };
    if let Some(s) = status {
        q.push(" AND c.status = ").bind(s.to_owned());
    }
    q.push(" ORDER BY c.id DESC LIMIT 200");
    q.fetch_all(executor).await
}

/// The office's answer to a claim: the payment booked for it, or why not.
pub enum Answer<'a> {
    Confirmed { payment: i64 },
    Declined { reason: &'a str },
}

/// Answers a waiting claim; false when it was no longer waiting (answered
/// by someone else meanwhile).
pub async fn answer_claim(
    tx: &mut crate::db::Tx,
    id: i64,
    answer: Answer<'_>,
    by: i64,
    now: i64,
) -> sqlx::Result<bool> {
    let (status, payment, reason) = match answer {
        Answer::Confirmed { payment } => (ClaimStatus::Confirmed, Some(payment), None),
        Answer::Declined { reason } => (ClaimStatus::Declined, None, Some(reason)),
    };
    let done = sqlx::query(
        "UPDATE fee_claims SET status = $2, payment_id = $3, reason = $4, decided_by = $5,
             decided_at = $6
         WHERE id = $1 AND status = 'pending'",
    )
    .bind(id)
    .bind(status.as_str())
    .bind(payment)
    .bind(reason)
    .bind(by)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

// Polite reminders (催缴).

/// When each household of the community was last reminded of the period.
pub async fn reminders<'e, E>(
    executor: E,
    community: i64,
    period: &str,
) -> sqlx::Result<Vec<(i64, i64)>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT household_id, reminded_at FROM fee_reminders
         WHERE community_id = $1 AND period = $2",
    )
    .bind(community)
    .bind(period)
    .fetch_all(executor)
    .await
}

/// A week: a household hears of one period at most this often.
pub const REMIND_EVERY: i64 = 7 * crate::db::DAY;

/// A reminder as the office sends it.
pub struct ReminderLine<'a> {
    pub household: i64,
    pub community: i64,
    pub period: &'a str,
    pub owed_fen: i64,
    pub by: i64,
    pub now: i64,
}

/// Records the reminder unless the household heard of the period within
/// [`REMIND_EVERY`]: true when it is to be sent. The condition sits in the
/// upsert itself, so two offices pressing at once send one.
pub async fn remind(tx: &mut crate::db::Tx, r: &ReminderLine<'_>) -> sqlx::Result<bool> {
    let sent: Option<i64> = sqlx::query_scalar(
        "INSERT INTO fee_reminders (household_id, community_id, period, owed_fen, reminded_by,
             reminded_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (household_id, period) DO UPDATE SET owed_fen = excluded.owed_fen,
             times = fee_reminders.times + 1, reminded_by = excluded.reminded_by,
             reminded_at = excluded.reminded_at
         WHERE fee_reminders.reminded_at <= excluded.reminded_at - $7
         RETURNING household_id",
    )
    .bind(r.household)
    .bind(r.community)
    .bind(r.period)
    .bind(r.owed_fen)
    .bind(r.by)
    .bind(r.now)
    .bind(REMIND_EVERY)
    .fetch_optional(&mut *tx)
    .await?;
    Ok(sent.is_some())
}
