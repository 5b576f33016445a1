//! The audit log as managers read it: who, for whom, what, when.

use serde::{Deserialize, Serialize};

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    /// RFC 3339 UTC.
    pub at: String,
    /// Absent for the system.
    pub actor_name: Option<String>,
    /// The household acted for ("3号楼 201"), when there was one.
    pub household: Option<String>,
    /// `repair.create`, `points.award`, `login`…
    pub action: String,
    /// The action's facts as JSON text (ids and amounts, never secrets).
    pub detail: String,
}

/// `GET /api/v1/audit` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    /// Newest first.
    pub items: Vec<AuditEntry>,
    pub next_offset: Option<u32>,
    /// Where the next page starts, for `?cursor=`; absent on the last page.
    pub next_cursor: Option<String>,
}

/// `GET /api/v1/audit` query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Default: the first community managed.
    pub community_id: Option<i64>,
    /// An action, or its area with a dot (`repair.` for every repair action).
    pub action: Option<String>,
    /// YYYY-MM-DD (Asia/Shanghai), inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
    /// Instead of `offset`: the `next_cursor` of the page before.
    pub cursor: Option<String>,
}

/// `GET /api/v1/audit/export.csv` query: the filters of [`AuditQuery`],
/// without paging (the export is every matching entry, up to 50,000).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct AuditExportQuery {
    pub community_id: Option<i64>,
    pub action: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl AuditQuery {
    /// The filters alone.
    pub fn filters(&self) -> AuditExportQuery {
        AuditExportQuery {
            community_id: self.community_id,
            action: self.action.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
        }
    }
}

/// Every action the server records (its `audit::Entry::new` checks, in
/// debug builds); each has words in every language (a test says so).
pub const AUDIT_ACTIONS: &[&str] = &[
    "accounts.login",
    "accounts.login_fail",
    "accounts.password_change",
    "accounts.password_reset",
    "accounts.register",
    "accounts.register_member",
    "accounts.reset_issue",
    "accounts.staff_create",
    "activities.checkin",
    "activities.checkout",
    "activities.close",
    "activities.edit",
    "activities.publish",
    "activities.signup",
    "activities.withdraw",
    "admin.community_create",
    "admin.manager_create",
    "admin.manager_add",
    "admin.manager_remove",
    "care.checkin",
    "care.settings",
    "disclosures.publish",
    "fees.bills_generate",
    "fees.claim",
    "fees.claim_confirm",
    "fees.claim_decline",
    "fees.payment_record",
    "fees.payment_reverse",
    "fees.remind",
    "fees.schedule_rate",
    "fees.schedule_retire",
    "fees.settings",
    "helpers.code_issue",
    "helpers.link",
    "helpers.register",
    "helpers.revoke",
    "households.code_regenerate",
    "households.import",
    "households.member_add",
    "notices.edit",
    "notices.publish",
    "points.adjust",
    "points.award",
    "points.reverse",
    "points.rule_create",
    "points.rule_update",
    "points.settings",
    "repair.create",
    "repair.event",
    "shop.cancel",
    "shop.fulfil",
    "shop.item_create",
    "shop.item_update",
    "shop.redeem",
    "suggestions.create",
    "suggestions.reply",
    "votes.answer",
    "votes.ballot",
    "votes.close",
    "votes.create",
];

/// The record an entry concerns, to link to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Ticket(i64),
    Notice(i64),
    Vote(i64),
    Activity(i64),
    Suggestion(i64),
}

impl Record {
    pub fn href(self) -> String {
        match self {
            Self::Ticket(id) => format!("/repairs/{id}"),
            Self::Notice(id) => format!("/notices/{id}"),
            Self::Vote(id) => format!("/votes/{id}"),
            Self::Activity(id) => format!("/activities/{id}"),
            Self::Suggestion(id) => format!("/suggestions/{id}"),
        }
    }
}

impl AuditEntry {
    fn facts(&self) -> serde_json::Value {
        serde_json::from_str(&self.detail).unwrap_or_default()
    }

