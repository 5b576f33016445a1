//! The first screen of the entry pages (首页, 登录, 注册), sent in the HTML
//! so that it paints before the WebAssembly arrives (issue #17).
//!
//! `cargo xtask build` renders every variant from the app's own components
//! into `first-screens.json` (`app::first_screen`); here the server picks the
//! variant for this request — language, large text, who is asking — and
//! fills in what the build could not know: the communities with their
//! office phones, the community the screen speaks for, the person's name and
//! household. Every filled text is escaped. The app then takes the screen
//! over without a visible change (`app/src/takeover.rs`).

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use app::model::{CommunitySummary, Me, Role};
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::accounts;
use crate::accounts::session::cookie_value;
use crate::communities;
use crate::notices::{self, UnreadFor};
use crate::state::AppState;

/// How long the community list is kept: a community added or changed by
/// another process shows on the first screens within this time (one added
/// by this process, at once: `communities::list_changed`).
const LIST_KEPT: Duration = Duration::from_secs(30);
/// As many communities as the app's own list shows.
const LIST_LIMIT: u32 = 100;

const OPEN: &str = "<!--first-screen-->";
const CLOSE: &str = "<!--/first-screen-->";

/// `first-screens.json`, as `app::first_screen::FirstScreens` writes it.
#[derive(Debug, Deserialize)]
struct Rendered {
    screens: HashMap<String, String>,
    community_item: String,
    community_item_chosen: String,
    urgent_item: String,
    urgent_id: String,
    unread_badge: String,
    unread_count: String,
    markers: Vec<String>,
    communities_marker: String,
    urgent_marker: String,
    unread_marker: String,
    /// 报平安's 我很好 by language tag, and where it goes.
    #[serde(default)]
    care_items: HashMap<String, String>,
    #[serde(default)]
    care_marker: String,
    /// The other badges (消息 on 首页 and 我的, 报修): marker, template, count.
    #[serde(default)]
    counted: Vec<(String, String, String)>,
}

/// The community list as read, when, and at which `communities::list_version`.
type KeptList = (Instant, u64, Arc<Vec<CommunitySummary>>);

/// The built page cut around its first screen, and the screens.
#[derive(Debug)]
pub struct FirstScreens {
    /// index.html up to and after the loading screen it replaces.
    before: String,
    after: String,
    /// The loading screen itself, for a request with no first screen.
    boot: String,
    rendered: Rendered,
    communities: RwLock<Option<KeptList>>,
}

/// Which entry page.
#[derive(Debug, Clone, Copy)]
pub enum Entry {
    Home,
    Login,
    Register,
}

impl Entry {
    fn path(self) -> &'static str {
        match self {
            Self::Home => "/",
            Self::Login => "/login",
            Self::Register => "/register",
        }
    }
}

/// What the screen says in place of each marker (`app::first_screen::Marker`,
/// in its order).
#[derive(Debug, Default)]
struct Fill {
    community: Option<CommunitySummary>,
    person: String,
    residents: String,
    building: String,
    flat: String,
    /// 注册's code, from the slip's QR link.
    code: String,
    /// The person's unread notices (the 通知 badge), and the urgent ones
    /// among them: id and title.
    unread: i64,
    urgent: Vec<(i64, String)>,
    /// 报平安 is due today: the big 我很好 goes in.
    care: bool,
    /// Unread messages and repair news, for the badges in `counted`.
    counts: [i64; 2],
}

impl FirstScreens {
    /// Reads the built site; `None` when it has no first screens (a site
    /// built before them, or none at all in some tests).
    pub fn load(files: &super::SiteFiles) -> Option<Self> {
        let index = files.text("index.html")?;
        let json = files.text("first-screens.json")?;
        let rendered: Rendered = match serde_json::from_str(json) {
            Ok(r) => r,
            Err(error) => {
                tracing::error!(%error, "first-screens.json is unreadable; serving without");
                return None;
            }
        };
        if rendered.markers.len() != 10 {
            tracing::error!("first-screens.json names other markers; serving without");
            return None;
        }
        let open = index.find(OPEN)?;
        let close = index[open..].find(CLOSE)? + open;
        Some(Self {
            before: index[..open].to_owned(),
            boot: index[open + OPEN.len()..close].to_owned(),
            after: index[close + CLOSE.len()..].to_owned(),
            rendered,
            communities: RwLock::new(None),
        })
    }

