use serde::{Deserialize, Serialize};

/// How a schedule charges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeeBasis {
    /// Fen per m² of the flat per month.
    PerM2,
    /// Fen per household per month.
    Fixed,
}

impl FeeBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PerM2 => "per_m2",
            Self::Fixed => "fixed",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        [Self::PerM2, Self::Fixed]
            .into_iter()
            .find(|b| b.as_str() == name)
    }
}

super::stored_as_text!(FeeBasis, BillingPeriod, PaymentMethod, ClaimStatus);

/// How often bills are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BillingPeriod {
    Month,
    Quarter,
    Year,
}

impl BillingPeriod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Month => "month",
            Self::Quarter => "quarter",
            Self::Year => "year",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        [Self::Month, Self::Quarter, Self::Year]
            .into_iter()
            .find(|p| p.as_str() == name)
    }

    /// A period label of this kind: "2026-03", "2026-Q1" or "2026". Returns
    /// (year, first month, months).
    pub fn label(self, label: &str) -> Option<(i64, i64, i64)> {
        let year_of = |s: &str| {
            s.parse::<i64>()
                .ok()
                .filter(|y| (2000..=2100).contains(y) && s.len() == 4)
        };
        match self {
            Self::Year => Some((year_of(label)?, 1, 12)),
            Self::Quarter => {
                let (y, q) = label.split_once("-Q")?;
                let q: i64 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
                Some((year_of(y)?, (q - 1) * 3 + 1, 3))
            }
            Self::Month => {
                let (y, m) = label.split_once('-')?;
                if m.len() != 2 || !m.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let m: i64 = m.parse().ok().filter(|m: &i64| (1..=12).contains(m))?;
                Some((year_of(y)?, m, 1))
            }
        }
    }
}

/// A fee schedule of a community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeSchedule {
    pub id: i64,
    pub community_id: i64,
    pub name: String,
    pub basis: FeeBasis,
    /// Fen per m² per month, or per household per month.
    pub rate_fen: i64,
    pub period: BillingPeriod,
    /// Bills fall due this many days after their period starts.
    pub due_days: i64,
    /// Retired: no more bills are made from it.
    #[serde(default)]
    pub retired: bool,
    /// Rates that take over from a period on, oldest first; `rate_fen`
    /// holds before the first.
    #[serde(default)]
    pub rate_changes: Vec<RateChange>,
}

impl FeeSchedule {
    /// The rate a period's bills are made at.
    pub fn rate_for(&self, period: &str) -> i64 {
        self.rate_changes
            .iter()
            .rev()
            .find(|c| c.from_period.as_str() <= period)
            .map_or(self.rate_fen, |c| c.rate_fen)
    }
}

impl BillingPeriod {
    /// The period labels around `today` ("2026-12-07"): the one before, this
    /// one and the two after — "2026-11", "2026-12", "2027-01", "2027-02".
    pub fn around(self, today: &str) -> Vec<String> {
        let year: i64 = today.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2026);
        let month: i64 = today.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
        let (per_year, now) = match self {
            Self::Month => (12, month - 1),
            Self::Quarter => (4, (month - 1) / 3),
            Self::Year => (1, 0),
        };
        let index = year * per_year + now;
        (index - 1..=index + 2)
            .map(|i| {
                let (y, n) = (i.div_euclid(per_year), i.rem_euclid(per_year) + 1);
                match self {
                    Self::Month => format!("{y:04}-{n:02}"),
                    Self::Quarter => format!("{y:04}-Q{n}"),
                    Self::Year => format!("{y:04}"),
                }
            })
            .collect()
    }
}

/// A new rate from a period on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateChange {
    pub from_period: String,
    pub rate_fen: i64,
}

/// `PATCH /api/v1/fees/schedules/{id}` (managers): a new rate from a period
/// whose bills are not out yet; bills already made keep theirs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangeRate {
    pub rate_fen: i64,
    /// "2027", "2027-Q1" or "2027-01", as the schedule bills.
    pub from_period: String,
}

/// `POST /api/v1/fees/bills/preview`: what generating would make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GeneratePreview {
    /// Bills it would make, and their sum.
    pub bills: i64,
    pub total_fen: i64,
    /// Households already billed for the period (left alone).
    pub existing: i64,
}

/// `POST /api/v1/fees/schedules` (managers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewFeeSchedule {
    pub community_id: i64,
    pub name: super::ItemName,
    pub basis: FeeBasis,
    pub rate_fen: i64,
    pub period: BillingPeriod,
    /// 30 when absent.
    pub due_days: Option<i64>,
}

