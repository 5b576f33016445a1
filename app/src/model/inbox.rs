//! The inbox (消息): news for one person, and the counts behind every badge.

use serde::{Deserialize, Serialize};

/// What happened. The app says each as a sentence in the reader's language
/// and links it to the thing it is about (`subject_id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InboxKind {
    /// The household's ticket was given to a worker.
    TicketAssigned,
    /// The worker started on it.
    TicketStarted,
    /// It is fixed: confirm and rate it.
    TicketResolved,
    /// Someone else wrote on it.
    TicketComment,
    /// Staff: a ticket was given to me.
    TicketGiven,
    /// Points were awarded (`amount` points).
    PointsAwarded,
    /// An award was taken back (`amount` points).
    PointsReversed,
    /// A swap in the points shop is ready to collect.
    SwapReady,
    /// It was handed over.
    SwapHandedOver,
    /// It was cancelled (the points came back).
    SwapCancelled,
    /// A new bill (`amount` fen, `words` the period).
    BillIssued,
    /// A bill is past its due date and not fully paid.
    BillOverdue,
    /// An urgent notice for the household's building.
    UrgentNotice,
    /// Someone I watch has not said 我很好 by their time today
    /// (`subject_id` is the person; `phone` to call them).
    CareMissed,
    /// A place came free: someone on an activity's waiting list is in
    /// (`subject_id` the activity, `words` its title).
    ActivityIn,
    /// An activity one is going to starts within a day.
    ActivityTomorrow,
    /// The office's polite reminder of a period's fee (`subject_id` the
    /// household, `words` the period, `amount` fen still owed).
    FeeReminder,
    /// The office found the money of a 我已付款 (`subject_id` the bill,
    /// `amount` fen).
    ClaimConfirmed,
    /// It did not (`words` its reason).
    ClaimDeclined,
    /// The office answered a suggestion (`subject_id` it, `words` its first words).
    SuggestionAnswered,
}

impl InboxKind {
    pub const ALL: [Self; 20] = [
        Self::TicketAssigned,
        Self::TicketStarted,
        Self::TicketResolved,
        Self::TicketComment,
        Self::TicketGiven,
        Self::PointsAwarded,
        Self::PointsReversed,
        Self::SwapReady,
        Self::SwapHandedOver,
        Self::SwapCancelled,
        Self::BillIssued,
        Self::BillOverdue,
        Self::UrgentNotice,
        Self::CareMissed,
        Self::ActivityIn,
        Self::ActivityTomorrow,
        Self::FeeReminder,
        Self::ClaimConfirmed,
        Self::ClaimDeclined,
        Self::SuggestionAnswered,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::TicketAssigned => "ticket_assigned",
            Self::TicketStarted => "ticket_started",
            Self::TicketResolved => "ticket_resolved",
            Self::TicketComment => "ticket_comment",
            Self::TicketGiven => "ticket_given",
            Self::PointsAwarded => "points_awarded",
            Self::PointsReversed => "points_reversed",
            Self::SwapReady => "swap_ready",
            Self::SwapHandedOver => "swap_handed_over",
            Self::SwapCancelled => "swap_cancelled",
            Self::BillIssued => "bill_issued",
            Self::BillOverdue => "bill_overdue",
            Self::UrgentNotice => "urgent_notice",
            Self::CareMissed => "care_missed",
            Self::ActivityIn => "activity_in",
            Self::ActivityTomorrow => "activity_tomorrow",
            Self::FeeReminder => "fee_reminder",
            Self::ClaimConfirmed => "claim_confirmed",
            Self::ClaimDeclined => "claim_declined",
            Self::SuggestionAnswered => "suggestion_answered",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The page an item of this kind opens, for its subject.
    pub fn link(self, subject_id: i64) -> String {
        match self {
            Self::TicketAssigned
            | Self::TicketStarted
            | Self::TicketResolved
            | Self::TicketComment
            | Self::TicketGiven => format!("/repairs/{subject_id}"),
            Self::PointsAwarded | Self::PointsReversed => "/points".to_owned(),
            Self::SwapReady | Self::SwapHandedOver | Self::SwapCancelled => "/points".to_owned(),
            Self::BillIssued
            | Self::BillOverdue
            | Self::FeeReminder
            | Self::ClaimConfirmed
            | Self::ClaimDeclined => "/fees".to_owned(),
            Self::UrgentNotice => format!("/notices/{subject_id}"),
            Self::CareMissed => "/care".to_owned(),
            Self::ActivityIn | Self::ActivityTomorrow => format!("/activities/{subject_id}"),
            Self::SuggestionAnswered => format!("/suggestions/{subject_id}"),
        }
    }
}

super::stored_as_text!(InboxKind);

/// One piece of news.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxItem {
    pub id: i64,
    pub kind: InboxKind,
    /// The ticket, ledger entry, swap, bill, notice or person it is about.
    pub subject_id: i64,
    /// Where it opens in the app.
    pub link: String,
    /// The words it names: a ticket's or notice's title, an item's name, a
    /// bill's period, a person's name.
    pub words: String,
    /// Points, or fen for bills.
    pub amount: Option<i64>,
    /// For 报平安: the phone to call.
    pub phone: Option<String>,
    /// Set on a helper's copy: the household it is news of ("for 张建国 ·
    /// 3号楼 201", from `GET /me`'s households).
    pub for_household_id: Option<i64>,
    /// RFC 3339 UTC.
    pub created_at: String,
    pub read: bool,
}

/// `GET /api/v1/inbox`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Inbox {
    /// Newest first.
    pub items: Vec<InboxItem>,
    pub unread: i64,
    /// Where the next page starts, for `?cursor=`; absent on the last page.
    pub next_cursor: Option<String>,
}

/// `GET /api/v1/inbox` query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct InboxQuery {
    /// 1–100; 50 when absent.
    pub limit: Option<u32>,
    /// The `next_cursor` of the page before.
    pub cursor: Option<String>,
}

/// `POST /api/v1/inbox/read`: these items, or all of mine (`all: true`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MarkRead {
    #[serde(default)]
    pub ids: Vec<i64>,
    #[serde(default)]
    pub all: bool,
}

/// At most this many ids in one `POST /inbox/read`.
pub const MAX_MARK_READ: usize = 200;

/// `GET /api/v1/counts`: every badge, from one cheap call.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Counts {
    /// Unread inbox items.
    pub inbox: i64,
    /// Tickets of the household acted for that changed since I last opened
    /// them, plus, for the office, new tickets not yet given to anyone.
    pub repairs: i64,
    /// Unread current notices of the household acted for (the office: 0).
    pub notices: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_by_name() {
        for k in InboxKind::ALL {
            assert_eq!(InboxKind::parse(k.as_str()), Some(k));
            assert_eq!(
                serde_json::to_value(k).ok(),
                Some(serde_json::Value::from(k.as_str()))
            );
        }
        assert_eq!(InboxKind::parse("nope"), None);
    }

    #[test]
    fn links_name_the_subject() {
        assert_eq!(InboxKind::TicketResolved.link(12), "/repairs/12");
        assert_eq!(InboxKind::UrgentNotice.link(3), "/notices/3");
        assert_eq!(InboxKind::BillOverdue.link(9), "/fees");
    }
}
