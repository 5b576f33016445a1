//! Taking over the first screen the server sent (`first_screen`): the app
//! renders beside it, hidden, and takes its place in one frame once it shows
//! the same page — who is logged in is known, the community list (or the
//! person's household) has arrived, and the page at the address is drawn.
//! What was typed before then, the focus and a submit that was held back
//! (index.html holds submits until the app is ready) carry over.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlFormElement, HtmlInputElement, HtmlTextAreaElement};

use crate::state::{CommunityState, CountsFeed, NoticeFeed, SessionState};

/// The element the server's first screen is in.
pub const FIRST_SCREEN: &str = "first-screen";
/// What can hold the focus, in document order.
const FOCUSABLE: &str = "a[href], button, input, select, textarea";
/// However slow the page's piece, the first screen gives way after this.
const AT_MOST: Duration = Duration::from_secs(20);

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The app is on screen: index.html's guards stand down.
pub fn mark_ready() {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-app", "ready");
    }
}

/// Mounts the app: hidden beside the first screen when there is one,
/// else into the body in place of the loading screen.
pub fn mount() {
    let Some(document) = document() else { return };
    let first = document.get_element_by_id(FIRST_SCREEN);
    let host = first.as_ref().and_then(|first| {
        let host = document.create_element("div").ok()?;
        host.set_id("app");
        host.set_attribute("hidden", "").ok()?;
        first.after_with_node_1(&host).ok()?;
        host.dyn_into::<HtmlElement>().ok()
    });
    if let Some(host) = host {
        leptos::mount::mount_to(host, crate::App).forget();
    } else {
        leptos::mount::mount_to_body(crate::App);
        // `App` draws its pages a task later; the loading screen stays
        // until then (timers of equal delay run in order).
        set_timeout(
            move || {
                if let Some(boot) = document.get_element_by_id("boot") {
                    boot.remove();
                }
                mark_ready();
            },
            Duration::ZERO,
        );
    }
}

/// Swaps the app in once it draws what the first screen shows.
pub fn when_ready(
    session: SessionState,
    community: CommunityState,
    notices: NoticeFeed,
    counts: CountsFeed,
) {
    if document()
        .and_then(|d| d.get_element_by_id(FIRST_SCREEN))
        .is_none()
    {
        return;
    }
    let started = js_sys::Date::now();
    Effect::new(move |polling: Option<bool>| {
        if polling == Some(true) {
            return true;
        }
        // Signed in: the person, their unread urgent notices (the banner
        // on 首页) and the badges' counts; else the community list.
        let known = session.checked.get()
            && if session.me.with(Option::is_some) {
                notices.loaded() && counts.loaded()
            } else {
                community.list.with(Option::is_some)
            };
        if known {
            poll(started);
        }
        known
    });
}

/// Each frame: is the page drawn (its piece may still be on the way)?
fn poll(started: f64) {
    request_animation_frame(move || {
        let Some(document) = document() else { return };
        let (Some(first), Some(app)) = (
            document.get_element_by_id(FIRST_SCREEN),
            document.get_element_by_id("app"),
        ) else {
            return;
        };
        let drawn = app.query_selector("main > *").ok().flatten().is_some();
        if drawn || js_sys::Date::now() - started > AT_MOST.as_secs_f64() * 1000.0 {
            swap(&first, &app);
        } else {
            poll(started);
        }
    });
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// A field's value, for inputs and text areas alike.
fn value_of(field: &Element) -> Option<String> {
    if let Some(input) = field.dyn_ref::<HtmlInputElement>() {
        return Some(input.value());
    }
    field
        .dyn_ref::<HtmlTextAreaElement>()
        .map(HtmlTextAreaElement::value)
}

/// Gives `field` the value typed into the first screen, as if typed: the
/// app's `on:input` picks it up.
fn type_into(field: &Element, value: &str) {
    if let Some(input) = field.dyn_ref::<HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = field.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(value);
    } else {
        return;
    }
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
        let _ = field.dispatch_event(&event);
    }
}

fn swap(first: &Element, app: &Element) {
    // Typed values, field by field (the same ids on both sides); a value the
    // app already has (a code from the link) stays.
    for field in all(first, "input[id], textarea[id]") {
        let Some(value) = value_of(&field).filter(|v| !v.is_empty()) else {
            continue;
        };
        let selector = format!("#{}", field.id());
        if let Some(target) = app.query_selector(&selector).ok().flatten()
            && value_of(&target).is_some_and(|v| v.is_empty())
        {
            type_into(&target, &value);
        }
    }
    // The focus, by position among the focusable elements, and the caret.
    let active = document().and_then(|d| d.active_element());
    let focus = active.as_ref().and_then(|a| {
        all(first, FOCUSABLE)
            .iter()
            .position(|e| e == a)
            .map(|i| (i, a.dyn_ref::<HtmlInputElement>().map(caret)))
    });
    // A submit index.html held back.
    let held = all(first, "form")
        .iter()
        .position(|f| f.has_attribute("data-held"));

    first.remove();
    let _ = app.remove_attribute("hidden");
    mark_ready();

    if let Some((i, caret_at)) = focus
        && let Some(target) = all(app, FOCUSABLE).get(i)
        && let Some(target) = target.dyn_ref::<HtmlElement>()
    {
        let _ = target.focus();
        if let (Some(input), Some(Some((start, end)))) =
            (target.dyn_ref::<HtmlInputElement>(), caret_at)
        {
            let _ = input.set_selection_range(start, end);
        }
    }
    if let Some(i) = held
        && let Some(form) = all(app, "form").get(i)
        && let Some(form) = form.dyn_ref::<HtmlFormElement>()
    {
        let _ = form.request_submit();
    }
}

fn caret(input: &HtmlInputElement) -> Option<(u32, u32)> {
    Some((input.selection_start().ok()??, input.selection_end().ok()??))
}
