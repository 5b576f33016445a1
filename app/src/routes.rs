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

use crate::pages::{account, fees, guide, home, manage, notices, points, repairs};

/// `capability!(loader: Part { Route => Component, … } also { Part =>
/// Component, … })` declares one split point, `loader(Part)`, that renders
/// any of the capability's pages or other parts (a card on 首页), and a
/// route type per page that loads it.
macro_rules! capability {
    ($loader:ident: $parts:ident {
        $($route:ident => $component:path,)*
    } also {
        $($part:ident => $part_component:path,)*
    }) => {
        #[derive(Clone, Copy)]
        pub enum $parts {
            $($route,)*
            $($part,)*
        }

        #[leptos::lazy]
        pub fn $loader(part: $parts) -> AnyView {
            match part {
                $($parts::$route => view! { <$component /> }.into_any(),)*
                $($parts::$part => view! { <$part_component /> }.into_any(),)*
            }
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

capability!(account_page: AccountPage {
    Login => account::LoginPage,
    Register => account::RegisterPage,
    ResetPassword => account::ResetPasswordPage,
    Me => account::MePage,
    InstallGuide => guide::InstallGuidePage,
} also {});

capability!(repairs_page: RepairsPage {
    Repairs => repairs::RepairsPage,
    NewRepair => repairs::NewRepairPage,
    RepairDetail => repairs::RepairDetailPage,
} also {
    HomeCard => home::MyRepairsCard,
});

capability!(points_page: PointsPage {
    Points => points::PointsPage,
    Board => points::BoardPage,
} also {
    HomeCard => home::PointsCard,
});

capability!(notices_page: NoticesPage {
    Notices => notices::NoticesPage,
    NoticeDetail => notices::NoticeDetailPage,
} also {});

capability!(fees_page: FeesPage {
    Fees => fees::FeesPage,
    Receipt => fees::ReceiptPage,
} also {
    HomeCard => home::MyFeeCard,
});

capability!(office_page: OfficePage {
    RepairQueue => repairs::RepairQueuePage,
    PointsOffice => points::PointsOfficePage,
    ShopOffice => points::ShopOfficePage,
    NewNotice => notices::NewNoticePage,
    EditNotice => notices::EditNoticePage,
    NoticeReach => notices::NoticeReachPage,
    NoticePrint => notices::NoticePrintPage,
    FeeOffice => manage::FeeOfficePage,
    Import => manage::ImportPage,
    Audit => manage::AuditPage,
    Manage => manage::ManagePage,
    Codes => manage::CodesPage,
} also {
    HomeCards => home::OfficeCards,
});
