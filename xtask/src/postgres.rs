//! A throwaway PostgreSQL cluster on loopback for the tests: created in the
//! system temp directory, started, and stopped (and deleted) when dropped.

use std::path::PathBuf;
use std::process::Command;

use anyhow::Context;

use crate::{status, system};

/// A running test cluster.
pub struct TestCluster {
    bin: PathBuf,
    dir: PathBuf,
    pub url: String,
}

impl TestCluster {
    /// Creates and starts a cluster on `port` with trust auth for `postgres`.
    pub fn start(port: u16) -> anyhow::Result<Self> {
        let bin = system::postgres_bin()?;
        // Under the system temp dir, not the target dir: CI may keep the
        // target dir where the postgres user cannot reach (under /root).
        let dir = std::env::temp_dir().join(format!("courtyard-pg-test-{port}"));
        if dir.exists() {
            // A cluster left by an interrupted run: stop it, start afresh.
            let _ = as_postgres(
                &bin,
                "pg_ctl",
                &["-D", &path(&dir), "-m", "immediate", "stop"],
            )
            .status();
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        if system::is_root() {
            // PostgreSQL refuses to run as root: hand the directory to its user.
            status(Command::new("chown").args(["-R", "postgres:postgres", &path(&dir)]))?;
        }
        status(&mut as_postgres(
            &bin,
            "initdb",
            &[
                "-D",
                &path(&dir),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "-N",
            ],
        ))
        .context("initdb")?;
        let options = format!(
            "-c listen_addresses=127.0.0.1 -p {port} -k {} -c fsync=off -c full_page_writes=off -c max_connections=300",
            path(&dir)
        );
        status(&mut as_postgres(
            &bin,
            "pg_ctl",
            &[
                "-D",
                &path(&dir),
                "-l",
                &path(&dir.join("log")),
                "-o",
                &options,
                "-w",
                "start",
            ],
        ))
        .context("pg_ctl start")?;
        Ok(Self {
            bin,
            dir,
            url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
        })
    }
}

impl Drop for TestCluster {
    fn drop(&mut self) {
        let _ = as_postgres(
            &self.bin,
            "pg_ctl",
            &["-D", &path(&self.dir), "-m", "fast", "-w", "stop"],
        )
        .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn path(p: &std::path::Path) -> String {
    p.display().to_string()
}

/// A PostgreSQL program, run as the `postgres` user when we are root.
fn as_postgres(bin: &std::path::Path, program: &str, args: &[&str]) -> Command {
    let exe = bin.join(program);
    let mut cmd = if system::is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(exe);
        c
    } else {
        Command::new(exe)
    };
    cmd.args(args);
    cmd
}
