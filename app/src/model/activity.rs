//! Activities (活动) that earn the points: a patrol, an hour of duty, a
//! clean-up. Sign-up with a waiting list, check-in where it happens, and
//! closing, which turns attendance into ledger entries once. Members
//! without a phone (代管成员) take part through the office.

use serde::{Deserialize, Serialize};

use super::{ActivityDetails, ActivityTitle, PersonName, Place, PointUnit};

/// What kind of taking part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// 治安巡逻.
    Patrol,
    /// 值守: usually a roster of weekly shifts.
    Duty,
    /// 卫生清扫.
    Cleanup,
    /// 文体活动.
    Culture,
    /// 邻里互助: help for neighbours.
    Help,
    Other,
}

impl ActivityKind {
    pub const ALL: [Self; 6] = [
        Self::Patrol,
        Self::Duty,
        Self::Cleanup,
        Self::Culture,
        Self::Help,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Patrol => "patrol",
            Self::Duty => "duty",
            Self::Cleanup => "cleanup",
            Self::Culture => "culture",
            Self::Help => "help",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A sign-up: in, on the waiting list, or withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignupStatus {
    In,
    Waiting,
    Cancelled,
}

impl SignupStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::In => "in",
            Self::Waiting => "waiting",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "in" => Some(Self::In),
            "waiting" => Some(Self::Waiting),
            "cancelled" => Some(Self::Cancelled),
            _ => None,
        }
    }
}

/// How someone was checked in: by the activity's changing code on their
/// own phone, by the organiser scanning their personal code, or ticked on
/// the attendance list (the paper sheet entered back).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CheckinMethod {
    Code,
    Scan,
    List,
}

impl CheckinMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Code => "code",
            Self::Scan => "scan",
            Self::List => "list",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "code" => Some(Self::Code),
            "scan" => Some(Self::Scan),
            "list" => Some(Self::List),
            _ => None,
        }
    }
}

super::stored_as_text!(ActivityKind, SignupStatus, CheckinMethod);

/// One sitting of an activity: the whole of a one-off, one shift of a
/// roster. Places are per session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivitySession {
    pub id: i64,
    /// RFC 3339 UTC.
    pub starts_at: String,
    pub ends_at: String,
    /// Absent: no limit.
    pub capacity: Option<i64>,
    /// Signed up and in.
    pub taken: i64,
    /// On the waiting list.
    pub waiting: i64,
    pub closed: bool,
}

/// A sign-up of one person for one session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Signup {
    pub id: i64,
    pub activity_id: i64,
    pub session_id: i64,
    pub user_id: i64,
    pub name: String,
    pub status: SignupStatus,
    /// On the waiting list: 1 is next in.
    pub position: Option<i64>,
    pub starts_at: String,
    /// Whoever pressed 报名, when not the person: a helper or the office.
    pub signed_by: Option<String>,
}

/// An activity in a list: its next (or last) session and the household's
/// sign-ups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    pub id: i64,
    pub community_id: i64,
    pub title: String,
    pub kind: ActivityKind,
    pub place: String,
    pub rule_name: String,
    pub points: i64,
    pub unit: PointUnit,
    pub organiser_name: String,
    /// For these buildings only; empty: the whole community.
    pub buildings: Vec<String>,
    /// A roster's weekdays, 1 = Monday; empty for a one-off.
    pub weekdays: Vec<i64>,
    /// The next session not yet ended, else the last one.
    pub next: ActivitySession,
    pub sessions: i64,
    pub cancelled: bool,
    /// The caller's household's live sign-ups (for staff: none).
    pub mine: Vec<Signup>,
}

/// `GET /api/v1/activities`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityList {
    pub items: Vec<Activity>,
}

/// `GET /api/v1/activities` query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ActivityQuery {
    /// The office's community (staff and managers); residents see their own.
    pub community_id: Option<i64>,
    /// `true`: the ones already over (newest first), for the office's records.
    #[serde(default)]
    pub past: bool,
}

