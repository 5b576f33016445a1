//! sqlx::migrate! embeds the migrations: build again when one changes.
//!
//! With `COURTYARD_EMBED_SITE=<dir>` (`cargo xtask dist` sets it to the
//! built site) the server carries that directory — every file and its
//! precompressed `.br`/`.gz` twins — so a deployment is one binary.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-env-changed=COURTYARD_EMBED_SITE");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut table = String::from("&[\n");
    if let Some(site) = std::env::var_os("COURTYARD_EMBED_SITE").filter(|s| !s.is_empty()) {
        let site = std::fs::canonicalize(&site)
            .unwrap_or_else(|e| panic!("COURTYARD_EMBED_SITE {site:?}: {e}"));
        assert!(
            site.join("index.html").is_file(),
            "COURTYARD_EMBED_SITE {} holds no index.html: build the site first",
            site.display()
        );
        println!("cargo:rerun-if-changed={}", site.display());
        let mut files = Vec::new();
        walk(&site, &mut files);
        files.sort();
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            let name = file
                .strip_prefix(&site)
                .expect("under the site")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            writeln!(
                table,
                "    ({name:?}, include_bytes!({:?})),",
                file.display().to_string()
            )
            .expect("write to a string");
        }
    }
    table.push(']');
    std::fs::write(out.join("embedded_site.rs"), table).expect("write the site table");
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}
