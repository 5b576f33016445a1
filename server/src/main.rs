//! `server`: parse the configuration, start tracing, build the application, serve.

use clap::Parser;
use server::{Application, Config};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    server::telemetry::init();
    let config = Config::parse();
    let app = Application::build(config).await?;
    app.run_until_stopped(server::shutdown_signal()).await
}
