//! The WASM entry point. A `bin` (not a `cdylib`) so release builds get LTO.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
    // The app is on screen: take down the loading screen index.html painted.
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}
