//! Courtyard's task runner: `cargo xtask run | build | test`.
//!
//! Everything it needs comes from crates.io, PyPI, npm or Debian packages:
//! the wasm-bindgen step is the `wasm-bindgen-cli-support` crate at exactly
//! the lockfile's version, so it can neither drift nor need a download.

mod build;
mod deploy;
mod postgres;
mod s3;
mod shape;
mod split;
mod system;
mod test;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

const USAGE: &str = "usage: cargo xtask <command>

  run     install what is missing, build the app (release) and the server, and
          serve the portal with demo data at http://127.0.0.1:3000
  build   build the web app into <target>/site and print its sizes
  dist    build the web app and the release server that carries it: one
          file to deploy (<target>/release/server)
  check-deploy
          check deploy/ (nginx -t, systemd-analyze verify) against the
          debug server
  test    install what is missing and run every test: Rust unit and API tests
          on SQLite and PostgreSQL, then Playwright end-to-end tests";

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("build") => build::site().map(|_| ()),
        Some("dist") => dist().map(|_| ()),
        Some("check-deploy") => deploy::check(&target_dir().join("debug").join("server")),
        Some("test") => test::all(),
        _ => {
            eprintln!("{USAGE}");
            bail!("unknown command")
        }
    }
}

/// `cargo xtask run [server flags…]`.
fn run(extra: &[String]) -> anyhow::Result<()> {
    let server = dist()?;
    let mut cmd = Command::new(server);
    cmd.current_dir(root()).arg("--demo").args(extra);
    status(&mut cmd)
}

/// `cargo xtask dist`: the release server with the site inside it.
fn dist() -> anyhow::Result<PathBuf> {
    let site = build::site()?.dir;
    server_carrying(&site, true)
}

/// Builds the server (release or debug) carrying `site` (`server/build.rs`
/// embeds it); returns the binary.
fn server_carrying(site: &Path, release: bool) -> anyhow::Result<PathBuf> {
    let mut build = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    build
        .current_dir(root())
        .args(["build", "-p", "server", "--bin", "server"])
        .env("COURTYARD_EMBED_SITE", site);
    if release {
        build.arg("--release");
    }
    status(&mut build)?;
    let server = target_dir()
        .join(if release { "release" } else { "debug" })
        .join("server");
    let bytes = std::fs::metadata(&server)
        .with_context(|| format!("{}", server.display()))?
        .len();
    #[allow(clippy::cast_precision_loss)]
    let mib = bytes as f64 / (1024.0 * 1024.0);
    println!(
        "{} carries the web app: {mib:.1} MiB, one file to deploy",
        server.display()
    );
    Ok(server)
}

/// The workspace root (xtask lives one level below it).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Cargo's target directory, honouring `CARGO_TARGET_DIR` (CI keeps it
/// outside the clone as a cache).
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                root().join(dir)
            }
        }
        None => root().join("target"),
    }
}

/// Runs `cargo <args>` in the workspace root.
fn cargo(args: &[&str]) -> anyhow::Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    status(Command::new(cargo).current_dir(root()).args(args))
}

/// Runs a command, failing unless it exits 0.
fn status(cmd: &mut Command) -> anyhow::Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .with_context(|| format!("cannot start {shown}"))?;
    if !status.success() {
        bail!("{shown} failed: {status}");
    }
    Ok(())
}
