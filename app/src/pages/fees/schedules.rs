//! 收费项目和出账单 (the office): each fee schedule with its rate, making a
//! period's bills after seeing how many and how much, a new rate from a
//! period not yet billed, retiring a schedule, and adding one.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::components::{ConfirmButton, ErrorNotice, FormError, Loading, TextField, parse_text};
use crate::format::{period_words, today};
use crate::i18n::{Lang, use_i18n};
use crate::model::{
    BillingPeriod, ChangeRate, FeeBasis, FeeSchedule, GenerateBills, GeneratePreview,
    NewFeeSchedule, yuan,
};
use crate::state::use_managed_community;

use super::typed_fen;

/// "每平方米每月 1.20 元 · 按年收".
fn rate_words(lang: Lang, basis: FeeBasis, rate_fen: i64) -> String {
    let w = lang.schedule();
    match basis {
        FeeBasis::PerM2 => w.per_m2,
        FeeBasis::Fixed => w.fixed,
    }
    .replace("{rate}", &yuan(rate_fen))
}

fn cycle_words(lang: Lang, period: BillingPeriod) -> &'static str {
    let w = lang.schedule();
    match period {
        BillingPeriod::Month => w.by_month,
        BillingPeriod::Quarter => w.by_quarter,
        BillingPeriod::Year => w.by_year,
    }
}

