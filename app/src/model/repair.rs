//! Repair tickets (报修) on the wire.

use serde::{Deserialize, Serialize};

pub use super::repair_flow::RepairStatus;

/// What is broken. The UI shows each as a big picture button with words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RepairCategory {
    Water,
    Drainage,
    Electricity,
    Gas,
    Heating,
    DoorsWindows,
    PublicArea,
    Other,
}

impl RepairCategory {
    pub const ALL: [Self; 8] = [
        Self::Water,
        Self::Drainage,
        Self::Electricity,
        Self::Gas,
        Self::Heating,
        Self::DoorsWindows,
        Self::PublicArea,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Water => "water",
            Self::Drainage => "drainage",
            Self::Electricity => "electricity",
            Self::Gas => "gas",
            Self::Heating => "heating",
            Self::DoorsWindows => "doors_windows",
            Self::PublicArea => "public_area",
            Self::Other => "other",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// How the report reached the office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RepairChannel {
    /// A resident, for their own household.
    Resident,
    /// A family member helping the household.
    Helper,
    /// The office typed in a report that came by phone or at the window.
    Office,
}

impl RepairChannel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Resident => "resident",
            Self::Helper => "helper",
            Self::Office => "office",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        [Self::Resident, Self::Helper, Self::Office]
            .into_iter()
            .find(|c| c.as_str() == name)
    }
}

/// The most photos a ticket carries.
pub const MAX_PHOTOS: usize = 4;
/// The longest description or note, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;
/// Urgent tickets are overdue when not resolved within a day, others in three.
pub const URGENT_WITHIN_HOURS: i64 = 24;
pub const NORMAL_WITHIN_HOURS: i64 = 72;
/// A resolved ticket may be reopened, and closes by itself, after 7 days.
pub const CONFIRM_WITHIN_DAYS: i64 = 7;

/// `POST /api/v1/repairs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewRepair {
    /// The household reporting: residents and helpers give their own (the one
    /// acted for when absent); the office gives the household that phoned,
    /// or none for a public place it noticed itself.
    pub household_id: Option<i64>,
    /// The office's community when no household is given (default: the
    /// first it manages).
    pub community_id: Option<i64>,
    /// Set for a public place ("5号楼 二楼楼道"); absent for the household's flat.
    pub place: Option<super::Place>,
    pub category: RepairCategory,
    /// May be empty: the category alone is enough to file.
    #[serde(default)]
    pub description: super::RepairDescription,
    #[serde(default)]
    pub urgent: bool,
    /// Defaults to the reporter's phone (for office intake: the household's
    /// contact phone).
    pub contact_phone: Option<String>,
    /// Up to 4 ids from `POST /api/v1/uploads`, uploaded by the reporter.
    #[serde(default)]
    pub photo_ids: Vec<String>,
}

/// A photo of a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Photo {
    pub id: String,
    /// The re-encoded photo (EXIF stripped).
    pub url: String,
    /// About 320 px wide.
    pub thumb_url: String,
}

/// `POST /api/v1/uploads` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Upload {
    #[serde(flatten)]
    pub photo: Photo,
    pub width: u32,
    pub height: u32,
}

/// A ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Repair {
    pub id: i64,
    /// What to tell the office on the phone, e.g. "BX-00042".
    pub number: String,
    pub community_id: i64,
    pub household_id: Option<i64>,
    /// "3号楼 201" for a flat, or the public place.
    pub address: String,
    /// Set when the problem is in a public place.
    pub place: Option<String>,
    pub category: RepairCategory,
    pub description: String,
    pub urgent: bool,
    pub contact_phone: String,
    pub status: RepairStatus,
    pub channel: RepairChannel,
    pub reporter_name: String,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    /// RFC 3339 UTC.
    pub created_at: String,
    pub updated_at: String,
    /// When it must be resolved by (24 h urgent, 72 h otherwise).
    pub due_at: String,
    pub resolved_at: Option<String>,
    pub closed_at: Option<String>,
    /// True while open past `due_at`.
    pub overdue: bool,
    /// 1–5 stars from the household.
    pub rating: Option<i64>,
    /// True when it changed since I last opened it (residents and helpers).
    pub changed: bool,
    pub photos: Vec<Photo>,
}

/// What happened on a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Submitted,
    Comment,
    Assign,
    Status,
    Rating,
    Reopen,
}

impl EventKind {
    pub const ALL: [Self; 6] = [
        Self::Submitted,
        Self::Comment,
        Self::Assign,
        Self::Status,
        Self::Rating,
        Self::Reopen,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::Comment => "comment",
            Self::Assign => "assign",
            Self::Status => "status",
            Self::Rating => "rating",
            Self::Reopen => "reopen",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// One line of a ticket's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepairEvent {
    pub id: i64,
    pub kind: EventKind,
    /// RFC 3339 UTC.
    pub at: String,
    /// Absent when the system did it (closing after 7 days unconfirmed).
    pub actor_name: Option<String>,
    /// `resident`, `helper`, `staff`, `manager`; absent for the system.
    pub actor_role: Option<crate::model::Role>,
    /// The household the actor spoke for ("3号楼 201").
    pub for_household: Option<String>,
    pub from_status: Option<RepairStatus>,
    pub to_status: Option<RepairStatus>,
    pub assignee_name: Option<String>,
    pub stars: Option<i64>,
    pub note: String,
}

/// What the caller may do next, so the UI shows only those buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActionName {
    Comment,
    Assign,
    Start,
    Resolve,
    Close,
    Cancel,
    Reject,
    Rate,
    Reopen,
}

