//! The built web app: precompressed files, long cache for content-hashed
//! assets, `index.html` for every client route, and the entry pages with
//! their first screen (`first_screen`).

pub mod files;
pub mod first_screen;

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, Request, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::compression::{CompressionLayer, CompressionLevel};

use crate::config::Config;
use crate::state::AppState;
pub use files::SiteFiles;
use first_screen::{Entry, FirstScreens, Shared};

/// Files under `/assets/` carry a content hash in their path: cache forever.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else (index.html, manifest, service worker) is revalidated.
const REVALIDATE: &str = "no-cache";

/// Where the built app comes from: `--site`, else the site this binary
/// carries, else `./target/site` (a development checkout). Without a built
/// app only the API is served, and the log says so (benchmarks and the API
/// fuzzer run that way on purpose, with `--site /nonexistent`).
pub fn load(config: &Config) -> SiteFiles {
    let from = |dir: &Path| match SiteFiles::from_dir(dir) {
        Ok(files) if files.text("index.html").is_some() => files,
        Ok(_) | Err(_) => {
            tracing::warn!(site = %dir.display(), "no built web app there: serving the API only");
            SiteFiles::default()
        }
    };
    match &config.site_dir {
        Some(dir) => from(dir),
        None => SiteFiles::embedded().unwrap_or_else(|| from(Path::new("./target/site"))),
    }
}

/// Serves the site; unknown paths get `index.html` so client routes load.
pub fn service(files: Arc<SiteFiles>, state: AppState) -> Router {
    let entries = match FirstScreens::load(&files) {
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
        .fallback(
            move |method: Method, uri: Uri, headers: HeaderMap| async move {
                file(&files, &method, uri.path(), &headers)
            },
        )
        .layer(middleware::from_fn(cache_control))
}

/// The file at `path`, else — except under `/assets/`, where a missing
/// script must be a 404, not an HTML page the browser would try to run —
/// the index page.
fn file(files: &SiteFiles, method: &Method, path: &str, headers: &HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    if let Some(found) = files.respond(path, method, headers) {
        return found;
    }
    if path.starts_with("/assets/") {
        return StatusCode::NOT_FOUND.into_response();
    }
    files
        .respond("/index.html", method, headers)
        .unwrap_or_else(|| StatusCode::NOT_FOUND.into_response())
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