/// `GET /api/v1/activities/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityDetail {
    #[serde(flatten)]
    pub activity: Activity,
    pub details: String,
    pub organiser_id: i64,
    pub organiser_phone: Option<String>,
    pub rule_id: i64,
    pub building_ids: Vec<i64>,
    /// Every session, in time order (a roster's next weeks).
    pub schedule: Vec<ActivitySession>,
    /// The caller may check people in and close it (organiser or manager).
    pub can_run: bool,
}

/// A roster: weekly shifts at the first session's time of day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Roster {
    /// 1 = Monday … 7 = Sunday.
    pub weekdays: Vec<i64>,
    /// How many weeks, 1–12, from the first day.
    pub weeks: i64,
}

/// `POST /api/v1/activities`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewActivity {
    pub title: ActivityTitle,
    pub kind: ActivityKind,
    pub place: Place,
    #[serde(default)]
    pub details: ActivityDetails,
    /// The earning rule it pays; its community is the activity's.
    pub rule_id: i64,
    /// Default: whoever publishes it.
    pub organiser_id: Option<i64>,
    /// Places per session, 1–500; absent: no limit.
    pub capacity: Option<i64>,
    /// Empty: the whole community.
    #[serde(default)]
    pub building_ids: Vec<i64>,
    /// RFC 3339: the (first) session.
    pub starts_at: String,
    pub ends_at: String,
    pub roster: Option<Roster>,
}

/// `PATCH /api/v1/activities/{id}`: what may change once people signed up.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ActivityPatch {
    pub title: Option<ActivityTitle>,
    pub place: Option<Place>,
    pub details: Option<ActivityDetails>,
    pub organiser_id: Option<i64>,
    /// `true` calls it off: nobody can sign up or check in any more.
    pub cancelled: Option<bool>,
}

/// `POST /api/v1/activities/{id}/signups`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewSignup {
    /// Default: the next session not yet started.
    pub session_id: Option<i64>,
    /// Default: oneself. A household member (the family, a member without
    /// a phone) or, for the office, anyone of the community.
    pub user_id: Option<i64>,
}

/// `POST /api/v1/activities/{id}/checkins`: exactly one of `code` (one's
/// own phone, the activity's changing code), `person_code` (the organiser
/// scanned someone's code) or `user_ids` (ticked on the list).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewCheckin {
    /// Default: the session happening now (or the only one).
    pub session_id: Option<i64>,
    pub code: Option<String>,
    pub person_code: Option<String>,
    pub user_ids: Option<Vec<i64>>,
    /// Record leaving instead (hourly duties).
    #[serde(default)]
    pub check_out: bool,
}

/// What a check-in did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckinResult {
    pub session_id: i64,
    /// The names checked in (or out), as recorded.
    pub names: Vec<String>,
}

/// `GET /api/v1/activities/{id}/attendance` query.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct AttendanceQuery {
    /// Default: the session happening now, else the next, else the last.
    pub session_id: Option<i64>,
}

/// One person on the attendance list: signed up, checked in, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttendanceLine {
    pub user_id: i64,
    pub name: String,
    pub building: String,
    pub flat: String,
    pub has_phone: bool,
    pub signup: Option<SignupStatus>,
    pub method: Option<CheckinMethod>,
    pub checked_in_at: Option<String>,
    pub checked_in_by: Option<String>,
    pub checked_out_at: Option<String>,
    /// Points this line earns (or earned) when the session closes.
    pub points: i64,
}

/// The organiser's screen: the session, its changing code and the people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attendance {
    pub activity_id: i64,
    pub title: String,
    pub session: ActivitySession,
    /// The six digits residents type or scan; changes every 30 s.
    pub code: Option<String>,
    /// Milliseconds until the code changes.
    pub code_changes_in: i64,
    pub lines: Vec<AttendanceLine>,
}

/// `POST /api/v1/activities/{id}/close`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CloseSession {
    /// Default: the activity's only session, or the last one already begun.
    pub session_id: Option<i64>,
}