/// `POST /api/v1/fees/bills/generate` (managers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GenerateBills {
    pub schedule_id: i64,
    /// "2026" (year), "2026-Q1" (quarter) or "2026-03" (month), as the schedule bills.
    pub period: String,
}

/// What generating made: new bills, and ones that already existed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GenerateResult {
    pub created: i64,
    pub existing: i64,
}

/// How a payment was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Cash,
    Wechat,
    Alipay,
    BankTransfer,
}

impl PaymentMethod {
    pub const ALL: [Self; 4] = [Self::Cash, Self::Wechat, Self::Alipay, Self::BankTransfer];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cash => "cash",
            Self::Wechat => "wechat",
            Self::Alipay => "alipay",
            Self::BankTransfer => "bank_transfer",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == name)
    }
}

/// A bill's state, derived from its amounts and due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BillStatus {
    Unpaid,
    Partial,
    Paid,
    /// Past due and not fully paid.
    Overdue,
}

impl BillStatus {
    pub fn derive(amount_fen: i64, paid_fen: i64, due_at_ms: i64, now_ms: i64) -> Self {
        if paid_fen >= amount_fen {
            Self::Paid
        } else if now_ms > due_at_ms {
            Self::Overdue
        } else if paid_fen > 0 {
            Self::Partial
        } else {
            Self::Unpaid
        }
    }
}

/// `POST /api/v1/fees/bills/{id}/payments` (managers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewPayment {
    /// Fen, more than 0 and at most what is still owed.
    pub amount_fen: i64,
    pub method: PaymentMethod,
    /// "YYYY-MM-DD".
    pub paid_on: String,
    /// Generated when absent.
    pub receipt_no: Option<super::ReceiptNo>,
    #[serde(default)]
    pub note: super::PaymentNote,
}

/// `POST /api/v1/fees/payments/{id}/reverse` (managers): undo a mistaken payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReversePayment {
    pub reason: super::Reason,
}

/// A payment, or (negative) the reversal of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payment {
    pub id: i64,
    pub bill_id: i64,
    pub amount_fen: i64,
    pub method: PaymentMethod,
    pub paid_on: String,
    pub receipt_no: String,
    pub note: String,
    /// The payment this entry reverses.
    pub reverses: Option<i64>,
    /// True when a later entry reversed this payment.
    pub reversed: bool,
}

/// A bill with its payments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Bill {
    pub id: i64,
    pub schedule_name: String,
    pub period: String,
    pub amount_fen: i64,
    pub paid_fen: i64,
    pub owed_fen: i64,
    /// RFC 3339.
    pub due_at: String,
    pub status: BillStatus,
    pub payments: Vec<Payment>,
}

/// The household a bill list is for (also printed on receipts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BillHousehold {
    pub household_id: i64,
    pub community_name: String,
    pub building: String,
    pub flat_label: String,
    pub area_hundredths_m2: i64,
}

/// `GET /api/v1/fees/bills`: a household's bills, newest period first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BillList {
    pub household: BillHousehold,
    pub bills: Vec<Bill>,
}

/// `GET /api/v1/fees/bills` query: managers name a household of theirs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct BillsQuery {
    pub household_id: Option<i64>,
}

/// `GET /api/v1/fees/summary` query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct SummaryQuery {
    /// The manager's first community when absent.
    pub community_id: Option<i64>,
    /// A period label ("2026"); the latest billed period when absent.
    pub period: Option<String>,
}

/// Collection for a group of households (the community or a building).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Collection {
    /// The building's name; empty for the whole community.
    pub name: String,
    pub billed_households: i64,
    pub paid_households: i64,
    pub billed_fen: i64,
    pub collected_fen: i64,
}

/// A household behind with its fees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Arrear {
    pub household_id: i64,
    pub building: String,
    pub flat_label: String,
    pub owed_fen: i64,
    /// Whole months past the due date (0 when not yet due).
    pub months_overdue: i64,
    /// Registered residents' phones.
    pub phones: Vec<String>,
    /// When the office last reminded the household of this period (RFC 3339).
    pub reminded_at: Option<String>,
}

/// `GET /api/v1/fees/summary` (managers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeSummary {
    pub community_id: i64,
    pub period: String,
    /// Every period that has bills, newest first.
    pub periods: Vec<String>,
    pub total: Collection,
    pub buildings: Vec<Collection>,
    /// Most owed first.
    pub arrears: Vec<Arrear>,
}

