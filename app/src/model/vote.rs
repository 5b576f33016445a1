//! 表决: household votes weighted by flat area, with the Civil Code's double
//! thresholds (art. 278) counted in exact fractions.

use serde::{Deserialize, Serialize};

/// 同意 / 不同意 / 弃权, or one of a list (which company cleans the yard).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VoteKind {
    Decision,
    Choice,
    /// 征求意见: one answer per person, a choice or a few words; no thresholds.
    Consultation,
}

/// Ordinary matters pass with more than half of the participating area and
/// households; major ones (funds, rebuilding, changing the use of common
/// parts) with three quarters of both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Matter {
    Ordinary,
    Major,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BallotWay {
    Online,
    Paper,
}

/// Before it opens, while it runs, after it closed (by the office; the
/// closing time only stops new ballots).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VoteState {
    Upcoming,
    Open,
    Ended,
    Closed,
}

macro_rules! names {
    ($ty:ident { $($variant:ident = $name:literal),* }) => {
        impl $ty {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $name,)* }
            }
            pub fn parse(name: &str) -> Option<Self> {
                match name { $($name => Some(Self::$variant),)* _ => None }
            }
        }
        super::stored_as_text!($ty);
    };
}
names!(VoteKind { Decision = "decision", Choice = "choice", Consultation = "consultation" });
names!(Matter { Ordinary = "ordinary", Major = "major" });
names!(BallotWay { Online = "online", Paper = "paper" });

/// The three choices of a decision, in order.
pub const DECISION_CHOICES: [&str; 3] = ["同意", "不同意", "弃权"];

/// `part / whole ≥ num / den`, exactly (no whole: false).
pub fn at_least(part: i64, whole: i64, num: i64, den: i64) -> bool {
    whole > 0 && i128::from(part) * i128::from(den) >= i128::from(whole) * i128::from(num)
}

/// `part / whole > num / den`, exactly.
pub fn more_than(part: i64, whole: i64, num: i64, den: i64) -> bool {
    whole > 0 && i128::from(part) * i128::from(den) > i128::from(whole) * i128::from(num)
}

/// Enough took part: two thirds of the area and two thirds of the households.
pub fn quorum(voted: Weight, eligible: Weight) -> bool {
    at_least(voted.households, eligible.households, 2, 3)
        && at_least(voted.area, eligible.area, 2, 3)
}

/// A choice carries among those who took part.
pub fn carries(matter: Matter, choice: Weight, voted: Weight) -> bool {
    match matter {
        Matter::Ordinary => {
            more_than(choice.households, voted.households, 1, 2)
                && more_than(choice.area, voted.area, 1, 2)
        }
        Matter::Major => {
            at_least(choice.households, voted.households, 3, 4)
                && at_least(choice.area, voted.area, 3, 4)
        }
    }
}

/// Households and their flats' area (hundredths of a m²).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Weight {
    pub households: i64,
    pub area: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoteChoice {
    pub id: i64,
    pub label: String,
}

/// `POST /api/v1/votes` (managers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewVote {
    pub community_id: i64,
    pub kind: VoteKind,
    /// Ignored for a consultation.
    pub matter: Matter,
    pub question: super::VoteQuestion,
    /// What to read first: plain paragraphs.
    #[serde(default)]
    pub documents: super::NoticeBody,
    /// Up to 4 photos of the documents (the manager's uploads).
    #[serde(default)]
    pub photo_ids: Vec<String>,
    /// A choice vote's 2–10 choices; a decision's are 同意 / 不同意 / 弃权; a
    /// consultation has 2–10, or none for answers in words.
    #[serde(default)]
    pub choices: Vec<super::ChoiceLabel>,
    /// Households of these buildings; none: the whole community.
    #[serde(default)]
    pub building_ids: Vec<i64>,
    /// RFC 3339; absent: now.
    pub opens_at: Option<String>,
    /// RFC 3339, after it opens and within a year.
    pub closes_at: String,
}

/// `GET /api/v1/votes` query.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct VotesQuery {
    /// The office: its community's votes (default: the first it works in).
    pub community_id: Option<i64>,
}

/// A vote in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoteSummary {
    pub id: i64,
    pub kind: VoteKind,
    pub matter: Matter,
    pub question: String,
    pub opens_at: String,
    pub closes_at: String,
    pub state: VoteState,
    /// The caller's household has a ballot (absent for the office).
    pub voted: Option<bool>,
    /// The published result, once closed.
    pub notice_id: Option<i64>,
}

/// A household's own ballot, as it and the office see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BallotInfo {
    pub household_id: i64,
    pub choice_id: i64,
    pub way: BallotWay,
    /// Who cast it: the resident, a helper for them, or the office person
    /// who entered the paper.
    pub cast_by: String,
    pub cast_at: String,
    pub changed_at: Option<String>,
    pub paper_no: Option<String>,
}

/// `GET /api/v1/votes/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Vote {
    pub summary: VoteSummary,
    pub community_id: i64,
    pub documents: String,
    pub photos: Vec<super::Photo>,
    pub choices: Vec<VoteChoice>,
    /// The buildings it is for; empty: the whole community.
    pub buildings: Vec<String>,
    /// The household the caller speaks for, and its ballot if cast.
    pub household_id: Option<i64>,
    pub ballot: Option<BallotInfo>,
    /// The result, once the office closed it.
    pub result: Option<Tally>,
    /// A consultation: the caller's own answer.
    pub answer: Option<Answer>,
}

/// One person's answer to a consultation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Answer {
    pub choice_id: Option<i64>,
    pub words: Option<String>,
    pub answered_at: String,
}

