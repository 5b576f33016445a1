//! The WASM entry point. A `bin` (not a `cdylib`) so release builds get LTO.

fn main() {
    console_error_panic_hook::set_once();
    app::mount();
}