/// One row of a household import, as understood, with its problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRow {
    /// 1-based line number in the file (the header is line 1).
    pub line: i64,
    pub building: String,
    pub building_kind: String,
    pub flat_label: String,
    pub area_hundredths_m2: i64,
    pub resident_name: String,
    pub resident_phone: String,
    /// The flat is there already: its area and contact are updated.
    #[serde(default)]
    pub existing: bool,
    /// Plain words, with the column at fault; empty when the row is fine.
    pub problems: Vec<String>,
}

/// The answer to an import: a preview, or what was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// False for a preview (`dry_run=true`) or when any row has a problem.
    pub written: bool,
    pub rows: Vec<ImportRow>,
    pub buildings_created: i64,
    pub households_created: i64,
    /// Flats already there whose area and contact were updated.
    #[serde(default)]
    pub households_updated: i64,
    /// Rows with a name and no phone: people added as members without a
    /// phone (once; a name the flat already has is not added again).
    #[serde(default)]
    pub members_created: i64,
}

/// `POST /api/v1/admin/households/import` query.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    pub community_id: i64,
    /// True: check and preview only.
    pub dry_run: Option<bool>,
}

/// Which community's CSV (households, or bills and payments).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    pub community_id: i64,
    /// Bills export: only this period.
    pub period: Option<String>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_periods_around_today_cross_the_year_and_fit_the_schedule() {
        assert_eq!(
            BillingPeriod::Month.around("2026-12-07"),
            ["2026-11", "2026-12", "2027-01", "2027-02"]
        );
        assert_eq!(
            BillingPeriod::Quarter.around("2026-01-15"),
            ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
        );
        assert_eq!(
            BillingPeriod::Year.around("2026-12-07"),
            ["2025", "2026", "2027", "2028"]
        );
        for kind in [
            BillingPeriod::Month,
            BillingPeriod::Quarter,
            BillingPeriod::Year,
        ] {
            assert!(
                kind.around("2026-06-30")
                    .iter()
                    .all(|p| kind.label(p).is_some())
            );
        }
    }

    #[test]
    fn a_rate_change_holds_from_its_period_on() {
        let schedule = FeeSchedule {
            id: 1,
            community_id: 1,
            name: "垃圾费".into(),
            basis: FeeBasis::Fixed,
            rate_fen: 1000,
            period: BillingPeriod::Month,
            due_days: 30,
            retired: false,
            rate_changes: vec![
                RateChange {
                    from_period: "2027-02".into(),
                    rate_fen: 1200,
                },
                RateChange {
                    from_period: "2027-06".into(),
                    rate_fen: 1300,
                },
            ],
        };
        assert_eq!(schedule.rate_for("2027-01"), 1000);
        assert_eq!(schedule.rate_for("2027-02"), 1200);
        assert_eq!(schedule.rate_for("2027-05"), 1200);
        assert_eq!(schedule.rate_for("2028-01"), 1300);
    }

    use super::*;

    #[test]
    fn period_labels_match_their_kind() {
        assert_eq!(BillingPeriod::Year.label("2026"), Some((2026, 1, 12)));
        assert_eq!(BillingPeriod::Quarter.label("2026-Q3"), Some((2026, 7, 3)));
        assert_eq!(BillingPeriod::Month.label("2026-03"), Some((2026, 3, 1)));
        assert_eq!(BillingPeriod::Month.label("2026-12"), Some((2026, 12, 1)));
        for (kind, bad) in [
            (BillingPeriod::Year, "26"),
            (BillingPeriod::Year, "2026-03"),
            (BillingPeriod::Quarter, "2026-Q5"),
            (BillingPeriod::Month, "2026-13"),
            (BillingPeriod::Month, "2026-3"),
            (BillingPeriod::Month, "1999-01"),
        ] {
            assert_eq!(kind.label(bad), None, "{bad}");
        }
    }

    #[test]
    fn status_is_derived() {
        assert_eq!(BillStatus::derive(100, 100, 10, 20), BillStatus::Paid);
        assert_eq!(BillStatus::derive(100, 0, 30, 20), BillStatus::Unpaid);
        assert_eq!(BillStatus::derive(100, 40, 30, 20), BillStatus::Partial);
        assert_eq!(BillStatus::derive(100, 40, 10, 20), BillStatus::Overdue);
    }
}

// Paying from afar (issue #21): the office's collection codes and 我已付款.

