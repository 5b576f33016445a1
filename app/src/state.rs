//! The state every page shares: who is logged in and for which household,
//! the chosen community, the notice and repair feeds behind the badges,
//! the offline marker and large-text mode. `App` provides it; pages reach
//! it through the `use_*` functions here, never through `app`.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::i18n::Lang;
use crate::model::{
    CommunitySummary, Counts, HouseholdAccess, Language, Me, NoticeList, Page, RepairSummary, Role,
    UpdateMe,
};
use crate::prefs;

/// Who is logged in, and which household they act for.
#[derive(Clone, Copy)]
pub struct SessionState {
    pub me: RwSignal<Option<Me>>,
    /// True once `GET /me` has answered (logged in or not).
    pub checked: RwSignal<bool>,
    pub acting_for: RwSignal<Option<i64>>,
    /// The preferences, held here (not looked up from context) because
    /// `sign_in` also runs in spawned tasks, which have no reactive owner.
    pub(crate) lang: RwSignal<Lang>,
    pub(crate) large: RwSignal<bool>,
}

impl SessionState {
    /// After login or registration: remember the person, pick the household
    /// they act for, and apply their preferences (or, for a new account, give
    /// the server the ones this device already had).
    pub fn sign_in(&self, me: Me, adopt_server_prefs: bool) {
        // Large text is never switched off behind someone's back: an elderly
        // person who turned it on before logging in keeps it, and so does
        // their account from then on.
        let large = self.large.get_untracked() || me.large_text;
        let mut save = large != me.large_text;
        if adopt_server_prefs {
            self.lang.set(Lang::from_tag(me.language.as_str()));
        } else {
            save = true;
        }
        self.large.set(large);
        let stored =
            prefs::acting_for().filter(|h| me.households.iter().any(|x| x.household_id == *h));
        let acting = stored.or_else(|| me.households.first().map(|h| h.household_id));
        self.set_acting_for(acting);
        self.me.set(Some(me));
        if save {
            self.save_prefs();
        }
    }

    /// Saves the preferences to the server when someone is logged in.
    fn save_prefs(&self) {
        if self.me.get_untracked().is_none() {
            return;
        }
        let language = if self.lang.get_untracked() == Lang::En {
            Language::En
        } else {
            Language::ZhCn
        };
        let large_text = self.large.get_untracked();
        spawn_local(async move {
            // A failed save is harmless: the device remembers it too.
            let _ = api::update_me(UpdateMe {
                language: Some(language),
                large_text: Some(large_text),
                office_community_id: None,
            })
            .await;
        });
    }

    pub fn set_acting_for(&self, household: Option<i64>) {
        api::set_acting_for(household);
        if let Some(h) = household {
            prefs::set_acting_for(h);
        }
        self.acting_for.set(household);
    }

    pub fn sign_out(&self) {
        api::forget_offline_copies();
        api::set_acting_for(None);
        self.acting_for.set(None);
        self.me.set(None);
    }

    /// The household being acted for, with its details.
    pub fn acting_household(&self) -> Option<HouseholdAccess> {
        let id = self.acting_for.get()?;
        self.me
            .get()?
            .households
            .into_iter()
            .find(|h| h.household_id == id)
    }

    pub fn is_manager(&self) -> bool {
        self.managed_community().is_some()
    }

    /// The community the person manages (the first, if several), read
    /// reactively: an office page that needs it asks when it fetches or
    /// sends, never once when it is built (before `GET /me` has answered).
    pub fn managed_community(&self) -> Option<(i64, String)> {
        self.me.with(|me| {
            let me = me.as_ref()?;
            let managed = || me.communities.iter().filter(|c| c.role == Role::Manager);
            managed()
                .find(|c| Some(c.community_id) == me.office_community_id)
                .or_else(|| managed().next())
                .map(|c| (c.community_id, c.community_name.clone()))
        })
    }

    /// The communities the person manages, when there are several (the
    /// header then offers the switch).
    pub fn managed_communities(&self) -> Vec<(i64, String)> {
        self.me.with(|me| {
            me.as_ref().map_or_else(Vec::new, |me| {
                me.communities
                    .iter()
                    .filter(|c| c.role == Role::Manager)
                    .map(|c| (c.community_id, c.community_name.clone()))
                    .collect()
            })
        })
    }
}

pub fn use_session() -> SessionState {
    expect_context::<SessionState>()
}