/// `POST /api/v1/votes/{id}/ballots`: a resident or helper for their
/// household (again, to change it), or the office entering a paper ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewBallot {
    /// The choice; a consultation without choices takes `words` instead.
    pub choice_id: Option<i64>,
    /// A consultation's answer in words (1–200 characters).
    pub words: Option<super::AnswerText>,
    /// Paper ballots (managers): the household, the ballot's number and who
    /// collected it.
    pub household_id: Option<i64>,
    pub paper_no: Option<super::PaperNo>,
    pub collected_by: Option<super::PersonName>,
}

/// What `POST /api/v1/votes/{id}/ballots` recorded: the household's ballot,
/// or for a consultation the person's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cast {
    pub ballot: Option<BallotInfo>,
    pub answer: Option<Answer>,
}

/// One choice's count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChoiceCount {
    pub choice_id: i64,
    pub label: String,
    pub weight: Weight,
    /// It carries among those who took part (art. 278's share).
    pub carries: bool,
}

/// `GET /api/v1/votes/{id}/tally` (managers), and the fixed result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tally {
    pub matter: Matter,
    pub eligible: Weight,
    pub voted: Weight,
    pub online: i64,
    pub paper: i64,
    pub choices: Vec<ChoiceCount>,
    /// Two thirds of the area and of the households took part.
    pub quorum: bool,
    /// The choice that carries (a decision's 同意), when there is quorum.
    pub passed: Option<i64>,
    /// A consultation's answers in words, oldest first (no names).
    #[serde(default)]
    pub texts: Vec<String>,
}

impl Tally {
    /// Counts from the eligible households and each choice's ballots.
    pub fn count(
        kind: VoteKind,
        matter: Matter,
        eligible: Weight,
        choices: Vec<(VoteChoice, Weight, i64)>,
        online: i64,
    ) -> Self {
        let voted = choices
            .iter()
            .fold(Weight::default(), |w, (_, c, _)| Weight {
                households: w.households + c.households,
                area: w.area + c.area,
            });
        let quorum = quorum(voted, eligible);
        let choices: Vec<ChoiceCount> = choices
            .into_iter()
            .map(|(choice, weight, _)| ChoiceCount {
                carries: carries(matter, weight, voted),
                choice_id: choice.id,
                label: choice.label,
                weight,
            })
            .collect();
        // A decision passes on 同意 (its first choice), never on 不同意 or
        // 弃权; of a list, the choice that carries.
        let candidates = match kind {
            VoteKind::Decision => &choices[..choices.len().min(1)],
            VoteKind::Choice => &choices[..],
            VoteKind::Consultation => &[],
        };
        let passed = quorum
            .then(|| candidates.iter().find(|c| c.carries).map(|c| c.choice_id))
            .flatten();
        Self {
            matter,
            eligible,
            voted,
            online,
            paper: voted.households - online,
            choices,
            quorum,
            passed,
            texts: Vec::new(),
        }
    }
}

/// A household that has not voted, for the door-to-door round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MissingHousehold {
    pub household_id: i64,
    pub building: String,
    pub flat_label: String,
    pub area_hundredths_m2: i64,
    /// Registered residents' phones, else the office's contact.
    pub phones: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(households: i64, area: i64) -> Weight {
        Weight { households, area }
    }

    #[test]
    fn two_thirds_is_enough_and_one_household_short_is_not() {
        // 327 households: 218 is exactly two thirds; 217 is short.
        assert!(at_least(218, 327, 2, 3));
        assert!(!at_least(217, 327, 2, 3));
        assert!(at_least(2, 3, 2, 3), "exactly 2/3");
        assert!(!at_least(0, 0, 2, 3), "nobody eligible: never");
        // Both counts must reach it.
        assert!(quorum(w(218, 2_000_000), w(327, 3_000_000)));
        assert!(!quorum(w(218, 1_999_999), w(327, 3_000_000)));
        assert!(!quorum(w(217, 3_000_000), w(327, 3_000_000)));
    }

    #[test]
    fn ordinary_needs_more_than_half_and_major_three_quarters() {
        let voted = w(200, 1_000_000);
        assert!(
            !carries(Matter::Ordinary, w(100, 600_000), voted),
            "exactly half the households"
        );
        assert!(carries(Matter::Ordinary, w(101, 500_001), voted));
        assert!(
            !carries(Matter::Ordinary, w(101, 500_000), voted),
            "exactly half the area"
        );
        assert!(
            carries(Matter::Major, w(150, 750_000), voted),
            "exactly 3/4 of both"
        );
        assert!(
            !carries(Matter::Major, w(149, 900_000), voted),
            "one household short"
        );
        assert!(!carries(Matter::Major, w(200, 749_999), voted));
    }

    #[test]
    fn a_decision_passes_only_on_agreement_with_quorum() {
        let choice = |id: i64, label: &str| VoteChoice {
            id,
            label: label.into(),
        };
        let tally = |yes: Weight, no: Weight, eligible: Weight| {
            Tally::count(
                VoteKind::Decision,
                Matter::Major,
                eligible,
                vec![
                    (choice(1, "同意"), yes, 0),
                    (choice(2, "不同意"), no, 0),
                    (choice(3, "弃权"), w(0, 0), 0),
                ],
                0,
            )
        };
        let passed = tally(w(3, 300), w(1, 100), w(6, 600));
        assert!(passed.quorum);
        assert_eq!(passed.passed, Some(1));
        assert_eq!(passed.voted, w(4, 400));
        assert_eq!(passed.paper, 4);
        // 不同意 carrying never passes a decision.
        assert_eq!(tally(w(1, 100), w(3, 300), w(6, 600)).passed, None);
        // Without quorum nothing passes, however clear.
        let short = tally(w(3, 300), w(0, 0), w(6, 600));
        assert!(!short.quorum);
        assert_eq!(short.passed, None);
    }
}
