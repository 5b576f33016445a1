use serde::{Deserialize, Serialize};

/// `POST /api/v1/auth/register`: a resident joins with the code on their
/// household's slip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    /// Mobile number, 11 digits (spaces, hyphens and +86 are ignored).
    #[cfg_attr(feature = "openapi", schema(example = "13912345678"))]
    pub phone: String,
    #[cfg_attr(feature = "openapi", schema(example = "王秀英"))]
    pub name: super::PersonName,
    /// At least 8 characters, not a common password.
    pub password: String,
    /// The household registration code, or a helper code from a family member.
    #[cfg_attr(feature = "openapi", schema(example = "K7QH3M9P"))]
    pub code: String,
    /// With a helper code: the relation to the household (default `other`).
    #[serde(default)]
    pub relation: Option<Relation>,
    /// With a household code: the member the office kept without a phone
    /// (from `POST /api/v1/auth/kept-members`) whose record this person
    /// takes over, history and all.
    #[serde(default)]
    pub member_id: Option<i64>,
}

/// `POST /api/v1/auth/kept-members`: the code from the household's slip.
/// POST, so the code never sits in an address or a log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct KeptMembersRequest {
    #[cfg_attr(feature = "openapi", schema(example = "K7QH3M9P"))]
    pub code: String,
}

/// A household member the office keeps without a phone, as the person
/// registering chooses "this is me".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KeptMember {
    pub user_id: i64,
    pub name: String,
}

/// `POST /api/v1/auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub phone: String,
    pub password: String,
}

/// `POST /api/v1/auth/password`: change one's own password; every other
/// session of the person ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

/// `POST /api/v1/auth/reset-password`: a new password with the one-time code
/// the office read out over the phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordRequest {
    pub phone: String,
    pub code: String,
    pub new_password: String,
}

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Language {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ZhCn => "zh-CN",
            Self::En => "en",
        }
    }

    pub fn parse(tag: &str) -> Option<Self> {
        match tag {
            "zh-CN" => Some(Self::ZhCn),
            "en" => Some(Self::En),
            _ => None,
        }
    }
}

/// `PATCH /api/v1/me`: only the fields given change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateMe {
    pub language: Option<Language>,
    pub large_text: Option<bool>,
    /// The community my office pages speak for (one I manage or work in).
    #[serde(default)]
    pub office_community_id: Option<i64>,
}

impl Me {
    /// The community the office's screens speak for: the one chosen among
    /// those worked in, else the first. One rule for the app's header and
    /// the server's first screen.
    pub fn office_community(&self) -> Option<&CommunityAccess> {
        self.communities
            .iter()
            .find(|c| Some(c.community_id) == self.office_community_id)
            .or_else(|| self.communities.first())
    }
}

/// A role a person holds somewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Resident,
    Helper,
    Staff,
    Manager,
    Admin,
}

super::stored_as_text!(Role, Language, Relation);

impl Role {
    /// The name stored in the database and sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Resident => "resident",
            Self::Helper => "helper",
            Self::Staff => "staff",
            Self::Manager => "manager",
            Self::Admin => "admin",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        [
            Self::Resident,
            Self::Helper,
            Self::Staff,
            Self::Manager,
            Self::Admin,
        ]
        .into_iter()
        .find(|r| r.as_str() == name)
    }
}

/// A helper's relation to the household (子女 / 配偶 / 亲属 / 其他).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Child,
    Spouse,
    Relative,
    Other,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Child => "child",
            Self::Spouse => "spouse",
            Self::Relative => "relative",
            Self::Other => "other",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        [Self::Child, Self::Spouse, Self::Relative, Self::Other]
            .into_iter()
            .find(|r| r.as_str() == name)
    }
}

/// A household someone can act for, as a resident or a helper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HouseholdAccess {
    pub household_id: i64,
    pub community_id: i64,
    pub community_name: String,
    pub office_phone: String,
    #[cfg_attr(feature = "openapi", schema(example = "3号楼"))]
    pub building: String,
    #[cfg_attr(feature = "openapi", schema(example = "201"))]
    pub flat_label: String,
    /// `resident` or `helper`.
    pub role: Role,
    /// For helpers: their relation to the household.
    pub relation: Option<Relation>,
    /// The residents' names (so a helper sees "张建国" on the act-for switch).
    pub residents: Vec<String>,
}

/// A community someone works in, as staff or manager.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommunityAccess {
    pub community_id: i64,
    pub community_name: String,
    pub office_phone: String,
    /// `staff` or `manager`.
    pub role: Role,
}

/// `GET /api/v1/me`: who I am, where I hold roles, and my preferences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub language: Language,
    pub large_text: bool,
    pub households: Vec<HouseholdAccess>,
    pub communities: Vec<CommunityAccess>,
    /// Operator of the whole deployment.
    pub admin: bool,
    /// 报平安 is on for me and I have not said 我很好 today (nor am away):
    /// 首页 shows the big button.
    #[serde(default)]
    pub care_due: bool,
    /// Of several communities I manage, the one the office pages speak for
    /// (absent: the first).
    #[serde(default)]
    pub office_community_id: Option<i64>,
}

/// A one-time code to hand over (helper link, password reset), shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedCode {
    #[cfg_attr(feature = "openapi", schema(example = "M4TR8KXW"))]
    pub code: String,
    /// RFC 3339 UTC; absent for registration codes, which last until
    /// regenerated.
    pub expires_at: Option<String>,
}

/// `POST /api/v1/helpers/link`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LinkHelperRequest {
    pub code: String,
    pub relation: Relation,
}

/// A helper of a household, as its residents and managers see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelperInfo {
    /// The helper's link; revoke it with `DELETE …/helpers/{id}`.
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub relation: Relation,
    /// RFC 3339 UTC.
    pub since: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_uses_bcp47_tags_on_the_wire() {
        assert_eq!(
            serde_json::to_value(Language::ZhCn).ok(),
            Some(serde_json::json!("zh-CN"))
        );
        let update: UpdateMe = serde_json::from_str(r#"{"language":"en"}"#).expect("parse");
        assert_eq!(update.language, Some(Language::En));
        assert!(serde_json::from_str::<UpdateMe>(r#"{"language":"fr"}"#).is_err());
        assert!(serde_json::from_str::<UpdateMe>(r#"{"theme":"dark"}"#).is_err());
    }

    #[test]
    fn names_round_trip() {
        for role in [
            Role::Resident,
            Role::Helper,
            Role::Staff,
            Role::Manager,
            Role::Admin,
        ] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        for rel in [
            Relation::Child,
            Relation::Spouse,
            Relation::Relative,
            Relation::Other,
        ] {
            assert_eq!(Relation::parse(rel.as_str()), Some(rel));
        }
    }
}
