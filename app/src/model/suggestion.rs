//! 意见箱: suggestions and complaints, the office's answers, and whether
//! they helped.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    /// 建议
    Suggestion,
    /// 投诉
    Complaint,
}

impl SuggestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Suggestion => "suggestion",
            Self::Complaint => "complaint",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        [Self::Suggestion, Self::Complaint]
            .into_iter()
            .find(|k| k.as_str() == name)
    }
}

super::stored_as_text!(SuggestionKind);

/// `POST /api/v1/suggestions`: a resident or helper, for the household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewSuggestion {
    pub kind: SuggestionKind,
    pub body: super::SuggestionText,
    /// Up to 4 photos (the writer's uploads).
    #[serde(default)]
    pub photo_ids: Vec<String>,
    /// Hide the name and flat from the office: it sees "3号楼的一位居民".
    #[serde(default)]
    pub anonymous: bool,
}

/// A suggestion in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SuggestionSummary {
    pub id: i64,
    pub kind: SuggestionKind,
    /// The first words.
    pub excerpt: String,
    /// "张建国 · 3号楼 201", or for the office of an anonymous one
    /// "3号楼的一位居民".
    pub writer: String,
    pub anonymous: bool,
    pub created_at: String,
    pub answered_at: Option<String>,
    /// The writer's word on the answer.
    pub helpful: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SuggestionReply {
    pub from_office: bool,
    /// The office person's name, or the writer as the reader may know them.
    pub author: String,
    pub body: String,
    pub created_at: String,
}

/// `GET /api/v1/suggestions/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suggestion {
    pub summary: SuggestionSummary,
    pub body: String,
    pub photos: Vec<super::Photo>,
    pub replies: Vec<SuggestionReply>,
    /// The caller wrote it (and may follow up and say whether it helped).
    pub mine: bool,
}

/// `GET /api/v1/suggestions` query.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct SuggestionsQuery {
    /// The office: its community's (default: the first it works in).
    pub community_id: Option<i64>,
}

/// `GET /api/v1/suggestions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SuggestionList {
    /// The office: open ones oldest first, then the answered newest first.
    /// A writer: their own, newest first.
    pub items: Vec<SuggestionSummary>,
    /// The office: of the suggestions that have had three days, how many
    /// were answered within them.
    pub answered_in_time: Option<AnsweredInTime>,
}

/// Suggestions answered within three days, of those that have had them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnsweredInTime {
    pub answered: i64,
    pub total: i64,
}

/// `POST /api/v1/suggestions/{id}/replies`: the office answers; the writer
/// follows up, or says whether the answer helped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewSuggestionReply {
    pub body: Option<super::SuggestionText>,
    /// The writer, once the office has answered.
    pub helpful: Option<bool>,
}