/// The buildings of the community the person manages, fetched once it is
/// known (none before `GET /me` answers, or on a network failure).
pub fn use_managed_buildings() -> LocalResource<Vec<crate::model::Building>> {
    let community = use_managed_community();
    LocalResource::new(move || {
        let community = community.get();
        async move {
            match community {
                Some(c) => api::buildings(c).await.unwrap_or_default(),
                None => Vec::new(),
            }
        }
    })
}

/// The id of the community the person manages, as a signal: read it
/// (tracked) where a page fetches, so the fetch waits for `GET /me`.
pub fn use_managed_community() -> Signal<Option<i64>> {
    let session = use_session();
    Signal::derive(move || session.managed_community().map(|(id, _)| id))
}

/// The communities this deployment serves, and the one the user picked.
#[derive(Clone, Copy)]
pub struct CommunityState {
    /// `None` until `load` has answered (the first screens are rendered
    /// with it set: `first_screen`).
    pub list: RwSignal<Option<Result<Page<CommunitySummary>, ApiError>>>,
    pub chosen: RwSignal<Option<i64>>,
    pub(crate) session: SessionState,
}

impl CommunityState {
    /// Fetches the list (again); what is on screen stays until it answers.
    pub fn load(&self) {
        let list = self.list;
        spawn_local(async move { list.set(Some(api::communities().await)) });
    }

