//! `server`: parse the configuration, start tracing, build the application, serve.

use clap::Parser;
use server::{Application, Config};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    server::telemetry::init();
    let mut config = Config::parse();
    if let Some(command) = config.command.take() {
        let db = server::open_database(&config).await?;
        return server::admin::cli::run(&db, command).await;
    }
    let app = Application::build(config).await?;
    app.run_until_stopped(server::shutdown_signal()).await
}
