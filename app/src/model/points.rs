//! The points supermarket (积分超市) on the wire: rules, awards, the ledger,
//! the red board, the catalog and redemptions.

use serde::{Deserialize, Serialize};

/// Per time (a patrol) or per hour (duty; halves allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PointUnit {
    Time,
    Hour,
}

impl PointUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Time => "time",
            Self::Hour => "hour",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "time" => Some(Self::Time),
            "hour" => Some(Self::Hour),
            _ => None,
        }
    }
}

/// An earning rule: 治安巡逻 5 per time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PointRule {
    pub id: i64,
    pub community_id: i64,
    pub name: String,
    pub points: i64,
    pub unit: PointUnit,
    pub active: bool,
}

/// `POST /api/v1/points/rules` (managers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewPointRule {
    pub community_id: i64,
    /// 1–50 characters, unique in the community.
    pub name: super::ItemName,
    /// 1–1000 points per time or per hour.
    pub points: i64,
    pub unit: PointUnit,
}

/// `PATCH /api/v1/points/rules/{id}`: only what is given changes. Past
/// awards keep the points they were given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PointRuleUpdate {
    pub points: Option<i64>,
    pub active: Option<bool>,
}

/// `POST /api/v1/points/awards`: one activity, many residents at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewAward {
    pub rule_id: i64,
    /// The day of the activity, YYYY-MM-DD (not in the future).
    pub date: String,
    /// Times (whole, 1–10) or hours (halves allowed, 0.5–24).
    pub quantity: f64,
    /// 1–200 residents of the rule's community, each once.
    pub user_ids: Vec<i64>,
    /// Optional words kept on each entry ("西门夜巡").
    #[serde(default)]
    pub note: super::ShortNote,
}

/// The answer to an award.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AwardResult {
    pub residents: i64,
    pub points_each: i64,
    pub total: i64,
}

/// `POST /api/v1/points/adjustments` (managers): a correction with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewAdjustment {
    pub community_id: i64,
    pub user_id: i64,
    /// Non-zero, −10,000 to 10,000; may not take the balance below 0.
    pub amount: i64,
    /// 1–200 characters: why.
    pub reason: super::Reason,
}

/// `POST /api/v1/points/entries/{id}/reverse` (managers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReverseEntry {
    /// 1–200 characters: why.
    pub reason: super::Reason,
}

/// What a ledger line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Award,
    Adjust,
    Redeem,
    Refund,
    Reversal,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Award => "award",
            Self::Adjust => "adjust",
            Self::Redeem => "redeem",
            Self::Refund => "refund",
            Self::Reversal => "reversal",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Award,
            Self::Adjust,
            Self::Redeem,
            Self::Refund,
            Self::Reversal,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// One ledger line: "3月2日 治安巡逻 +5".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerEntry {
    pub id: i64,
    pub kind: EntryKind,
    /// Signed.
    pub amount: i64,
    /// YYYY-MM-DD.
    pub earned_on: String,
    /// The rule's or the item's name, or the reason.
    pub what: String,
    /// Times or hours, for awards.
    pub quantity: Option<f64>,
    pub recorded_by: String,
    /// Set when a helper spent the points.
    pub by_helper: Option<String>,
    /// Whether a manager reversed this line.
    pub reversed: bool,
    /// RFC 3339 UTC.
    pub created_at: String,
}

/// `GET /api/v1/points/ledger`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ledger {
    pub user_id: i64,
    pub name: String,
    pub community_id: i64,
    pub balance: i64,
    /// Earned this month (awards and corrections, not spending).
    pub earned_this_month: i64,
    /// Newest first.
    pub entries: Vec<LedgerEntry>,
    pub next_offset: Option<u32>,
    /// Where the next page starts, for `?cursor=`; absent on the last page.
    pub next_cursor: Option<String>,
}

/// `GET /api/v1/points/ledger` query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct LedgerQuery {
    /// Whose: managers name any resident of their community; helpers a
    /// resident of the household they help (default: its first resident);
    /// residents only themselves (the default).
    pub user_id: Option<i64>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
    /// Instead of `offset`: the `next_cursor` of the page before.
    pub cursor: Option<String>,
}

/// One line of the red board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BoardLine {
    pub rank: i64,
    /// As the community chooses: 张建国, or 张某.
    pub name: String,
    pub building: String,
    pub points: i64,
    /// The activities that earned the month's points, latest first (at
    /// most three).
    #[serde(default)]
    pub activities: Vec<String>,
}

/// `GET /api/v1/points/leaderboard`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Leaderboard {
    pub community_id: i64,
    /// YYYY-MM.
    pub month: String,
    /// Top 50 by points earned that month; ties share a rank.
    pub lines: Vec<BoardLine>,
}

