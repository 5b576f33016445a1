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
            let report = server::backup::backup(&db, &config.data_dir, &to).await?;
            println!(
                "backed up {} bytes and {} photo files to {}",
                report.bytes,
                report.photos,
                to.display()
            );
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
