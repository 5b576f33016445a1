//! The catalog and redemptions of the points supermarket.

use serde::{Deserialize, Serialize};

use super::Photo;

/// Goods: 洗碗巾, 5 points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShopItem {
    pub id: i64,
    pub community_id: i64,
    pub name: String,
    pub description: String,
    pub photo: Option<Photo>,
    pub price: i64,
    pub stock: i64,
    pub monthly_limit: Option<i64>,
    pub active: bool,
}

/// `POST /api/v1/shop/items` (managers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewShopItem {
    pub community_id: i64,
    /// 1–50 characters, unique in the community.
    pub name: super::ItemName,
    #[serde(default)]
    pub description: super::ItemDescription,
    /// An id from `POST /api/v1/uploads`, uploaded by the manager.
    pub photo_id: Option<String>,
    /// 1–100,000 points.
    pub price: i64,
    /// 0 or more.
    pub stock: i64,
    /// 1–100 per person per month; absent for no limit.
    pub monthly_limit: Option<i64>,
}

/// `PATCH /api/v1/shop/items/{id}`: only what is given changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ShopItemUpdate {
    pub name: Option<super::ItemName>,
    pub description: Option<super::ItemDescription>,
    /// An upload id, or `""` to remove the photo.
    pub photo_id: Option<String>,
    pub price: Option<i64>,
    /// The new stock count (goods arrived or were counted).
    pub stock: Option<i64>,
    /// 0 removes the limit.
    pub monthly_limit: Option<i64>,
    pub active: Option<bool>,
}

/// `GET /api/v1/shop/items` query.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ItemsQuery {
    /// Managers and staff: which community (default: the first).
    pub community_id: Option<i64>,
    /// Managers: include inactive goods.
    pub all: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RedemptionStatus {
    /// Points taken and goods set aside: show the code at the office.
    Reserved,
    Fulfilled,
    Cancelled,
}

impl RedemptionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reserved => "reserved",
            Self::Fulfilled => "fulfilled",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Reserved, Self::Fulfilled, Self::Cancelled]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// `POST /api/v1/shop/redemptions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewRedemption {
    pub item_id: i64,
    /// 1–20; 1 when absent.
    pub quantity: Option<i64>,
    /// Helpers: the resident whose points (default: the household's first).
    pub user_id: Option<i64>,
}

/// A redemption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Redemption {
    pub id: i64,
    pub item_id: i64,
    pub item_name: String,
    pub quantity: i64,
    pub points: i64,
    /// Six digits to show at the office.
    pub pickup_code: String,
    pub status: RedemptionStatus,
    pub user_id: i64,
    /// Whose points (for the office: who comes to collect).
    pub name: String,
    /// "3号楼 201".
    pub address: String,
    pub created_at: String,
    pub closed_at: Option<String>,
}

/// `GET /api/v1/shop/redemptions` query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct RedemptionsQuery {
    /// Managers: the community's (default: the first managed); otherwise
    /// mine (or, for helpers, the household's).
    pub community_id: Option<i64>,
    pub status: Option<RedemptionStatus>,
    /// Managers: find by the six-digit pickup code.
    pub code: Option<String>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

/// `POST /api/v1/shop/redemptions/{id}/cancel`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CancelRedemption {
    #[serde(default)]
    pub reason: super::ShortNote,
}

super::stored_as_text!(RedemptionStatus);
