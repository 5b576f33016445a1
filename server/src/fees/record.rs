//! The one way money enters the books. The office's counter
//! (`POST /fees/bills/{id}/payments`) and a confirmed 我已付款 claim call
//! [`record`]; a payment provider (WeChat Pay, Alipay) would call it too,
//! from its verified notification — see the README's "Payment providers".
//! Whatever the way, the bill, the receipt, the collection rate and the
//! audit log follow from this one place.

use app::model::{ErrorCode, PaymentMethod};
use serde_json::json;

use super::store::{self, PaymentLine};
use crate::accounts::codes;
use crate::audit::{self, Entry};
use crate::error::ApiError;

/// Money received for a bill.
pub struct Received<'a> {
    pub bill: i64,
    pub community: i64,
    pub household: i64,
    pub amount_fen: i64,
    pub method: PaymentMethod,
    /// "YYYY-MM-DD", checked by the caller.
    pub paid_on: &'a str,
    /// The office's own number, or one made up here.
    pub receipt_no: Option<&'a str>,
    pub note: &'a str,
    /// The person who records it (the office person; for a provider, the
    /// system user it acts as).
    pub by: i64,
    /// How it came: `office`, `claim`, or a provider's name.
    pub via: &'static str,
    pub now: i64,
}

/// The payment as booked.
pub struct Recorded {
    pub payment_id: i64,
    pub receipt_no: String,
}

pub fn receipt_taken() -> ApiError {
    ApiError::conflict(ErrorCode::ReceiptTaken, "这个收据号已经用过了")
}

/// Books a payment in the caller's transaction: more than is owed is
/// refused by the database (no race can overpay), a receipt number is
/// unique in the community, and the audit log says who recorded what for
/// which household. The caller commits.
pub async fn record(tx: &mut crate::db::Tx, r: Received<'_>) -> Result<Recorded, ApiError> {
    let receipt = match r.receipt_no {
        Some(n) if !n.is_empty() => n.to_owned(),
        _ => format!("R{}-{}", r.paid_on.replace('-', ""), codes::generate()),
    };
    if store::receipt_taken(&mut *tx, r.community, &receipt).await? {
        return Err(receipt_taken());
    }
    if !store::move_paid(&mut *tx, r.bill, r.amount_fen).await? {
        return Err(ApiError::conflict(
            ErrorCode::Overpayment,
            "收的钱比欠的多，请核对金额",
        ));
    }
    let line = PaymentLine {
        bill: r.bill,
        community: r.community,
        amount_fen: r.amount_fen,
        method: r.method,
        paid_on: r.paid_on,
        receipt_no: &receipt,
        note: r.note,
        recorded_by: r.by,
        now: r.now,
        reverses: None,
    };
    // Another process may have taken the number since the check.
    let payment_id = store::insert_payment(&mut *tx, &line)
        .await?
        .ok_or_else(receipt_taken)?;
    audit::record(
        &mut *tx,
        Entry::new("fees.payment_record", Some(r.by))
            .household(r.household)
            .community(r.community)
            .detail(json!({
                "bill": r.bill,
                "amount_fen": r.amount_fen,
                "receipt_no": receipt,
                "via": r.via,
            })),
    )
    .await?;
    Ok(Recorded {
        payment_id,
        receipt_no: receipt,
    })
}
