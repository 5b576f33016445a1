//! The pages, grouped by capability into lazily loaded pieces of the WASM.
//!
//! The shell and 首页 are in the main module: that is what a first visit
//! needs. Each other capability is one split point, so a resident who opens
//! 报修 downloads the repair pages once, and the office console (including
//! the office's cards on 首页) never reaches a resident's phone at all.
//! `cargo xtask build` splits the module at these points
//! (`xtask/src/split.rs`) and prints what each piece weighs.

use leptos::prelude::*;
use leptos_router::LazyRoute;

use crate::api::ApiError;
use crate::components::ErrorNotice;

use crate::pages::{
    accounts, activities, admin, audit, care, disclosures, fees, guide, home, households, inbox,
    manage, notices, points, repairs, shop, suggestions, votes,
};

/// `capability!(loader / piece: Part { Route => Component, … } also { Part
/// => Component, … })` declares one split point, `piece`, that renders any of
/// the capability's pages or other parts (a card on 首页); `loader(Part)`,
/// which downloads the piece when needed and shows it, or says in plain words
/// that it could not; and a route type per page that loads it.
macro_rules! capability {
    ($loader:ident / $piece:ident: $parts:ident {
        $($route:ident => $component:path,)*
    } also {
        $($part:ident => $part_component:path,)*
    }) => {
        #[derive(Clone, Copy)]
        pub enum $parts {
            $($route,)*
            $($part,)*
        }

        // `fallible`: a piece that does not arrive is an `Err`; without it
        // the splitter's wrapper panics, which aborts the whole app.
        #[::leptos::wasm_split::wasm_split(
            $piece,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )]
        fn $piece(part: $parts) -> Result<AnyView, PieceMissing> {
            Ok(match part {
                $($parts::$route => view! { <$component /> }.into_any(),)*
                $($parts::$part => view! { <$part_component /> }.into_any(),)*
            })
        }

        pub async fn $loader(part: $parts) -> AnyView {
            $piece(part).await.unwrap_or_else(|PieceMissing| missing())
        }

        $(
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_this: Self) -> AnyView {
                    $loader($parts::$route).await
                }
            }
        )*
    };
}

/// The English error words, in a piece of their own: most readers choose
/// Chinese, and their first visit should not carry them.
#[::leptos::wasm_split::wasm_split(
    english_errors_piece,
    wasm_split_path = ::leptos::wasm_split,
    fallible
)]
fn english_errors_piece() -> Result<&'static crate::model::ErrorWords, PieceMissing> {
    Ok(&crate::i18n::errors::EN)
}

/// Fetches the English error words (when English is chosen); without a
/// signal, errors read the general sentence until a later try succeeds.
pub async fn load_english_errors() {
    if let Ok(words) = english_errors_piece().await {
        crate::i18n::set_english_errors(words);
    }
}

/// A piece of the app that did not arrive: no signal, or a new version has
/// replaced the one this page started with.
pub struct PieceMissing;

impl From<leptos::wasm_split::SplitLoaderError> for PieceMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PieceMissing
    }
}

/// The network notice, whose retry loads the page afresh: that fetches the
/// piece again, and the current version's if there is a new one.
fn missing() -> AnyView {
    let retry = Callback::new(|()| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    view! { <ErrorNotice error=ApiError::Network retry /> }.into_any()
}

capability!(account_page / account_piece: AccountPage {
    Login => accounts::LoginPage,
    Register => accounts::RegisterPage,
    ResetPassword => accounts::ResetPasswordPage,
    Me => accounts::MePage,
    InstallGuide => guide::InstallGuidePage,
} also {});

capability!(repairs_page / repairs_piece: RepairsPage {
    Repairs => repairs::RepairsPage,
    NewRepair => repairs::NewRepairPage,
    RepairDetail => repairs::RepairDetailPage,
} also {
    HomeCard => home::MyRepairsCard,
});

capability!(points_page / points_piece: PointsPage {
    Points => points::PointsPage,
    Board => points::BoardPage,
    Statement => points::StatementPage,
} also {
    HomeCard => home::PointsCard,
});

capability!(notices_page / notices_piece: NoticesPage {
    Notices => notices::NoticesPage,
    NoticeDetail => notices::NoticeDetailPage,
} also {});

capability!(care_page / care_piece: CarePage {
    Care => care::CarePage,
} also {
    HomeCard => care::CareCard,
});

capability!(activities_page / activities_piece: ActivitiesPage {
    Activities => activities::ActivitiesPage,
    ActivityDetail => activities::ActivityPage,
    RunActivity => activities::RunActivityPage,
    NewActivity => activities::NewActivityPage,
    MyCode => activities::MyCodePage,
    Poster => activities::PosterPage,
    Turnout => activities::TurnoutPage,
} also {
    HomeCard => activities::ActivitiesCard,
});

capability!(votes_page / votes_piece: VotesPage {
    Votes => votes::VotesPage,
    VoteDetail => votes::VotePage,
    NewVote => votes::NewVotePage,
    VoteMissing => votes::MissingPrintPage,
    Suggestions => suggestions::SuggestionsPage,
    NewSuggestion => suggestions::NewSuggestionPage,
    SuggestionDetail => suggestions::SuggestionPage,
} also {});

capability!(inbox_page / inbox_piece: InboxPage {
    Inbox => inbox::InboxPage,
} also {});

capability!(fees_page / fees_piece: FeesPage {
    Fees => fees::FeesPage,
    Receipt => fees::ReceiptPage,
} also {
    HomeCard => home::MyFeeCard,
});

capability!(office_page / office_piece: OfficePage {
    RepairQueue => repairs::RepairQueuePage,
    PointsOffice => points::PointsOfficePage,
    ShopOffice => shop::ShopOfficePage,
    NewNotice => notices::NewNoticePage,
    EditNotice => notices::EditNoticePage,
    NoticeReach => notices::NoticeReachPage,
    NoticePrint => notices::NoticePrintPage,
    FeeOffice => fees::FeeOfficePage,
    FeeSlips => fees::ReminderSlipsPage,
    FeeSchedules => fees::FeeSchedulesPage,
    Disclosures => disclosures::DisclosuresPage,
    Import => households::ImportPage,
    Audit => audit::AuditPage,
    Manage => manage::ManagePage,
    Codes => households::CodesPage,
    CareMissed => care::MissedPage,
    District => admin::DistrictPage,
    AdminCommunity => admin::CommunityManagersPage,
} also {
    HomeCards => home::OfficeCards,
    OfficeSwitch => manage::OfficeSwitch,
    DistrictCard => admin::DistrictCard,
});