/// What closing gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CloseResult {
    pub session_id: i64,
    /// Ledger entries written now (0 when it was closed before).
    pub awarded: i64,
    pub points: i64,
    pub already_closed: bool,
}

/// A person of a household: registered, or kept by the office without a
/// phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    pub user_id: i64,
    pub name: String,
    /// `resident` or `helper`.
    pub role: super::Role,
    pub phone: Option<String>,
    pub balance: i64,
}

/// `POST /api/v1/households/{id}/members`: someone without a phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewMember {
    pub name: PersonName,
}

/// The code on a person's phone (or printed card) for the organiser's scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonCode {
    pub user_id: i64,
    pub name: String,
    pub code: String,
}

/// Whole half hours between two instants (an hourly duty's time, rounded
/// down): 1 h 29 min is 2, 1 h 30 min is 3.
pub fn half_hours(from: i64, to: i64) -> i64 {
    (to - from).max(0) / (30 * 60 * 1000)
}

/// The day offsets (0 = the first day) of a roster's shifts: each of
/// `weekdays` (1 = Monday) in `weeks` weeks from a first day that falls on
/// `first_weekday`. `None` when the roster is empty or out of range.
pub fn roster_days(first_weekday: i64, roster: &Roster) -> Option<Vec<i64>> {
    let mut days = roster.weekdays.clone();
    days.sort_unstable();
    days.dedup();
    if days.is_empty()
        || days.len() != roster.weekdays.len()
        || days.iter().any(|d| !(1..=7).contains(d))
        || !(1..=12).contains(&roster.weeks)
        || !(1..=7).contains(&first_weekday)
    {
        return None;
    }
    Some(
        (0..roster.weeks * 7)
            .filter(|offset| days.contains(&((first_weekday - 1 + offset) % 7 + 1)))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_round_down_to_halves() {
        let minute = 60 * 1000;
        assert_eq!(half_hours(0, 89 * minute), 2);
        assert_eq!(half_hours(0, 90 * minute), 3);
        assert_eq!(half_hours(0, 29 * minute), 0);
        assert_eq!(half_hours(10, 0), 0);
    }

    #[test]
    fn a_roster_falls_on_its_weekdays() {
        // A Wednesday start, Mon–Sun for one week: every day.
        let all = Roster {
            weekdays: (1..=7).collect(),
            weeks: 1,
        };
        assert_eq!(roster_days(3, &all), Some((0..7).collect()));
        // Mondays and Thursdays for two weeks from a Wednesday.
        let two = Roster {
            weekdays: vec![4, 1],
            weeks: 2,
        };
        assert_eq!(roster_days(3, &two), Some(vec![1, 5, 8, 12]));
        for bad in [
            Roster {
                weekdays: vec![],
                weeks: 1,
            },
            Roster {
                weekdays: vec![8],
                weeks: 1,
            },
            Roster {
                weekdays: vec![1, 1],
                weeks: 1,
            },
            Roster {
                weekdays: vec![1],
                weeks: 13,
            },
        ] {
            assert_eq!(roster_days(1, &bad), None, "{bad:?}");
        }
    }

    #[test]
    fn kinds_read_back() {
        for kind in ActivityKind::ALL {
            assert_eq!(ActivityKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ActivityKind::parse("party"), None);
    }
}

/// `GET /api/v1/activities/turnout` and `…/export.csv` query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct TurnoutQuery {
    /// Default: the first community the caller manages.
    pub community_id: Option<i64>,
    /// "YYYY-MM"; default this month.
    pub month: Option<String>,
}

/// One activity's month: sittings, sign-ups, who came, points given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TurnoutLine {
    pub activity_id: i64,
    pub title: String,
    pub kind: ActivityKind,
    pub sessions: i64,
    pub signed_up: i64,
    pub attended: i64,
    pub points: i64,
}

/// The office's month of activities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Turnout {
    pub month: String,
    pub lines: Vec<TurnoutLine>,
    /// Different people who came at least once.
    pub people: i64,
    pub attended: i64,
    pub points: i64,
}
