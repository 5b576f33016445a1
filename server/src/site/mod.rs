//! The built web app: precompressed files, long cache for content-hashed
//! assets, `index.html` for every client route, and the entry pages with
//! their first screen (`first_screen`).

pub mod first_screen;

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::services::{ServeDir, ServeFile};

use crate::state::AppState;
use first_screen::{Entry, FirstScreens, Shared};

/// Files under `/assets/` carry a content hash in their path: cache forever.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else (index.html, manifest, service worker) is revalidated.
const REVALIDATE: &str = "no-cache";

/// Serves `site_dir`; unknown paths get `index.html` so client routes load.
pub fn service(site_dir: &Path, state: AppState) -> Router {
    let index = ServeFile::new(site_dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let files = ServeDir::new(site_dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index);
    // No index fallback under /assets/: a missing script must be a 404, not
    // an HTML page the browser would try to run.
    let assets = ServeDir::new(site_dir.join("assets"))
        .precompressed_br()
        .precompressed_gzip();
    let entries = match FirstScreens::load(site_dir) {
        Some(screens) => {
            let shared: Shared = (state, Arc::new(screens));
            Router::new()
                .route(
                    "/",
                    get(|s, u, h| first_screen::serve(s, Entry::Home, u, h)),
                )
                .route(
                    "/login",
                    get(|s, u, h| first_screen::serve(s, Entry::Login, u, h)),
                )
                .route(
                    "/register",
                    get(|s, u, h| first_screen::serve(s, Entry::Register, u, h)),
                )
                // Made per request: compressed quickly rather than best.
                .layer(CompressionLayer::new().quality(CompressionLevel::Precise(5)))
                .with_state(shared)
        }
        None => Router::new(),
    };
    entries
        .nest_service("/assets", assets)
        .fallback_service(files)
        .layer(middleware::from_fn(cache_control))
}

/// Long cache only for a hashed asset that was found; a missing asset must not
/// be cached as the index page it fell back to. A response that says how it
/// may be kept (the personal first screens) keeps its word.
async fn cache_control(request: Request<Body>, next: Next) -> Response {
    let hashed = request.uri().path().starts_with("/assets/");
    let mut response = next.run(request).await;
    if response.headers().contains_key(header::CACHE_CONTROL) {
        return response;
    }
    let value = if hashed && response.status() == StatusCode::OK {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}
