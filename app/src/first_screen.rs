//! The first screens: the entry pages rendered to HTML from the app's own
//! components (`Shell` and the pages), natively, so that the server can send
//! a real page before the WebAssembly arrives (issue #17).
//!
//! What the build cannot know (the communities, the chosen one's name and
//! office phone, the person's name and household) is rendered as a marker,
//! `{{…}}` (see [`Marker`]), that the server replaces with escaped text as it
//! serves the page. Every variant a request can need is rendered: page ×
//! language × large text × who is asking. The community list of the
//! anonymous 首页 is rendered once with two placeholder communities, one of
//! them chosen, and cut into its two item templates.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::location::RequestUrl;

use crate::app::Shell;
use crate::i18n::Lang;
use crate::model::{
    CommunitySummary, Counts, HouseholdAccess, Language, Me, NoticeCategory, NoticeList,
    NoticeSummary, Page as ListPage, Relation, Role,
};
use crate::pages::{accounts, home};
use crate::state;

/// The text the server puts in place of each marker, escaped for HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// The community the screen speaks for (header, the chosen item).
    CommunityName,
    CommunityPhone,
    /// Another community in the list.
    ItemName,
    ItemPhone,
    /// The logged-in person's name (the greeting).
    Person,
    /// The household acted for: its residents, building and flat.
    Residents,
    Building,
    Flat,
    /// The registration code from the slip's QR link (`/register?code=`).
    Code,
    /// An unread urgent notice's title (the banner on 首页).
    Urgent,
}

impl Marker {
    pub const ALL: [Self; 10] = [
        Self::CommunityName,
        Self::CommunityPhone,
        Self::ItemName,
        Self::ItemPhone,
        Self::Person,
        Self::Residents,
        Self::Building,
        Self::Flat,
        Self::Code,
        Self::Urgent,
    ];

    pub fn text(self) -> &'static str {
        match self {
            Self::CommunityName => "{{community}}",
            Self::CommunityPhone => "{{community_phone}}",
            Self::ItemName => "{{item}}",
            Self::ItemPhone => "{{item_phone}}",
            Self::Person => "{{person}}",
            Self::Residents => "{{residents}}",
            Self::Building => "{{building}}",
            Self::Flat => "{{flat}}",
            Self::Code => "{{code}}",
            Self::Urgent => "{{urgent}}",
        }
    }
}

/// Where the community list goes in the anonymous 首页.
pub const COMMUNITIES: &str = "<!--{{communities}}-->";
/// Where the unread urgent notices go in a signed-in 首页.
pub const URGENT: &str = "<!--{{urgent}}-->";
/// The id the urgent banner's template is rendered with: the server puts
/// the notice's id in its place (in `/notices/{id}`).
pub const URGENT_ID: i64 = -314_159;
/// Where 报平安's big 我很好 goes in a signed-in 首页, when it is due.
pub const CARE: &str = "<!--{{care}}-->";
/// Where the 通知 tab's unread badge goes for a signed-in person.
pub const UNREAD: &str = "<!--{{unread}}-->";
/// The count the badge's template is rendered with, for the server to
/// replace with the person's.
pub const UNREAD_COUNT: i64 = 271_828;
/// The unread messages (the 消息 row on 首页, the 我的 tab) and the repair
/// news (the 报修 tab): each badge's marker and the count it is rendered
/// with.
pub const COUNTED: [(&str, i64); 2] = [
    ("<!--{{inbox}}-->", 161_803),
    ("<!--{{repairs}}-->", 141_421),
];

/// The entry pages with a first screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Home,
    Login,
    Register,
}

impl Entry {
    pub const ALL: [Self; 3] = [Self::Home, Self::Login, Self::Register];

    pub fn path(self) -> &'static str {
        match self {
            Self::Home => "/",
            Self::Login => "/login",
            Self::Register => "/register",
        }
    }

    /// The address rendered: 注册 as opened from a slip's QR link.
    fn url(self) -> String {
        match self {
            Self::Register => format!("/register?code={}", Marker::Code.text()),
            _ => self.path().to_owned(),
        }
    }
}

/// Who the screen is for, as far as it changes the markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Not logged in, no community chosen (and several to choose from).
    Nobody,
    /// Not logged in, a community chosen (or the only one).
    Visitor,
    /// Logged in, acting for their own household (or working in a community).
    Person,
    /// Logged in, acting for a household not simply their own: the banner.
    Helper,
}

