//! The root component: it provides the shared state (`state`), and lays
//! out the header, the routes and the tab bar.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::Lazy;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api;
use crate::components::{ActForBanner, AppHeader, OfflineBanner, TabBar};
use crate::i18n::{I18n, Lang};
use crate::pages::{home, not_found};
use crate::prefs;
use crate::routes;
use crate::state::{CommunityState, LargeText, NoticeFeed, Offline, RepairFeed, SessionState};

/// Courtyard, as mounted on the page.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(prefs::lang().map_or(Lang::default(), |t| Lang::from_tag(&t)));
    let large = RwSignal::new(prefs::large_text());
    provide_context(I18n(lang));
    provide_context(LargeText(large));
    let session = SessionState {
        me: RwSignal::new(None),
        checked: RwSignal::new(false),
        acting_for: RwSignal::new(None),
        lang,
        large,
    };
    provide_context(session);
    let offline = RwSignal::new(None::<String>);
    api::watch_offline(offline);
    provide_context(Offline(offline));
    provide_context(CommunityState {
        list: LocalResource::new(api::communities),
        chosen: RwSignal::new(prefs::community()),
        session,
    });
    Effect::new(move || {
        let (on, tag) = (large.get(), lang.get().tag());
        prefs::set_large_text(on);
        prefs::set_lang(tag);
        prefs::apply_to_document(on, tag);
    });
    provide_context(NoticeFeed(LocalResource::new(move || {
        let logged_in = session.me.with(Option::is_some);
        session.acting_for.track();
        async move {
            if logged_in {
                api::notices(false).await.ok()
            } else {
                None
            }
        }
    })));
    provide_context(RepairFeed(LocalResource::new(move || {
        let logged_in = session.me.with(Option::is_some);
        session.acting_for.track();
        async move {
            if logged_in {
                api::repair_summary().await.ok()
            } else {
                None
            }
        }
    })));
    spawn_local(async move {
        if let Ok(me) = api::me().await {
            session.sign_in(me, true);
        }
        session.checked.set(true);
    });

    view! {
        <Router>
            <AppHeader />
            <ActForBanner />
            <OfflineBanner />
            <main id="main">
                <Routes fallback=not_found::NotFoundPage>
                    <Route path=path!("/") view=home::HomePage />
                    <Route path=path!("/repairs") view={Lazy::<routes::Repairs>::new()} />
                    <Route path=path!("/repairs/new") view={Lazy::<routes::NewRepair>::new()} />
                    <Route path=path!("/repairs/:id") view={Lazy::<routes::RepairDetail>::new()} />
                    <Route path=path!("/manage/repairs") view={Lazy::<routes::RepairQueue>::new()} />
                    <Route path=path!("/points") view={Lazy::<routes::Points>::new()} />
                    <Route path=path!("/points/board") view={Lazy::<routes::Board>::new()} />
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
                    <Route path=path!("/manage/import") view={Lazy::<routes::Import>::new()} />
                    <Route path=path!("/manage/audit") view={Lazy::<routes::Audit>::new()} />
                    <Route path=path!("/me") view={Lazy::<routes::Me>::new()} />
                    <Route path=path!("/help/install") view={Lazy::<routes::InstallGuide>::new()} />
                    <Route path=path!("/login") view={Lazy::<routes::Login>::new()} />
                    <Route path=path!("/register") view={Lazy::<routes::Register>::new()} />
                    <Route path=path!("/reset-password") view={Lazy::<routes::ResetPassword>::new()} />
                    <Route path=path!("/manage") view={Lazy::<routes::Manage>::new()} />
                    <Route path=path!("/manage/codes") view={Lazy::<routes::Codes>::new()} />
                </Routes>
            </main>
            <TabBar />
        </Router>
    }
}
