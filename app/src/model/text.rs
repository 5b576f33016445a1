//! Text that people type, parsed once where it enters.
//!
//! Every piece of free text in a request body is a [`Text`] of some kind: a
//! person's name, a notice's title, a repair's place. Deserializing one
//! tidies it and checks it against its kind, so a handler holding a `Text`
//! holds text that is already fit to store and show:
//!
//! - blank and invisible characters at either end are gone, so text made
//!   only of zero-width spaces counts as empty, as it looks;
//! - `\r\n` and `\r` are newlines, a tab is a space;
//! - control characters are refused, and so are newlines in one-line kinds;
//! - the length limit is counted in characters (Unicode scalar values, as
//!   JSON Schema's `maxLength` counts them) on what was sent, and the lower
//!   limit on what is left after tidying; both are in the OpenAPI schema.
//!
//! A refusal names the kind's error code and plain words, the same from the
//! JSON body, a CSV row or the command line.

use std::fmt;
use std::marker::PhantomData;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ErrorCode;

/// What one kind of text allows, and how it is refused.
pub trait TextKind {
    /// The schema's name in the OpenAPI document.
    const SCHEMA: &'static str;
    /// At least this many characters after tidying (0: may be empty).
    const MIN: usize;
    /// At most this many characters as sent.
    const MAX: usize;
    /// Newlines allowed.
    const LINES: bool;
    /// The error code of a refusal.
    const CODE: ErrorCode;
    /// The plain (Chinese) words of a refusal.
    const MESSAGE: &'static str;
}

/// A kind of text that may be empty: a field of it may be left out.
pub trait MayBeEmpty: TextKind {}

/// Text of kind `K`, tidied and checked.
pub struct Text<K> {
    text: String,
    kind: PhantomData<fn() -> K>,
}

/// Why a text was refused: its kind's code and words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextError {
    pub code: ErrorCode,
    pub message: &'static str,
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{TAG}{}{TAG}{}{TAG}", self.code, self.message)
    }
}

impl std::error::Error for TextError {}

/// Marks a [`TextError`] inside a deserializer's message, so that the JSON
/// extractor can answer with the kind's own code.
const TAG: char = '\u{1}';

impl TextError {
    /// The refusal a deserializer's message carries, if it is one.
    pub fn from_message(message: &str) -> Option<Self> {
        let mut parts = message.split(TAG).skip(1);
        let code = parts.next()?;
        let words = parts.next()?;
        parts.next()?;
        REFUSALS
            .iter()
            .find(|r| r.code.as_str() == code && r.message == words)
            .copied()
    }
}

/// Characters that show nothing: zero-width spaces and joiners, the byte
/// order mark, the soft hyphen, the bidirectional controls and the blank
/// fillers of Hangul and Braille.
pub fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00ad}' | '\u{034f}' | '\u{115f}' | '\u{1160}' | '\u{180e}' | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}'
        | '\u{2800}' | '\u{3164}' | '\u{feff}' | '\u{ffa0}')
}

/// The text without blank or invisible characters at either end.
pub fn tidy(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || invisible(c))
}

impl<K: TextKind> Text<K> {
    /// Tidies and checks `input` against the kind.
    pub fn parse(input: &str) -> Result<Self, TextError> {
        let refused = TextError {
            code: K::CODE,
            message: K::MESSAGE,
        };
        if input.chars().count() > K::MAX {
            return Err(refused);
        }
        let mut text = String::with_capacity(input.len());
        let mut chars = tidy(input).chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' if chars.peek() == Some(&'\n') => {}
                '\r' | '\n' if K::LINES => text.push('\n'),
                '\t' => text.push(' '),
                c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                    return Err(refused);
                }
                c => text.push(c),
            }
        }
        if text.chars().count() < K::MIN {
            return Err(refused);
        }
        Ok(Self {
            text,
            kind: PhantomData,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn into_string(self) -> String {
        self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

impl<K: MayBeEmpty> Text<K> {
    /// No text.
    pub fn empty() -> Self {
        Self {
            text: String::new(),
            kind: PhantomData,
        }
    }
}

impl<K: MayBeEmpty> Default for Text<K> {
    fn default() -> Self {
        Self::empty()
    }
}

impl<K> Clone for Text<K> {
    fn clone(&self) -> Self {
        Self {
            text: self.text.clone(),
            kind: PhantomData,
        }
    }
}

impl<K> PartialEq for Text<K> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl<K> Eq for Text<K> {}

impl<K> fmt::Debug for Text<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text, f)
    }
}