impl Who {
    pub const ALL: [Self; 4] = [Self::Nobody, Self::Visitor, Self::Person, Self::Helper];

    pub fn name(self) -> &'static str {
        match self {
            Self::Nobody => "nobody",
            Self::Visitor => "visitor",
            Self::Person => "person",
            Self::Helper => "helper",
        }
    }
}

/// The key of one variant in [`FirstScreens::screens`].
pub fn key(entry: Entry, lang: Lang, large: bool, who: Who) -> String {
    format!(
        "{} {} {} {}",
        entry.path(),
        lang.tag(),
        if large { "large" } else { "normal" },
        who.name()
    )
}

/// Everything the server needs, as `cargo xtask build` writes it
/// (`first-screens.json` in the site).
#[derive(Debug, serde::Serialize)]
pub struct FirstScreens {
    /// What goes between `<body>` and the scripts, by [`key`].
    pub screens: BTreeMap<String, String>,
    /// One community of the list, and the chosen one.
    pub community_item: String,
    pub community_item_chosen: String,
    /// One unread urgent notice's banner.
    pub urgent_item: String,
    pub urgent_id: String,
    /// 报平安's 我很好, by language tag.
    pub care_items: BTreeMap<&'static str, String>,
    /// The 通知 tab's badge with its count.
    pub unread_badge: String,
    pub unread_count: String,
    /// The markers, in the order of [`Marker::ALL`].
    pub markers: Vec<&'static str>,
    pub communities_marker: &'static str,
    pub urgent_marker: &'static str,
    pub care_marker: &'static str,
    /// The other badges: marker, template, the count in it.
    pub counted: Vec<(&'static str, String, String)>,
    pub unread_marker: &'static str,
}

const CHOSEN_ID: i64 = -1;

fn community(id: i64, name: Marker, phone: Marker) -> CommunitySummary {
    CommunitySummary {
        id,
        name: name.text().to_owned(),
        office_phone: phone.text().to_owned(),
    }
}

/// The person the logged-in screens are rendered for: all markers.
fn person(helper: bool) -> Me {
    Me {
        id: 0,
        name: Marker::Person.text().to_owned(),
        phone: String::new(),
        language: Language::ZhCn,
        large_text: false,
        households: vec![HouseholdAccess {
            household_id: CHOSEN_ID,
            community_id: CHOSEN_ID,
            community_name: Marker::CommunityName.text().to_owned(),
            office_phone: Marker::CommunityPhone.text().to_owned(),
            building: Marker::Building.text().to_owned(),
            flat_label: Marker::Flat.text().to_owned(),
            role: if helper { Role::Helper } else { Role::Resident },
            relation: helper.then_some(Relation::Child),
            residents: vec![Marker::Residents.text().to_owned()],
        }],
        communities: Vec::new(),
        admin: false,
        // Rendered with the button, which is cut out as the template.
        care_due: true,
        office_community_id: None,
    }
}

/// One entry page, as the app would draw it for `who`.
pub fn render(entry: Entry, lang: Lang, large: bool, who: Who) -> String {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(RequestUrl::new(&entry.url()));
        let chosen = matches!(who, Who::Visitor).then_some(CHOSEN_ID);
        let session = state::provide(lang, large, chosen);
        let list = match who {
            Who::Visitor => vec![
                community(CHOSEN_ID, Marker::CommunityName, Marker::CommunityPhone),
                community(-2, Marker::ItemName, Marker::ItemPhone),
            ],
            _ => vec![
                community(-2, Marker::ItemName, Marker::ItemPhone),
                community(-3, Marker::ItemName, Marker::ItemPhone),
            ],
        };
        state::use_community().list.set(Some(Ok(ListPage {
            items: list,
            next_offset: None,
        })));
        if matches!(who, Who::Person | Who::Helper) {
            session.me.set(Some(person(who == Who::Helper)));
            state::use_counts().seed.set(Some(Counts {
                inbox: COUNTED[0].1,
                repairs: COUNTED[1].1,
                notices: UNREAD_COUNT,
            }));
            session.acting_for.set(Some(CHOSEN_ID));
            // One unread urgent notice: its banner is cut out as the
            // template for as many as the person has.
            state::use_notice_feed().seed.set(Some(NoticeList {
                items: Vec::new(),
                next_offset: None,
                next_cursor: None,
                unread: UNREAD_COUNT,
                unread_urgent: vec![NoticeSummary {
                    id: URGENT_ID,
                    title: Marker::Urgent.text().to_owned(),
                    category: NoticeCategory::General,
                    pinned: false,
                    urgent: true,
                    published_at: String::new(),
                    updated_at: None,
                    expires_at: None,
                    read: false,
                    buildings: Vec::new(),
                }],
            }));
        }
        session.checked.set(true);
        view! {
            <Router>
                <Shell>
                    {match entry {
                        Entry::Home => view! { <home::HomePage /> }.into_any(),
                        Entry::Login => view! { <accounts::LoginPage /> }.into_any(),
                        Entry::Register => view! { <accounts::RegisterPage /> }.into_any(),
                    }}
                </Shell>
            </Router>
        }
        .to_html()
    })
}

