//! `server backup --to DIR` and `server restore --from DIR`: an online,
//! consistent copy of the SQLite database (`VACUUM INTO` reads one snapshot
//! while writers carry on) plus the uploaded photos. PostgreSQL is backed up
//! with its own tools (`pg_dump`; see the README).

use std::path::Path;

use anyhow::{Context, bail};

use crate::db::{Backend, Db};

/// The database file's name inside a data directory and inside a backup.
pub const DB_FILE: &str = "courtyard.db";
const UPLOADS: &str = "uploads";

/// What a backup holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    pub bytes: u64,
    pub photos: u64,
}

/// Copies the live database and the photos into `to` (created; must be
/// empty). `photos` is the photo directory, `None` when the photos live in
/// object storage (backed up with the store's own tools, see the README).
pub async fn backup(db: &Db, photos: Option<&Path>, to: &Path) -> anyhow::Result<Report> {
    if db.backend != Backend::Sqlite {
        bail!("PostgreSQL: use pg_dump (see the README), not this command");
    }
    if to.exists() && std::fs::read_dir(to)?.next().is_some() {
        bail!("{} is not empty", to.display());
    }
    std::fs::create_dir_all(to)?;
    let target = to.join(DB_FILE);
    let path = target.to_str().context("backup path is not UTF-8")?;
    // A path is not a bindable value in VACUUM INTO: quote it as SQL text.
    let quoted = format!("'{}'", path.replace('\'', "''"));
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("VACUUM INTO {quoted}")))
        .execute(db.reader())
        .await
        .context("VACUUM INTO")?;
    // After the snapshot: every photo it names was written before its row.
    let photos = match photos {
        Some(dir) => copy_files(dir, &to.join(UPLOADS))?,
        None => 0,
    };
    Ok(Report {
        bytes: std::fs::metadata(&target)?.len(),
        photos,
    })
}

/// Puts a backup into a data directory that has no database yet, then
/// checks the copy (`PRAGMA integrity_check`).
pub async fn restore(from: &Path, data_dir: &Path) -> anyhow::Result<Report> {
    let source = from.join(DB_FILE);
    if !source.is_file() {
        bail!("{} holds no {DB_FILE}", from.display());
    }
    let target = data_dir.join(DB_FILE);
    if target.exists() {
        bail!(
            "{} already has a database: restore into a fresh directory",
            data_dir.display()
        );
    }
    std::fs::create_dir_all(data_dir)?;
    std::fs::copy(&source, &target)?;
    let photos = copy_files(&from.join(UPLOADS), &data_dir.join(UPLOADS))?;
    let db = Db::connect(&format!("sqlite://{}?mode=rw", target.display())).await?;
    let verdict: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(db.reader())
        .await?;
    if verdict != "ok" {
        bail!("the restored database fails its integrity check: {verdict}");
    }
    Ok(Report {
        bytes: std::fs::metadata(&target)?.len(),
        photos,
    })
}

fn copy_files(from: &Path, to: &Path) -> anyhow::Result<u64> {
    if !from.is_dir() {
        return Ok(0);
    }
    std::fs::create_dir_all(to)?;
    let mut n = 0;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
            n += 1;
        }
    }
    Ok(n)
}
