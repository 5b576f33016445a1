//! 公示 (the office's side): choose a month, check the figures the ledgers
//! give, add a note and publish; residents then read it under 通知 as a
//! notice of category 公示 (read aloud, printed for the board).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api::{self, ApiError};
use crate::components::{ConfirmButton, ErrorNotice, FormError, Loading, parse_text};
use crate::format::today;
use crate::i18n::{Lang, use_i18n};
use crate::model::{DisclosureFigures, FeeLine, NewDisclosure, yuan};
use crate::state::use_managed_community;

/// This month and the eleven before it, newest first: "2026-12", "2026-11" …
fn recent_months(today: &str) -> Vec<String> {
    let year: i64 = today.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2026);
    let month: i64 = today.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    let first = year * 12 + month - 1;
    (0..12)
        .map(|back| {
            let n = first - back;
            format!("{:04}-{:02}", n / 12, n % 12 + 1)
        })
        .collect()
}

fn duration(minutes: i64, lang: Lang) -> String {
    let w = lang.disclosure();
    let (d, h) = (minutes / (24 * 60), minutes % (24 * 60) / 60);
    if d > 0 {
        w.days_hours
            .replace("{d}", &d.to_string())
            .replace("{h}", &h.to_string())
    } else if h > 0 {
        w.hours.replace("{h}", &h.to_string())
    } else {
        w.minutes.replace("{m}", &minutes.to_string())
    }
}