    async fn communities(&self, state: &AppState) -> sqlx::Result<Arc<Vec<CommunitySummary>>> {
        let version = communities::list_version();
        if let Ok(kept) = self.communities.read()
            && let Some((at, seen, list)) = kept.as_ref()
            && at.elapsed() < LIST_KEPT
            && *seen == version
        {
            return Ok(list.clone());
        }
        let mut list = communities::store::list(state.db.reader(), LIST_LIMIT, 0).await?;
        list.truncate(LIST_LIMIT as usize);
        let list = Arc::new(list);
        if let Ok(mut kept) = self.communities.write() {
            *kept = Some((Instant::now(), version, list.clone()));
        }
        Ok(list)
    }

    /// The whole page for this request.
    async fn page(
        &self,
        state: &AppState,
        entry: Entry,
        headers: &HeaderMap,
        code: Option<&str>,
    ) -> String {
        let lang = if cookie_value(headers, "courtyard_lang") == Some("en") {
            "en"
        } else {
            "zh-CN"
        };
        let mut large = cookie_value(headers, "courtyard_large_text") == Some("1");
        let screen = match self.screen(state, entry, headers, &mut large).await {
            Ok(screen) => screen,
            Err(error) => {
                tracing::warn!(%error, "first screen unavailable");
                None
            }
        };
        let Some((who, mut fill, list)) = screen else {
            return self.plain();
        };
        let key = format!(
            "{} {lang} {} {who}",
            entry.path(),
            if large { "large" } else { "normal" }
        );
        let Some(template) = self.rendered.screens.get(&key) else {
            return self.plain();
        };
        fill.code = code.unwrap_or_default().to_owned();
        let mut body = self.fill(template, &fill);
        let banners: String = fill
            .urgent
            .iter()
            .map(|(id, title)| {
                self.rendered
                    .urgent_item
                    .replace(&self.rendered.markers[9], &escape(title))
                    .replace(&self.rendered.urgent_id, &id.to_string())
            })
            .collect();
        body = body.replace(&self.rendered.urgent_marker, &banners);
        for ((marker, template, count), n) in self.rendered.counted.iter().zip(fill.counts) {
            let badge = if n > 0 {
                template.replace(count, &n.to_string())
            } else {
                String::new()
            };
            body = body.replace(marker, &badge);
        }
        if !self.rendered.care_marker.is_empty() {
            let care = match self.rendered.care_items.get(lang) {
                Some(button) if fill.care => button.as_str(),
                _ => "",
            };
            body = body.replace(&self.rendered.care_marker, care);
        }
        let badge = if fill.unread > 0 {
            self.rendered
                .unread_badge
                .replace(&self.rendered.unread_count, &fill.unread.to_string())
        } else {
            String::new()
        };
        body = body.replace(&self.rendered.unread_marker, &badge);
        if let Some(list) = list {
            let chosen = fill.community.as_ref().map(|c| c.id);
            let items: String = list
                .iter()
                .map(|c| {
                    if Some(c.id) == chosen {
                        self.fill(&self.rendered.community_item_chosen, &fill)
                    } else {
                        self.rendered
                            .community_item
                            .replace(&self.rendered.markers[2], &escape(&c.name))
                            .replace(&self.rendered.markers[3], &escape(&c.office_phone))
                    }
                })
                .collect();
            body = body.replace(&self.rendered.communities_marker, &items);
        }
        let html_tag = format!(
            "<html lang=\"{lang}\"{}>",
            if large { " class=\"large\"" } else { "" }
        );
        let before = self.before.replacen("<html lang=\"zh-CN\">", &html_tag, 1);
        format!(
            "{before}<div id=\"first-screen\">{body}</div>{}",
            self.after
        )
    }

    /// The built page as it is, with its loading screen.
    fn plain(&self) -> String {
        format!("{}{}{}", self.before, self.boot, self.after)
    }

    fn fill(&self, template: &str, fill: &Fill) -> String {
        let m = &self.rendered.markers;
        let (name, phone) = fill
            .community
            .as_ref()
            .map(|c| (escape(&c.name), escape(&c.office_phone)))
            .unwrap_or_default();
        template
            .replace(&m[0], &name)
            .replace(&m[1], &phone)
            .replace(&m[4], &escape(&fill.person))
            .replace(&m[5], &escape(&fill.residents))
            .replace(&m[6], &escape(&fill.building))
            .replace(&m[7], &escape(&fill.flat))
            .replace(&m[8], &escape(&fill.code))
    }