/// The `<ul class="communities">` of a rendered 首页: its start, its items
/// and its end, as byte offsets.
fn community_list(html: &str) -> Option<(usize, Vec<&str>, usize)> {
    let open = "<ul class=\"communities\">";
    let start = html.find(open)? + open.len();
    let end = start + html[start..].find("</ul>")?;
    let mut items = Vec::new();
    let mut rest = &html[start..end];
    while let Some(at) = rest.find("<li") {
        let close = rest[at..].find("</li>")? + at + "</li>".len();
        items.push(&rest[at..close]);
        rest = &rest[close..];
    }
    Some((start, items, end))
}

/// The urgent banner of a rendered signed-in 首页, as byte offsets.
fn urgent_banner(html: &str) -> Option<(usize, usize)> {
    let class = html.find("class=\"urgent-banner\"")?;
    let start = html[..class].rfind("<div")?;
    let end = start + html[start..].find("</div>")? + "</div>".len();
    Some((start, end))
}

/// 报平安's 我很好 in a rendered signed-in 首页, as byte offsets.
fn care_button(html: &str) -> Option<(usize, usize)> {
    let class = html.find("class=\"care-fine\"")?;
    let start = html[..class].rfind("<section")?;
    let end = start + html[start..].find("</section>")? + "</section>".len();
    Some((start, end))
}

/// The 通知 tab's badge in a rendered signed-in page, as byte offsets.
fn unread_badge(html: &str) -> Option<(usize, usize)> {
    badge_of(html, UNREAD_COUNT)
}

/// The first badge showing `count`, as byte offsets.
fn badge_of(html: &str, count: i64) -> Option<(usize, usize)> {
    let start = html.find(&format!("<span class=\"badge\">{count}"))?;
    let end = start + html[start..].find("</span></span>")? + "</span></span>".len();
    Some((start, end))
}

