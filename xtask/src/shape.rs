//! The shape every capability keeps, checked on the source tree so that new
//! code cannot drift from it: the server's `<capability>/mod.rs` holds the
//! router, `store.rs` holds every SQL statement, no statement is pasted
//! together with `format!`, and the app's page folders carry the server's
//! capability names.

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    /// Server folders that are not capabilities with tables of their own:
    /// the database layer, the demo and load-test data, the health probe and
    /// the static site.
    const NOT_CAPABILITIES: &[&str] = &["db", "demo", "generate", "health", "site"];

    /// Files outside a store that may run SQL: the database layer itself,
    /// the data generators, the backup (`VACUUM INTO`) and the health probe.
    const SQL_ALLOWED: &[&str] = &["db/", "demo/", "generate/", "backup.rs", "health/"];

    /// App page folders that belong to no one capability: they gather the
    /// others (the 首页 cards, the office's hub).
    const GATHERING_PAGES: &[&str] = &["home", "manage"];

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask sits in the workspace")
            .to_path_buf()
    }

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("readable source tree") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// Every Rust file of the server, by its path below `server/src`, with
    /// its product text.
    fn server_sources() -> Vec<(String, String)> {
        let src = root().join("server/src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        files
            .into_iter()
            .map(|path| {
                let rel = path
                    .strip_prefix(&src)
                    .expect("under src")
                    .to_string_lossy()
                    .replace('\\', "/");
                (rel, product_text(&path))
            })
            .collect()
    }

    fn folders(dir: &Path) -> BTreeSet<String> {
        std::fs::read_dir(dir)
            .expect("readable source tree")
            .filter_map(Result::ok)
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect()
    }

    /// The file's text without its `#[cfg(test)]` module (tests may query).
    fn product_text(path: &Path) -> String {
        let text = std::fs::read_to_string(path).expect("readable source file");
        match text.find("#[cfg(test)]\nmod tests") {
            Some(i) => text[..i].to_owned(),
            None => text,
        }
    }

    fn capabilities() -> Vec<String> {
        folders(&root().join("server/src"))
            .into_iter()
            .filter(|f| !NOT_CAPABILITIES.contains(&f.as_str()))
            .collect()
    }

    #[test]
    fn every_server_capability_has_its_router_in_mod_and_its_sql_in_store() {
        let src = root().join("server/src");
        let mut wrong = Vec::new();
        for cap in capabilities() {
            let dir = src.join(&cap);
            let module = std::fs::read_to_string(dir.join("mod.rs")).unwrap_or_default();
            if !module.contains("pub fn router()") {
                wrong.push(format!("{cap}/mod.rs has no router()"));
            }
            if !dir.join("store.rs").exists() {
                wrong.push(format!("{cap}/ has no store.rs"));
            }
        }
        assert!(wrong.is_empty(), "out of shape: {wrong:#?}");
    }

    #[test]
    fn sql_is_written_only_in_stores() {
        let mut wrong = Vec::new();
        for (rel, text) in server_sources() {
            if rel.ends_with("store.rs") || SQL_ALLOWED.iter().any(|a| rel.starts_with(a)) {
                continue;
            }
            for needle in ["sqlx::query", "sqlx::raw_sql", "Sql::new("] {
                if text.contains(needle) {
                    wrong.push(format!("{rel}: {needle}"));
                }
            }
        }
        assert!(wrong.is_empty(), "SQL outside a store: {wrong:#?}");
    }

    #[test]
    fn no_statement_is_pasted_together() {
        // The db layer binds every value; the backup quotes one path; the
        // load generator writes its own constant rows.
        let wrong: Vec<String> = server_sources()
            .into_iter()
            .filter(|(rel, _)| {
                !(rel.starts_with("db/") || rel == "backup.rs" || rel.starts_with("generate/"))
            })
            .filter(|(_, text)| text.contains("AssertSqlSafe"))
            .map(|(rel, _)| rel)
            .collect();
        assert!(wrong.is_empty(), "SQL text built at run time: {wrong:#?}");
    }

    #[test]
    fn page_folders_carry_the_server_capability_names() {
        let server: BTreeSet<String> = capabilities().into_iter().collect();
        let pages = folders(&root().join("app/src/pages"));
        let strays: Vec<&String> = pages
            .iter()
            .filter(|p| !server.contains(*p) && !GATHERING_PAGES.contains(&p.as_str()))
            .collect();
        assert!(
            strays.is_empty(),
            "page folders with no capability of that name: {strays:?}"
        );
    }
}
