//! The wire types: every JSON body the API sends or accepts, defined once.
//!
//! This module compiles without Leptos (the server uses it with the `ui`
//! feature off) and with `openapi` it also derives the schemas for the
//! server's OpenAPI document.

mod account;
mod audit;
mod community;
mod error;
mod fees;
mod health;
mod money;
mod notice;
mod office;
mod page;
mod points;
mod repair;
mod repair_flow;
mod shop;
pub mod text;
pub mod time;

pub use account::{
    ChangePasswordRequest, CommunityAccess, HelperInfo, HouseholdAccess, IssuedCode, Language,
    LinkHelperRequest, LoginRequest, Me, RegisterRequest, Relation, ResetPasswordRequest, Role,
    UpdateMe,
};
pub use audit::{AuditEntry, AuditExportQuery, AuditPage, AuditQuery};
pub use community::{BuildingKind, CommunitySummary};
pub use error::{ErrorBody, ErrorCode, ErrorDetail, ErrorWords};
pub use fees::{
    Arrear, Bill, BillHousehold, BillList, BillStatus, BillingPeriod, BillsQuery, Collection,
    ExportQuery, FeeBasis, FeeSchedule, FeeSummary, GenerateBills, GenerateResult, ImportQuery,
    ImportReport, ImportRow, NewFeeSchedule, NewPayment, Payment, PaymentMethod, ReversePayment,
    SummaryQuery,
};
pub use health::Health;
pub use money::{bill_amount, daxie, parse_yuan, yuan};
pub use notice::{
    Building, Contact, NewNotice, Notice, NoticeCategory, NoticeList, NoticeQuery, NoticeReach,
    NoticeSummary, NoticeUpdate, UnreachedHousehold,
};
pub use office::{
    CommunityOverview, CreateManagerRequest, CreateStaffRequest, CreatedUser, HouseholdRow,
    HouseholdsQuery, NewCommunityRequest, PasswordResetRequest, RegistrationSlip, SlipSheet,
    SlipsQuery,
};
pub use page::{MAX_LIMIT, Page, PageQuery};
pub use points::{
    AwardResult, BoardLine, BoardQuery, EntryKind, Leaderboard, Ledger, LedgerEntry, LedgerQuery,
    NewAdjustment, NewAward, NewPointRule, PointResident, PointRule, PointRuleUpdate,
    PointSettings, PointSummary, PointUnit, ResidentsQuery, ReverseEntry, award_points, rank,
    surname_only,
};
pub use repair::{
    ActionName, CONFIRM_WITHIN_DAYS, EventKind, MAX_NOTE_CHARS, MAX_PHOTOS, NORMAL_WITHIN_HOURS,
    NewRepair, Photo, Repair, RepairAction, RepairCategory, RepairChannel, RepairDetail,
    RepairEvent, RepairExportQuery, RepairFigures, RepairList, RepairScope, RepairSummary,
    RepairSummaryQuery, RepairsQuery, URGENT_WITHIN_HOURS, Upload, Worker, ticket_number,
};
pub use repair_flow::{
    Move, Party, Refusal, RepairStatus, TicketState, allowed_actions, transition,
};
pub use shop::{
    CancelRedemption, ItemsQuery, NewRedemption, NewShopItem, Redemption, RedemptionStatus,
    RedemptionsQuery, ShopItem, ShopItemUpdate,
};
pub use text::{
    Address, BuildingName, CommunityName, ContactName, FlatLabel, ItemDescription, ItemName,
    NoticeBody, NoticeTitle, PaymentNote, PersonName, Place, Reason, ReceiptNo, RepairDescription,
    RepairNote, ShortNote, Text, TextError, TextKind,
};
