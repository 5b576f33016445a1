//! 公示: the month's accounts, generated from the ledgers (fees, points,
//! the shop, repairs) and published as a notice everyone can read. Totals
//! only: no household's name or flat appears.

use serde::{Deserialize, Serialize};

/// One building's fees (or the community's, with an empty name).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeeLine {
    /// The building's name; empty for the whole community.
    pub name: String,
    /// Bills issued in the month.
    pub billed_fen: i64,
    /// Payments booked in the month, less reversals.
    pub collected_fen: i64,
    /// Every bill issued by the month's end, and what was paid of them by
    /// then: the collection rate.
    pub billed_to_date_fen: i64,
    pub collected_to_date_fen: i64,
}

impl FeeLine {
    /// The collection rate in tenths of a percent (955 = 95.5 %), rounded
    /// down; none without bills.
    pub fn rate_permille(&self) -> Option<i64> {
        (self.billed_to_date_fen > 0)
            .then(|| self.collected_to_date_fen * 1000 / self.billed_to_date_fen)
    }

    /// The rate as people read it: "95.5%", or "—" without bills.
    pub fn rate_text(&self) -> String {
        super::share(self.collected_to_date_fen, self.billed_to_date_fen)
    }
}

/// Points awarded in the month under one earning rule (巡逻, 值班一小时 …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PointLine {
    pub rule: String,
    /// Awards (less those taken back).
    pub times: i64,
    pub points: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthShop {
    /// Points spent on swaps in the month, less those refunded.
    pub points_swapped: i64,
    /// Goods that arrived (stock counts raised by the office).
    pub stock_in: i64,
    /// Goods handed over.
    pub stock_out: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthRepairs {
    pub received: i64,
    /// Closed in the month (confirmed by the household or closed by the office).
    pub closed: i64,
    /// From report to fixed, of those closed: the median, in minutes.
    pub median_minutes: Option<i64>,
    /// Ratings given to those closed: how many, and their sum (1–5 stars each).
    pub rated: i64,
    pub stars: i64,
}

/// A month's figures, as generated (a draft) or as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisclosureFigures {
    /// "2026-11".
    pub month: String,
    /// By building, in the community's order.
    pub fee_buildings: Vec<FeeLine>,
    pub fee_total: FeeLine,
    pub points: Vec<PointLine>,
    pub shop: MonthShop,
    pub repairs: MonthRepairs,
}

impl DisclosureFigures {
    pub fn points_issued(&self) -> i64 {
        self.points.iter().map(|p| p.points).sum()
    }
}

/// A published 公示 in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisclosureSummary {
    pub id: i64,
    pub month: String,
    /// The notice residents read it as.
    pub notice_id: i64,
    pub published_at: String,
}

/// `GET /api/v1/disclosures/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Disclosure {
    pub id: i64,
    pub community_id: i64,
    pub month: String,
    pub figures: DisclosureFigures,
    pub note: String,
    pub notice_id: i64,
    pub published_at: String,
}

/// `GET /api/v1/disclosures` query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct DisclosureQuery {
    /// Default: the caller's community (the first they manage, else their
    /// household's).
    pub community_id: Option<i64>,
    /// Managers: also generate this month's figures, unpublished ("2026-11").
    pub draft: Option<String>,
}

/// `GET /api/v1/disclosures`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisclosureList {
    pub community_id: i64,
    /// Newest month first.
    pub items: Vec<DisclosureSummary>,
    /// The figures a manager asked to see before publishing.
    pub draft: Option<DisclosureFigures>,
}

/// `POST /api/v1/disclosures` (managers): publish a month's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewDisclosure {
    pub community_id: i64,
    /// A month that has begun: "2026-11".
    pub month: String,
    #[serde(default)]
    pub note: super::DisclosureNote,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_is_exact_and_rounds_down() {
        let line = |billed, paid| FeeLine {
            billed_to_date_fen: billed,
            collected_to_date_fen: paid,
            ..FeeLine::default()
        };
        assert_eq!(line(0, 0).rate_permille(), None);
        assert_eq!(line(3, 2).rate_permille(), Some(666));
        assert_eq!(line(1000, 955).rate_permille(), Some(955));
        assert_eq!(line(100, 100).rate_permille(), Some(1000));
        assert_eq!(line(1000, 955).rate_text(), "95.5%");
        assert_eq!(line(0, 0).rate_text(), "—");
    }
}
