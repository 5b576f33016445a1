//! `cargo xtask test`: every test, with everything it needs installed.

use std::process::Command;
use std::time::Instant;

use crate::postgres::TestCluster;
use crate::{build, cargo, root, status, system};

/// The port of the throwaway PostgreSQL cluster.
const PG_PORT: u16 = 55432;
/// The port of the S3-protocol test server (moto).
const S3_PORT: u16 = 55433;

pub fn all() -> anyhow::Result<()> {
    let started = Instant::now();
    // The house rules first: formatting and every lint, as errors.
    cargo(&["fmt", "--all", "--check"])?;
    cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])?;
    // The app as the first screens are rendered: natively, with `ssr`.
    cargo(&[
        "clippy",
        "-p",
        "app",
        "--no-default-features",
        "--features",
        "ssr",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])?;
    let chromium = system::chromium()?;
    let schemathesis = system::schemathesis()?;
    system::npm_ci(&root().join("end2end"))?;

    // Rust: unit tests (the app's wire types build without Leptos natively),
    // then the API tests on SQLite and on PostgreSQL, photos on a local
    // directory and on an S3-protocol server.
    {
        let cluster = TestCluster::start(PG_PORT)?;
        let s3 = crate::s3::TestS3::start(S3_PORT)?;
        let mut test = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        test.current_dir(root())
            .args(["test", "-p", "server", "-p", "xtask"])
            .env("TEST_POSTGRES_URL", &cluster.url)
            .env("COURTYARD_REQUIRE_POSTGRES", "1")
            .env("TEST_S3_ENDPOINT", &s3.endpoint)
            .env("COURTYARD_REQUIRE_S3", "1");
        status(&mut test)?;
        // The wire types, and the first screens rendered natively.
        cargo(&[
            "test",
            "-p",
            "app",
            "--lib",
            "--no-default-features",
            "--features",
            "ssr",
        ])?;
    }

    // End to end: the release web app and a debug server, driven by Playwright
    // in Debian's Chromium.
    let built = build::site()?;
    // The first-load budget: a first visit downloads at most 195 KB brotli.
    built.check_budget()?;
    let site = built.dir;
    // The server the end-to-end tests drive carries the site, as a
    // deployment's does (`cargo xtask dist`); Playwright passes no --site.
    let server = crate::server_carrying(&site, false)?;
    // The deployment examples parse (nginx -t, systemd-analyze verify).
    crate::deploy::check(&server)?;

    // The API fuzzed from its own OpenAPI document: every default check,
    // seed 1969, 25 examples an operation, as three callers.
    status(
        Command::new(root().join("fuzz").join("schemathesis.sh"))
            .arg(&server)
            .arg("25")
            .env("SCHEMATHESIS", &schemathesis),
    )?;
    // A smoke run of every benchmark script (bench/smoke.sh). Its builds
    // see the same COURTYARD_EMBED_SITE, so the server the end-to-end tests
    // drive still carries the site afterwards (a build without it would
    // replace the binary with one that serves the API only).
    status(
        Command::new(root().join("bench").join("smoke.sh"))
            .env("SITE", &site)
            .env("CHROME_PATH", &chromium)
            .env("COURTYARD_EMBED_SITE", &site),
    )?;

    status(
        Command::new("npx")
            .current_dir(root().join("end2end"))
            .args(["playwright", "test"])
            .env("COURTYARD_SERVER", &server)
            .env("E2E_SITE", "embedded")
            .env("CHROMIUM_PATH", &chromium),
    )?;
    println!(
        "all tests passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