/// Every variant, with the community list cut out of the anonymous 首页,
/// the urgent banner out of the signed-in one and the unread badge out of
/// every signed-in page.
pub fn render_all() -> Result<FirstScreens, String> {
    let mut screens = BTreeMap::new();
    let (mut item, mut chosen, mut urgent, mut badge) = (None, None, None, None);
    let mut care_items = BTreeMap::new();
    let mut counted: Vec<Option<String>> = vec![None; COUNTED.len()];
    for entry in Entry::ALL {
        for lang in [Lang::ZhCn, Lang::En] {
            for large in [false, true] {
                for who in Who::ALL {
                    let mut html = render(entry, lang, large, who);
                    if let Some((start, items, end)) = community_list(&html) {
                        if lang == Lang::ZhCn && !large && who == Who::Visitor {
                            let [a, b] = items[..] else {
                                return Err(format!("two communities, found {}", items.len()));
                            };
                            chosen = Some(a.to_owned());
                            item = Some(b.to_owned());
                        }
                        html.replace_range(start..end, COMMUNITIES);
                    }
                    if let Some((start, end)) = urgent_banner(&html) {
                        if lang == Lang::ZhCn && !large && who == Who::Person {
                            urgent = Some(html[start..end].to_owned());
                        }
                        html.replace_range(start..end, URGENT);
                    }
                    if let Some((start, end)) = care_button(&html) {
                        if !large && who == Who::Person {
                            care_items.insert(lang.tag(), html[start..end].to_owned());
                        }
                        html.replace_range(start..end, CARE);
                    }
                    for ((marker, count), template) in COUNTED.iter().zip(counted.iter_mut()) {
                        while let Some((start, end)) = badge_of(&html, *count) {
                            if lang == Lang::ZhCn && who == Who::Person {
                                *template = Some(html[start..end].to_owned());
                            }
                            html.replace_range(start..end, marker);
                        }
                    }
                    if let Some((start, end)) = unread_badge(&html) {
                        if lang == Lang::ZhCn && who == Who::Person {
                            badge = Some(html[start..end].to_owned());
                        }
                        html.replace_range(start..end, UNREAD);
                    }
                    screens.insert(key(entry, lang, large, who), html);
                }
            }
        }
    }
    let (Some(community_item), Some(community_item_chosen)) = (item, chosen) else {
        return Err("the anonymous 首页 has no community list".to_owned());
    };
    let Some(urgent_item) = urgent else {
        return Err("the signed-in 首页 has no urgent banner".to_owned());
    };
    let counted = COUNTED
        .iter()
        .zip(counted)
        .map(|((marker, count), template)| {
            template
                .map(|t| (*marker, t, count.to_string()))
                .ok_or_else(|| format!("the signed-in pages have no badge {marker}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if care_items.len() != 2 {
        return Err("the signed-in 首页 has no 我很好 in each language".to_owned());
    }
    let Some(unread_badge) = badge else {
        return Err("the signed-in pages have no unread badge".to_owned());
    };
    Ok(FirstScreens {
        screens,
        community_item,
        community_item_chosen,
        urgent_item,
        urgent_id: URGENT_ID.to_string(),
        care_items,
        unread_badge,
        unread_count: UNREAD_COUNT.to_string(),
        markers: Marker::ALL.iter().map(|m| m.text()).collect(),
        communities_marker: COMMUNITIES,
        urgent_marker: URGENT,
        care_marker: CARE,
        counted,
        unread_marker: UNREAD,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_anonymous_home_has_the_header_tiles_tabs_and_a_place_for_the_communities() {
        let html = render(Entry::Home, Lang::ZhCn, false, Who::Visitor);
        assert!(html.contains("<header class=\"top\">"), "{html}");
        assert!(html.contains("tel:{{community_phone}}"), "{html}");
        assert!(html.contains("class=\"tabs\""), "{html}");
        assert!(html.contains("class=\"tile\""), "{html}");
        assert!(community_list(&html).is_some_and(|(_, items, _)| items.len() == 2));
    }

    #[test]
    fn every_variant_renders_and_the_lists_are_cut_out() {
        let all = render_all().expect("renders");
        assert_eq!(all.screens.len(), 3 * 2 * 2 * 4);
        assert!(all.community_item_chosen.contains("mine"));
        assert!(all.community_item.contains("{{item_phone}}"));
        let home = &all.screens[&key(Entry::Home, Lang::ZhCn, false, Who::Nobody)];
        assert!(home.contains(COMMUNITIES));
        assert!(
            !home.contains("{{community}}"),
            "no community chosen: {home}"
        );
        let person = &all.screens[&key(Entry::Home, Lang::ZhCn, true, Who::Helper)];
        assert!(person.contains("{{person}}") && person.contains("{{residents}}"));
        assert!(person.contains(URGENT) && !person.contains("urgent-banner"));
        assert!(person.contains(CARE) && !person.contains("care-fine"));
        assert!(all.care_items["zh-CN"].contains("我很好"));
        assert!(all.care_items["en"].contains("I'm fine"));
        assert!(all.urgent_item.contains("{{urgent}}"));
        assert!(all.urgent_item.contains(&format!("/notices/{URGENT_ID}")));
        assert!(person.contains(UNREAD) && !person.contains("class=\"badge\""));
        assert!(all.unread_badge.contains(&UNREAD_COUNT.to_string()));
        let login = &all.screens[&key(Entry::Login, Lang::ZhCn, false, Who::Person)];
        assert!(login.contains(UNREAD), "on every signed-in page");
        assert!(person.contains("aria-checked=\"true\""), "large text is on");
        let login = &all.screens[&key(Entry::Login, Lang::En, false, Who::Visitor)];
        assert!(login.contains("id=\"password\"") && login.contains("Log in"));
        let register = &all.screens[&key(Entry::Register, Lang::ZhCn, false, Who::Nobody)];
        assert!(register.contains("value=\"{{code}}\""), "{register}");
    }
}
