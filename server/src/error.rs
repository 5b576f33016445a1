//! The one API error type. Every failure leaves the server as
//! `{"error": {"code", "message"}}` with a status that fits.

use app::model::{ErrorBody, ErrorCode};
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Everything a handler can fail with. Each variant says its status.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request is malformed or a value is invalid.
    #[error("{message}")]
    BadRequest { code: ErrorCode, message: String },
    /// 401: no valid session.
    #[error("not logged in")]
    Unauthorized,
    /// 401: wrong phone or password (never says which).
    #[error("invalid credentials")]
    InvalidCredentials,
    /// 401 with a specific reason.
    #[error("{message}")]
    Unauthorized401 {
        code: ErrorCode,
        message: &'static str,
    },
    /// 403: logged in, but this is not theirs to do.
    #[error("forbidden")]
    Forbidden,
    /// 403 with a specific reason (a failed CSRF check, a household not theirs).
    #[error("{message}")]
    ForbiddenBecause {
        code: ErrorCode,
        message: &'static str,
    },
    /// 404: absent, or not the caller's to see (we do not say which).
    #[error("not found")]
    NotFound,
    /// 405: the path exists but not with this method.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// 409: the state of things does not allow it (a duplicate, a used code…).
    #[error("{message}")]
    Conflict { code: ErrorCode, message: String },
    /// 413: the body is larger than this endpoint takes.
    #[error("payload too large")]
    PayloadTooLarge,
    /// 415: the body is not JSON.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// 422: well-formed JSON whose fields do not fit.
    #[error("{message}")]
    Unprocessable { code: ErrorCode, message: String },
    /// 429: too many attempts; the message says when to try again.
    #[error("too many requests")]
    TooManyRequests(&'static str),
    /// 500: our fault. The cause is logged, never sent.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    /// A 400 with a code and a plain message.
    pub fn bad_request(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::BadRequest {
            code,
            message: message.into(),
        }
    }

    /// A 409 with a code and a plain message.
    pub fn conflict(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            message: message.into(),
        }
    }

    /// The status this error is sent with.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Self::Unauthorized | Self::InvalidCredentials | Self::Unauthorized401 { .. } => {
                StatusCode::UNAUTHORIZED
            }
            Self::Forbidden | Self::ForbiddenBecause { .. } => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code_and_message(&self) -> (ErrorCode, String) {
        match self {
            Self::BadRequest { code, message }
            | Self::Conflict { code, message }
            | Self::Unprocessable { code, message } => (*code, message.clone()),
            Self::Unauthorized => (ErrorCode::NotLoggedIn, "请先登录".into()),
            Self::InvalidCredentials => (ErrorCode::InvalidCredentials, "手机号或密码不对".into()),
            Self::Unauthorized401 { code, message } => (*code, (*message).into()),
            Self::Forbidden => (ErrorCode::Forbidden, "您没有权限做这件事".into()),
            Self::ForbiddenBecause { code, message } => (*code, (*message).into()),
            Self::NotFound => (ErrorCode::NotFound, "没有找到".into()),
            Self::MethodNotAllowed => (ErrorCode::MethodNotAllowed, "不支持这种请求方式".into()),
            Self::PayloadTooLarge => (ErrorCode::PayloadTooLarge, "内容太大了".into()),
            Self::UnsupportedMediaType => (
                ErrorCode::UnsupportedMediaType,
                "请求内容须为 JSON（Content-Type: application/json）".into(),
            ),
            Self::TooManyRequests(message) => (ErrorCode::TooManyRequests, (*message).into()),
            Self::Internal(_) => (
                ErrorCode::InternalError,
                "服务器出了点问题，请稍后再试".into(),
            ),
        }
    }
}

impl From<app::model::TextError> for ApiError {
    fn from(refused: app::model::TextError) -> Self {
        Self::bad_request(refused.code, refused.message)
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        Self::Internal(err.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Self::Internal(cause) = &self {
            tracing::error!(error = ?cause, "request failed");
        }
        let (code, message) = self.code_and_message();
        (self.status(), Json(ErrorBody::new(code, message))).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_never_leak_their_cause() {
        let err = ApiError::Internal(anyhow::anyhow!("password=hunter2 in SQL"));
        let (code, message) = err.code_and_message();
        assert_eq!(code, ErrorCode::InternalError);
        assert!(!message.contains("hunter2"));
        assert_eq!(err.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
