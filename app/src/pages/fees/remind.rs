//! 催缴 from the arrears list: remind the chosen households, or all of
//! them, of the period's fee (each hears of it in their inbox, at most once
//! a week), and print a polite slip for each door.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use crate::api::{self, ApiError};
use crate::components::{ConfirmButton, ErrorNotice, FormError, Loading};
use crate::format::{date_time, short_date, today};
use crate::i18n::use_i18n;
use crate::model::{NewReminders, RemindersSent, yuan};
use crate::state::use_community;

/// The slips page for these households of the period.
fn slips_link(period: &str, households: &[i64]) -> String {
    let ids: Vec<String> = households.iter().map(i64::to_string).collect();
    format!("/manage/fees/slips?period={period}&h={}", ids.join(","))
}

/// The two reminder buttons under the arrears list, and what the last
/// press did.
#[component]
pub fn RemindBar(
    community: i64,
    period: String,
    chosen: RwSignal<BTreeSet<i64>>,
    owing: usize,
    sent: RwSignal<Option<RemindersSent>>,
    on_sent: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let r = move || i18n.remind();
    let error = RwSignal::new(None::<ApiError>);
    let send = {
        let period = period.clone();
        move |households: Option<Vec<i64>>| {
            error.set(None);
            let body = NewReminders {
                community_id: community,
                period: period.clone(),
                household_ids: households,
            };
            spawn_local(async move {
                match api::send_reminders(body).await {
                    Ok(done) => {
                        chosen.set(BTreeSet::new());
                        sent.set(Some(done));
                        on_sent.run(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    let send_chosen = {
        let send = send.clone();
        Callback::new(move |()| send(Some(chosen.get_untracked().into_iter().collect())))
    };
    let send_all = Callback::new(move |()| send(None));
    let question =
        move |n: usize| Signal::derive(move || r().remind_question.replace("{n}", &n.to_string()));
    view! {
        <div class="remind-bar no-print">
            {move || {
                let n = chosen.with(BTreeSet::len);
                (n > 0).then(|| view! {
                    <ConfirmButton label=Signal::derive(move || format!("{} ({n})", r().remind_chosen))
                        question=question(n) yes=Signal::derive(move || r().remind_yes.to_owned())
                        on_confirm=send_chosen />
                })
            }}
            {(owing > 0).then(|| view! {
                <ConfirmButton label=Signal::derive(move || format!("{} ({owing})", r().remind_all))
                    question=question(owing) yes=Signal::derive(move || r().remind_yes.to_owned())
                    on_confirm=send_all />
            })}
            <FormError error />
            {move || sent.get().map(|done| {
                let households: Vec<i64> = done.sent.iter().chain(&done.too_soon).map(|h| h.household_id).collect();
                view! {
                    <div class="card remind-result" role="status">
                        <p class="big-line">{r().sent.replace("{n}", &done.sent.len().to_string())}</p>
                        {(!done.too_soon.is_empty()).then(|| view! {
                            <p>{r().too_soon.replace("{n}", &done.too_soon.len().to_string())}</p>
                        })}
                        {(!households.is_empty()).then(|| view! {
                            <a class="button primary" href=slips_link(&done.period, &households)>{r().print_slips}</a>
                        })}
                    </div>
                }
            })}
        </div>
    }
}

/// The slips for the doors: one a household, large print, the amount, the
/// ways to pay and the office's phone; no phone numbers of residents.
#[component]
pub fn ReminderSlipsPage() -> impl IntoView {
    let i18n = use_i18n();
    let r = move || i18n.remind();
    let query = use_query_map();
    let period = query.with_untracked(|q| q.get("period").unwrap_or_default());
    let wanted: BTreeSet<i64> = query.with_untracked(|q| {
        q.get("h")
            .unwrap_or_default()
            .split(',')
            .filter_map(|s| s.parse().ok())
            .collect()
    });
    let community = use_community();
    let data = LocalResource::new({
        let period = period.clone();
        move || {
            let period = period.clone();
            async move {
                let summary = api::fee_summary(Some(period)).await?;
                let settings = api::fee_settings(Some(summary.community_id)).await?;
                Ok::<_, ApiError>((summary, settings))
            }
        }
    });
    let retry = Callback::new(move |()| data.refetch());
    let date = today();
    move || match data.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
        Some(Ok((summary, settings))) => {
            let heading = community.current();
            let name = heading.as_ref().map(|c| c.name.clone()).unwrap_or_default();
            let phone = heading.map(|c| c.office_phone).unwrap_or_default();
            let slips: Vec<_> = summary
                .arrears
                .into_iter()
                .filter(|a| wanted.contains(&a.household_id))
                .collect();
            let lang = i18n.0.get();
            view! {
                <h2 class="section-title no-print">{r().slips_title} " · " {crate::format::period_words(&period, lang)}</h2>
                {if slips.is_empty() {
                    view! { <p class="card">{r().slips_none}</p> }.into_any()
                } else {
                    view! {
                        <button type="button" class="button primary no-print" on:click=|_| {
                            if let Some(w) = web_sys::window() { let _ = w.print(); }
                        }>{i18n.t().print} " (" {slips.len()} ")"</button>
                        <ul class="plain reminder-slips">
                            {slips.into_iter().map(|a| {
                                let flat = format!("{} {}", a.building, a.flat_label);
                                view! {
                                    <li class="reminder-slip">
                                        <p class="slip-community">{name.clone()} " · " {r().slip_title}</p>
                                        <p class="slip-greeting">{r().slip_greeting.replace("{flat}", &flat)}</p>
                                        <p>{r().slip_body.replace("{period}", &crate::format::period_words(&summary.period, lang)).replace("{amount}", &yuan(a.owed_fen))}</p>
                                        <ol>
                                            <li>{r().slip_office}</li>
                                            <li>{r().slip_app}</li>
                                            {(!settings.bank_details.is_empty()).then(|| view! {
                                                <li>{r().slip_bank.replace("{bank}", &settings.bank_details)}</li>
                                            })}
                                        </ol>
                                        <p class="slip-call">{r().slip_call.replace("{phone}", &phone)}</p>
                                        <p class="slip-sign">{name.clone()} " " {r().slip_thanks} " · " {short_date(&date, lang)}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            }.into_any()
        }
    }
}

/// "上次提醒：12月7日" for an arrear, if it was reminded.
pub fn reminded_line(reminded_at: Option<&str>, lang: crate::i18n::Lang) -> Option<String> {
    reminded_at.map(|at| {
        lang.remind()
            .reminded_on
            .replace("{date}", &date_time(at, lang))
    })
}
