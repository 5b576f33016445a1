//! `/metrics`: Prometheus text for a district's dashboard — requests by
//! route and status, their latency, the database pools, photo bytes stored,
//! and open tickets, overdue tickets and today's redemptions per community.
//! Only the addresses `--metrics-from` allows get an answer; everyone else
//! gets the API's 404, as if nothing were there.

mod scrape;
mod store;
mod track;

use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use prometheus::{
    HistogramOpts, HistogramVec, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry,
};

use crate::db::Db;
use crate::proxy::AddrSet;

pub use track::track;

/// Seconds: from a cached read to a slow export.
const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// Every metric this process keeps.
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    pool: IntGaugeVec,
    photo_bytes: IntGauge,
    open_tickets: IntGaugeVec,
    overdue_tickets: IntGaugeVec,
    redemptions_today: IntGaugeVec,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let per_community = ["community_id", "community"];
        let metrics = Self {
            registry: Registry::new_custom(Some("courtyard".into()), None).expect("a valid prefix"),
            requests: IntCounterVec::new(
                Opts::new(
                    "http_requests_total",
                    "Requests answered, by route and status",
                ),
                &["route", "method", "status"],
            )
            .expect("valid metric"),
            latency: HistogramVec::new(
                HistogramOpts::new("http_request_duration_seconds", "Time to answer, by route")
                    .buckets(LATENCY_BUCKETS.to_vec()),
                &["route", "method"],
            )
            .expect("valid metric"),
            pool: IntGaugeVec::new(
                Opts::new("db_connections", "Database connections by pool and state"),
                &["pool", "state"],
            )
            .expect("valid metric"),
            photo_bytes: IntGauge::new("photo_bytes", "Bytes of photos stored")
                .expect("valid metric"),
            open_tickets: IntGaugeVec::new(
                Opts::new("open_tickets", "Repair tickets not yet repaired"),
                &per_community,
            )
            .expect("valid metric"),
            overdue_tickets: IntGaugeVec::new(
                Opts::new("overdue_tickets", "Open repair tickets past their due time"),
                &per_community,
            )
            .expect("valid metric"),
            redemptions_today: IntGaugeVec::new(
                Opts::new(
                    "redemptions_today",
                    "Points-shop swaps made today (China time), not cancelled",
                ),
                &per_community,
            )
            .expect("valid metric"),
        };
        let collectors: [Box<dyn prometheus::core::Collector>; 7] = [
            Box::new(metrics.requests.clone()),
            Box::new(metrics.latency.clone()),
            Box::new(metrics.pool.clone()),
            Box::new(metrics.photo_bytes.clone()),
            Box::new(metrics.open_tickets.clone()),
            Box::new(metrics.overdue_tickets.clone()),
            Box::new(metrics.redemptions_today.clone()),
        ];
        for collector in collectors {
            metrics
                .registry
                .register(collector)
                .expect("each metric registered once");
        }
        metrics
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

/// What the scrape needs.
#[derive(Debug, Clone)]
pub struct Scrape {
    pub metrics: Arc<Metrics>,
    pub db: Db,
    pub allowed: AddrSet,
}

/// `GET /metrics`.
pub fn router() -> Router<Scrape> {
    Router::new().route("/metrics", get(scrape::scrape))
}