    /// The community the screens speak for: that of the household acted for
    /// (or the community worked in), else the chosen one, or the only one.
    pub fn current(&self) -> Option<CommunitySummary> {
        let session = self.session;
        if let Some(h) = session.acting_household() {
            return Some(CommunitySummary {
                id: h.community_id,
                name: h.community_name,
                office_phone: h.office_phone,
            });
        }
        let office = session.me.with(|me| {
            me.as_ref()?.office_community().map(|c| CommunitySummary {
                id: c.community_id,
                name: c.community_name.clone(),
                office_phone: c.office_phone.clone(),
            })
        });
        if office.is_some() {
            return office;
        }
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

/// The current notices of the household acted for (or the office's
/// community): the unread badge on 通知 and the urgent banner on 首页.
#[derive(Clone, Copy)]
pub struct NoticeFeed {
    /// `None` when nobody is signed in; else the answer (`None` if it failed).
    list: LocalResource<Option<Option<NoticeList>>>,
    /// What the first screens are rendered with (`first_screen`), until
    /// the list has loaded; never set in the browser.
    pub(crate) seed: RwSignal<Option<NoticeList>>,
    counts: CountsFeed,
}

impl NoticeFeed {
    /// The list, once loaded and when logged in.
    pub fn get(&self) -> Option<NoticeList> {
        self.list
            .get()
            .flatten()
            .flatten()
            .or_else(|| self.seed.get())
    }

    /// Whether a signed-in person's answer has arrived (a resource keeps its
    /// answer from before the session was known while it asks again).
    pub fn loaded(&self) -> bool {
        self.list.with(|l| matches!(l, Some(Some(_))))
    }

    pub fn refetch(&self) {
        self.list.refetch();
        self.counts.refetch();
    }
}

pub fn use_notice_feed() -> NoticeFeed {
    expect_context::<NoticeFeed>()
}

/// My household's tickets and the office's figures, for the cards on 首页
/// and the queue: each card loads its own (so the shell never carries the
/// ticket type); a change anywhere bumps `version` and they all load again,
/// with the badges' counts.
#[derive(Clone, Copy)]
pub struct RepairFeed {
    version: RwSignal<u32>,
    session: SessionState,
    counts: CountsFeed,
}

impl RepairFeed {
    /// The summary, loaded for the calling component and again on every
    /// change, login and household switch.
    pub fn summary(&self) -> LocalResource<Option<RepairSummary>> {
        let (version, session) = (self.version, self.session);
        LocalResource::new(move || {
            version.track();
            let logged_in = session.me.with(Option::is_some);
            session.acting_for.track();
            async move {
                if logged_in {
                    api::repair_summary().await.ok()
                } else {
                    None
                }
            }
        })
    }

    pub fn refetch(&self) {
        self.version.update(|v| *v = v.wrapping_add(1));
        self.counts.refetch();
    }
}

pub fn use_repair_feed() -> RepairFeed {
    expect_context::<RepairFeed>()
}

/// Every badge's count (`GET /counts`): fetched at sign-in and on a
/// household switch, when the page is shown again, every few minutes while
/// it is open, and after one's own changes.
#[derive(Clone, Copy)]
pub struct CountsFeed {
    /// `None` when nobody is signed in; else the answer (`None` if it failed).
    counts: LocalResource<Option<Option<Counts>>>,
    /// What the first screens are rendered with (`first_screen`); never
    /// set in the browser.
    pub(crate) seed: RwSignal<Option<Counts>>,
}

impl CountsFeed {
    fn new(session: SessionState) -> Self {
        let tick = RwSignal::new(0_u32);
        #[cfg(feature = "csr")]
        {
            /// How often the badges ask while the page is open.
            const COUNTS_EVERY_MS: i32 = 3 * 60 * 1000;
            use wasm_bindgen::JsCast;
            use wasm_bindgen::closure::Closure;
            let bump = move || tick.update(|n| *n = n.wrapping_add(1));
            let on_visible = Closure::<dyn Fn()>::new(move || {
                if document().visibility_state() == web_sys::VisibilityState::Visible {
                    bump();
                }
            });
            document()
                .add_event_listener_with_callback(
                    "visibilitychange",
                    on_visible.as_ref().unchecked_ref(),
                )
                .ok();
            on_visible.forget();
            let every = Closure::<dyn Fn()>::new(move || {
                if document().visibility_state() == web_sys::VisibilityState::Visible {
                    bump();
                }
            });
            window()
                .set_interval_with_callback_and_timeout_and_arguments_0(
                    every.as_ref().unchecked_ref(),
                    COUNTS_EVERY_MS,
                )
                .ok();
            every.forget();
        }
        Self {
            counts: LocalResource::new(move || {
                let logged_in = session.me.with(Option::is_some);
                session.acting_for.track();
                tick.track();
                async move {
                    if logged_in {
                        Some(api::counts().await.ok())
                    } else {
                        None
                    }
                }
            }),
            seed: RwSignal::new(None),
        }
    }

    pub fn get(&self) -> Option<Counts> {
        self.counts
            .get()
            .flatten()
            .flatten()
            .or_else(|| self.seed.get())
    }

    /// Whether a signed-in person's counts have arrived (not the empty
    /// answer from before the session was known).
    pub fn loaded(&self) -> bool {
        self.counts.with(|c| matches!(c, Some(Some(_))))
    }

    pub fn refetch(&self) {
        self.counts.refetch();
    }
}

pub fn use_counts() -> CountsFeed {
    expect_context::<CountsFeed>()
}

/// When the answers on screen come from the offline copy: when it was saved.
#[derive(Clone, Copy)]
pub struct Offline(pub RwSignal<Option<String>>);

/// Whether large-text mode (长辈模式) is on.
#[derive(Clone, Copy)]
pub(crate) struct LargeText(pub(crate) RwSignal<bool>);

pub fn use_large_text() -> RwSignal<bool> {
    expect_context::<LargeText>().0
}

/// Provides the state every page shares, before anything is known: no one
/// logged in, no community list, no feeds. `App` then starts filling it;
/// `first_screen` fills it with placeholders instead.
pub(crate) fn provide(lang: Lang, large: bool, chosen: Option<i64>) -> SessionState {
    let lang = RwSignal::new(lang);
    let large = RwSignal::new(large);
    provide_context(crate::i18n::I18n(lang));
    provide_context(LargeText(large));
    let session = SessionState {
        me: RwSignal::new(None),
        checked: RwSignal::new(false),
        acting_for: RwSignal::new(None),
        lang,
        large,
    };
    provide_context(session);
    provide_context(Offline(RwSignal::new(None::<String>)));
    provide_context(CommunityState {
        list: RwSignal::new(None),
        chosen: RwSignal::new(chosen),
        session,
    });
    let counts = CountsFeed::new(session);
    provide_context(counts);
    provide_context(NoticeFeed {
        list: LocalResource::new(move || {
            let logged_in = session.me.with(Option::is_some);
            session.acting_for.track();
            async move {
                if logged_in {
                    Some(api::notices(false).await.ok())
                } else {
                    None
                }
            }
        }),
        seed: RwSignal::new(None),
        counts,
    });
    provide_context(RepairFeed {
        version: RwSignal::new(0),
        session,
        counts,
    });
    session
}

/// Changes a preference the way a person does: at once, on this device, and
/// for their account when logged in.
pub fn set_preference(large: Option<bool>, lang: Option<Lang>) {
    let session = use_session();
    if let Some(l) = large {
        session.large.set(l);
    }
    if let Some(l) = lang {
        session.lang.set(l);
    }
    session.save_prefs();
}
