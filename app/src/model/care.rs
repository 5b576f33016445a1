//! 报平安: a daily "I'm fine" for those who live alone, and who is told
//! when it does not come.

use serde::{Deserialize, Serialize};

/// The time of day a check-in is due by, when none is chosen.
pub const DEFAULT_DEADLINE: &str = "10:00";

/// Minutes after midnight from "H:MM" or "HH:MM", 05:00–22:00 (a deadline
/// in the night would wake the watchers for nothing).
pub fn deadline_minutes(text: &str) -> Option<i64> {
    let (h, m) = text.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    let minutes = h * 60 + m;
    (m < 60 && (5 * 60..=22 * 60).contains(&minutes)).then_some(minutes)
}

/// "HH:MM" for minutes after midnight.
pub fn deadline_text(minutes: i64) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Someone told when a check-in does not come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Watcher {
    pub name: String,
    /// `helper`, `volunteer` or `office`.
    pub kind: String,
}

/// `GET /api/v1/care/settings`: one person's 报平安 and today's state.
/// Watchers see today and the last check-in, never a history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CareSettings {
    pub user_id: i64,
    pub name: String,
    pub phone: String,
    pub enabled: bool,
    /// "HH:MM", Beijing time.
    pub deadline: String,
    pub watch_office: bool,
    pub volunteer_name: Option<String>,
    pub volunteer_phone: Option<String>,
    /// Away until this day (YYYY-MM-DD) inclusive: no check-in is asked.
    pub paused_until: Option<String>,
    pub checked_in_today: bool,
    /// Past today's time without a check-in (and not away).
    pub missed_today: bool,
    /// RFC 3339 UTC.
    pub last_checkin_at: Option<String>,
    pub watchers: Vec<Watcher>,
}

/// `GET /api/v1/care/settings` query; `user_id` for a helper with more than
/// one resident in the household (default: the first).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct CareQuery {
    pub user_id: Option<i64>,
}

/// `PUT /api/v1/care/settings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CareUpdate {
    pub user_id: Option<i64>,
    pub enabled: bool,
    /// "HH:MM", 05:00–22:00; 10:00 when absent.
    pub deadline: Option<String>,
    #[serde(default)]
    pub watch_office: bool,
    /// A neighbour who volunteers for the building: their registered phone.
    pub volunteer_phone: Option<String>,
    /// "出门了": away until this day (YYYY-MM-DD), at most 60 days ahead;
    /// absent to be back.
    pub paused_until: Option<String>,
}

/// `POST /api/v1/care/checkins`: 我很好.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CheckIn {
    pub user_id: Option<i64>,
}

/// One person who has not checked in today, for the office's round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MissedCheckIn {
    pub user_id: i64,
    pub name: String,
    pub phone: String,
    pub building: String,
    pub flat_label: String,
    pub deadline: String,
    pub last_checkin_at: Option<String>,
}

/// `GET /api/v1/care/missed` query.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct MissedQuery {
    pub community_id: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_are_daytime_hours_and_minutes() {
        assert_eq!(deadline_minutes("10:00"), Some(600));
        assert_eq!(deadline_minutes("8:30"), Some(510));
        assert_eq!(deadline_minutes(" 22:00 "), Some(1320));
        assert_eq!(deadline_minutes("05:00"), Some(300));
        for bad in [
            "4:59", "22:01", "10", "10:0", "10:60", "ab:cd", "", "010:00", "-1:00",
        ] {
            assert_eq!(deadline_minutes(bad), None, "{bad}");
        }
        assert_eq!(deadline_text(510), "08:30");
        assert_eq!(deadline_minutes(&deadline_text(1275)), Some(1275));
    }
}
