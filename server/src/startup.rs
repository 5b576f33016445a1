//! Starting the server: `Application::build` opens and migrates the
//! database, binds the listener and assembles the router, so `main` and the
//! integration tests start the very same thing (tests on port 0).

use std::future::Future;
use std::net::SocketAddr;

use anyhow::Context;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use tokio::net::TcpListener;

use crate::config::Config;
use crate::db::Db;
use crate::state::{AppState, JSON_BODY_LIMIT};
use crate::{csrf, demo, error, openapi, repairs, security, site, telemetry};

/// A server bound to its port, ready to run.
pub struct Application {
    listener: TcpListener,
    router: Router,
    pub db: Db,
    /// Where photos are kept (the tests reach it to sweep and to look).
    pub photos: crate::uploads::storage::Photos,
    care_clock: Option<i64>,
}

impl Application {
    /// Opens (and migrates) the database, seeds the demo when asked, binds the
    /// listener and builds the router.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        if config.demo && !config.addr.ip().is_loopback() {
            anyhow::bail!(
                "--demo has well-known passwords: it listens on 127.0.0.1 or ::1 only, not {}",
                config.addr
            );
        }
        let db = open_database(&config).await?;
        let care_clock = match config.care_clock.as_deref() {
            Some(at) => Some(
                crate::db::parse_rfc3339(at)
                    .with_context(|| format!("--care-clock {at:?} is not an RFC 3339 time"))?,
            ),
            None => None,
        };
        if config.demo {
            let seeded = demo::seed(&db, care_clock.unwrap_or_else(crate::db::now_millis)).await?;
            tracing::info!(seeded, "demo data ready");
            for line in demo::login_lines() {
                println!("{line}");
            }
        }
        let state = AppState {
            db: db.clone(),
            secure_cookies: config
                .public_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://")),
            photos: crate::uploads::storage::Photos::open(
                config.uploads.as_deref(),
                &config.data_dir,
                &config.s3,
            )?,
            care_clock,
        };
        let photos = state.photos.clone();
        let files = site::load(&config);
        let router = router(state, &config, files);
        let listener = TcpListener::bind(config.addr)
            .await
            .with_context(|| format!("cannot listen on {}", config.addr))?;
        Ok(Self {
            listener,
            router,
            db,
            photos,
            care_clock,
        })
    }

    /// The address actually bound (the real port when asked for port 0).
    pub fn local_addr(&self) -> anyhow::Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// Serves until `shutdown` resolves, then finishes the requests in flight.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let addr = self.local_addr()?;
        tracing::info!(%addr, "listening");
        println!("院里 Courtyard is serving http://{addr}");
        let sweeper = tokio::spawn(repairs::sweep::run(self.db.clone()));
        let inbox_sweeper = tokio::spawn(crate::inbox::sweep::run(self.db.clone()));
        let care_sweeper = tokio::spawn(crate::care::sweep::run(self.db.clone(), self.care_clock));
        let photo_sweeper = tokio::spawn(crate::uploads::sweep::run(
            self.db.clone(),
            self.photos.clone(),
        ));
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
        .context("server error")?;
        sweeper.abort();
        inbox_sweeper.abort();
        care_sweeper.abort();
        photo_sweeper.abort();
        Ok(())
    }
}

/// Opens (creating the data directory if needed) and migrates the database.
pub async fn open_database(config: &Config) -> anyhow::Result<Db> {
    if config.database_url.is_none() {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("cannot create {}", config.data_dir.display()))?;
    }
    Db::connect_with(&config.database_url(), config.sqlite_readers).await
}

/// The whole router: `/api/…` (never falls back to the app) and the site.
fn router(state: AppState, config: &Config, files: site::SiteFiles) -> Router {
    let files = std::sync::Arc::new(files);
    let policy = std::sync::Arc::new(
        axum::http::HeaderValue::from_str(&security::policy_for_site(&files))
            .unwrap_or_else(|_| axum::http::HeaderValue::from_static("default-src 'self'")),
    );
    let site = site::service(files, state.clone());
    let metrics = std::sync::Arc::new(crate::metrics::Metrics::new());
    let scrape = crate::metrics::router().with_state(crate::metrics::Scrape {
        metrics: metrics.clone(),
        db: state.db.clone(),
        allowed: crate::proxy::AddrSet::new(&config.metrics_from),
    });
    let (api, doc) = openapi::api_router().split_for_parts();
    // Serialized once: every request for it gets the same bytes.
    let doc =
        axum::body::Bytes::from(serde_json::to_vec(&openapi::document(doc)).unwrap_or_default());
    let api = api
        .route(
            "/v1/openapi.json",
            axum::routing::get(move || async move {
                (
                    [(axum::http::header::CONTENT_TYPE, "application/json")],
                    doc,
                )
            }),
        )
        .fallback(|| async { error::ApiError::NotFound })
        .method_not_allowed_fallback(|| async { error::ApiError::MethodNotAllowed })
        .layer(axum::middleware::from_fn(csrf::require_header))
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
        .with_state(state);
    Router::new()
        .nest("/api", api)
        .merge(scrape)
        // `nest` does not match the bare prefix with a slash; it is still API.
        .route(
            "/api/",
            axum::routing::any(|| async { error::ApiError::NotFound }),
        )
        .fallback_service(site)
        .layer(axum::middleware::from_fn_with_state(
            metrics,
            crate::metrics::track,
        ))
        .layer(axum::middleware::from_fn_with_state(
            policy,
            security::headers,
        ))
        .layer(axum::middleware::from_fn_with_state(
            crate::proxy::AddrSet::new(&config.trusted_proxies),
            crate::proxy::client_addr,
        ))
        // A stuck request ends with 408 after 30 s; past 1024 requests at
        // once, new ones wait instead of exhausting memory.
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            std::time::Duration::from_secs(30),
        ))
        .layer(tower::limit::ConcurrencyLimitLayer::new(1024))
        .layer(telemetry::trace_layer())
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
