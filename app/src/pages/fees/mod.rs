use leptos::prelude::*;

use super::intro::IntroPage;
use crate::components::icons::Icon;

/// 物业费.
#[component]
pub fn FeesPage() -> impl IntoView {
    view! { <IntroPage icon=Icon::Coin title=|t| t.fees_title intro=|t| t.fees_intro how=|t| t.fees_ask_office /> }
}
