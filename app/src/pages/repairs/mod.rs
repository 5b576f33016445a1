use leptos::prelude::*;

use super::intro::IntroPage;
use crate::components::icons::Icon;

/// 报修.
#[component]
pub fn RepairsPage() -> impl IntoView {
    view! { <IntroPage icon=Icon::Wrench title=|t| t.repairs_title intro=|t| t.repairs_intro how=|t| t.repairs_by_phone /> }
}
