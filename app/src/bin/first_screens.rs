//! Writes the first screens (`app::first_screen`) as JSON to the path given.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: first-screens <out.json>");
        std::process::exit(2);
    };
    let screens = match app::first_screen::render_all() {
        Ok(screens) => screens,
        Err(why) => {
            eprintln!("first screens: {why}");
            std::process::exit(1);
        }
    };
    let json = serde_json::to_string(&screens).unwrap_or_default();
    if let Err(why) = std::fs::write(&path, json) {
        eprintln!("first screens: cannot write {path}: {why}");
        std::process::exit(1);
    }
}
