use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};
use std::fmt::Write as _;

/// A QR code as inline SVG (one path, crisp at any print size).
#[component]
pub fn QrSvg(text: String) -> impl IntoView {
    let Ok(qr) = QrCode::encode_text(&text, QrCodeEcc::Medium) else {
        return ().into_any();
    };
    let size = qr.size();
    let mut d = String::new();
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                let _ = write!(d, "M{},{}h1v1h-1z", x + 4, y + 4);
            }
        }
    }
    let view_box = format!("0 0 {0} {0}", size + 8);
    view! {
        <svg class="qr" viewBox=view_box role="img" aria-label=text>
            <rect width="100%" height="100%" fill="#fff" />
            <path d=d fill="#000" />
        </svg>
    }
    .into_any()
}
