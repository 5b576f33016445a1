//! Every user-facing string, per language. A locale is a `Strings` value, so
//! a key missing from one language is a compile error, not a blank label.

pub mod accounts;
pub mod admin;
pub mod audit;
pub mod care;
pub mod disclosures;
mod en;
pub mod errors;
pub mod fee_claims;
pub mod fees;
pub mod guide;
pub mod households;
pub mod inbox;
pub mod notices;
pub mod points;
pub mod reminders;
pub mod repairs;
pub mod schedules;
pub mod suggestions;
pub mod votes;
mod zh_cn;

use leptos::prelude::*;

pub use strings::Strings;

/// Picks one string out of a locale: how tables of tabs and tiles name their words.
pub type Words = fn(&Strings) -> &'static str;

mod strings;

/// The languages Courtyard speaks. zh-CN is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    ZhCn,
    En,
}

impl Lang {
    /// The BCP 47 tag, as in `<html lang>` and the API's `language` field.
    pub fn tag(self) -> &'static str {
        match self {
            Self::ZhCn => "zh-CN",
            Self::En => "en",
        }
    }

    /// Parses a stored tag; anything unknown is the default.
    pub fn from_tag(tag: &str) -> Self {
        if tag == "en" { Self::En } else { Self::ZhCn }
    }

    /// The strings for this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Self::ZhCn => &zh_cn::STRINGS,
            Self::En => &en::STRINGS,
        }
    }
}

/// The current language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    /// The strings of the current language (tracked: views update on switch).
    pub fn t(self) -> &'static Strings {
        self.0.get().strings()
    }
}

/// Each capability's words are looked up by the pages that use them, never
/// through `Strings`: a field there would put both languages of every page's
/// words into the shell, while a method called only from one capability's
/// pages travels, with its words, in that capability's piece of the WASM.
macro_rules! capability_words {
    ($($name:ident: $module:ident::$ty:ident,)*) => {
        impl Lang {
            $(
                pub fn $name(self) -> &'static $module::$ty {
                    match self {
                        Self::ZhCn => &$module::ZH,
                        Self::En => &$module::EN,
                    }
                }
            )*
        }

        impl I18n {
            $(
                /// This capability's words in the current language (tracked).
                pub fn $name(self) -> &'static $module::$ty {
                    self.0.get().$name()
                }
            )*
        }
    };
}

capability_words! {
    admin_words: admin::AdminWords,
    audit: audit::AuditWords,
    guide: guide::Guide,
    point: points::PointWords,
    repair: repairs::RepairWords,
    fee: fees::FeeWords,
    claim: fee_claims::ClaimWords,
    notice: notices::NoticeWords,
    account: accounts::AccountWords,
    household: households::HouseholdWords,
    inbox: inbox::InboxWords,
    care: care::CareWords,
    remind: reminders::RemindWords,
    disclosure: disclosures::DisclosureWords,
    vote: votes::VoteWords,
    suggestion: suggestions::SuggestionWords,
    schedule: schedules::ScheduleWords,
}

/// The language context set up by `App`.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

thread_local! {
    /// English error words, once their piece has arrived.
    static ENGLISH_ERRORS: std::cell::Cell<Option<&'static crate::model::ErrorWords>> =
        const { std::cell::Cell::new(None) };
}

/// Keeps the English error words its piece brought.
pub fn set_english_errors(words: &'static crate::model::ErrorWords) {
    ENGLISH_ERRORS.with(|cell| cell.set(Some(words)));
}

impl Strings {
    /// The words for a failed call: each code's own words in the reader's
    /// language. Where the server's message names the particular row or
    /// column, it follows the words. English words not (yet) arrived: the
    /// general sentence, which says to try again or call the office.
    pub fn error(&self, error: &crate::api::ApiError) -> String {
        let t = self;
        use crate::model::ErrorCode as C;
        match error {
            crate::api::ApiError::Network => t.error_network.to_owned(),
            crate::api::ApiError::Server { code, message, .. } => {
                let Some(table) = t
                    .errors
                    .or_else(|| ENGLISH_ERRORS.with(std::cell::Cell::get))
                else {
                    return t.error_server.to_owned();
                };
                let words = table.of(*code);
                let detailed = matches!(
                    code,
                    C::ImportHasProblems | C::MissingColumn | C::InvalidCsv | C::TooManyRows
                );
                if detailed && !message.is_empty() {
                    format!("{words}（{message}）")
                } else {
                    words.to_owned()
                }
            }
        }
    }
}
