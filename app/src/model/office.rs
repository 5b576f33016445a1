use serde::{Deserialize, Serialize};

/// `GET /api/v1/admin/households/codes`: which community, optionally one building.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct SlipsQuery {
    pub community_id: i64,
    /// Only this building's households.
    pub building_id: Option<i64>,
}

/// One household's registration slip, and who has registered with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationSlip {
    pub household_id: i64,
    pub building_id: i64,
    pub building: String,
    pub flat_label: String,
    /// 8 characters without look-alikes (no 0/O, 1/I/L).
    pub code: String,
    /// How many more people can register with this code.
    pub slots_left: i64,
    /// Names of the residents registered in this household.
    pub residents: Vec<String>,
    /// How many helpers the household has.
    pub helpers: i64,
}

/// The slips of a community, for the printable sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlipSheet {
    pub community_name: String,
    pub office_phone: String,
    pub slips: Vec<RegistrationSlip>,
}

/// `POST /api/v1/admin/staff`: a repair worker, cleaner or guard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateStaffRequest {
    pub community_id: i64,
    pub phone: String,
    pub name: super::PersonName,
    pub password: String,
}

/// `POST /api/v1/admin/password-resets`: a one-time code for a person of the
/// manager's community who forgot their password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    pub community_id: i64,
    pub phone: String,
}

/// A person created by the office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedUser {
    pub id: i64,
}

/// `POST /api/v1/admin/communities` (deployment admins).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewCommunityRequest {
    pub name: super::CommunityName,
    #[serde(default)]
    pub address: super::Address,
    pub office_phone: String,
    /// IANA zone; `Asia/Shanghai` when absent.
    pub time_zone: Option<String>,
}

/// A community as a deployment admin sees it: counts, never residents' data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommunityOverview {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub office_phone: String,
    pub time_zone: String,
    pub households: i64,
    pub managers: i64,
    /// People with a live resident's or helper's account here.
    pub people: i64,
    pub open_tickets: i64,
    /// Open tickets past their promised time.
    pub overdue_tickets: i64,
    /// Every bill issued so far, and what has been paid of them: the
    /// collection rate.
    pub billed_fen: i64,
    pub paid_fen: i64,
    /// Points awarded for work done this month (Shanghai), less those taken
    /// back.
    pub points_this_month: i64,
}

impl CommunityOverview {
    /// The collection rate as people read it: "95.5%", or "—" without bills.
    pub fn rate_text(&self) -> String {
        super::share(self.paid_fen, self.billed_fen)
    }
}

/// `POST /api/v1/admin/communities/{id}/managers`: a new account (phone,
/// name and a first password), or, with the phone alone, a person who
/// already has an account here or in another community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateManagerRequest {
    pub phone: String,
    pub name: Option<super::PersonName>,
    pub password: Option<String>,
}

/// A community's manager, as the deployment admin lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagerRow {
    pub user_id: i64,
    pub name: String,
    pub phone: String,
    /// The other communities they manage, by name.
    pub also_manages: Vec<String>,
}

/// `GET /api/v1/admin/households` query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct HouseholdsQuery {
    pub community_id: i64,
    pub building_id: Option<i64>,
}

/// A household as the office lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HouseholdRow {
    pub id: i64,
    pub building_id: i64,
    pub building: String,
    pub flat_label: String,
    pub area_hundredths_m2: i64,
    pub contact_name: String,
    pub contact_phone: String,
}
