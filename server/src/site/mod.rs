//! The built web app: precompressed files, long cache for content-hashed
//! assets, and `index.html` for every client route.

use std::path::Path;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use tower_http::services::{ServeDir, ServeFile};

/// Files under `/assets/` carry a content hash in their path: cache forever.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else (index.html, manifest, service worker) is revalidated.
const REVALIDATE: &str = "no-cache";

/// Serves `site_dir`; unknown paths get `index.html` so client routes load.
pub fn service(site_dir: &Path) -> Router {
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
    Router::new()
        .nest_service("/assets", assets)
        .fallback_service(files)
        .layer(middleware::from_fn(cache_control))
}

/// Long cache only for a hashed asset that was found; a missing asset must not
/// be cached as the index page it fell back to.
async fn cache_control(request: Request<Body>, next: Next) -> Response {
    let hashed = request.uri().path().starts_with("/assets/");
    let mut response = next.run(request).await;
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
