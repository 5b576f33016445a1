//! `server`: parse the configuration, start tracing, build the application, serve.

use clap::Parser;
use server::config::Config;
use server::startup::Application;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    server::telemetry::init();
    let mut config = Config::parse();
    match config.command.take() {
        Some(server::config::Command::Restore { from }) => {
            let report = server::backup::restore(&from, &config.data_dir).await?;
            println!(
                "restored {} bytes and {} photo files into {}",
                report.bytes,
                report.photos,
                config.data_dir.display()
            );
            return Ok(());
        }
        Some(server::config::Command::Backup { to }) => {
            let db = server::startup::open_database(&config).await?;
            let photos = match config.uploads.as_deref() {
                Some(url) if url.starts_with("s3://") => None,
                Some(dir) => Some(std::path::PathBuf::from(dir)),
                None => Some(config.data_dir.join("uploads")),
            };
            let report = server::backup::backup(&db, photos.as_deref(), &to).await?;
            println!(
                "backed up {} bytes and {} photo files to {}",
                report.bytes,
                report.photos,
                to.display()
            );
            if let Some(url) = config.uploads.as_deref().filter(|u| u.starts_with("s3://")) {
                println!(
                    "the photos are in {url}, not in this backup: copy the bucket with the \
                     store's own tools (see the README, Backups)"
                );
            }
            return Ok(());
        }
        Some(server::config::Command::Generate {
            seed,
            scale,
            password,
        }) => {
            let db = server::startup::open_database(&config).await?;
            let plan = server::generate::Plan::district(scale);
            let report = server::generate::run(&db, plan, seed, &password).await?;
            for (table, rows) in &report.counts {
                println!("{table:>16} {rows:>9}");
            }
            println!("generated in {:.1} s", report.seconds);
            return Ok(());
        }
        other => config.command = other,
    }
    if let Some(command) = config.command.take() {
        let db = server::startup::open_database(&config).await?;
        return server::admin::cli::run(&db, command).await;
    }
    let app = Application::build(config).await?;
    app.run_until_stopped(server::startup::shutdown_signal())
        .await
}
