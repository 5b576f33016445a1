//! Sessions: a random token in an HttpOnly cookie, only its hash in the
//! database (so every server process shares sessions and a leaked table opens
//! none), and the `Caller` every protected handler takes.

use app::model::ErrorCode;
use app::model::Role;
use axum::extract::FromRequestParts;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use sqlx::{Any, FromRow};

use super::{codes, store};
use crate::db::{DAY, HOUR, MINUTE, now_millis, optional};
use crate::error::ApiError;
use crate::state::AppState;

pub const COOKIE_NAME: &str = "courtyard_session";
/// The header naming the household a person acts for.
pub const ACTING_FOR: &str = "x-acting-for";

/// Residents and helpers: 30 days, renewed by use.
const RESIDENT_IDLE: i64 = 30 * DAY;
/// Managers, staff and admins: 2 hours idle, 12 hours at most.
const OFFICE_IDLE: i64 = 2 * HOUR;
const OFFICE_ABSOLUTE: i64 = 12 * HOUR;
/// Write `last_seen_at` at most once a minute per session, not per request.
const TOUCH_EVERY: i64 = MINUTE;

/// A live role of the caller.
#[derive(Debug, Clone, FromRow)]
pub struct Membership {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub community_id: Option<i64>,
    pub household_id: Option<i64>,
}

/// The logged-in person making this request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: i64,
    pub session_id: i64,
    pub memberships: Vec<Membership>,
    /// The household named by `X-Acting-For`, checked against the memberships.
    pub acting_for: Option<i64>,
    /// The community chosen for the office pages (`PATCH /me`), when the
    /// person works in several: the default where a request names none.
    pub office_choice: Option<i64>,
}

impl Caller {
    /// Resident or helper of this household (a live membership), if either.
    pub fn household_role(&self, household_id: i64) -> Option<Role> {
        self.memberships
            .iter()
            .filter(|m| m.household_id == Some(household_id))
            .map(|m| m.role)
            .find(|r| matches!(r, Role::Resident | Role::Helper))
    }

    /// The household the caller speaks for: the `X-Acting-For` one, else the
    /// first they live in or help.
    pub fn household(&self) -> Option<i64> {
        self.acting_for.or_else(|| {
            self.memberships
                .iter()
                .find(|m| matches!(m.role, Role::Resident | Role::Helper))
                .and_then(|m| m.household_id)
        })
    }

    /// The same, or 403 `no_household` for someone who has none.
    pub fn require_household(&self) -> Result<i64, ApiError> {
        self.household().ok_or(ApiError::ForbiddenBecause {
            code: ErrorCode::NoHousehold,
            message: "您还没有加入任何住户",
        })
    }

    /// True when the caller manages this community.
    pub fn manages(&self, community_id: i64) -> bool {
        self.memberships
            .iter()
            .any(|m| m.role == Role::Manager && m.community_id == Some(community_id))
    }

    pub fn is_admin(&self) -> bool {
        self.memberships.iter().any(|m| m.role == Role::Admin)
    }

