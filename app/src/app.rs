//! The root component: it provides the shared state (`state`), and lays
//! out the header, the routes and the tab bar.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::Lazy;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api;
use crate::components::{ActForBanner, AppHeader, OfflineBanner, TabBar};
use crate::i18n::Lang;
use crate::pages::{home, not_found};
use crate::prefs;
use crate::routes;
use crate::state::{self, Offline, use_community};

/// Courtyard, as mounted on the page.
#[component]
pub fn App() -> impl IntoView {
    let session = state::provide(
        prefs::lang().map_or(Lang::default(), |t| Lang::from_tag(&t)),
        prefs::large_text(),
        prefs::community(),
    );
    api::watch_offline(expect_context::<Offline>().0);
    prefs::mirror_to_cookies();
    use_community().load();
    #[cfg(feature = "csr")]
    crate::takeover::when_ready(
        session,
        use_community(),
        crate::state::use_notice_feed(),
        crate::state::use_counts(),
    );
    let (large, lang) = (session.large, session.lang);
    Effect::new(move || {
        let (on, tag) = (large.get(), lang.get().tag());
        prefs::set_large_text(on);
        prefs::set_lang(tag);
        prefs::apply_to_document(on, tag);
        if lang.get() == Lang::En {
            spawn_local(routes::load_english_errors());
        }
    });
    spawn_local(async move {
        if let Ok(me) = api::me().await {
            session.sign_in(me, true);
        }
        session.checked.set(true);
    });

    // The state above and the pages below in two tasks, not one long one:
    // a slow phone stays responsive while the app starts (issue #17).
    let started = RwSignal::new(false);
    set_timeout(move || started.set(true), std::time::Duration::ZERO);
    view! {
        <Show when=move || started.get()>
        <Router>
            <Shell>
                <Routes fallback=not_found::NotFoundPage>
                    <Route path=path!("/") view=home::HomePage />
                    <Route path=path!("/repairs") view={Lazy::<routes::Repairs>::new()} />
                    <Route path=path!("/repairs/new") view={Lazy::<routes::NewRepair>::new()} />
                    <Route path=path!("/repairs/:id") view={Lazy::<routes::RepairDetail>::new()} />
                    <Route path=path!("/manage/repairs") view={Lazy::<routes::RepairQueue>::new()} />
                    <Route path=path!("/points") view={Lazy::<routes::Points>::new()} />
                    <Route path=path!("/points/board") view={Lazy::<routes::Board>::new()} />
                    <Route path=path!("/points/statement") view={Lazy::<routes::Statement>::new()} />
                    <Route path=path!("/manage/points") view={Lazy::<routes::PointsOffice>::new()} />
                    <Route path=path!("/manage/shop") view={Lazy::<routes::ShopOffice>::new()} />
                    <Route path=path!("/notices") view={Lazy::<routes::Notices>::new()} />
                    <Route path=path!("/notices/new") view={Lazy::<routes::NewNotice>::new()} />
                    <Route path=path!("/notices/:id") view={Lazy::<routes::NoticeDetail>::new()} />
                    <Route path=path!("/notices/:id/edit") view={Lazy::<routes::EditNotice>::new()} />
                    <Route path=path!("/notices/:id/reach") view={Lazy::<routes::NoticeReach>::new()} />
                    <Route path=path!("/notices/:id/print") view={Lazy::<routes::NoticePrint>::new()} />
                    <Route path=path!("/fees") view={Lazy::<routes::Fees>::new()} />
                    <Route path=path!("/fees/receipts/:id") view={Lazy::<routes::Receipt>::new()} />
                    <Route path=path!("/manage/fees") view={Lazy::<routes::FeeOffice>::new()} />
                    <Route path=path!("/manage/fees/slips") view={Lazy::<routes::FeeSlips>::new()} />
                    <Route path=path!("/manage/fees/schedules") view={Lazy::<routes::FeeSchedules>::new()} />
                    <Route path=path!("/manage/disclosures") view={Lazy::<routes::Disclosures>::new()} />
                    <Route path=path!("/manage/import") view={Lazy::<routes::Import>::new()} />
                    <Route path=path!("/manage/audit") view={Lazy::<routes::Audit>::new()} />
                    <Route path=path!("/me") view={Lazy::<routes::Me>::new()} />
                    <Route path=path!("/inbox") view={Lazy::<routes::Inbox>::new()} />
                    <Route path=path!("/votes") view={Lazy::<routes::Votes>::new()} />
                    <Route path=path!("/suggestions") view={Lazy::<routes::Suggestions>::new()} />
                    <Route path=path!("/suggestions/new") view={Lazy::<routes::NewSuggestion>::new()} />
                    <Route path=path!("/suggestions/:id") view={Lazy::<routes::SuggestionDetail>::new()} />
                    <Route path=path!("/votes/new") view={Lazy::<routes::NewVote>::new()} />
                    <Route path=path!("/votes/:id") view={Lazy::<routes::VoteDetail>::new()} />
                    <Route path=path!("/votes/:id/missing") view={Lazy::<routes::VoteMissing>::new()} />
                    <Route path=path!("/activities") view={Lazy::<routes::Activities>::new()} />
                    <Route path=path!("/activities/new") view={Lazy::<routes::NewActivity>::new()} />
                    <Route path=path!("/activities/my-code") view={Lazy::<routes::MyCode>::new()} />
                    <Route path=path!("/activities/turnout") view={Lazy::<routes::Turnout>::new()} />
                    <Route path=path!("/activities/:id/poster") view={Lazy::<routes::Poster>::new()} />
                    <Route path=path!("/activities/:id") view={Lazy::<routes::ActivityDetail>::new()} />
                    <Route path=path!("/activities/:id/run") view={Lazy::<routes::RunActivity>::new()} />
                    <Route path=path!("/care") view={Lazy::<routes::Care>::new()} />
                    <Route path=path!("/manage/care") view={Lazy::<routes::CareMissed>::new()} />
                    <Route path=path!("/help/install") view={Lazy::<routes::InstallGuide>::new()} />
                    <Route path=path!("/login") view={Lazy::<routes::Login>::new()} />
                    <Route path=path!("/register") view={Lazy::<routes::Register>::new()} />
                    <Route path=path!("/reset-password") view={Lazy::<routes::ResetPassword>::new()} />
                    <Route path=path!("/manage") view={Lazy::<routes::Manage>::new()} />
                    <Route path=path!("/manage/codes") view={Lazy::<routes::Codes>::new()} />
                    <Route path=path!("/admin") view={Lazy::<routes::District>::new()} />
                    <Route path=path!("/admin/communities/:id") view={Lazy::<routes::AdminCommunity>::new()} />
                </Routes>
            </Shell>
        </Router>
        </Show>
    }
}

/// What frames every page: the header with the office phone, the banners,
/// the page itself and the tab bar. The first screens (`first_screen`) are
/// this very component rendered to HTML.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    view! {
        <AppHeader />
        <ActForBanner />
        <OfflineBanner />
        <main id="main">{children()}</main>
        <TabBar />
    }
}
