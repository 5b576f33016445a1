//! Installing what the build and the tests need, from the allowed registries
//! only: rustup's own targets and Debian packages.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::bail;

use crate::status;

/// Adds the wasm32 target if rustup lacks it.
pub fn ensure_wasm_target() -> anyhow::Result<()> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()?;
    if String::from_utf8_lossy(&installed.stdout).contains("wasm32-unknown-unknown") {
        return Ok(());
    }
    status(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// A Chinese font, without which screenshots show boxes instead of words.
const CJK_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

/// Debian's Chromium, for Playwright (never Playwright's own download), and
/// a Chinese font for it.
pub fn chromium() -> anyhow::Result<PathBuf> {
    let path = PathBuf::from("/usr/bin/chromium");
    let mut missing = Vec::new();
    if !path.exists() {
        missing.push("chromium");
    }
    if !Path::new(CJK_FONT).exists() {
        missing.push("fonts-wqy-microhei");
    }
    if !missing.is_empty() {
        apt_install(&missing)?;
    }
    Ok(path)
}

/// The directory of PostgreSQL's server programs (initdb, pg_ctl).
pub fn postgres_bin() -> anyhow::Result<PathBuf> {
    if let Some(dir) = find_postgres_bin() {
        return Ok(dir);
    }
    apt_install(&["postgresql"])?;
    match find_postgres_bin() {
        Some(dir) => Ok(dir),
        None => bail!("PostgreSQL installed but initdb not found under /usr/lib/postgresql"),
    }
}

fn find_postgres_bin() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    versions.sort();
    versions.pop()
}

/// The Schemathesis version the fuzz run is pinned to (from PyPI).
const SCHEMATHESIS: &str = "4.32.5";

/// The `schemathesis` program, installed with the machine's Python and pip
/// when missing or of another version. Returns its path (pip puts it beside
/// the Python that installed it, whatever PATH says).
pub fn schemathesis() -> anyhow::Result<PathBuf> {
    pip_program("schemathesis", "schemathesis", SCHEMATHESIS)
}

/// moto's S3 server, a real S3-protocol server for the object storage
/// tests (from PyPI).
pub fn moto_server() -> anyhow::Result<PathBuf> {
    pip_program("moto_server", "moto[server]", MOTO)
}

const MOTO: &str = "5.2.6";

/// A program of a PyPI package at exactly `version`, installed if missing.
fn pip_program(program: &str, package: &str, version: &str) -> anyhow::Result<PathBuf> {
    let bin = Command::new("python3")
        .args([
            "-c",
            "import sys, os; print(os.path.join(sys.prefix, 'bin'))",
        ])
        .output()?;
    let program = PathBuf::from(String::from_utf8_lossy(&bin.stdout).trim()).join(program);
    let name = package.split('[').next().unwrap_or(package);
    let current = Command::new("python3")
        .args([
            "-c",
            &format!("import importlib.metadata as m; print(m.version('{name}'))"),
        ])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == version);
    if !current || !program.exists() {
        status(Command::new("python3").args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            &format!("{package}=={version}"),
        ]))?;
    }
    Ok(program)
}

/// `npm ci` in `dir` when its node_modules is missing or older than the lockfile.
pub fn npm_ci(dir: &Path) -> anyhow::Result<()> {
    let lock = dir.join("package-lock.json");
    let stamp = dir.join("node_modules").join(".package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&stamp)) {
        (Ok(lock), Ok(stamp)) => stamp.modified()? >= lock.modified()?,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    status(
        Command::new("npm")
            .current_dir(dir)
            .args(["ci", "--no-audit", "--no-fund"])
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
    )
}

/// nginx, to check the deployment example (`deploy/nginx.conf`), and
/// openssl for its throwaway certificate.
pub fn nginx() -> anyhow::Result<PathBuf> {
    let path = PathBuf::from("/usr/sbin/nginx");
    let mut missing = Vec::new();
    if !path.exists() {
        missing.push("nginx");
    }
    if Command::new("openssl").arg("version").output().is_err() {
        missing.push("openssl");
    }
    if !missing.is_empty() {
        apt_install(&missing)?;
    }
    Ok(path)
}

fn apt_install(packages: &[&str]) -> anyhow::Result<()> {
    println!("installing from Debian: {}", packages.join(" "));
    let sudo = !is_root();
    let apt = |args: &[&str]| {
        let mut cmd = if sudo {
            Command::new("sudo")
        } else {
            Command::new("apt-get")
        };
        if sudo {
            cmd.arg("apt-get");
        }
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        status(&mut cmd)
    };
    apt(&["update", "-qq"])?;
    let mut args = vec!["install", "-y", "-qq", "--no-install-recommends"];
    args.extend_from_slice(packages);
    apt(&args)
}

pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}