/// `GET /api/v1/points/leaderboard` query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct BoardQuery {
    /// YYYY-MM; this month when absent.
    pub month: Option<String>,
    /// Managers and staff: which community (default: the first).
    pub community_id: Option<i64>,
}

/// A resident as the office picks them for an award.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PointResident {
    pub user_id: i64,
    pub name: String,
    pub building_id: i64,
    pub building: String,
    pub flat_label: String,
    pub balance: i64,
    /// False for a member the office keeps (代管成员): they cannot log in,
    /// so they cannot organise an activity either.
    pub has_phone: bool,
}

/// `GET /api/v1/points/residents` query (managers).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ResidentsQuery {
    pub community_id: Option<i64>,
    pub building_id: Option<i64>,
}

/// `GET /api/v1/points/settings` and `PATCH` (managers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PointSettings {
    pub community_id: i64,
    /// Show full names on the red board (else surname + 某).
    pub board_full_names: bool,
}

/// `GET /api/v1/points/summary`: the cards on 首页.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PointSummary {
    /// For residents (or the resident a helper helps).
    pub balance: Option<i64>,
    pub earned_this_month: Option<i64>,
    /// Managers: redemptions waiting to be handed over.
    pub to_hand_over: Option<i64>,
}

/// The points an award gives each resident and the quantity in halves, or
/// `None` when the quantity does not fit the unit: times are whole (1–10),
/// hours come in halves (0.5–24). Half an hour of an odd rule rounds up.
pub fn award_points(points: i64, unit: PointUnit, quantity: f64) -> Option<(i64, i64)> {
    if !quantity.is_finite() || quantity <= 0.0 || quantity > 24.0 {
        return None;
    }
    let doubled = quantity * 2.0;
    if (doubled - doubled.round()).abs() > 1e-9 {
        return None;
    }
    #[allow(clippy::cast_possible_truncation)]
    let halves = doubled.round() as i64;
    match unit {
        PointUnit::Time if halves % 2 == 0 && halves <= 20 => Some((points * halves / 2, halves)),
        PointUnit::Hour => Some(((points * halves + 1) / 2, halves)),
        PointUnit::Time => None,
    }
}

/// "张某" for "张建国": how the red board shows names unless the community
/// chooses full names.
pub fn surname_only(name: &str) -> String {
    name.chars()
        .next()
        .map_or_else(String::new, |c| format!("{c}某"))
}

/// Ranks lines already sorted by points, highest first; ties share a rank
/// (1, 2, 2, 4).
pub fn rank(lines: Vec<(String, String, i64)>) -> Vec<BoardLine> {
    let mut out: Vec<BoardLine> = Vec::with_capacity(lines.len());
    for (i, (name, building, points)) in lines.into_iter().enumerate() {
        let rank = match out.last() {
            Some(prev) if prev.points == points => prev.rank,
            _ => i64::try_from(i).unwrap_or(i64::MAX) + 1,
        };
        out.push(BoardLine {
            rank,
            name,
            building,
            points,
            activities: Vec::new(),
        });
    }
    out
}

super::stored_as_text!(PointUnit, EntryKind);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patrol_is_whole_times_and_duty_comes_in_half_hours() {
        assert_eq!(award_points(5, PointUnit::Time, 1.0), Some((5, 2)));
        assert_eq!(award_points(5, PointUnit::Time, 2.0), Some((10, 4)));
        assert_eq!(award_points(5, PointUnit::Time, 1.5), None);
        assert_eq!(award_points(5, PointUnit::Time, 11.0), None);
        assert_eq!(award_points(2, PointUnit::Hour, 1.5), Some((3, 3)));
        assert_eq!(
            award_points(3, PointUnit::Hour, 0.5),
            Some((2, 1)),
            "rounds up"
        );
        assert_eq!(award_points(2, PointUnit::Hour, 0.25), None);
        for bad in [0.0, -1.0, 24.5, f64::NAN, f64::INFINITY] {
            assert_eq!(award_points(2, PointUnit::Hour, bad), None, "{bad}");
        }
    }

    #[test]
    fn names_keep_only_the_surname() {
        assert_eq!(surname_only("张建国"), "张某");
        assert_eq!(surname_only(""), "");
    }

    #[test]
    fn ties_share_a_rank() {
        let lines = rank(vec![
            ("甲".into(), "1号楼".into(), 20),
            ("乙".into(), "2号楼".into(), 10),
            ("丙".into(), "2号楼".into(), 10),
            ("丁".into(), "3号楼".into(), 5),
        ]);
        let ranks: Vec<i64> = lines.iter().map(|l| l.rank).collect();
        assert_eq!(ranks, [1, 2, 2, 4]);
    }
}