#[component]
pub fn FeeSchedulesPage() -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.schedule();
    let community = use_managed_community();
    let data = LocalResource::new(move || {
        let c = community.get();
        async move {
            match c {
                Some(c) => api::fee_schedules(c).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let reload = Callback::new(move |()| data.refetch());
    view! {
        <h2 class="section-title">{move || w().title}</h2>
        <p class="card">{move || w().intro}</p>
        {move || match data.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry=reload /> }.into_any(),
            Some(Ok(None)) => ().into_any(),
            Some(Ok(Some(list))) if list.is_empty() => view! { <p class="card">{w().none}</p> }.into_any(),
            Some(Ok(Some(list))) => list
                .into_iter()
                .map(|schedule| view! { <ScheduleCard schedule on_change=reload /> })
                .collect_view()
                .into_any(),
        }}
        {move || community.get().map(|c| view! { <NewScheduleForm community=c on_done=reload /> })}
    }
    .into_any()
}

/// One schedule: what it charges, its bills, its rate, retiring it.
#[component]
fn ScheduleCard(schedule: FeeSchedule, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.0.get_untracked();
    let w = lang.schedule();
    let title_id = format!("schedule-{}", schedule.id);
    let labelled_by = title_id.clone();
    let changes = schedule
        .rate_changes
        .iter()
        .map(|c| {
            w.from_then
                .replace("{period}", &period_words(&c.from_period, lang))
                .replace("{rate}", &yuan(c.rate_fen))
        })
        .collect::<Vec<_>>();
    let id = schedule.id;
    let name = schedule.name.clone();
    let retire = Callback::new(move |()| {
        spawn_local(async move {
            if api::retire_fee_schedule(id).await.is_ok() {
                on_change.run(());
            }
        });
    });
    view! {
        <section class="card schedule" aria-labelledby=labelled_by>
            <h3 id=title_id>
                {schedule.name.clone()}
                {schedule.retired.then(|| view! { " · " <span class="badge">{w.retired}</span> })}
            </h3>
            <dl class="facts">
                <dt>{w.rate}</dt>
                <dd>{rate_words(lang, schedule.basis, schedule.rate_fen)}</dd>
                <dt>{w.cycle}</dt>
                <dd>{cycle_words(lang, schedule.period)}</dd>
                <dt>{w.due_days}</dt>
                <dd>{w.due.replace("{n}", &schedule.due_days.to_string())}</dd>
            </dl>
            {(!changes.is_empty()).then(|| view! {
                <ul class="plain">{changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
            })}
            {(!schedule.retired).then(|| view! {
                <BillForm schedule=schedule.clone() />
                <details class="more">
                    <summary class="button">{w.change_rate}</summary>
                    <RateForm schedule=schedule.clone() on_done=on_change />
                </details>
                <ConfirmButton label=Signal::derive(move || i18n.schedule().retire.to_owned())
                    question=Signal::derive(move || i18n.schedule().retire_question.replace("{name}", &name))
                    yes=Signal::derive(move || i18n.schedule().retire.to_owned())
                    on_confirm=retire />
            })}
        </section>
    }
    .into_any()
}

/// 出账单: choose the period, see how many bills and how much, then make them.
#[component]
fn BillForm(schedule: FeeSchedule) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.schedule();
    let periods = schedule.period.around(&today());
    let period = RwSignal::new(periods.get(1).cloned().unwrap_or_default());
    let preview = RwSignal::new(None::<GeneratePreview>);
    let made = RwSignal::new(None::<i64>);
    let error = RwSignal::new(None::<ApiError>);
    let id = schedule.id;
    let body = move || GenerateBills {
        schedule_id: id,
        period: period.get_untracked(),
    };
    let look = move |_| {
        error.set(None);
        made.set(None);
        spawn_local(async move {
            match api::preview_bills(body()).await {
                Ok(p) => preview.set(Some(p)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let generate = Callback::new(move |()| {
        error.set(None);
        spawn_local(async move {
            match api::generate_bills(body()).await {
                Ok(result) => {
                    made.set(Some(result.created));
                    preview.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let select_id = format!("bill-period-{id}");
    let label_for = select_id.clone();
    view! {
        <div class="form bill-form">
            <h4>{move || w().bill_title}</h4>
            <div class="field">
                <label for=label_for>{move || w().period}</label>
                <select id=select_id on:change=move |ev| {
                    period.set(event_target_value(&ev));
                    preview.set(None);
                    made.set(None);
                }>
                    {periods.iter().map(|p| {
                        let chosen = *p == period.get_untracked();
                        view! { <option value=p.clone() selected=chosen>{period_words(p, i18n.0.get_untracked())}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="button" class="button" on:click=look>{move || w().preview}</button>
            <FormError error />
            {move || preview.get().map(|p| {
                let words = i18n.schedule();
                view! {
                    <div class="card" role="status">
                        {if p.bills > 0 {
                            view! {
                                <p class="big-line">{words.would_make.replace("{n}", &p.bills.to_string()).replace("{amount}", &yuan(p.total_fen))}</p>
                            }.into_any()
                        } else {
                            view! { <p class="big-line">{words.nothing_to_make}</p> }.into_any()
                        }}
                        {(p.existing > 0 && p.bills > 0).then(|| view! { <p>{words.already.replace("{n}", &p.existing.to_string())}</p> })}
                        {(p.bills > 0).then(|| {
                            let n = p.bills.to_string();
                            view! {
                                <ConfirmButton label=Signal::derive(move || i18n.schedule().generate.to_owned())
                                    question=Signal::derive(move || i18n.schedule().generate_question
                                        .replace("{n}", &n)
                                        .replace("{period}", &period_words(&period.get(), i18n.0.get())))
                                    yes=Signal::derive(move || i18n.schedule().generate.to_owned())
                                    on_confirm=generate />
                            }
                        })}
                    </div>
                }
            })}
            {move || made.get().map(|n| view! {
                <p class="card issued" role="status">{i18n.schedule().made.replace("{n}", &n.to_string())}</p>
            })}
        </div>
    }
    .into_any()
}

/// 改单价: a new rate from a period not yet billed.
#[component]
fn RateForm(schedule: FeeSchedule, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.schedule();
    let id = schedule.id;
    let periods: Vec<String> = schedule
        .period
        .around(&today())
        .into_iter()
        .skip(1)
        .collect();
    let from = RwSignal::new(periods.get(1).cloned().unwrap_or_default());
    let rate = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        saved.set(false);
        let Some(rate_fen) = typed_fen(&rate.get_untracked(), error) else {
            return;
        };
        let body = ChangeRate {
            rate_fen,
            from_period: from.get_untracked(),
        };
        spawn_local(async move {
            match api::change_fee_rate(id, body).await {
                Ok(_) => {
                    saved.set(true);
                    on_done.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let rate_id = format!("rate-{id}");
    let from_id = format!("rate-from-{id}");
    let from_for = from_id.clone();
    view! {
        <form class="form" on:submit=save>
            <TextField id=rate_id inputmode="decimal" label=Signal::derive(move || w().new_rate) value=rate />
            <div class="field">
                <label for=from_for>{move || w().from_period}</label>
                <small class="hint">{move || w().change_hint}</small>
                <select id=from_id on:change=move |ev| from.set(event_target_value(&ev))>
                    {periods.iter().map(|p| {
                        let chosen = *p == from.get_untracked();
                        view! { <option value=p.clone() selected=chosen>{period_words(p, i18n.0.get_untracked())}</option> }
                    }).collect_view()}
                </select>
            </div>
            <FormError error />
            {move || saved.get().then(|| view! { <p class="card issued" role="status">{w().rate_saved}</p> })}
            <button type="submit" class="button primary">{move || w().save_rate}</button>
        </form>
    }
    .into_any()
}

/// 新增收费项目.
#[component]
fn NewScheduleForm(community: i64, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || i18n.schedule();
    let name = RwSignal::new(String::new());
    let basis = RwSignal::new(FeeBasis::Fixed);
    let rate = RwSignal::new(String::new());
    let cycle = RwSignal::new(BillingPeriod::Month);
    let due_days = RwSignal::new("30".to_owned());
    let error = RwSignal::new(None::<ApiError>);
    let added = RwSignal::new(false);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        added.set(false);
        let Some(parsed) = parse_text(&name.get_untracked(), error) else {
            return;
        };
        let Some(rate_fen) = typed_fen(&rate.get_untracked(), error) else {
            return;
        };
        let body = NewFeeSchedule {
            community_id: community,
            name: parsed,
            basis: basis.get_untracked(),
            rate_fen,
            period: cycle.get_untracked(),
            due_days: due_days.get_untracked().trim().parse().ok(),
        };
        spawn_local(async move {
            match api::create_fee_schedule(body).await {
                Ok(_) => {
                    added.set(true);
                    name.set(String::new());
                    rate.set(String::new());
                    on_done.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let choice = move |id: &'static str,
                       label: &'static str,
                       checked: Signal<bool>,
                       pick: Callback<()>| {
        view! {
            <label class="radio" for=id>
                <input type="radio" id=id name="schedule-basis" prop:checked=move || checked.get() on:change=move |_| pick.run(()) />
                <span>{label}</span>
            </label>
        }
    };
    view! {
        <form class="card form" on:submit=add>
            <h3>{move || w().add_title}</h3>
            <TextField id="schedule-name" label=Signal::derive(move || w().name) value=name />
            <fieldset class="field">
                <legend>{move || w().basis}</legend>
                {move || {
                    let words = i18n.schedule();
                    view! {
                        {choice("basis-fixed", words.basis_fixed, Signal::derive(move || basis.get() == FeeBasis::Fixed), Callback::new(move |()| basis.set(FeeBasis::Fixed)))}
                        {choice("basis-m2", words.basis_m2, Signal::derive(move || basis.get() == FeeBasis::PerM2), Callback::new(move |()| basis.set(FeeBasis::PerM2)))}
                    }
                }}
            </fieldset>
            <TextField id="schedule-rate" inputmode="decimal" label=Signal::derive(move || w().rate)
                hint=Signal::derive(move || w().rate_hint) value=rate />
            <div class="field">
                <label for="schedule-cycle">{move || w().cycle}</label>
                <select id="schedule-cycle" on:change=move |ev| cycle.set(match event_target_value(&ev).as_str() {
                    "quarter" => BillingPeriod::Quarter,
                    "year" => BillingPeriod::Year,
                    _ => BillingPeriod::Month,
                })>
                    <option value="month">{move || w().by_month}</option>
                    <option value="quarter">{move || w().by_quarter}</option>
                    <option value="year">{move || w().by_year}</option>
                </select>
            </div>
            <TextField id="schedule-due" inputmode="numeric" label=Signal::derive(move || w().due_days) value=due_days />
            <FormError error />
            {move || added.get().then(|| view! { <p class="card issued" role="status">{w().added}</p> })}
            <button type="submit" class="button primary">{move || w().add}</button>
        </form>
    }
    .into_any()
}