    /// The variant's `who`, what fills it and (anonymous 首页) the list;
    /// `large` turns on when the person's account has large text.
    async fn screen(
        &self,
        state: &AppState,
        entry: Entry,
        headers: &HeaderMap,
        large: &mut bool,
    ) -> sqlx::Result<Option<Screen>> {
        if let Some(user) = accounts::session::live_user(state, headers).await? {
            let me =
                accounts::store::me(state.db.reader(), user, &crate::care::today(state)).await?;
            // As the app decides at sign-in: large text is never switched
            // off behind someone's back, by this device or by the account.
            *large |= me.large_text;
            let acting =
                cookie_value(headers, "courtyard_acting_for").and_then(|v| v.parse::<i64>().ok());
            let Some((who, mut fill, of)) = signed_in(&me, acting) else {
                return Ok(None);
            };
            let counts = crate::inbox::counts::badges(state, user, &me, &of).await?;
            (fill.unread, fill.urgent) = notices::unread(state, user, of).await?;
            fill.care = me.care_due;
            fill.counts = [counts.inbox, counts.repairs];
            return Ok(Some((who, fill, None)));
        }
        let list = self.communities(state).await?;
        let chosen =
            cookie_value(headers, "courtyard_community").and_then(|v| v.parse::<i64>().ok());
        let community = match chosen {
            Some(id) => list.iter().find(|c| c.id == id).cloned(),
            None if list.len() == 1 => list.first().cloned(),
            None => None,
        };
        let who = if community.is_some() {
            "visitor"
        } else {
            "nobody"
        };
        let fill = Fill {
            community,
            ..Fill::default()
        };
        Ok(Some((
            who,
            fill,
            matches!(entry, Entry::Home).then_some(list),
        )))
    }
}

type Screen = (&'static str, Fill, Option<Arc<Vec<CommunitySummary>>>);

/// What a logged-in person's screens show, chosen as the app chooses
/// (`SessionState::sign_in`, `CommunityState::current`, `ActForBanner`):
/// the household acted for, else the community the office chose (`PATCH
/// /me`), else the first worked in. `None`
/// for someone with neither (an operator), who gets the loading screen.
fn signed_in(me: &Me, acting: Option<i64>) -> Option<(&'static str, Fill, UnreadFor)> {
    let household = acting
        .and_then(|id| me.households.iter().find(|h| h.household_id == id))
        .or_else(|| me.households.first());
    if let Some(h) = household {
        let banner = h.role == Role::Helper || me.households.len() > 1;
        return Some((
            if banner { "helper" } else { "person" },
            Fill {
                community: Some(CommunitySummary {
                    id: h.community_id,
                    name: h.community_name.clone(),
                    office_phone: h.office_phone.clone(),
                }),
                person: me.name.clone(),
                residents: h.residents.join("、"),
                building: h.building.clone(),
                flat: h.flat_label.clone(),
                ..Fill::default()
            },
            UnreadFor::Household {
                household_id: h.household_id,
                as_helper: h.role == Role::Helper,
            },
        ));
    }
    let c = me.office_community()?;
    Some((
        "person",
        Fill {
            community: Some(CommunitySummary {
                id: c.community_id,
                name: c.community_name.clone(),
                office_phone: c.office_phone.clone(),
            }),
            person: me.name.clone(),
            ..Fill::default()
        },
        UnreadFor::Office {
            community_id: c.community_id,
        },
    ))
}

/// Text for HTML, in element content and in quoted attributes alike.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What the entry pages' handlers share.
pub type Shared = (AppState, Arc<FirstScreens>);

/// `GET /`, `/login`, `/register`: the page with its first screen.
pub async fn serve(
    State((state, screens)): State<Shared>,
    entry: Entry,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    // A helper's registration (`?for=helper`) is another form: the loading
    // screen, not a first screen that would change under the finger.
    let query = |name: &str| {
        uri.query()?
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
    };
    let entry_html = if matches!(entry, Entry::Register) && query("for") == Some("helper") {
        screens.plain()
    } else {
        // A code as slips print it (letters and digits), else none: the
        // app shows what the link says, the first screen never more.
        let code =
            query("code").filter(|c| c.len() <= 16 && c.bytes().all(|b| b.is_ascii_alphanumeric()));
        screens.page(&state, entry, &headers, code).await
    };
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            // Personal (the name, the household): never kept by a proxy.
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-cache"),
            ),
            (header::VARY, HeaderValue::from_static("Cookie")),
        ],
        Body::from(entry_html),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filled_text_is_escaped_for_content_and_attributes() {
        assert_eq!(
            escape(r#"<b>"x" & 'y'</b>"#),
            "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
        );
        assert_eq!(escape("轻机南院"), "轻机南院");
    }
}
