use leptos::prelude::*;

use super::intro::IntroPage;
use crate::components::icons::Icon;

/// 积分超市.
#[component]
pub fn PointsPage() -> impl IntoView {
    view! { <IntroPage icon=Icon::Gift title=|t| t.points_title intro=|t| t.points_intro how=|t| t.points_ask_office /> }
}
