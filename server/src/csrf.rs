//! CSRF protection for the API. Every state-changing request must carry
//! `X-Requested-With: courtyard`. A cross-site HTML form cannot set a custom
//! header, and a cross-site `fetch` that sets one needs a CORS preflight,
//! which this server never grants. Bodies are JSON only (the `AppJson`
//! extractor refuses anything else with 415), which forms cannot send either.
//! The session cookie is SameSite=Lax as a second line.

use app::model::ErrorCode;
use axum::body::Body;
use axum::http::{Method, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

pub const HEADER: &str = "x-requested-with";
pub const VALUE: &str = "courtyard";

/// Refuses unsafe methods without the header with 403 `csrf_check_failed`.
pub async fn require_header(request: Request<Body>, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let proven = request
        .headers()
        .get(HEADER)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(VALUE.as_bytes()));
    if safe || proven {
        next.run(request).await
    } else {
        ApiError::ForbiddenBecause {
            code: ErrorCode::CsrfCheckFailed,
            message: "请求缺少 X-Requested-With: courtyard 头（防跨站请求伪造）",
        }
        .into_response()
    }
}
