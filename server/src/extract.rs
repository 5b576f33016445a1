//! Extractors whose rejections speak our error envelope: even a malformed
//! body or query string gets `{"error": …}`, never axum's plain text.

use app::model::ErrorCode;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// `Json<T>` with our rejection. The body must be a JSON object (serde
/// would also take an array for a struct); a number written with a zero
/// fraction (`12.0`) counts as the integer it is, as JSON Schema says.
#[derive(Debug, Clone, Copy, Default)]
pub struct AppJson<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequest<S> for AppJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        let axum::Json(mut value) =
            axum::Json::<serde_json::Value>::from_request(request, state).await?;
        if !value.is_object() {
            return Err(ApiError::Unprocessable {
                code: ErrorCode::InvalidFields,
                message: "字段不对：请求内容须为一个 JSON 对象".into(),
            });
        }
        integral_floats_as_integers(&mut value);
        serde_json::from_value(value).map(AppJson).map_err(|err| {
            let message = err.to_string();
            match app::model::TextError::from_message(&message) {
                // Text that fits the schema but not its kind: 400, its words.
                Some(refused) => refused.into(),
                None => ApiError::Unprocessable {
                    code: ErrorCode::InvalidFields,
                    message: format!("字段不对：{message}"),
                },
            }
        })
    }
}

/// Rewrites `3.0` as `3` throughout, within the range an i64 holds exactly.
fn integral_floats_as_integers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() < 9.0e15
            {
                #[allow(clippy::cast_possible_truncation)]
                let whole = f as i64;
                *value = Value::from(whole);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_floats_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(integral_floats_as_integers),
        _ => {}
    }
}

impl<T: serde::Serialize> IntoResponse for AppJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// `Query<T>` with our rejection.
#[derive(Debug, Clone, Copy, Default, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct AppQuery<T>(pub T);

/// `?limit=&offset=` checked: the page asked for and its limit (1–100, 50
/// when absent), or 400.
pub fn paging(
    limit: Option<u32>,
    offset: Option<u32>,
) -> Result<(app::model::PageQuery, u32), ApiError> {
    let page = app::model::PageQuery { limit, offset };
    let limit = page.limit().ok_or_else(|| {
        ApiError::bad_request(ErrorCode::InvalidLimit, "limit 须在 1 到 100 之间")
    })?;
    Ok((page, limit))
}

/// Where a page of a list read by key starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// `?offset=` (0 when absent): the database walks the skipped rows.
    Offset(u32),
    /// `?cursor=`: the rows after this sort key, as cheap as the first page.
    After(Vec<i64>),
}

/// `?limit=&offset=&cursor=` of a list read by key, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    pub limit: u32,
    pub start: Start,
}

/// What follows a page: both ways of asking for it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Next {
    /// Only when the page was asked for by offset.
    pub offset: Option<u32>,
    pub cursor: Option<String>,
}

/// `paging`, with `cursor` (a `next_cursor` this list gave out: a value
/// for each column of `order`) as the other way to say where to start; both at once is 400.
pub fn keyset_paging(
    limit: Option<u32>,
    offset: Option<u32>,
    after: Option<&str>,
    order: &crate::db::Order,
) -> Result<Paging, ApiError> {
    let (page, limit) = paging(limit, offset)?;
    let bad_after = || {
        ApiError::bad_request(
            ErrorCode::InvalidCursor,
            "cursor 须是上一页给出的 next_cursor，且不能与 offset 同用",
        )
    };
    let start = match (after, page.offset) {
        (None, _) => Start::Offset(page.offset()),
        (Some(_), Some(_)) => return Err(bad_after()),
        (Some(text), None) => {
            Start::After(app::model::read_cursor(text, order.key_len()).ok_or_else(bad_after)?)
        }
    };
    Ok(Paging { limit, start })
}

impl Paging {
    /// How many rows to fetch: one more than the page, to tell whether more follow.
    pub fn fetch(&self) -> i64 {
        i64::from(self.limit) + 1
    }

    /// Rows to skip (none when reading by key).
    pub fn offset(&self) -> i64 {
        match self.start {
            Start::Offset(n) => i64::from(n),
            Start::After(_) => 0,
        }
    }

    pub fn after(&self) -> Option<&[i64]> {
        match &self.start {
            Start::After(key) => Some(key),
            Start::Offset(_) => None,
        }
    }