    /// The keys its words are looked up by, most particular first:
    /// `repair.event:status:resolved`, `repair.event:status`, `repair.event`.
    pub fn word_keys(&self) -> Vec<String> {
        let facts = self.facts();
        let variant = ["kind", "channel"]
            .iter()
            .find_map(|k| facts[*k].as_str().map(str::to_owned));
        let to = facts["to"].as_str().map(str::to_owned);
        let mut keys = Vec::new();
        if let (Some(v), Some(to)) = (&variant, &to) {
            keys.push(format!("{}:{v}:{to}", self.action));
        }
        if let Some(v) = &variant {
            keys.push(format!("{}:{v}", self.action));
        }
        keys.push(self.action.clone());
        keys
    }

    /// The words with the entry's facts put in: `{amount}` (yuan),
    /// `{points}`, `{period}`, `{month}`, `{n}`, `{name}`, `{reason}`.
    pub fn fill(&self, words: &str) -> String {
        let facts = self.facts();
        let number = |keys: &[&str]| {
            keys.iter()
                .find_map(|k| facts[*k].as_i64())
                .map_or_else(String::new, |n| n.to_string())
        };
        let text = |keys: &[&str]| {
            keys.iter()
                .find_map(|k| facts[*k].as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let amount = ["amount_fen", "rate_fen"]
            .iter()
            .find_map(|k| facts[*k].as_i64())
            .map_or_else(String::new, super::yuan);
        words
            .replace("{amount}", &amount)
            .replace(
                "{points}",
                &number(&["points", "each", "amount"]).replace('-', ""),
            )
            .replace(
                "{n}",
                &number(&["created", "households", "people", "residents", "sessions"]),
            )
            .replace("{period}", &text(&["period", "from"]))
            .replace("{month}", &text(&["month"]))
            .replace("{name}", &text(&["name", "title"]))
            .replace("{reason}", &text(&["reason"]))
    }

    /// The record it concerns, when there is one to open.
    pub fn record(&self) -> Option<Record> {
        let facts = self.facts();
        let id = |k: &str| facts[k].as_i64();
        id("ticket")
            .map(Record::Ticket)
            .or_else(|| id("vote").map(Record::Vote))
            .or_else(|| id("notice").map(Record::Notice))
            .or_else(|| id("activity").map(Record::Activity))
            .or_else(|| id("suggestion").map(Record::Suggestion))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(action: &str, detail: &str) -> AuditEntry {
        AuditEntry {
            id: 1,
            at: "2026-12-07T02:00:00Z".into(),
            actor_name: Some("李合昌".into()),
            household: Some("3号楼 201".into()),
            action: action.into(),
            detail: detail.into(),
        }
    }

    #[test]
    fn an_entry_names_its_words_its_facts_and_its_record() {
        let phone_in = entry("repair.create", r#"{"ticket": 8, "channel": "office"}"#);
        assert_eq!(
            phone_in.word_keys(),
            ["repair.create:office", "repair.create"]
        );
        assert_eq!(phone_in.record(), Some(Record::Ticket(8)));
        assert_eq!(
            phone_in.record().map(Record::href).as_deref(),
            Some("/repairs/8")
        );
        let fixed = entry(
            "repair.event",
            r#"{"ticket": 8, "kind": "status", "from": "in_progress", "to": "resolved"}"#,
        );
        assert_eq!(fixed.word_keys()[0], "repair.event:status:resolved");
        let paid = entry(
            "fees.payment_record",
            r#"{"bill": 3, "amount_fen": 152000, "receipt_no": "SK-1"}"#,
        );
        assert_eq!(paid.fill("收了 {amount} 元"), "收了 1520.00 元");
        assert_eq!(paid.record(), None);
        let reversed = entry("points.reverse", r#"{"entry": 4, "user": 2, "amount": -5}"#);
        assert_eq!(reversed.fill("冲销了 {points} 分"), "冲销了 5 分");
        let broken = entry("notices.edit", "not json");
        assert_eq!(broken.fill("改了通知"), "改了通知");
        assert_eq!(broken.record(), None);
    }
}
