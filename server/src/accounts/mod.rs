//! Accounts: people, their roles, sessions, and the codes that let them in.

pub mod codes;
pub mod helpers;
mod kept_members;
mod login;
pub mod me;
pub mod password;
mod password_change;
mod password_reset;
pub mod phone;
pub mod rate_limit;
mod register;
mod reset_issue;
pub mod session;
pub(crate) mod staff;
pub mod store;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register::register))
        .routes(routes!(kept_members::kept_members))
        .routes(routes!(login::login))
        .routes(routes!(login::logout))
        .routes(routes!(password_change::change_password))
        .routes(routes!(password_reset::reset_password))
        .routes(routes!(me::get_me, me::patch_me))
        .routes(routes!(staff::create_staff))
        .routes(routes!(reset_issue::issue_password_reset))
        .merge(helpers::router())
}
