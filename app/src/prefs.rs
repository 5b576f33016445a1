//! Preferences kept in the browser until accounts keep them per user:
//! language, large text, and the chosen community.
//!
//! Each is mirrored into a cookie (`courtyard_lang`, `courtyard_large`,
//! `courtyard_community`, `courtyard_acting_for`): the server reads them to
//! send the right first screen (`first_screen`) before the app runs.

use wasm_bindgen::JsCast;
use web_sys::Storage;

const LANG: &str = "courtyard.lang";
const LARGE: &str = "courtyard.large_text";
const COMMUNITY: &str = "courtyard.community";

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

fn write(key: &str, value: &str) {
    // A browser in private mode may refuse; the choice then lasts this visit.
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
    set_cookie(key, value);
}

/// `courtyard.lang` → the cookie `courtyard_lang`, for a year, this site only.
fn set_cookie(key: &str, value: &str) {
    let Some(document) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
    else {
        return;
    };
    let name = key.replace('.', "_");
    let _ = document.set_cookie(&format!(
        "{name}={value}; path=/; max-age=31536000; samesite=lax"
    ));
}

/// Copies what this device remembers into the cookies (a device that chose
/// before the cookies existed has only local storage).
pub fn mirror_to_cookies() {
    for key in [LANG, LARGE, COMMUNITY, ACTING_FOR] {
        if let Some(value) = read(key) {
            set_cookie(key, &value);
        }
    }
}

/// The root element, which the server (from the cookies) and index.html's
/// head script (from local storage) mark before the first paint.
fn root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

pub fn lang() -> Option<String> {
    read(LANG).or_else(|| root()?.get_attribute("lang"))
}

pub fn set_lang(tag: &str) {
    write(LANG, tag);
}

pub fn large_text() -> bool {
    match read(LARGE) {
        Some(on) => on == "1",
        None => root().is_some_and(|r| r.class_list().contains("large")),
    }
}

pub fn set_large_text(on: bool) {
    write(LARGE, if on { "1" } else { "0" });
}

pub fn community() -> Option<i64> {
    read(COMMUNITY)?.parse().ok()
}

pub fn set_community(id: i64) {
    write(COMMUNITY, &id.to_string());
}

/// Applies the large-text class and the page language to `<html>`, which is
/// what the style sheet keys its sizes on.
pub fn apply_to_document(large: bool, lang_tag: &str) {
    let Some(root) = root() else {
        return;
    };
    let _ = if large {
        root.class_list().add_1("large")
    } else {
        root.class_list().remove_1("large")
    };
    let _ = root.set_attribute("lang", lang_tag);
}

const ACTING_FOR: &str = "courtyard.acting_for";

pub fn acting_for() -> Option<i64> {
    read(ACTING_FOR)?.parse().ok()
}

pub fn set_acting_for(household: i64) {
    write(ACTING_FOR, &household.to_string());
}