    /// 403 unless the caller manages this community. (The community list is
    /// public, so a 404 would hide nothing.)
    pub fn require_manager(&self, community_id: i64) -> Result<(), ApiError> {
        if self.manages(community_id) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// 403 unless the caller runs the deployment.
    pub fn require_admin(&self) -> Result<(), ApiError> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// The community a manager works on: the one asked for (which they must
    /// manage), else the first they manage.
    pub fn managed_community(&self, asked: Option<i64>) -> Result<i64, ApiError> {
        if let Some(c) = asked {
            return self.require_manager(c).map(|()| c);
        }
        let managed = || {
            self.memberships
                .iter()
                .filter(|m| m.role == Role::Manager)
                .filter_map(|m| m.community_id)
        };
        managed()
            .find(|c| Some(*c) == self.office_choice)
            .or_else(|| managed().next())
            .ok_or(ApiError::Forbidden)
    }

    /// The community someone of the office (staff or manager) works in: the
    /// one asked for (which they must work in), else their first.
    pub fn office_community(&self, asked: Option<i64>) -> Result<i64, ApiError> {
        let office = || {
            self.memberships
                .iter()
                .filter(|m| matches!(m.role, Role::Manager | Role::Staff))
                .filter_map(|m| m.community_id)
        };
        match asked {
            Some(a) => office().find(|c| *c == a),
            None => office()
                .find(|c| Some(*c) == self.office_choice)
                .or_else(|| office().next()),
        }
        .ok_or(ApiError::Forbidden)
    }

    /// Managers, staff and admins get short sessions.
    fn is_office(memberships: &[Membership]) -> bool {
        memberships
            .iter()
            .any(|m| matches!(m.role, Role::Manager | Role::Staff | Role::Admin))
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = token_from(&parts.headers).ok_or(ApiError::Unauthorized)?;
        let now = now_millis();
        // One round trip: the session, its user's state and live roles.
        let rows = store::session_rows(state.db.reader(), &codes::hash(&token)).await?;
        let session = rows.first().ok_or(ApiError::Unauthorized)?;
        if !is_live(session, now) {
            store::delete_session(state.db.writer(), session.id).await?;
            return Err(ApiError::Unauthorized);
        }
        let memberships = rows
            .iter()
            .filter_map(|r| {
                let role = optional("role", r.role.clone()).transpose()?;
                Some(role.map(|role| Membership {
                    id: r.membership_id.unwrap_or_default(),
                    role,
                    community_id: r.community_id,
                    household_id: r.household_id,
                }))
            })
            .collect::<sqlx::Result<Vec<_>>>()?;
        if now - session.last_seen_at >= TOUCH_EVERY {
            let idle = if Caller::is_office(&memberships) {
                OFFICE_IDLE
            } else {
                RESIDENT_IDLE
            };
            store::touch_session(state.db.writer(), session.id, now, now + idle).await?;
        }
        let mut caller = Caller {
            user_id: session.user_id,
            session_id: session.id,
            memberships,
            acting_for: None,
            office_choice: session.office_community_id,
        };
        if let Some(value) = parts.headers.get(ACTING_FOR) {
            let household = value
                .to_str()
                .ok()
                .and_then(|v| v.trim().parse::<i64>().ok())
                .filter(|h| caller.household_role(*h).is_some())
                .ok_or(ApiError::ForbiddenBecause {
                    code: ErrorCode::NotYourHousehold,
                    message: "您不能代办这一户的事",
                })?;
            caller.acting_for = Some(household);
        }
        Ok(caller)
    }
}

/// Whether a session may still be used at `now` (idle and absolute limits).
fn is_live(session: &store::SessionRow, now: i64) -> bool {
    now < session.expires_at && session.absolute_expires_at.is_none_or(|a| now < a)
}

/// The person whose live session the request carries, without renewing it
/// (the first screen only reads: `site::first_screen`).
pub async fn live_user(state: &AppState, headers: &HeaderMap) -> sqlx::Result<Option<i64>> {
    let Some(token) = token_from(headers) else {
        return Ok(None);
    };
    let rows = store::session_rows(state.db.reader(), &codes::hash(&token)).await?;
    Ok(rows
        .first()
        .filter(|s| is_live(s, now_millis()))
        .map(|s| s.user_id))
}

/// A cookie the request carries, by name (the first, if sent twice).
pub fn cookie_value<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

/// The session token from the Cookie header, if any.
pub fn token_from(headers: &HeaderMap) -> Option<String> {
    cookie_value(headers, COOKIE_NAME)
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_owned)
}

/// A new session: returns the token for the cookie (never stored as such).
pub async fn create<'e, E>(executor: E, user_id: i64, office: bool) -> sqlx::Result<(String, i64)>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let token = crate::hex::random::<32>();
    let now = now_millis();
    let (expires, absolute) = if office {
        (now + OFFICE_IDLE, Some(now + OFFICE_ABSOLUTE))
    } else {
        (now + RESIDENT_IDLE, None)
    };
    let new = store::NewSession {
        token_hash: &codes::hash(&token),
        user: user_id,
        at: now,
        expires,
        absolute,
    };
    store::insert_session(executor, new).await?;
    let max_age = if office {
        OFFICE_ABSOLUTE
    } else {
        RESIDENT_IDLE
    } / 1000;
    Ok((token, max_age))
}

/// Whether a person with these memberships gets an office (short) session.
pub fn office_session(memberships: &[Membership]) -> bool {
    Caller::is_office(memberships)
}

/// `Set-Cookie` for a new session. Residents' cookies outlive one 30-day
/// window (the server's sliding expiry is what counts), office cookies do not.
pub fn cookie(
    token: &str,
    max_age_secs: i64,
    secure: bool,
) -> (axum::http::HeaderName, HeaderValue) {
    let max_age = if max_age_secs == RESIDENT_IDLE / 1000 {
        400 * DAY / 1000
    } else {
        max_age_secs
    };
    let secure = if secure { "; Secure" } else { "" };
    let value =
        format!("{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}");
    (
        SET_COOKIE,
        HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("")),
    )
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_cookie(secure: bool) -> (axum::http::HeaderName, HeaderValue) {
    let value = if secure {
        "courtyard_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure"
    } else {
        "courtyard_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
    };
    (SET_COOKIE, HeaderValue::from_static(value))
}
