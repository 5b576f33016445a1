//! The organiser's camera reading a resident's code: the back camera into a
//! `<video>`, a frame every quarter second onto a canvas, its grey levels
//! through `rqrr`. The first code read is handed over and the camera is
//! switched off. Typing the code stays the fallback (no camera, or refused).

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaStream};

use super::words;

/// The widest frame read: enough for a code held up to a phone.
const FRAME_WIDTH: u32 = 640;

/// The text of the first QR code in a grey image, if any.
pub fn read_code(width: usize, height: usize, grey: &[u8]) -> Option<String> {
    if grey.len() < width * height {
        return None;
    }
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| grey[y * width + x]);
    image
        .detect_grids()
        .into_iter()
        .find_map(|grid| grid.decode().ok().map(|(_, text)| text))
}

/// RGBA pixels to grey levels (ITU-R 601 weights, in integers).
fn grey_of(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .map(|p| {
            let [r, g, b] = [p[0], p[1], p[2]].map(u32::from);
            u8::try_from((299 * r + 587 * g + 114 * b) / 1000).unwrap_or(u8::MAX)
        })
        .collect()
}

/// Everything a running scan holds, released by [`Running::stop`].
struct Running {
    stream: MediaStream,
    timer: Option<IntervalHandle>,
}

impl Running {
    fn stop(&mut self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
        for track in self.stream.get_tracks().iter() {
            if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                track.stop();
            }
        }
    }
}

/// Reads one frame of the video; the code in it, if any.
fn frame(video: &HtmlVideoElement, canvas: &HtmlCanvasElement) -> Option<String> {
    let (vw, vh) = (video.video_width(), video.video_height());
    if vw == 0 || vh == 0 {
        return None;
    }
    let w = vw.min(FRAME_WIDTH);
    let h = vh * w / vw;
    canvas.set_width(w);
    canvas.set_height(h);
    let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    context
        .draw_image_with_html_video_element_and_dw_and_dh(
            video,
            0.0,
            0.0,
            f64::from(w),
            f64::from(h),
        )
        .ok()?;
    let data = context
        .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
        .ok()?
        .data();
    let (w, h) = (usize::try_from(w).ok()?, usize::try_from(h).ok()?);
    read_code(w, h, &grey_of(&data))
}

/// 用摄像头扫码: a button that opens the camera; `on_code` gets what it read.
#[component]
pub fn Scanner(on_code: Callback<String>) -> impl IntoView {
    let w = move || words();
    let video = NodeRef::<leptos::html::Video>::new();
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let running = StoredValue::new_local(None::<Running>);
    let on = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let stop = move || {
        running.update_value(|r| {
            if let Some(mut r) = r.take() {
                r.stop();
            }
        });
        on.set(false);
    };
    // The camera goes off when the page does.
    on_cleanup(stop);
    let start = {
        move |_| {
            failed.set(false);
            leptos::task::spawn_local(async move {
                let Some(stream) = camera().await else {
                    failed.set(true);
                    return;
                };
                let (Some(v), Some(c)) = (video.get_untracked(), canvas.get_untracked()) else {
                    return;
                };
                let v: HtmlVideoElement = v;
                v.set_src_object(Some(&stream));
                let _ = v.play();
                on.set(true);
                let c: HtmlCanvasElement = c;
                let timer = set_interval_with_handle(
                    move || {
                        if let Some(code) = frame(&v, &c) {
                            stop();
                            on_code.run(code);
                        }
                    },
                    std::time::Duration::from_millis(250),
                )
                .ok();
                running.set_value(Some(Running { stream, timer }));
            });
        }
    };
    view! {
        <div class="scanner no-print">
            <button type="button" class="button primary" on:click=start hidden=move || on.get()>
                {move || w().scan_camera}
            </button>
            <video node_ref=video class="scanner-video" hidden=move || !on.get() muted=true playsinline=true
                aria-label=move || w().scan_camera></video>
            <canvas node_ref=canvas hidden=true></canvas>
            {move || on.get().then(|| view! {
                <button type="button" class="button" on:click=move |_| stop()>{w().scan_stop}</button>
            })}
            {move || failed.get().then(|| view! { <p class="notice-bad" role="alert">{w().no_camera}</p> })}
        </div>
    }
}

/// The back camera, if there is one and the person allows it.
async fn camera() -> Option<MediaStream> {
    let devices = web_sys::window()?.navigator().media_devices().ok()?;
    let constraints = web_sys::MediaStreamConstraints::new();
    let video = js_sys::Object::new();
    js_sys::Reflect::set(&video, &"facingMode".into(), &"environment".into()).ok()?;
    constraints.set_video(&video);
    constraints.set_audio(&JsValue::FALSE);
    let promise = devices.get_user_media_with_constraints(&constraints).ok()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .dyn_into()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drawn_code_reads_back() {
        let qr = qrcodegen::QrCode::encode_text("a1b2c3d4e5f6", qrcodegen::QrCodeEcc::Medium)
            .expect("qr");
        let scale = 6;
        let size = usize::try_from(qr.size()).expect("size");
        let side = (size + 8) * scale;
        let mut grey = vec![255_u8; side * side];
        for y in 0..side {
            for x in 0..side {
                let (mx, my) = (x / scale, y / scale);
                let dark = (4..size + 4).contains(&mx)
                    && (4..size + 4).contains(&my)
                    && qr.get_module(
                        i32::try_from(mx - 4).expect("x"),
                        i32::try_from(my - 4).expect("y"),
                    );
                if dark {
                    grey[y * side + x] = 0;
                }
            }
        }
        assert_eq!(
            read_code(side, side, &grey).as_deref(),
            Some("a1b2c3d4e5f6")
        );
        assert_eq!(read_code(side, side, &vec![255; side * side]), None);
        assert_eq!(grey_of(&[255, 255, 255, 255, 0, 0, 0, 255]), vec![255, 0]);
    }
}
