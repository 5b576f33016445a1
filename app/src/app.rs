//! The root component: shared state (language, large text, community),
//! the header, the routes and the tab bar.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api::{self, ApiError};
use crate::components::{AppHeader, TabBar};
use crate::i18n::{I18n, Lang};
use crate::model::{CommunitySummary, Page};
use crate::pages::{account, fees, home, not_found, notices, points, repairs};
use crate::prefs;

/// The communities this deployment serves, and the one the user picked.
#[derive(Clone, Copy)]
pub struct CommunityState {
    pub list: LocalResource<Result<Page<CommunitySummary>, ApiError>>,
    pub chosen: RwSignal<Option<i64>>,
}

impl CommunityState {
    /// The community the screens speak for: the chosen one, or the only one.
    pub fn current(&self) -> Option<CommunitySummary> {
        let list = self.list.get()?.ok()?.items;
        match self.chosen.get() {
            Some(id) => list.into_iter().find(|c| c.id == id),
            None if list.len() == 1 => list.into_iter().next(),
            None => None,
        }
    }

    /// Remembers the user's choice.
    pub fn choose(&self, id: i64) {
        prefs::set_community(id);
        self.chosen.set(Some(id));
    }
}

pub fn use_community() -> CommunityState {
    expect_context::<CommunityState>()
}

/// Whether large-text mode (长辈模式) is on.
#[derive(Clone, Copy)]
struct LargeText(RwSignal<bool>);

pub fn use_large_text() -> RwSignal<bool> {
    expect_context::<LargeText>().0
}

/// Courtyard, as mounted on the page.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(prefs::lang().map_or(Lang::default(), |t| Lang::from_tag(&t)));
    let large = RwSignal::new(prefs::large_text());
    provide_context(I18n(lang));
    provide_context(LargeText(large));
    provide_context(CommunityState {
        list: LocalResource::new(api::communities),
        chosen: RwSignal::new(prefs::community()),
    });
    Effect::new(move || {
        let (on, tag) = (large.get(), lang.get().tag());
        prefs::set_large_text(on);
        prefs::set_lang(tag);
        prefs::apply_to_document(on, tag);
    });

    view! {
        <Router>
            <AppHeader />
            <main id="main">
                <Routes fallback=not_found::NotFoundPage>
                    <Route path=path!("/") view=home::HomePage />
                    <Route path=path!("/repairs") view=repairs::RepairsPage />
                    <Route path=path!("/points") view=points::PointsPage />
                    <Route path=path!("/notices") view=notices::NoticesPage />
                    <Route path=path!("/fees") view=fees::FeesPage />
                    <Route path=path!("/me") view=account::MePage />
                </Routes>
            </main>
            <TabBar />
        </Router>
    }
}
