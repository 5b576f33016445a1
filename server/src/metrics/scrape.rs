//! `GET /metrics`: the gauges read fresh, then everything as text.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use prometheus::{Encoder, TextEncoder};

use super::{Scrape, store};
use crate::error::ApiError;
use crate::proxy::ClientAddr;

pub async fn scrape(
    State(scrape): State<Scrape>,
    client: Option<axum::Extension<ClientAddr>>,
) -> Result<Response, ApiError> {
    let allowed = client.is_some_and(|c| scrape.allowed.contains(c.0.0));
    if !allowed {
        return Err(ApiError::NotFound);
    }
    let metrics = &scrape.metrics;
    metrics.pool.reset();
    for pool in scrape.db.pool_use() {
        for (state, count) in [("in_use", pool.in_use), ("idle", pool.idle)] {
            metrics
                .pool
                .with_label_values(&[pool.pool, state])
                .set(i64::try_from(count).unwrap_or(i64::MAX));
        }
    }
    let now = crate::db::now_millis();
    let db = scrape.db.reader();
    metrics.photo_bytes.set(store::photo_bytes(db).await?);
    let rows = store::per_community(db, now, store::day_start(now)).await?;
    for gauge in [
        &metrics.open_tickets,
        &metrics.overdue_tickets,
        &metrics.redemptions_today,
    ] {
        gauge.reset();
    }
    for row in rows {
        let labels = [row.community_id.to_string(), row.name];
        let labels = [labels[0].as_str(), labels[1].as_str()];
        metrics
            .open_tickets
            .with_label_values(&labels)
            .set(row.open);
        metrics
            .overdue_tickets
            .with_label_values(&labels)
            .set(row.overdue);
        metrics
            .redemptions_today
            .with_label_values(&labels)
            .set(row.redemptions_today);
    }
    let mut text = Vec::new();
    TextEncoder::new()
        .encode(&metrics.registry.gather(), &mut text)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("metrics: {e}")))?;
    Ok((
        [(header::CONTENT_TYPE, TextEncoder::new().format_type())],
        text,
    )
        .into_response())
}