    /// The page out of up to `fetch()` rows, and where the next one starts
    /// (`key`: a row's sort key, in the order the list was read).
    pub fn split<R>(&self, mut rows: Vec<R>, key: impl Fn(&R) -> Vec<i64>) -> (Vec<R>, Next) {
        let more = rows.len() > self.limit as usize;
        rows.truncate(self.limit as usize);
        let next = match rows.last() {
            Some(last) if more => Next {
                offset: match self.start {
                    Start::Offset(n) => Some(n + self.limit),
                    Start::After(_) => None,
                },
                cursor: Some(app::model::write_cursor(&key(last))),
            },
            _ => Next::default(),
        };
        (rows, next)
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => Self::UnsupportedMediaType,
            JsonRejection::JsonSyntaxError(_) => {
                Self::bad_request(ErrorCode::MalformedJson, "请求内容不是有效的 JSON")
            }
            JsonRejection::JsonDataError(err) => Self::Unprocessable {
                code: ErrorCode::InvalidFields,
                message: format!("字段不对：{}", err.body_text()),
            },
            other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => Self::PayloadTooLarge,
            other => Self::bad_request(ErrorCode::UnreadableBody, other.body_text()),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        Self::bad_request(
            ErrorCode::InvalidQuery,
            format!("查询参数不对：{}", rejection.body_text()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{Next, Start, keyset_paging};
    use crate::db::{Dir, Order};

    const BY_ID: Order = Order(&[("id", Dir::Desc)]);

    #[test]
    fn a_page_by_key_gives_the_key_of_its_last_row_and_no_offset() {
        let by_offset = keyset_paging(Some(2), Some(4), None, &BY_ID).expect("a page");
        assert_eq!(by_offset.start, Start::Offset(4));
        let (rows, next) = by_offset.split(vec![9, 8, 7], |r| vec![*r]);
        assert_eq!(rows, vec![9, 8]);
        assert_eq!(
            next,
            Next {
                offset: Some(6),
                cursor: Some("8".into())
            }
        );

        let by_key = keyset_paging(Some(2), None, Some("8"), &BY_ID).expect("a page");
        assert_eq!((by_key.after(), by_key.offset()), (Some(&[8][..]), 0));
        let (_, next) = by_key.split(vec![7, 6, 5], |r| vec![*r]);
        assert_eq!(
            next,
            Next {
                offset: None,
                cursor: Some("6".into())
            }
        );
        let (_, last) = by_key.split(vec![7], |r| vec![*r]);
        assert_eq!(last, Next::default());
    }

    #[test]
    fn after_is_refused_with_offset_or_at_another_length() {
        assert!(keyset_paging(None, Some(0), Some("8"), &BY_ID).is_err());
        assert!(keyset_paging(None, None, Some("8.9"), &BY_ID).is_err());
        assert!(keyset_paging(None, None, Some("x"), &BY_ID).is_err());
        assert!(keyset_paging(Some(0), None, Some("8"), &BY_ID).is_err());
    }

    use axum::Router;
    use axum::body::Body;
    use axum::extract::DefaultBodyLimit;
    use axum::http::{Request, StatusCode, header};
    use axum::routing::post;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    use super::AppJson;

    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Echo {
        #[allow(dead_code)]
        n: u32,
    }

    async fn echo(AppJson(_): AppJson<Echo>) -> &'static str {
        "ok"
    }

    /// Posts `body` with `content_type` and returns status and error code.
    async fn post_json(content_type: Option<&str>, body: Vec<u8>) -> (StatusCode, String) {
        let app = Router::new()
            .route("/echo", post(echo))
            .layer(DefaultBodyLimit::max(crate::state::JSON_BODY_LIMIT));
        let mut request = Request::post("/echo");
        if let Some(ct) = content_type {
            request = request.header(header::CONTENT_TYPE, ct);
        }
        let response = app
            .oneshot(request.body(Body::from(body)).expect("request"))
            .await
            .expect("response");
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
        (
            status,
            json["error"]["code"].as_str().unwrap_or("").to_owned(),
        )
    }

    const JSON: Option<&str> = Some("application/json");

    #[tokio::test]
    async fn valid_json_passes() {
        let (status, _) = post_json(JSON, br#"{"n": 1}"#.to_vec()).await;
        assert_eq!(status, StatusCode::OK);
    }

    #[tokio::test]
    async fn malformed_json_is_a_400_envelope() {
        let (status, code) = post_json(JSON, b"{\"n\": ".to_vec()).await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::BAD_REQUEST, "malformed_json")
        );
    }

    #[tokio::test]
    async fn a_body_that_is_not_json_is_a_415_envelope() {
        for ct in [
            None,
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
        ] {
            let (status, code) = post_json(ct, b"n=1".to_vec()).await;
            assert_eq!(
                (status, code.as_str()),
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"),
                "{ct:?}"
            );
        }
    }

    #[tokio::test]
    async fn wrong_types_and_unknown_fields_are_a_422_envelope() {
        for body in [
            &br#"{"n": "one"}"#[..],
            br#"{"n": 1, "x": 2}"#,
            br"{}",
            br#"{"n": -1}"#,
        ] {
            let (status, code) = post_json(JSON, body.to_vec()).await;
            assert_eq!(
                (status, code.as_str()),
                (StatusCode::UNPROCESSABLE_ENTITY, "invalid_fields")
            );
        }
    }

    #[tokio::test]
    async fn invalid_utf8_is_a_400_envelope() {
        let (status, code) = post_json(JSON, b"{\"n\": \"\xff\xfe\"}".to_vec()).await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::BAD_REQUEST, "malformed_json")
        );
    }

    #[tokio::test]
    async fn a_body_over_the_limit_is_a_413_envelope() {
        let mut body = br#"{"n": 1, "pad": ""#.to_vec();
        body.resize(crate::state::JSON_BODY_LIMIT + 10, b'a');
        body.extend_from_slice(b"\"}");
        let (status, code) = post_json(JSON, body).await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
        );
    }
}

/// The client's address, for rate limits and the audit log: the one
/// `proxy::client_addr` settled on (believing `X-Forwarded-For` only from a
/// trusted proxy), else the connection's.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        let ip = parts
            .extensions
            .get::<crate::proxy::ClientAddr>()
            .map(|c| c.0)
            .or_else(|| {
                parts
                    .extensions
                    .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                    .map(|c| c.0.ip())
            })
            .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
        Ok(Self(ip))
    }
}

/// `Path<T>` with our rejection: `/notices/abc` is a 400 in the envelope.
#[derive(Debug, Clone, Copy, Default, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct AppPath<T>(pub T);

impl From<axum::extract::rejection::PathRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::PathRejection) -> Self {
        Self::bad_request(
            ErrorCode::InvalidPath,
            format!("地址里的编号不对：{}", rejection.body_text()),
        )
    }
}
