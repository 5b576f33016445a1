//! The typed API client: one function per endpoint, over gloo-net. Any
//! non-2xx answer becomes an `ApiError` carrying the server's envelope.

use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;

use crate::model::{CommunitySummary, ErrorBody, Page};

/// Why a call failed, in the terms the UI needs to pick its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No answer: offline, DNS, a dropped connection.
    Network,
    /// The server answered with an error envelope (or something unreadable).
    Server {
        status: u16,
        code: String,
        message: String,
    },
}

impl ApiError {
    /// True when retrying later may help (network trouble or a 5xx).
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Network => true,
            Self::Server { status, .. } => *status >= 500,
        }
    }
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    if response.ok() {
        return response.json::<T>().await.map_err(|_| ApiError::Server {
            status,
            code: "unreadable_response".into(),
            message: String::new(),
        });
    }
    let (code, message) = match response.json::<ErrorBody>().await {
        Ok(body) => (body.error.code, body.error.message),
        Err(_) => ("unreadable_response".into(), String::new()),
    };
    Err(ApiError::Server {
        status,
        code,
        message,
    })
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = Request::get(path)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    decode(response).await
}

/// `GET /api/v1/communities`: the first page (a deployment serves tens).
pub async fn communities() -> Result<Page<CommunitySummary>, ApiError> {
    get("/api/v1/communities?limit=100").await
}
