use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Declares the error codes once: the enum the server answers with and the
/// client matches, and `ErrorWords`, one field a code, which every language
/// fills in. A code without words in a language is a missing field: it does
/// not compile.
macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident $field:ident,)*) => {
        /// Every code the API answers with, `snake_case` on the wire.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)*
        }

        impl ErrorCode {
            pub const ALL: &[Self] = &[$(Self::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => stringify!($field),)*
                }
            }

            pub fn parse(code: &str) -> Option<Self> {
                match code {
                    $(stringify!($field) => Some(Self::$variant),)*
                    _ => None,
                }
            }
        }

        /// The words of one language for every code.
        pub struct ErrorWords {
            $(pub $field: &'static str,)*
        }

        impl ErrorWords {
            pub fn of(&self, code: ErrorCode) -> &'static str {
                match code {
                    $(ErrorCode::$variant => self.$field,)*
                }
            }
        }
    };
}

error_codes! {
    ActivityCancelled activity_cancelled,
    ActivityClosed activity_closed,
    ActivityStarted activity_started,
    AlreadyCancelled already_cancelled,
    AlreadyFulfilled already_fulfilled,
    AlreadyLinked already_linked,
    AlreadyPublished already_published,
    AlreadyVoted already_voted,
    AlreadyReversed already_reversed,
    AlreadySignedUp already_signed_up,
    BillsExist bills_exist,
    ChangedMeanwhile changed_meanwhile,
    CheckinNotOpen checkin_not_open,
    CodeExpired code_expired,
    CodeUsed code_used,
    ContactPhoneRequired contact_phone_required,
    CsrfCheckFailed csrf_check_failed,
    DescriptionTooLong description_too_long,
    EmptyCsv empty_csv,
    ExpiryInPast expiry_in_past,
    Forbidden forbidden,
    ImportHasProblems import_has_problems,
    InsufficientPoints insufficient_points,
    InternalError internal_error,
    InvalidAction invalid_action,
    InvalidAddress invalid_address,
    InvalidAmount invalid_amount,
    InvalidAssignee invalid_assignee,
    InvalidBody invalid_body,
    InvalidBuilding invalid_building,
    InvalidBuildings invalid_buildings,
    InvalidChoice invalid_choice,
    InvalidCapacity invalid_capacity,
    InvalidCode invalid_code,
    InvalidCredentials invalid_credentials,
    InvalidCsv invalid_csv,
    InvalidDate invalid_date,
    InvalidDeadline invalid_deadline,
    InvalidDueDays invalid_due_days,
    InvalidExpiry invalid_expiry,
    InvalidFields invalid_fields,
    InvalidFlat invalid_flat,
    InvalidLimit invalid_limit,
    InvalidMethod invalid_method,
    InvalidMember invalid_member,
    /// `cursor` is not a position this list gave out, or came with `offset`.
    InvalidCursor invalid_cursor,
    InvalidMonth invalid_month,
    InvalidName invalid_name,
    InvalidNote invalid_note,
    InvalidOrganiser invalid_organiser,
    InvalidPath invalid_path,
    InvalidPaperNo invalid_paper_no,
    InvalidPeriod invalid_period,
    InvalidPhone invalid_phone,
    InvalidPhoto invalid_photo,
    InvalidPlace invalid_place,
    InvalidPoints invalid_points,
    InvalidPrice invalid_price,
    InvalidQuantity invalid_quantity,
    InvalidQuery invalid_query,
    InvalidRange invalid_range,
    InvalidReason invalid_reason,
    InvalidReceiptNo invalid_receipt_no,
    InvalidResetCode invalid_reset_code,
    InvalidResidents invalid_residents,
    InvalidSize invalid_size,
    InvalidRoster invalid_roster,
    InvalidStars invalid_stars,
    InvalidStatus invalid_status,
    InvalidStock invalid_stock,
    InvalidTimes invalid_times,
    InvalidTitle invalid_title,
    InvalidTransition invalid_transition,
    ItemInactive item_inactive,
    MalformedJson malformed_json,
    MethodNotAllowed method_not_allowed,
    MissingColumn missing_column,
    MonthlyLimit monthly_limit,
    NameTaken name_taken,
    NoHousehold no_household,
    NoPointsAccount no_points_account,
    NotAnImage not_an_image,
    NotCheckedIn not_checked_in,
    NotEnrolled not_enrolled,
    NotFound not_found,
    NotInArrears not_in_arrears,
    NotInvited not_invited,
    NotVoting not_voting,
    VoteClosed vote_closed,
    VoteNotOpen vote_not_open,
    NotLoggedIn not_logged_in,
    NotReversible not_reversible,
    NotText not_text,
    NotYourHousehold not_your_household,
    NoteRequired note_required,
    NoteTooLong note_too_long,
    OfficeHandsOver office_hands_over,
    Overpayment overpayment,
    PayloadTooLarge payload_too_large,
    PhoneTaken phone_taken,
    PlaceRequired place_required,
    ReceiptTaken receipt_taken,
    ClaimWaiting claim_waiting,
    ClaimAnswered claim_answered,
    ReopenTooLate reopen_too_late,
    RuleInactive rule_inactive,
    ScheduleRetired schedule_retired,
    SoldOut sold_out,
    TooManyPhotos too_many_photos,
    TooManyRequests too_many_requests,
    TooManyRows too_many_rows,
    UnknownResident unknown_resident,
    UnknownVolunteer unknown_volunteer,
    UnreadableBody unreadable_body,
    UnreadableImage unreadable_image,
    UnsupportedMediaType unsupported_media_type,
    WeakPassword weak_password,
    /// A code this client does not know (a newer server), or an answer
    /// that was not the envelope. The server never sends it.
    Unknown unknown,
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// An unknown code reads as `Unknown`: a client keeps working when a newer
/// server adds one.
impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(Self::parse(&code).unwrap_or(Self::Unknown))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for ErrorCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(
                Self::ALL
                    .iter()
                    .filter(|c| **c != Self::Unknown)
                    .map(|c| c.as_str()),
            ))
            .build()
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for ErrorCode {}

/// The one error envelope: `{"error": {"code": "snake_case", "message": "…"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// A machine-readable code the client maps to its own words, and a plain
/// message (Chinese) for any other client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// Stable: clients branch on it.
    pub code: ErrorCode,
    /// Human text; may change between versions.
    pub message: String,
}

impl ErrorBody {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            error: ErrorDetail {
                code,
                message: message.into(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_to_the_documented_envelope() {
        let body = ErrorBody::new(ErrorCode::NotFound, "没有找到");
        let json = serde_json::to_value(&body).expect("serialise");
        assert_eq!(
            json,
            serde_json::json!({"error": {"code": "not_found", "message": "没有找到"}})
        );
    }

    #[test]
    fn every_code_reads_back_and_an_unknown_one_is_unknown() {
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(code.as_str()), Some(*code));
        }
        let body: ErrorBody =
            serde_json::from_str(r#"{"error":{"code":"from_the_future","message":""}}"#)
                .expect("parse");
        assert_eq!(body.error.code, ErrorCode::Unknown);
    }
}
