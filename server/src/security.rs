//! Headers every response carries: a Content-Security-Policy that lets the
//! WASM app run and nothing else it does not need, no sniffing, no framing,
//! no referrer to other sites.

use std::fmt::Write as _;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, Request, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The policy for a site whose `index.html` has these inline scripts and
/// styles: each is allowed by its hash, never by `unsafe-inline`.
pub fn content_security_policy(index_html: &str) -> String {
    let scripts = hashes(index_html, "script");
    let styles = hashes(index_html, "style");
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; \
         style-src 'self'{styles}; img-src 'self' data:; connect-src 'self'; \
         worker-src 'self'; manifest-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// ` 'sha256-…'` for the body of every inline `<tag>` (those without `src`).
fn hashes(html: &str, tag: &str) -> String {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start..];
        let Some(head_end) = after.find('>') else {
            break;
        };
        let head = &after[..head_end];
        let body_and_more = &after[head_end + 1..];
        let Some(end) = body_and_more.find(&close) else {
            break;
        };
        if !head.contains("src=") {
            let digest = Sha256::digest(&body_and_more.as_bytes()[..end]);
            let b64 = base64::engine::general_purpose::STANDARD.encode(digest);
            let _ = write!(out, " 'sha256-{b64}'");
        }
        rest = &body_and_more[end + close.len()..];
    }
    out
}

/// Reads the built `index.html` (absent in some tests: then no inline code
/// is allowed at all).
pub fn policy_for_site(files: &crate::site::SiteFiles) -> String {
    content_security_policy(files.text("index.html").unwrap_or_default())
}

/// Adds the security headers to every response.
pub async fn headers(
    State(policy): State<std::sync::Arc<HeaderValue>>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, (*policy).clone());
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("geolocation=(), microphone=(), camera=(self), payment=()"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_code_is_allowed_by_hash_and_external_code_by_origin() {
        let html = r#"<style>b{}</style><script type="module">go()</script><script src="/x.js"></script><script nomodule>old()</script>"#;
        let csp = content_security_policy(html);
        let expect = |body: &str| {
            let b64 =
                base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body.as_bytes()));
            format!("'sha256-{b64}'")
        };
        assert!(csp.contains(&expect("go()")));
        assert!(csp.contains(&expect("old()")));
        assert!(csp.contains(&format!("style-src 'self' {}", expect("b{}"))));
        assert!(!csp.contains("unsafe-inline"));
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(csp.contains("frame-ancestors 'none'"));
    }
}
