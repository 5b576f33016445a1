use leptos::prelude::*;

use super::intro::IntroPage;
use crate::components::icons::Icon;

/// 通知公告.
#[component]
pub fn NoticesPage() -> impl IntoView {
    view! { <IntroPage icon=Icon::Bell title=|t| t.notices_title intro=|t| t.notices_intro how=|t| t.notices_ask_office /> }
}
