//! The WASM entry point. A `bin` (not a `cdylib`) so release builds get LTO.

fn main() {
    console_error_panic_hook::set_once();
    // Mounting in a task of its own, after the one that instantiated the
    // WebAssembly: two shorter tasks instead of one long one.
    leptos::prelude::set_timeout(app::mount, std::time::Duration::ZERO);
}
