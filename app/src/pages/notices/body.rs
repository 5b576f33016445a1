use leptos::prelude::*;

/// A notice body as text: paragraphs at blank lines, line breaks kept, and
/// web addresses made into links. Nothing else is interpreted, so markup a
/// manager types shows as the characters they typed.
#[component]
pub fn NoticeBody(text: String) -> impl IntoView {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|paragraph| {
            let lines: Vec<String> = paragraph.lines().map(str::to_owned).collect();
            let last = lines.len().saturating_sub(1);
            view! {
                <p>
                    {lines.into_iter().enumerate().map(|(i, line)| view! {
                        {linkify(&line)}
                        {(i < last).then(|| view! { <br /> })}
                    }).collect_view()}
                </p>
            }
        })
        .collect_view()
}

/// Splits a line into text and http(s) links.
fn linkify(line: &str) -> impl IntoView + use<> {
    let mut parts = Vec::new();
    let mut rest = line;
    while let Some(start) = rest
        .find("http://")
        .into_iter()
        .chain(rest.find("https://"))
        .min()
    {
        let (before, from) = rest.split_at(start);
        let end = from.find(char::is_whitespace).unwrap_or(from.len());
        let (url, after) = from.split_at(end);
        parts.push((before.to_owned(), Some(url.to_owned())));
        rest = after;
    }
    parts.push((rest.to_owned(), None));
    parts
        .into_iter()
        .map(|(text, url)| {
            view! {
                {text}
                {url.map(|u| {
                    let href = u.clone();
                    view! { <a href=href rel="noopener noreferrer" target="_blank">{u}</a> }
                })}
            }
        })
        .collect_view()
}
