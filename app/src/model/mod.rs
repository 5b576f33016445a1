//! The wire types: every JSON body the API sends or accepts, defined once.
//!
//! This module compiles without Leptos (the server uses it with the `ui`
//! feature off) and with `openapi` it also derives the schemas for the
//! server's OpenAPI document.

/// A value kept in a TEXT column that is not one of the enum's names: a
/// row that cannot be read, never a silent default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName(pub String);

impl std::fmt::Display for UnknownName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown stored name {:?}", self.0)
    }
}

impl std::error::Error for UnknownName {}

/// `TryFrom<String>` through the enum's `parse`, so the server's rows decode
/// enum columns with `#[sqlx(try_from = "String")]`.
macro_rules! stored_as_text {
    ($($ty:ty),*) => {$(
        impl TryFrom<String> for $ty {
            type Error = super::UnknownName;
            fn try_from(name: String) -> Result<Self, Self::Error> {
                Self::parse(&name).ok_or(super::UnknownName(name))
            }
        }
    )*};
}
pub(crate) use stored_as_text;

mod account;
mod activity;
mod audit;
mod care;
mod community;
mod disclosure;
mod error;
mod fees;
mod health;
mod inbox;
mod money;
mod notice;
mod office;
mod page;
mod points;
mod repair;
mod repair_flow;
mod shop;
mod suggestion;
pub mod text;
pub mod time;
mod vote;

pub use account::{
    ChangePasswordRequest, CommunityAccess, HelperInfo, HouseholdAccess, IssuedCode, KeptMember,
    KeptMembersRequest, Language, LinkHelperRequest, LoginRequest, Me, RegisterRequest, Relation,
    ResetPasswordRequest, Role, UpdateMe,
};
pub use activity::{
    Activity, ActivityDetail, ActivityKind, ActivityList, ActivityPatch, ActivityQuery,
    ActivitySession, Attendance, AttendanceLine, AttendanceQuery, CheckinMethod, CheckinResult,
    CloseResult, CloseSession, Member, NewActivity, NewCheckin, NewMember, NewSignup, PersonCode,
    Roster, Signup, SignupStatus, Turnout, TurnoutLine, TurnoutQuery, half_hours, roster_days,
};
pub use audit::{AUDIT_ACTIONS, AuditEntry, AuditExportQuery, AuditPage, AuditQuery, Record};
pub use care::{
    CareQuery, CareSettings, CareUpdate, CheckIn, DEFAULT_DEADLINE, MissedCheckIn, MissedQuery,
    Watcher, deadline_minutes, deadline_text,
};
pub use community::{BuildingKind, CommunitySummary};
pub use disclosure::{
    Disclosure, DisclosureFigures, DisclosureList, DisclosureQuery, DisclosureSummary, FeeLine,
    MonthRepairs, MonthShop, NewDisclosure, PointLine,
};
pub use error::{ErrorBody, ErrorCode, ErrorDetail, ErrorWords};
pub use fees::{
    Arrear, Bill, BillHousehold, BillList, BillStatus, BillingPeriod, BillsQuery, ChangeRate,
    Claim, ClaimStatus, ClaimsQuery, Collection, ConfirmClaim, DeclineClaim, ExportQuery, FeeBasis,
    FeeSchedule, FeeSettings, FeeSettingsQuery, FeeSettingsUpdate, FeeSummary, GenerateBills,
    GeneratePreview, GenerateResult, ImportQuery, ImportReport, ImportRow, MAX_REMINDERS, NewClaim,
    NewFeeSchedule, NewPayment, NewReminders, Payment, PaymentMethod, RateChange, Reminded,
    RemindersSent, ReversePayment, SummaryQuery,
};
pub use health::Health;
pub use inbox::{Counts, Inbox, InboxItem, InboxKind, InboxQuery, MAX_MARK_READ, MarkRead};
pub use money::{bill_amount, daxie, parse_yuan, share, yuan};
pub use notice::{
    Building, Contact, NewNotice, Notice, NoticeCategory, NoticeList, NoticeQuery, NoticeReach,
    NoticeSummary, NoticeUpdate, UnreachedHousehold,
};
pub use office::{
    CommunityOverview, CreateManagerRequest, CreateStaffRequest, CreatedUser, HouseholdRow,
    HouseholdsQuery, ManagerRow, NewCommunityRequest, PasswordResetRequest, RegistrationSlip,
    SlipSheet, SlipsQuery,
};
pub use page::{MAX_LIMIT, Page, PageQuery, read_cursor, write_cursor};
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
pub use suggestion::{
    AnsweredInTime, NewSuggestion, NewSuggestionReply, Suggestion, SuggestionKind, SuggestionList,
    SuggestionReply, SuggestionSummary, SuggestionsQuery,
};
pub use text::{
    ActivityDetails, ActivityTitle, Address, AnswerText, BuildingName, ChoiceLabel, CommunityName,
    ContactName, DisclosureNote, FlatLabel, ItemDescription, ItemName, NoticeBody, NoticeTitle,
    PaperNo, PaymentNote, PersonName, Place, Reason, ReceiptNo, RepairDescription, RepairNote,
    ShortNote, SuggestionText, Text, TextError, TextKind, VoteQuestion,
};
pub use vote::{
    Answer, BallotInfo, BallotWay, Cast, ChoiceCount, DECISION_CHOICES, Matter, MissingHousehold,
    NewBallot, NewVote, Tally, Vote, VoteChoice, VoteKind, VoteState, VoteSummary, VotesQuery,
    Weight, at_least, carries, more_than, quorum,
};
