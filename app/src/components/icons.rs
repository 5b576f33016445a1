//! Inline SVG icons (never emoji: they render as empty boxes on phones
//! without an emoji font). Decorative: the words beside them carry meaning.

use leptos::prelude::*;

/// The icons the interface uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    Home,
    Wrench,
    Gift,
    Bell,
    User,
    Phone,
    Coin,
    Text,
    Tap,
    Drain,
    Bolt,
    Flame,
    Radiator,
    Door,
    Building,
    Dots,
    Star,
    Camera,
    Mail,
    Heart,
}

impl Icon {
    fn paths(self) -> &'static [&'static str] {
        match self {
            Self::Home => &["M3 11l9-7 9 7v9H5v-9"],
            Self::Wrench => &[
                "M14.7 6.3a4 4 0 0 0-5.4 5.4L3 18l3 3 6.3-6.3a4 4 0 0 0 5.4-5.4l-2.5 2.5-2.4-.6-.6-2.4z",
            ],
            Self::Gift => &[
                "M3 9h18v4H3zM5 13h14v8H5zM12 9v12M12 9S10 4 7.5 5 9 9 12 9zm0 0s2-5 4.5-4S15 9 12 9z",
            ],
            Self::Bell => &["M6 17V11a6 6 0 0 1 12 0v6l2 2H4zM10 21h4"],
            Self::User => &[
                "M12 4a4 4 0 1 1 0 8a4 4 0 1 1 0-8z",
                "M4 21c1-4 4-6 8-6s7 2 8 6",
            ],
            Self::Phone => &[
                "M5 3h4l2 5-3 2a11 11 0 0 0 6 6l2-3 5 2v4a2 2 0 0 1-2 2A18 18 0 0 1 3 5a2 2 0 0 1 2-2z",
            ],
            Self::Coin => &[
                "M12 3a9 9 0 1 1 0 18a9 9 0 1 1 0-18z",
                "M8 8l4 4 4-4M12 12v6M9 13h6M9 16h6",
            ],
            Self::Text => &["M4 6h10M9 6v13M14 11h6M17 11v8"],
            Self::Tap => &[
                "M4 8h9a4 4 0 0 1 4 4v2M8 8V5h4M14 4h-6",
                "M17 17c-1 1.5-1 3 0 3s1-1.5 0-3z",
            ],
            Self::Drain => &["M3 6h18l-2 6H5z", "M9 12v4a3 3 0 0 0 6 0v-4", "M12 19v2"],
            Self::Bolt => &["M13 2L4 14h7l-1 8 9-12h-7z"],
            Self::Flame => {
                &["M12 3c4 4 6 7 6 10a6 6 0 0 1-12 0c0-2 1-4 3-6 0 2 1 3 2 3 0-3 0-5 1-7z"]
            }
            Self::Radiator => &["M5 6v12M9 6v12M13 6v12M17 6v12M3 9h18M3 15h18"],
            Self::Door => &["M6 21V3h12v18M3 21h18", "M14 12h.01"],
            Self::Building => &["M4 21V5l8-3 8 3v16M9 21v-4h6v4M8 8h2M14 8h2M8 12h2M14 12h2"],
            Self::Dots => &["M5 12h.01M12 12h.01M19 12h.01"],
            Self::Star => &["M12 3l2.8 5.8 6.2.9-4.5 4.4 1 6.3-5.5-3-5.5 3 1-6.3L3 9.7l6.2-.9z"],
            Self::Camera => &[
                "M4 8h3l2-3h6l2 3h3v11H4z",
                "M12 10a3 3 0 1 1 0 6a3 3 0 1 1 0-6z",
            ],
            Self::Mail => &["M3 6h18v12H3z", "M3 7l9 6 9-6"],
            Self::Heart => &["M12 20s-7-4.5-7-10a4 4 0 0 1 7-2.5A4 4 0 0 1 19 10c0 5.5-7 10-7 10z"],
        }
    }
}

/// An icon at 1.6em, in the current text colour.
#[component]
pub fn Svg(icon: Icon) -> impl IntoView {
    view! {
        <svg class="i" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            {icon
                .paths()
                .iter()
                .map(|d| view! { <path d=*d fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" /> })
                .collect_view()}
        </svg>
    }
}
