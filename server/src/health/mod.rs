//! `GET /api/health`: liveness for load balancers, with a database round trip.

use app::model::{ErrorBody, Health};
use axum::extract::State;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::extract::AppJson;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(health))
}

/// Answers 200 when the process runs and its database answers.
#[utoipa::path(
    get,
    path = "/health",
    tag = "health",
    responses(
        (status = 200, description = "Up", body = Health),
        (status = 500, description = "The database does not answer", body = ErrorBody),
    )
)]
async fn health(State(state): State<AppState>) -> Result<AppJson<Health>, ApiError> {
    sqlx::query("SELECT 1").execute(state.db.reader()).await?;
    Ok(AppJson(Health {
        status: "ok".into(),
        database: state.db.backend.name().into(),
    }))
}
