//! Start-up flags, each with an environment-variable twin.

use std::net::SocketAddr;
use std::path::PathBuf;

/// How one server process is configured.
#[derive(Debug, Clone, clap::Parser)]
#[command(
    name = "server",
    about = "院里 Courtyard: the resident portal's API and web server"
)]
pub struct Config {
    /// Address to listen on; port 0 picks a free one.
    #[arg(long, env = "COURTYARD_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Data directory: the SQLite file and uploaded photos.
    #[arg(long = "data", env = "COURTYARD_DATA", default_value = "./data")]
    pub data_dir: PathBuf,

    /// `sqlite://…` or `postgres://…`; overrides the SQLite file in `--data`.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,

    /// SQLite read connections kept open (1–64); the writer is always one.
    #[arg(long, env = "COURTYARD_SQLITE_READERS", default_value_t = crate::db::SQLITE_READERS,
          value_parser = clap::value_parser!(u32).range(1..=64))]
    pub sqlite_readers: u32,

    /// Seed the demo compound into an empty database and print the demo logins.
    #[arg(long, env = "COURTYARD_DEMO")]
    pub demo: bool,

    /// The address people use, e.g. `https://yuanli.example.cn`; an https URL
    /// makes session cookies `Secure`.
    #[arg(long, env = "COURTYARD_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// 报平安's clock, held at this instant (RFC 3339): to show and test a
    /// missed check-in at a chosen time of day. Only with `--demo`.
    #[arg(long, env = "COURTYARD_CARE_CLOCK", requires = "demo")]
    pub care_clock: Option<String>,

    /// Photos: `s3://bucket/prefix` for S3-compatible object storage (then
    /// every process of a district shares them), or a directory; by default
    /// `<data>/uploads`.
    #[arg(long, env = "COURTYARD_UPLOADS")]
    pub uploads: Option<String>,

    #[command(flatten)]
    pub s3: S3Settings,

    /// Proxies (addresses or networks, comma-separated) whose
    /// `X-Forwarded-For` names the client; from anyone else it is ignored.
    #[arg(
        long = "trusted-proxy",
        env = "COURTYARD_TRUSTED_PROXY",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<crate::proxy::AddrRange>,

    /// Addresses or networks (comma-separated) that may read `/metrics`;
    /// none by default. Behind a proxy, the client's address counts (see
    /// `--trusted-proxy`).
    #[arg(
        long = "metrics-from",
        env = "COURTYARD_METRICS_FROM",
        value_delimiter = ','
    )]
    pub metrics_from: Vec<crate::proxy::AddrRange>,

    /// Directory of the built web app (index.html and assets/); by default
    /// the app this binary carries (`cargo xtask dist`), else ./target/site.
    #[arg(long = "site", env = "COURTYARD_SITE")]
    pub site_dir: Option<PathBuf>,

    /// Set up the deployment instead of serving.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Object storage's connection, when `--uploads` is an `s3://` URL. Each
/// falls back to object_store's own reading of the `AWS_*` environment.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct S3Settings {
    /// The store's address, e.g. `https://oss-cn-zhengzhou.aliyuncs.com`
    /// or `http://127.0.0.1:9000` for MinIO; AWS itself when absent.
    #[arg(long = "s3-endpoint", env = "AWS_ENDPOINT_URL")]
    pub endpoint: Option<String>,
    #[arg(long = "s3-region", env = "AWS_REGION")]
    pub region: Option<String>,
    #[arg(
        long = "s3-access-key-id",
        env = "AWS_ACCESS_KEY_ID",
        hide_env_values = true
    )]
    pub access_key_id: Option<String>,
    /// From the environment, please: a flag shows in the process list.
    #[arg(
        long = "s3-secret-access-key",
        env = "AWS_SECRET_ACCESS_KEY",
        hide_env_values = true
    )]
    pub secret_access_key: Option<Secret>,
}

/// A value never printed: `Debug` shows only that it is there.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_owned()))
    }
}

/// Deployment set-up, run from the shell.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// Communities: create, list, add a manager.
    Community {
        #[command(subcommand)]
        action: CommunityCommand,
    },
    /// Deployment admins.
    Admin {
        #[command(subcommand)]
        action: AdminCommand,
    },
    /// An online backup of the SQLite database and the photos into DIR
    /// (PostgreSQL: use pg_dump).
    Backup {
        #[arg(long)]
        to: PathBuf,
    },
    /// Restores a backup into `--data`, which must hold no database yet.
    Restore {
        #[arg(long)]
        from: PathBuf,
    },
    /// Fills an empty database with a district for benchmarks (60
    /// communities, 20,000 households, …; `--scale 0.1` for a tenth).
    Generate {
        #[arg(long, default_value_t = 1969)]
        seed: u64,
        #[arg(long, default_value_t = 1.0)]
        scale: f64,
        /// Every generated person's password.
        #[arg(long, default_value = "district-2026")]
        password: String,
    },
}

#[derive(Debug, Clone, clap::Subcommand)]
pub enum CommunityCommand {
    /// Adds a community.
    Create {
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        address: String,
        #[arg(long)]
        office_phone: String,
        #[arg(long, default_value = "Asia/Shanghai")]
        time_zone: String,
    },
    /// Lists communities with household and manager counts.
    List,
    /// Creates a manager account (password from COURTYARD_NEW_PASSWORD, or
    /// generated and printed once).
    AddManager {
        #[arg(long)]
        community: i64,
        #[arg(long)]
        phone: String,
        #[arg(long)]
        name: String,
    },
}

#[derive(Debug, Clone, clap::Subcommand)]
pub enum AdminCommand {
    /// Creates a deployment admin (password as for add-manager).
    Create {
        #[arg(long)]
        phone: String,
        #[arg(long)]
        name: String,
    },
}

impl Config {
    /// The database to open: `--database-url`, else `courtyard.db` in `--data`.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("courtyard.db").display()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::Config;

    #[test]
    fn sqlite_readers_default_to_eight_and_stay_in_range() {
        let config = Config::try_parse_from(["server"]).expect("defaults parse");
        assert_eq!(config.sqlite_readers, 8);
        let config =
            Config::try_parse_from(["server", "--sqlite-readers", "2"]).expect("2 is allowed");
        assert_eq!(config.sqlite_readers, 2);
        for bad in ["0", "65", "many"] {
            assert!(Config::try_parse_from(["server", "--sqlite-readers", bad]).is_err());
        }
    }

    #[test]
    fn an_object_store_secret_never_shows_in_debug_output() {
        let config = Config::try_parse_from([
            "server",
            "--uploads",
            "s3://photos/district",
            "--s3-secret-access-key",
            "hunter2-very-secret",
        ])
        .expect("flags parse");
        let shown = format!("{config:?}");
        assert!(shown.contains("s3://photos/district"), "{shown}");
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}