impl<K> fmt::Display for Text<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<K> std::ops::Deref for Text<K> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl<K> AsRef<str> for Text<K> {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl<K> Serialize for Text<K> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de, K: TextKind> Deserialize<'de> for Text<K> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "openapi")]
impl<K: TextKind> utoipa::PartialSchema for Text<K> {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        let mut schema = ObjectBuilder::new()
            .schema_type(Type::String)
            .max_length(Some(K::MAX))
            .description(Some(if K::LINES {
                "Text; newlines allowed, other control characters refused, blank ends trimmed."
            } else {
                "One line of text; control characters refused, blank ends trimmed."
            }));
        if K::MIN > 0 {
            schema = schema.min_length(Some(K::MIN));
        }
        schema.build().into()
    }
}

#[cfg(feature = "openapi")]
impl<K: TextKind> utoipa::ToSchema for Text<K> {
    fn name() -> std::borrow::Cow<'static, str> {
        K::SCHEMA.into()
    }
}

/// Declares kinds of text: `Name(min..=max, lines?, Code, "words")`.
macro_rules! kinds {
    ($($(#[$doc:meta])* $alias:ident = $kind:ident($min:literal ..= $max:literal, $lines:literal, $code:ident, $message:literal $(, $empty:ident)?);)*) => {
        /// The kinds of text, one marker type each.
        pub mod kind {
            $(
                $(#[$doc])*
                #[derive(Debug, Clone, Copy, PartialEq, Eq)]
                pub enum $kind {}
                impl super::TextKind for $kind {
                    const SCHEMA: &'static str = stringify!($alias);
                    const MIN: usize = $min;
                    const MAX: usize = $max;
                    const LINES: bool = $lines;
                    const CODE: super::ErrorCode = super::ErrorCode::$code;
                    const MESSAGE: &'static str = $message;
                }
                $(impl super::$empty for $kind {})?
            )*
        }
        $(
            $(#[$doc])*
            pub type $alias = Text<kind::$kind>;
        )*
        /// Every kind's refusal.
        const REFUSALS: &[TextError] = &[$(TextError { code: ErrorCode::$code, message: $message }),*];
    };
}

kinds! {
    /// A person's name: 张建国.
    PersonName = Person(1..=50, false, InvalidName, "请填写姓名（不超过 50 个字）");
    /// A name in a household list, may be blank: the contact of a flat.
    ContactName = Contact(0..=50, false, InvalidName, "姓名不超过 50 个字", MayBeEmpty);
    /// A community's name: 轻机南院.
    CommunityName = Community(1..=100, false, InvalidName, "请填写小区名称（不超过 100 个字）");
    /// A street address.
    Address = Street(0..=200, false, InvalidAddress, "地址不超过 200 个字，不能换行", MayBeEmpty);
    /// A building's name: 3号楼.
    BuildingName = Building(1..=50, false, InvalidBuilding, "请填写楼名（不超过 50 个字）");
    /// A flat's label: 201.
    FlatLabel = Flat(1..=20, false, InvalidFlat, "请填写门牌号（不超过 20 个字）");
    /// The name of goods, a fee schedule or an earning rule.
    ItemName = Item(1..=50, false, InvalidName, "请填写名称（不超过 50 个字）");
    /// What goods are.
    ItemDescription = ItemText(0..=500, true, DescriptionTooLong, "说明最多 500 个字", MayBeEmpty);
    /// A notice's title.
    NoticeTitle = Title(1..=200, false, InvalidTitle, "标题须为 1 到 200 个字，不能换行");
    /// A notice's body.
    NoticeBody = Body(0..=20000, true, InvalidBody, "正文不超过 20000 个字，不能有看不见的控制字符", MayBeEmpty);
    /// An activity's title: 周末治安巡逻.
    ActivityTitle = ActTitle(1..=60, false, InvalidTitle, "标题须为 1 到 60 个字，不能换行");
    /// What an activity is about: what to bring, where to meet.
    ActivityDetails = ActText(0..=2000, true, DescriptionTooLong, "说明最多 2000 个字，不能有看不见的控制字符", MayBeEmpty);
    /// A public place: 5号楼 二楼楼道.
    Place = PlaceText(1..=100, false, InvalidPlace, "请写明地点（最多 100 个字，不能换行）");
    /// What is broken, in the resident's words.
    RepairDescription = Description(0..=2000, true, DescriptionTooLong, "描述最多 2000 个字，不能有看不见的控制字符", MayBeEmpty);
    /// A note on a ticket: a comment, a reason, what was done.
    RepairNote = Note(0..=2000, true, NoteTooLong, "最多 2000 个字，不能有看不见的控制字符", MayBeEmpty);
    /// A receipt number, or blank for one made up by the server.
    ReceiptNo = Receipt(0..=40, false, InvalidReceiptNo, "收据号不超过 40 个字，不能换行", MayBeEmpty);
    /// A note on a payment.
    PaymentNote = Remark(0..=500, true, InvalidNote, "备注不超过 500 个字", MayBeEmpty);
    /// Why something is undone or changed: required.
    Reason = Why(1..=200, false, InvalidReason, "请写明原因（不超过 200 个字）");
    /// A short note that may be left blank (an award's occasion, a cancellation's reason).
    ShortNote = Short(0..=200, false, InvalidNote, "最多 200 个字，不能换行", MayBeEmpty);
    /// The question households vote on.
    VoteQuestion = Question(1..=200, false, InvalidTitle, "问题须为 1 到 200 个字，不能换行");
    /// One of a vote's choices.
    ChoiceLabel = Choice(1..=60, false, InvalidChoice, "每个选项 1 到 60 个字，不能换行");
    /// A consultation's answer in words.
    AnswerText = AnswerWords(1..=200, false, InvalidBody, "请写下您的意见（1 到 200 个字，不能换行）");
    /// The number written on a paper ballot.
    PaperNo = Paper(1..=40, false, InvalidPaperNo, "请写纸质票的编号（不超过 40 个字）");
    /// A suggestion, a complaint, or a reply to one.
    SuggestionText = Suggest(1..=2000, true, InvalidBody, "请写下您的意见（1 到 2000 个字，不能有看不见的控制字符）");
    /// What a manager adds to the month's 公示.
    DisclosureNote = Disclosed(0..=1000, true, InvalidNote, "说明最多 1000 个字，不能有看不见的控制字符", MayBeEmpty);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_and_invisible_ends_go_and_the_middle_stays() {
        assert_eq!(tidy("  张建国 "), "张建国");
        assert_eq!(tidy("\u{200b}\u{200d}\u{feff}"), "");
        assert_eq!(tidy("\u{202e}\u{3000}"), "");
        assert_eq!(tidy("\u{3164}\u{2800}"), "");
        assert_eq!(tidy("a\u{200b}b"), "a\u{200b}b");
        assert_eq!(tidy("修水管🔧"), "修水管🔧");
    }

    #[test]
    fn invisible_only_text_is_empty_and_refused_where_required() {
        assert!(PersonName::parse("\u{200b}\u{200b}").is_err());
        assert!(Place::parse("\u{feff} \u{2060}").is_err());
        assert_eq!(
            RepairNote::parse("\u{200b}").map(|t| t.is_empty()),
            Ok(true)
        );
    }

    #[test]
    fn control_characters_are_refused_and_newlines_only_where_lines_are() {
        assert!(RepairDescription::parse("漏水\u{0}").is_err());
        assert!(RepairDescription::parse("漏\u{7}水").is_err());
        assert!(RepairDescription::parse("漏\u{85}水").is_err());
        assert!(PersonName::parse("张\n建国").is_err());
        assert!(
            ItemName::parse("洗碗巾\u{2028}").is_ok(),
            "a trailing separator is blank"
        );
        assert!(ItemName::parse("洗\u{2028}碗巾").is_err());
        assert_eq!(
            RepairDescription::parse("一楼\r\n二楼\r三楼").map(Text::into_string),
            Ok("一楼\n二楼\n三楼".to_owned())
        );
        assert_eq!(
            PersonName::parse("张\t建国").map(Text::into_string),
            Ok("张 建国".to_owned())
        );
    }

    #[test]
    fn lengths_count_characters_as_sent() {
        assert!(PersonName::parse(&"张".repeat(50)).is_ok());
        assert!(PersonName::parse(&"张".repeat(51)).is_err());
        // A string over maxLength is refused even if tidying would shorten it.
        assert!(PersonName::parse(&format!("{} ", "张".repeat(50))).is_err());
        assert!(NoticeBody::parse(&"字".repeat(20_000)).is_ok());
    }

    #[test]
    fn a_refusal_travels_through_serde_with_its_code() {
        let err = serde_json::from_str::<PersonName>("\"\\u200b\"").expect_err("refused");
        assert_eq!(
            TextError::from_message(&err.to_string()),
            Some(TextError {
                code: ErrorCode::InvalidName,
                message: "请填写姓名（不超过 50 个字）"
            })
        );
        assert_eq!(TextError::from_message("invalid type: integer"), None);
        let ok: PersonName = serde_json::from_str("\" 张建国 \"").expect("parsed");
        assert_eq!(ok.as_str(), "张建国");
        assert_eq!(serde_json::to_string(&ok).expect("json"), "\"张建国\"");
    }
}
