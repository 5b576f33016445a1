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

    /// Seed the demo compound into an empty database and print the demo logins.
    #[arg(long, env = "COURTYARD_DEMO")]
    pub demo: bool,

    /// The address people use, e.g. `https://yuanli.example.cn`; an https URL
    /// makes session cookies `Secure`.
    #[arg(long, env = "COURTYARD_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Directory of the built web app (index.html and assets/).
    #[arg(long = "site", env = "COURTYARD_SITE", default_value = "./target/site")]
    pub site_dir: PathBuf,
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