#[component]
pub fn DisclosuresPage() -> impl IntoView {
    let i18n = use_i18n();
    let d = move || i18n.disclosure();
    let community = use_managed_community();
    let months = recent_months(&today());
    // The month just ended is the one usually disclosed.
    let month = RwSignal::new(months.get(1).cloned().unwrap_or_default());
    let data = LocalResource::new(move || {
        let m = month.get();
        async move { api::disclosures(Some(&m)).await }
    });
    let retry = Callback::new(move |()| data.refetch());
    view! {
        <h2 class="section-title">{move || d().title}</h2>
        <p class="card">{move || d().intro}</p>
        <div class="card toolbar">
            <label for="disclosure-month">{move || d().month}</label>
            <select id="disclosure-month" on:change=move |ev| month.set(event_target_value(&ev))>
                {months.iter().map(|m| {
                    let chosen = *m == month.get_untracked();
                    view! { <option value=m.clone() selected=chosen>{crate::format::period_words(m, i18n.0.get_untracked())}</option> }
                }).collect_view()}
            </select>
        </div>
        {move || match data.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
            Some(Ok(list)) => {
                let m = month.get_untracked();
                let done = list.items.iter().find(|p| p.month == m).cloned();
                view! {
                    {list.draft.map(|f| view! { <Figures figures=f /> })}
                    {match (done, community.get()) {
                        (Some(p), _) => view! {
                            <div class="card" role="status">
                                <p class="big-line">{d().published}</p>
                                <div class="choice">
                                    <A href=format!("/notices/{}", p.notice_id) attr:class="button primary">{d().see_notice}</A>
                                    <A href=format!("/notices/{}/print", p.notice_id) attr:class="button">{d().print}</A>
                                </div>
                            </div>
                        }.into_any(),
                        (None, Some(c)) => view! { <PublishForm community=c month=m on_done=retry /> }.into_any(),
                        (None, None) => ().into_any(),
                    }}
                    <section aria-labelledby="published-title">
                        <h3 id="published-title" class="section-title">{d().published_list}</h3>
                        {if list.items.is_empty() {
                            view! { <p class="card">{d().none_yet}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="plain">
                                    {list.items.into_iter().map(|p| view! {
                                        <li><A href=format!("/notices/{}", p.notice_id) attr:class="button">
                                            {crate::format::period_words(&p.month, i18n.0.get_untracked())} " · " {i18n.notice().cat_disclosure}
                                        </A></li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                }.into_any()
            }
        }}
    }
}

/// The month's figures as the office checks them.
#[component]
fn Figures(figures: DisclosureFigures) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.0.get_untracked();
    let d = lang.disclosure();
    // One block a building, stacked: at 360 px in large text four columns
    // of money do not fit.
    let fee_line = |name: String, line: &FeeLine, total: bool| {
        view! {
            <div class="fee-line" class:total=total>
                <h4>{name}</h4>
                <dl class="facts">
                    <dt>{d.billed}</dt><dd>{yuan(line.billed_fen)}</dd>
                    <dt>{d.collected}</dt><dd class="collected">{yuan(line.collected_fen)}</dd>
                    <dt>{d.rate}</dt><dd>{line.rate_text()}</dd>
                </dl>
            </div>
        }
    };
    let r = &figures.repairs;
    let rating = (r.rated > 0).then(|| {
        let tenths = r.stars * 10 / r.rated;
        format!("{}.{} {} ({})", tenths / 10, tenths % 10, d.stars, r.rated)
    });
    view! {
        <section class="card" aria-labelledby="fees-figures">
            <h3 id="fees-figures">{d.fees}</h3>
            {if figures.fee_buildings.is_empty() {
                view! { <p>{d.no_bills}</p> }.into_any()
            } else {
                view! {
                    {figures.fee_buildings.iter().map(|b| fee_line(b.name.clone(), b, false)).collect_view()}
                    {fee_line(d.total.to_owned(), &figures.fee_total, true)}
                }.into_any()
            }}
        </section>
        <section class="card" aria-labelledby="points-figures">
            <h3 id="points-figures">{d.points}</h3>
            {(!figures.points.is_empty()).then(|| view! {
                <table class="figures">
                    <thead><tr><th scope="col">{d.rule}</th><th scope="col">{d.times}</th><th scope="col">{d.points_n}</th></tr></thead>
                    <tbody>
                        {figures.points.iter().map(|p| view! { <tr><td>{p.rule.clone()}</td><td>{p.times}</td><td>{p.points}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            })}
            <dl class="facts">
                <dt>{d.issued}</dt><dd>{figures.points_issued()} " " {d.points_n}</dd>
                <dt>{d.swapped}</dt><dd>{figures.shop.points_swapped} " " {d.points_n}</dd>
                <dt>{d.stock_in}</dt><dd>{figures.shop.stock_in}</dd>
                <dt>{d.stock_out}</dt><dd>{figures.shop.stock_out}</dd>
            </dl>
        </section>
        <section class="card" aria-labelledby="repair-figures">
            <h3 id="repair-figures">{d.repairs}</h3>
            <dl class="facts">
                <dt>{d.received}</dt><dd>{r.received}</dd>
                <dt>{d.closed}</dt><dd>{r.closed}</dd>
                <dt>{d.median}</dt><dd>{r.median_minutes.map_or_else(|| "—".to_owned(), |m| duration(m, lang))}</dd>
                <dt>{d.rating}</dt><dd>{rating.unwrap_or_else(|| "—".to_owned())}</dd>
            </dl>
        </section>
    }
}

#[component]
fn PublishForm(community: i64, month: String, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let d = move || i18n.disclosure();
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let publish = Callback::new(move |()| {
        error.set(None);
        let Some(note) = parse_text(&note.get_untracked(), error) else {
            return;
        };
        let body = NewDisclosure {
            community_id: community,
            month: month.clone(),
            note,
        };
        spawn_local(async move {
            match api::publish_disclosure(body).await {
                Ok(_) => on_done.run(()),
                Err(e) => error.set(Some(e)),
            }
        });
    });
    view! {
        <div class="card form">
            <div class="field">
                <label for="disclosure-note">{move || d().note}</label>
                <textarea id="disclosure-note" rows="3" prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            </div>
            <FormError error />
            <ConfirmButton label=Signal::derive(move || d().publish.to_owned())
                question=Signal::derive(move || d().publish_question.to_owned())
                yes=Signal::derive(move || d().publish.to_owned())
                on_confirm=publish />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_twelve_months_cross_the_new_year() {
        let months = recent_months("2026-02-14");
        assert_eq!(months[0], "2026-02");
        assert_eq!(months[1], "2026-01");
        assert_eq!(months[2], "2025-12");
        assert_eq!(months[11], "2025-03");
        assert_eq!(
            crate::format::period_words("2026-03", Lang::ZhCn),
            "2026年3月"
        );
    }
}
