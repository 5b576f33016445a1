//! The built web app held in memory: read from `--site` at start, or
//! carried inside the binary (`cargo xtask dist`). Each file keeps its
//! precompressed twins; a request gets brotli or gzip when it accepts them,
//! an ETag to revalidate with, and its length.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::Response;

/// The site's files by path (`index.html`, `assets/…/app.wasm`).
#[derive(Debug, Default)]
pub struct SiteFiles {
    files: HashMap<String, File>,
}

#[derive(Debug)]
struct File {
    identity: Bytes,
    br: Option<Bytes>,
    gzip: Option<Bytes>,
    kind: HeaderValue,
    etag: HeaderValue,
}

/// The table `build.rs` writes: empty unless the build embedded a site.
static EMBEDDED: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/embedded_site.rs"));

impl SiteFiles {
    /// The site this binary carries, if it was built with one.
    pub fn embedded() -> Option<Self> {
        (!EMBEDDED.is_empty()).then(|| {
            Self::from_pairs(
                EMBEDDED
                    .iter()
                    .map(|(name, bytes)| ((*name).to_owned(), Bytes::from_static(bytes))),
            )
        })
    }

    /// Every file under `dir`.
    pub fn from_dir(dir: &Path) -> std::io::Result<Self> {
        let mut pairs = Vec::new();
        read_dir(dir, "", &mut pairs)?;
        Ok(Self::from_pairs(pairs))
    }

    /// `x.br` and `x.gz` become `x`'s twins (when `x` itself is there).
    fn from_pairs(pairs: impl IntoIterator<Item = (String, Bytes)>) -> Self {
        let all: HashMap<String, Bytes> = pairs.into_iter().collect();
        let files = all
            .iter()
            .filter(|(name, _)| {
                let twin_of = name
                    .strip_suffix(".br")
                    .or_else(|| name.strip_suffix(".gz"));
                twin_of.is_none_or(|original| !all.contains_key(original))
            })
            .map(|(name, identity)| {
                let kind = mime_guess::from_path(name).first_or_octet_stream();
                let kind = if kind.type_() == mime_guess::mime::TEXT
                    || kind.subtype() == mime_guess::mime::JAVASCRIPT
                {
                    format!("{kind}; charset=utf-8")
                } else {
                    kind.to_string()
                };
                let file = File {
                    identity: identity.clone(),
                    br: all.get(&format!("{name}.br")).cloned(),
                    gzip: all.get(&format!("{name}.gz")).cloned(),
                    kind: HeaderValue::from_str(&kind)
                        .unwrap_or(HeaderValue::from_static("application/octet-stream")),
                    etag: etag(identity),
                };
                (name.clone(), file)
            })
            .collect();
        Self { files }
    }

    /// A file's text (`index.html`, `first-screens.json`).
    pub fn text(&self, name: &str) -> Option<&str> {
        self.files
            .get(name)
            .and_then(|f| std::str::from_utf8(&f.identity).ok())
    }

    /// The file at a request path, or `None` when there is no such file.
    pub fn respond(&self, path: &str, method: &Method, headers: &HeaderMap) -> Option<Response> {
        let name = path.trim_start_matches('/');
        let name = if name.is_empty() { "index.html" } else { name };
        let file = self.files.get(name)?;
        Some(file.respond(method, headers))
    }
}

impl File {
    fn respond(&self, method: &Method, headers: &HeaderMap) -> Response {
        let mut response = Response::new(Body::empty());
        let h = response.headers_mut();
        h.insert(header::ETAG, self.etag.clone());
        if self.br.is_some() || self.gzip.is_some() {
            h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        if fresh(headers, &self.etag) {
            *response.status_mut() = StatusCode::NOT_MODIFIED;
            return response;
        }
        let (body, encoding) = match (&self.br, &self.gzip) {
            (Some(br), _) if accepts(headers, "br") => (br, Some("br")),
            (_, Some(gzip)) if accepts(headers, "gzip") => (gzip, Some("gzip")),
            _ => (&self.identity, None),
        };
        h.insert(header::CONTENT_TYPE, self.kind.clone());
        if let Some(encoding) = encoding {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        h.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        if method != Method::HEAD {
            *response.body_mut() = Body::from(body.clone());
        }
        response
    }
}

/// Whether the request already holds this version (`If-None-Match`).
fn fresh(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    let Some(tags) = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let ours = etag.to_str().unwrap_or_default();
    tags.split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag == ours || tag.strip_prefix("W/") == Some(ours))
}

/// Whether `Accept-Encoding` allows `coding` (not with `q=0`).
fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            let name = parts.next().unwrap_or_default();
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            name.eq_ignore_ascii_case(coding) && !refused
        })
}

