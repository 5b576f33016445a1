//! Builds the web app into `<target>/site`: the WASM bin in release with LTO,
//! bindgen'd for the web, content-hashed, precompressed, with sizes printed.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use sha2::{Digest, Sha256};

use crate::{cargo, root, system, target_dir};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";

/// Builds the site and returns its directory.
pub fn site() -> anyhow::Result<PathBuf> {
    system::ensure_wasm_target()?;
    cargo(&[
        "build",
        "-p",
        "app",
        "--bin",
        "app",
        "--target",
        WASM_TARGET,
        "--profile",
        PROFILE,
    ])?;
    let wasm = target_dir()
        .join(WASM_TARGET)
        .join(PROFILE)
        .join("app.wasm");

    let site = target_dir().join("site");
    if site.exists() {
        fs::remove_dir_all(&site).context("clearing the old site")?;
    }
    let staging = target_dir().join("bindgen");
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .out_name("app")
        .web(true)?
        .typescript(false)
        .remove_name_section(true)
        .remove_producers_section(true)
        .generate(&staging)
        .context("wasm-bindgen")?;

    // One hash over the JS and WASM names their folder, so the JS's relative
    // imports (snippets/) keep working and every file in it can be cached forever.
    let js = fs::read(staging.join("app.js"))?;
    let wasm_bytes = fs::read(staging.join("app_bg.wasm"))?;
    let hash = short_hash(&[&js, &wasm_bytes]);
    let bundle = site.join("assets").join(&hash);
    copy_dir(&staging, &bundle)?;

    let css = bundle_css()?;
    let css_name = format!("app-{}.css", short_hash(&[css.as_bytes()]));
    fs::write(site.join("assets").join(&css_name), &css)?;

    copy_dir(&root().join("public"), &site)?;
    let template = fs::read_to_string(root().join("app").join("index.html"))?;
    let js_url = format!("/assets/{hash}/app.js");
    let wasm_url = format!("/assets/{hash}/app_bg.wasm");
    let css_url = format!("/assets/{css_name}");
    let index = template
        .replace("{{JS}}", &js_url)
        .replace("{{WASM}}", &wasm_url)
        .replace("{{CSS}}", &css_url);
    fs::write(site.join("index.html"), index)?;
    // The service worker caches exactly this build's files.
    let assets = format!(
        "[{}]",
        [
            &js_url,
            &wasm_url,
            &css_url,
            "/manifest.webmanifest",
            "/icon.svg"
        ]
        .iter()
        .map(|u| format!("\"{u}\""))
        .collect::<Vec<_>>()
        .join(", ")
    );
    let worker = fs::read_to_string(root().join("app").join("sw.js"))?
        .replace("{{VERSION}}", &format!("{hash}-{}", &css_name[4..16]))
        .replace("{{ASSETS}}", &assets);
    fs::write(site.join("sw.js"), worker)?;

    precompress(&site)?;
    print_sizes(
        &site,
        &["index.html", &js_url[1..], &wasm_url[1..], &css_url[1..]],
    )?;
    Ok(site)
}

/// `style/*.css` in name order, as one file.
fn bundle_css() -> anyhow::Result<String> {
    let mut files: Vec<PathBuf> = fs::read_dir(root().join("style"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "css"))
        .collect();
    files.sort();
    let mut out = String::new();
    for file in files {
        out.push_str(&fs::read_to_string(&file)?);
        out.push('\n');
    }
    Ok(out)
}

fn short_hash(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher
        .finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let dest = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &dest)?;
        } else {
            fs::copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}

const COMPRESSIBLE: &[&str] = &["html", "js", "wasm", "css", "svg", "webmanifest", "json"];

/// Writes `.br` (quality 11) and `.gz` (level 9) beside every text or WASM
/// file, so the server sends them without compressing per request.
fn precompress(dir: &Path) -> anyhow::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            precompress(&path)?;
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !COMPRESSIBLE.contains(&ext) {
            continue;
        }
        let bytes = fs::read(&path)?;
        fs::write(with_suffix(&path, "br"), brotli_bytes(&bytes)?)?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes)?;
        fs::write(with_suffix(&path, "gz"), gz.finish()?)?;
    }
    Ok(())
}

fn brotli_bytes(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// Prints what a first visit downloads, raw and brotli.
fn print_sizes(site: &Path, files: &[&str]) -> anyhow::Result<()> {
    println!("first-load size (raw → brotli):");
    let (mut raw_total, mut br_total) = (0, 0);
    for file in files {
        let raw = fs::metadata(site.join(file))?.len();
        let br = fs::metadata(with_suffix(&site.join(file), "br"))?.len();
        raw_total += raw;
        br_total += br;
        println!("  {file:<40} {:>9} B → {:>8} B", raw, br);
    }
    println!(
        "  {:<40} {:>9} B → {:>8} B ({:.1} KB brotli)",
        "total",
        raw_total,
        br_total,
        br_total as f64 / 1024.0
    );
    Ok(())
}
