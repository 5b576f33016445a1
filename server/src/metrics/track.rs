//! Counting and timing every request.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{MatchedPath, State};
use axum::http::{Method, Request};
use axum::middleware::Next;
use axum::response::Response;

use super::Metrics;

/// Records each request under its route's pattern (`/api/v1/repairs/{id}`),
/// never its raw path, so a dashboard's series stay few.
pub async fn track(
    State(metrics): State<Arc<Metrics>>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let route = route_of(&request);
    let method = method_label(request.method());
    let started = Instant::now();
    let response = next.run(request).await;
    let seconds = started.elapsed().as_secs_f64();
    metrics
        .requests
        .with_label_values(&[route.as_str(), method, response.status().as_str()])
        .inc();
    metrics
        .latency
        .with_label_values(&[route.as_str(), method])
        .observe(seconds);
    response
}

fn route_of(request: &Request<Body>) -> String {
    if let Some(matched) = request.extensions().get::<MatchedPath>() {
        return matched.as_str().to_owned();
    }
    let path = request.uri().path();
    let class = if path.starts_with("/api/") || path == "/api" {
        "/api (no route)"
    } else if path.starts_with("/assets/") {
        "/assets"
    } else {
        "site"
    };
    class.to_owned()
}

fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}