/// A strong ETag from the content: the same bytes, the same tag, in every
/// process of one build.
fn etag(bytes: &[u8]) -> HeaderValue {
    let mut hasher = std::hash::DefaultHasher::new();
    bytes.hash(&mut hasher);
    HeaderValue::from_str(&format!("\"{:016x}-{:x}\"", hasher.finish(), bytes.len()))
        .unwrap_or(HeaderValue::from_static("\"0\""))
}

fn read_dir(dir: &Path, prefix: &str, out: &mut Vec<(String, Bytes)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = format!("{prefix}{name}");
        if entry.file_type()?.is_dir() {
            read_dir(&entry.path(), &format!("{path}/"), out)?;
        } else {
            out.push((path, Bytes::from(std::fs::read(entry.path())?)));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteFiles {
        SiteFiles::from_pairs([
            ("index.html".to_owned(), Bytes::from_static(b"<p>hi</p>")),
            ("index.html.br".to_owned(), Bytes::from_static(b"BR")),
            ("index.html.gz".to_owned(), Bytes::from_static(b"GZ")),
            ("assets/app.wasm".to_owned(), Bytes::from_static(b"\0asm")),
            ("notes.gz".to_owned(), Bytes::from_static(b"a real gz file")),
        ])
    }

    fn get(site: &SiteFiles, path: &str, accept: &str) -> Response {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, accept.parse().expect("header"));
        site.respond(path, &Method::GET, &headers).expect("a file")
    }

    #[test]
    fn the_best_accepted_twin_is_sent() {
        let site = site();
        let br = get(&site, "/", "gzip, br");
        assert_eq!(br.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(br.headers()[header::CONTENT_LENGTH], "2");
        assert_eq!(
            br.headers()[header::CONTENT_TYPE],
            "text/html; charset=utf-8"
        );
        let gz = get(&site, "/index.html", "gzip, br;q=0");
        assert_eq!(gz.headers()[header::CONTENT_ENCODING], "gzip");
        let plain = get(&site, "/index.html", "identity");
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(plain.headers()[header::CONTENT_LENGTH], "9");
        let wasm = get(&site, "/assets/app.wasm", "br");
        assert_eq!(wasm.headers()[header::CONTENT_TYPE], "application/wasm");
        assert!(wasm.headers().get(header::VARY).is_none(), "no twins");
    }

    #[test]
    fn a_file_named_like_a_twin_is_still_a_file() {
        let site = site();
        assert!(get(&site, "/notes.gz", "br").status().is_success());
        assert!(
            site.respond("/index.html.br", &Method::GET, &HeaderMap::new())
                .is_none()
        );
        assert!(
            site.respond("/missing.js", &Method::GET, &HeaderMap::new())
                .is_none()
        );
    }

    #[test]
    fn a_known_version_is_not_sent_again() {
        let site = site();
        let first = get(&site, "/", "br");
        let tag = first.headers()[header::ETAG].clone();
        let mut headers = HeaderMap::new();
        headers.insert(header::IF_NONE_MATCH, tag);
        let again = site.respond("/", &Method::GET, &headers).expect("a file");
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        headers.insert(header::IF_NONE_MATCH, "\"other\"".parse().expect("header"));
        assert_eq!(
            site.respond("/", &Method::GET, &headers)
                .expect("a file")
                .status(),
            StatusCode::OK
        );
    }
}