/// `GET /api/v1/fees/settings`: how to send the office money from afar —
/// its WeChat and Alipay collection codes (photos the office uploaded) and
/// its bank details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeSettings {
    pub community_id: i64,
    pub wechat: Option<super::Photo>,
    pub alipay: Option<super::Photo>,
    /// Bank, account name and number, as the office wrote them; may be blank.
    pub bank_details: String,
}

/// `GET /api/v1/fees/settings` query.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct FeeSettingsQuery {
    /// Managers: which community (default: the first). Residents and
    /// helpers: their household's, which is also the default.
    pub community_id: Option<i64>,
}

/// `PUT /api/v1/fees/settings` (managers): the whole settings, replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FeeSettingsUpdate {
    pub community_id: i64,
    /// An upload of the manager's own (`POST /api/v1/uploads`), or none.
    pub wechat_upload_id: Option<String>,
    pub alipay_upload_id: Option<String>,
    #[serde(default)]
    pub bank_details: super::PaymentNote,
}

/// Where a claim stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    /// 已告知物业，待确认.
    Pending,
    /// The office found the money: the payment is recorded.
    Confirmed,
    /// The office did not find it, and said why.
    Declined,
}

impl ClaimStatus {
    pub const ALL: [Self; 3] = [Self::Pending, Self::Confirmed, Self::Declined];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Confirmed => "confirmed",
            Self::Declined => "declined",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// `POST /api/v1/fees/bills/{id}/claims` (the household's resident or
/// helper): "I have paid ¥X for this bill by WeChat on <date>".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewClaim {
    /// Fen, more than 0 and at most what is still owed.
    pub amount_fen: i64,
    /// `wechat`, `alipay` or `bank_transfer` (cash is paid at the office).
    pub method: PaymentMethod,
    /// "YYYY-MM-DD": when the money was sent.
    pub paid_on: String,
    #[serde(default)]
    pub note: super::PaymentNote,
    /// A screenshot of the transfer: an upload of the claimant's own.
    pub upload_id: Option<String>,
}

/// A payment claim, as the household and the office see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Claim {
    pub id: i64,
    pub bill_id: i64,
    pub household_id: i64,
    /// "3号楼 201".
    pub address: String,
    /// The bill's schedule and period: "物业费 2026".
    pub schedule_name: String,
    pub period: String,
    /// What the bill still owes now.
    pub owed_fen: i64,
    pub amount_fen: i64,
    pub method: PaymentMethod,
    pub paid_on: String,
    pub note: String,
    pub photo: Option<super::Photo>,
    pub status: ClaimStatus,
    /// Who said it was paid: the resident, or the helper for them.
    pub claimed_by: String,
    pub claimed_at: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    /// Why the office declined it.
    pub reason: Option<String>,
    /// The receipt a confirmation issued.
    pub receipt_no: Option<String>,
}

/// `GET /api/v1/fees/claims` query.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ClaimsQuery {
    /// Managers: the community's claims (default: the first they manage).
    /// Residents and helpers always see their household's.
    pub community_id: Option<i64>,
    pub status: Option<ClaimStatus>,
}

/// `POST /api/v1/fees/claims/{id}/confirm` (managers): the money arrived.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConfirmClaim {
    /// Generated when absent.
    pub receipt_no: Option<super::ReceiptNo>,
}

/// `POST /api/v1/fees/claims/{id}/decline` (managers): the money was not found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeclineClaim {
    /// What the claimant reads: "没有查到这笔转账，请打电话给物业".
    pub reason: super::Reason,
}

/// `POST /api/v1/fees/reminders` (managers): a polite reminder (催缴) of a
/// period's fee to the chosen households of its arrears, or to all of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewReminders {
    pub community_id: i64,
    /// The period of the arrears list: "2026", "2026-03".
    pub period: String,
    /// Households that owe for the period (1–1,000); absent: every one.
    pub household_ids: Option<Vec<i64>>,
}

/// One household a reminder was (or was not yet again) sent to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reminded {
    pub household_id: i64,
    pub building: String,
    pub flat_label: String,
    pub owed_fen: i64,
    /// RFC 3339: now for those sent, the earlier reminder for the others.
    pub reminded_at: String,
}

/// What `POST /api/v1/fees/reminders` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RemindersSent {
    pub period: String,
    /// Reminded now: an inbox item to each resident and helper; print the
    /// slips for the door.
    pub sent: Vec<Reminded>,
    /// Reminded of this period within the last seven days: not again yet.
    pub too_soon: Vec<Reminded>,
}

/// How many households one reminder request may name.
pub const MAX_REMINDERS: usize = 1000;
