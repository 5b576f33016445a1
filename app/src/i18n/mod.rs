//! Every user-facing string, per language. A locale is a `Strings` value, so
//! a key missing from one language is a compile error, not a blank label.

pub mod audit;
mod en;
pub mod guide;
pub mod points;
pub mod repairs;
mod zh_cn;

use leptos::prelude::*;

pub use strings::Strings;

/// Picks one string out of a locale: how tables of tabs and tiles name their words.
pub type Words = fn(&Strings) -> &'static str;

mod strings;

/// The languages Courtyard speaks. zh-CN is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    ZhCn,
    En,
}

impl Lang {
    /// The BCP 47 tag, as in `<html lang>` and the API's `language` field.
    pub fn tag(self) -> &'static str {
        match self {
            Self::ZhCn => "zh-CN",
            Self::En => "en",
        }
    }

    /// Parses a stored tag; anything unknown is the default.
    pub fn from_tag(tag: &str) -> Self {
        if tag == "en" { Self::En } else { Self::ZhCn }
    }

    /// The strings for this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Self::ZhCn => &zh_cn::STRINGS,
            Self::En => &en::STRINGS,
        }
    }
}

/// The current language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    /// The strings of the current language (tracked: views update on switch).
    pub fn t(self) -> &'static Strings {
        self.0.get().strings()
    }
}

/// The language context set up by `App`.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The words for an API error code, falling back to the server's own message.
pub fn error_words(t: &'static Strings, error: &crate::api::ApiError) -> String {
    let words = match error.code() {
        "network" => t.error_network,
        "invalid_credentials" => t.err_invalid_credentials,
        "too_many_requests" => t.err_too_many,
        "phone_taken" => t.err_phone_taken,
        "invalid_phone" => t.err_invalid_phone,
        "invalid_name" => t.err_invalid_name,
        "weak_password" => t.err_weak_password,
        "invalid_code" | "invalid_reset_code" => t.err_invalid_code,
        "code_used" => t.err_code_used,
        "code_expired" => t.err_code_expired,
        "already_linked" => t.err_already_linked,
        "not_found" => t.err_not_found,
        "forbidden" | "not_your_household" => t.err_forbidden,
        "invalid_title" => t.err_invalid_title,
        "overpayment" => t.err_overpayment,
        "invalid_amount" => t.err_invalid_amount,
        "invalid_date" => t.err_invalid_date,
        "receipt_taken" => t.err_receipt_taken,
        "body_too_long" | "invalid_body" => t.err_body_too_long,
        "expiry_in_past" | "invalid_expiry" => t.err_expiry,
        _ if !error.message().is_empty() && error.status() < 500 => {
            return error.message().to_owned();
        }
        _ => t.error_server,
    };
    words.to_owned()
}

/// The words for a notice category.
pub fn category_words(t: &'static Strings, category: crate::model::NoticeCategory) -> &'static str {
    use crate::model::NoticeCategory as C;
    match category {
        C::Water => t.cat_water,
        C::Power => t.cat_power,
        C::Gas => t.cat_gas,
        C::Heating => t.cat_heating,
        C::Activity => t.cat_activity,
        C::Policy => t.cat_policy,
        C::General => t.cat_general,
    }
}

/// The words for a payment method.
pub fn method_words(t: &'static Strings, method: crate::model::PaymentMethod) -> &'static str {
    use crate::model::PaymentMethod as M;
    match method {
        M::Cash => t.method_cash,
        M::Wechat => t.method_wechat,
        M::Alipay => t.method_alipay,
        M::BankTransfer => t.method_bank_transfer,
    }
}

/// A bill's state in plain words.
pub fn status_words(t: &'static Strings, status: crate::model::BillStatus) -> &'static str {
    use crate::model::BillStatus as S;
    match status {
        S::Paid => t.fees_status_paid,
        S::Unpaid => t.fees_status_unpaid,
        S::Partial => t.fees_status_partial,
        S::Overdue => t.fees_status_overdue,
    }
}