/// `GET /api/v1/repairs/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepairDetail {
    #[serde(flatten)]
    pub ticket: Repair,
    /// Oldest first.
    pub events: Vec<RepairEvent>,
    pub allowed: Vec<ActionName>,
    /// The property office's phone of the ticket's community.
    pub office_phone: String,
}

/// `POST /api/v1/repairs/{id}/events`: one change to a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum RepairAction {
    /// Anyone who can see the ticket.
    Comment { note: super::RepairNote },
    /// Managers: give it to a staff member.
    Assign {
        assignee_id: i64,
        #[serde(default)]
        note: super::RepairNote,
    },
    /// `in_progress`, `resolved` (the assignee or a manager), `closed` with a
    /// resolution note or `rejected` with a reason (managers), `cancelled`
    /// (the household, before work starts).
    Status {
        status: RepairStatus,
        #[serde(default)]
        note: super::RepairNote,
    },
    /// The household confirms a resolved ticket with 1–5 stars; it closes.
    Rating {
        stars: i64,
        #[serde(default)]
        note: super::RepairNote,
    },
    /// The household, within 7 days of resolution, with a reason.
    Reopen { note: super::RepairNote },
}

/// Which tickets `GET /api/v1/repairs` lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RepairScope {
    /// Residents and helpers: the household acted for (default).
    #[default]
    Household,
    /// Staff: tickets assigned to me.
    Assigned,
    /// Managers: the community's queue, urgent and oldest first.
    Queue,
}

/// `GET /api/v1/repairs` query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct RepairsQuery {
    pub scope: Option<RepairScope>,
    /// Queue: the community (default: the first managed).
    pub community_id: Option<i64>,
    /// Queue filters. `open` means submitted, assigned or in progress.
    pub status: Option<String>,
    pub category: Option<RepairCategory>,
    pub building_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub overdue: Option<bool>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
    /// Instead of `offset`: the `next_cursor` of the page before.
    pub cursor: Option<String>,
}

/// `GET /api/v1/repairs` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepairList {
    pub items: Vec<Repair>,
    pub next_offset: Option<u32>,
    /// Where the next page starts, for `?cursor=`; absent on the last page.
    pub next_cursor: Option<String>,
}

/// The office's figures for a community.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepairFigures {
    pub community_id: i64,
    /// Submitted and not yet assigned.
    pub new: i64,
    /// Submitted, assigned or in progress.
    pub open: i64,
    pub overdue: i64,
    /// Median minutes from report to resolution, for tickets resolved this
    /// month (Asia/Shanghai); absent when none were.
    pub median_resolve_minutes: Option<i64>,
    /// Average stars of tickets rated this month; absent when none were.
    pub average_rating: Option<f64>,
    pub rated: i64,
}

/// `GET /api/v1/repairs/summary`: badge counts and home cards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepairSummary {
    /// My household's open tickets (residents and helpers), newest first.
    pub open: Vec<Repair>,
    /// My household's tickets that changed since I last opened them.
    pub changed: i64,
    /// Staff: open tickets assigned to me.
    pub assigned_to_me: i64,
    /// Managers: the figures of their first community.
    pub office: Option<RepairFigures>,
}

/// `GET /api/v1/repairs/summary` and `/figures` query.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct RepairSummaryQuery {
    pub community_id: Option<i64>,
}

/// `GET /api/v1/repairs/export.csv` query: tickets reported from `from` to
/// `to` inclusive (YYYY-MM-DD, Asia/Shanghai).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct RepairExportQuery {
    pub community_id: Option<i64>,
    pub from: String,
    pub to: String,
}

/// A staff member a ticket can be given to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Worker {
    pub user_id: i64,
    pub name: String,
    pub phone: String,
    /// Open tickets assigned now.
    pub open: i64,
}

/// The ticket number people read out on the phone.
pub fn ticket_number(id: i64) -> String {
    format!("BX-{id:05}")
}

super::stored_as_text!(RepairCategory, RepairChannel, EventKind);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_round_trip_by_name() {
        for c in RepairCategory::ALL {
            assert_eq!(RepairCategory::parse(c.as_str()), Some(c));
            assert_eq!(
                serde_json::to_value(c).ok(),
                Some(serde_json::json!(c.as_str()))
            );
        }
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn an_action_is_tagged_by_kind_and_refuses_strangers() {
        let rate: RepairAction =
            serde_json::from_str(r#"{"kind":"rating","stars":5}"#).expect("rating");
        assert_eq!(
            rate,
            RepairAction::Rating {
                stars: 5,
                note: super::super::RepairNote::empty()
            }
        );
        assert!(
            serde_json::from_str::<RepairAction>(r#"{"kind":"rating","stars":5,"x":1}"#).is_err()
        );
        assert!(serde_json::from_str::<RepairAction>(r#"{"kind":"delete"}"#).is_err());
    }

    #[test]
    fn numbers_are_padded() {
        assert_eq!(ticket_number(42), "BX-00042");
        assert_eq!(ticket_number(123_456), "BX-123456");
    }
}
