use serde::{Deserialize, Serialize};

/// What a notice is about. Outages get their own kinds so the icon and the
/// words say "water is off" before anyone reads further.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoticeCategory {
    /// 停水
    Water,
    /// 停电
    Power,
    /// 停气
    Gas,
    /// 停暖
    Heating,
    Activity,
    Policy,
    General,
    /// 公示: what the office discloses (the monthly accounts).
    Disclosure,
}

super::stored_as_text!(NoticeCategory);

impl NoticeCategory {
    pub const ALL: [Self; 8] = [
        Self::Water,
        Self::Power,
        Self::Gas,
        Self::Heating,
        Self::Activity,
        Self::Policy,
        Self::General,
        Self::Disclosure,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Water => "water",
            Self::Power => "power",
            Self::Gas => "gas",
            Self::Heating => "heating",
            Self::Activity => "activity",
            Self::Policy => "policy",
            Self::General => "general",
            Self::Disclosure => "disclosure",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// `POST /api/v1/notices` (managers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewNotice {
    pub community_id: i64,
    /// 1–200 characters, shown as text.
    pub title: super::NoticeTitle,
    /// Plain paragraphs (blank line between), up to 20,000 characters; links
    /// are made clickable, nothing else is interpreted.
    pub body: super::NoticeBody,
    pub category: NoticeCategory,
    #[serde(default)]
    pub pinned: bool,
    #[serde(default)]
    pub urgent: bool,
    /// RFC 3339; must be in the future.
    pub expires_at: Option<String>,
    /// Only these buildings; empty or absent for the whole community.
    #[serde(default)]
    pub building_ids: Vec<i64>,
}

/// `PATCH /api/v1/notices/{id}` (managers): only the fields given change.
/// Editing title or body keeps the old text in the history.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NoticeUpdate {
    pub title: Option<super::NoticeTitle>,
    pub body: Option<super::NoticeBody>,
    pub category: Option<NoticeCategory>,
    pub pinned: Option<bool>,
    pub urgent: Option<bool>,
    /// RFC 3339 in the future, or `""` to remove the expiry.
    pub expires_at: Option<String>,
    /// True archives the notice (it leaves residents' lists), false restores it.
    pub archived: Option<bool>,
    /// New buildings it is for (empty: the whole community); the reach list
    /// follows, and an urgent notice reaches the households it now adds.
    pub building_ids: Option<Vec<i64>>,
}

/// A notice in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeSummary {
    pub id: i64,
    pub title: String,
    pub category: NoticeCategory,
    pub pinned: bool,
    pub urgent: bool,
    /// RFC 3339 UTC.
    pub published_at: String,
    /// Set when edited after publishing ("已更新").
    pub updated_at: Option<String>,
    pub expires_at: Option<String>,
    /// Whether I (for the household I act for) have read it. Always true for
    /// managers and staff.
    pub read: bool,
    /// Building names it is for; empty for the whole community.
    pub buildings: Vec<String>,
}

/// `GET /api/v1/notices`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeList {
    /// Pinned and urgent first, then newest.
    pub items: Vec<NoticeSummary>,
    pub next_offset: Option<u32>,
    /// Where the next page starts, for `?cursor=`; absent on the last page.
    pub next_cursor: Option<String>,
    /// Unread notices (current ones, not the archive) for the badge.
    pub unread: i64,
    /// Unread urgent notices, for the banner on 首页.
    pub unread_urgent: Vec<NoticeSummary>,
}

/// `GET /api/v1/notices` query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct NoticeQuery {
    /// Managers and staff: which community (default: the first they work in).
    pub community_id: Option<i64>,
    /// True for the archive: expired and archived notices.
    pub archived: Option<bool>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
    /// Instead of `offset`: the `next_cursor` of the page before.
    pub cursor: Option<String>,
}

/// One notice in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notice {
    #[serde(flatten)]
    pub summary: NoticeSummary,
    pub body: String,
    pub community_name: String,
    pub archived: bool,
    /// How many times it was edited after publishing.
    pub revisions: i64,
}

/// A person of a household, for the door-knocking list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    pub name: String,
    pub phone: String,
    /// `resident` or `helper`.
    pub role: crate::model::Role,
}

/// A household nobody has read a notice for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnreachedHousehold {
    pub household_id: i64,
    pub building: String,
    pub flat_label: String,
    /// Registered residents and helpers with their phones; empty when nobody
    /// of the household has registered (knock on the door).
    pub contacts: Vec<Contact>,
}

/// `GET /api/v1/notices/{id}/reads` (managers): who the notice reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeReach {
    pub notice_id: i64,
    pub title: String,
    /// Households the notice is for.
    pub households: i64,
    /// Households where a resident, or a helper acting for them, read it.
    pub households_read: i64,
    /// Registered people (residents and helpers) of those households.
    pub people: i64,
    pub people_read: i64,
    /// By building then flat.
    pub unreached: Vec<UnreachedHousehold>,
}

/// A building, for choosing whom a notice is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Building {
    pub id: i64,
    pub name: String,
    pub kind: crate::model::BuildingKind,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_round_trip_by_name() {
        for c in NoticeCategory::ALL {
            assert_eq!(NoticeCategory::parse(c.as_str()), Some(c));
            assert_eq!(
                serde_json::to_value(c).ok(),
                Some(serde_json::json!(c.as_str()))
            );
        }
    }

    #[test]
    fn a_notice_reads_flat_on_the_wire() {
        let summary = NoticeSummary {
            id: 1,
            title: "停水".into(),
            category: NoticeCategory::Water,
            pinned: false,
            urgent: true,
            published_at: "2026-11-25T00:00:00Z".into(),
            updated_at: None,
            expires_at: None,
            read: false,
            buildings: vec![],
        };
        let notice = Notice {
            summary,
            body: "周四".into(),
            community_name: "轻机南院".into(),
            archived: false,
            revisions: 0,
        };
        let json = serde_json::to_value(&notice).expect("json");
        assert_eq!(json["title"], "停水");
        assert_eq!(json["body"], "周四");
    }
}
