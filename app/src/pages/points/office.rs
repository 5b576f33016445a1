//! 记积分 (managers): record one activity for many residents at once,
//! adjust with a reason, keep the earning rules, choose how the red board
//! shows names.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api::{self, ApiError};
use crate::components::{FormError, TextField, submit_action};
use crate::format::today;
use crate::i18n::use_i18n;
use crate::model::{
    AwardResult, Ledger, NewAdjustment, NewAward, NewPointRule, PointRuleUpdate, PointSettings,
    PointUnit, Text,
};
use crate::state::{use_managed_buildings, use_managed_community};

#[component]
pub fn PointsOfficePage() -> impl IntoView {
    let i18n = use_i18n();
    let rules = LocalResource::new(api::point_rules);
    view! {
        <h2 class="section-title">{move || i18n.point().office_points}</h2>
        <Award rules />
        <Adjust />
        <Rules rules />
        <BoardNames />
    }
}

type Rules = LocalResource<Result<Vec<crate::model::PointRule>, ApiError>>;

/// One activity, many residents: pick the rule, the day, how much, and
/// tick the people by building.
#[component]
fn Award(rules: Rules) -> impl IntoView {
    let i18n = use_i18n();
    let p = move || i18n.point();
    let rule = RwSignal::new(None::<i64>);
    let date = RwSignal::new(today());
    let quantity = RwSignal::new("1".to_owned());
    let note = RwSignal::new(String::new());
    let building = RwSignal::new(None::<i64>);
    let chosen = RwSignal::new(Vec::<i64>::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<AwardResult>);
    let buildings = use_managed_buildings();
    let people = LocalResource::new(move || {
        let b = building.get();
        async move { api::point_residents(b).await.unwrap_or_default() }
    });
    let active_rules = move || {
        rules
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.active)
            .collect::<Vec<_>>()
    };
    Effect::new(move || {
        if rule.get_untracked().is_none() {
            rule.set(active_rules().first().map(|r| r.id));
        }
    });
    let unit = move || {
        let id = rule.get();
        active_rules()
            .into_iter()
            .find(|r| Some(r.id) == id)
            .map_or(PointUnit::Time, |r| r.unit)
    };
    let submit = submit_action(
        move |()| {
            let body = Text::parse(&note.get_untracked()).map(|note| NewAward {
                rule_id: rule.get_untracked().unwrap_or_default(),
                date: date.get_untracked(),
                quantity: quantity.get_untracked().trim().parse().unwrap_or(0.0),
                user_ids: chosen.get_untracked(),
                note,
            });
            async move { api::award(body.map_err(ApiError::refused)?).await }
        },
        error,
        move |r: AwardResult| {
            done.set(Some(r));
            chosen.set(Vec::new());
            people.refetch();
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        done.set(None);
        submit.dispatch(());
    };
    view! {
        <form class="card form" on:submit=on_submit>
            <h3>{move || p().award_title}</h3>
            <div class="field">
                <label for="award-rule">{move || p().rule}</label>
                <select id="award-rule" on:change=move |ev| rule.set(event_target_value(&ev).parse().ok())>
                    {move || active_rules().into_iter().map(|r| {
                        let id = r.id;
                        view! {
                            <option value=id.to_string() selected=move || rule.get() == Some(id)>
                                {r.name} " · " {r.points} {p().points} "/" {p().unit(r.unit)}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </div>
            <TextField id="award-date" kind="date" label=Signal::derive(move || p().date) value=date />
            <TextField id="award-quantity" inputmode="decimal"
                label=Signal::derive(move || if unit() == PointUnit::Hour { p().quantity_hours } else { p().quantity_times })
                value=quantity />
            <fieldset class="field">
                <legend>{move || p().who} " · " {move || p().chosen.replace("{n}", &chosen.with(Vec::len).to_string())}</legend>
                <label for="award-building" class="visually-hidden">{move || p().building}</label>
                <select id="award-building" on:change=move |ev| building.set(event_target_value(&ev).parse().ok())>
                    <option value="">{move || p().all_buildings}</option>
                    {move || buildings.get().unwrap_or_default().into_iter().map(|b| view! {
                        <option value=b.id.to_string()>{b.name}</option>
                    }).collect_view()}
                </select>
                <div class="people">
                    {move || people.get().unwrap_or_default().into_iter().map(|person| {
                        let id = person.user_id;
                        let input = format!("person-{id}");
                        let label_for = input.clone();
                        view! {
                            <label class="radio" for=label_for>
                                <input type="checkbox" id=input prop:checked=move || chosen.with(|c| c.contains(&id))
                                    on:change=move |ev| chosen.update(|c| {
                                        c.retain(|x| *x != id);
                                        if event_target_checked(&ev) { c.push(id) }
                                    }) />
                                <span>{person.name} " · " {person.building} " " {person.flat_label}</span>
                            </label>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <TextField id="award-note" label=Signal::derive(move || p().note) value=note />
            <FormError error />
            {move || done.get().map(|r| view! {
                <p class="card issued" role="status">
                    {p().awarded.replace("{n}", &r.residents.to_string()).replace("{p}", &r.points_each.to_string())}
                </p>
            })}
            <button type="submit" class="button primary" disabled={move || submit.pending().get() || chosen.with(Vec::is_empty)}>
                {move || p().award_go}
            </button>
        </form>
    }
}

/// A correction up or down, with the reason written on the ledger.
#[component]
fn Adjust() -> impl IntoView {
    let i18n = use_i18n();
    let p = move || i18n.point();
    let people =
        LocalResource::new(|| async { api::point_residents(None).await.unwrap_or_default() });
    let person = RwSignal::new(None::<i64>);
    let amount = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<i64>);
    let community = use_managed_community();
    let submit = submit_action(
        move |()| {
            let body = Text::parse(&reason.get_untracked()).map(|reason| NewAdjustment {
                community_id: community.get_untracked().unwrap_or_default(),
                user_id: person.get_untracked().unwrap_or_default(),
                amount: amount.get_untracked().trim().parse().unwrap_or(0),
                reason,
            });
            async move { api::adjust_points(body.map_err(ApiError::refused)?).await }
        },
        error,
        move |l: Ledger| {
            done.set(Some(l.balance));
            amount.set(String::new());
            reason.set(String::new());
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        done.set(None);
        submit.dispatch(());
    };
    view! {
        <details class="card">
            <summary>{move || p().adjust_title}</summary>
            <form class="form" on:submit=on_submit>
                <div class="field">
                    <label for="adjust-person">{move || p().person}</label>
                    <select id="adjust-person" on:change=move |ev| person.set(event_target_value(&ev).parse().ok())>
                        <option value="">"—"</option>
                        {move || people.get().unwrap_or_default().into_iter().map(|r| view! {
                            <option value=r.user_id.to_string()>{r.name} " · " {r.building} " " {r.flat_label} " · " {r.balance}</option>
                        }).collect_view()}
                    </select>
                </div>
                <TextField id="adjust-amount" inputmode="numeric" label=Signal::derive(move || p().amount)
                    hint=Signal::derive(move || p().amount_hint) value=amount />
                <TextField id="adjust-reason" label=Signal::derive(move || p().reason) value=reason />
                <FormError error />
                {move || done.get().map(|b| view! { <p class="card issued" role="status">{p().adjusted.replace("{b}", &b.to_string())}</p> })}
                <button type="submit" class="button primary" disabled=move || person.get().is_none()>{move || p().adjust_go}</button>
                {move || person.get().map(|u| view! {
                    <A href=format!("/points/statement?user_id={u}") attr:class="button">{p().statement}</A>
                })}
            </form>
        </details>
    }
}

/// The earning rules: add one, retire or restore.
#[component]
fn Rules(rules: Rules) -> impl IntoView {
    let i18n = use_i18n();
    let p = move || i18n.point();
    let name = RwSignal::new(String::new());
    let points = RwSignal::new("5".to_owned());
    let unit = RwSignal::new(PointUnit::Time);
    let error = RwSignal::new(None::<ApiError>);
    let community = use_managed_community();
    let add = submit_action(
        move |()| {
            let body = Text::parse(&name.get_untracked()).map(|name| NewPointRule {
                community_id: community.get_untracked().unwrap_or_default(),
                name,
                points: points.get_untracked().trim().parse().unwrap_or(0),
                unit: unit.get_untracked(),
            });
            async move { api::add_point_rule(body.map_err(ApiError::refused)?).await }
        },
        error,
        move |_| {
            name.set(String::new());
            rules.refetch();
        },
    );
    let toggle = move |id: i64, active: bool| {
        spawn_local(async move {
            let _ = api::update_point_rule(
                id,
                PointRuleUpdate {
                    points: None,
                    active: Some(active),
                },
            )
            .await;
            rules.refetch();
        });
    };
    view! {
        <section class="card" aria-labelledby="rules-heading">
            <h3 id="rules-heading">{move || p().rules_title}</h3>
            <ul class="plain rules">
                {move || rules.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|r| {
                    let (id, active) = (r.id, r.active);
                    view! {
                        <li class:retired=!active>
                            <span>{r.name} " · " {r.points} " " {p().points} " / " {p().unit(r.unit)}</span>
                            <button type="button" class="button" on:click=move |_| toggle(id, !active)>
                                {if active { p().retire } else { p().restore }}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="form" on:submit=move |ev| { ev.prevent_default(); error.set(None); add.dispatch(()); }>
                <h4>{move || p().new_rule}</h4>
                <TextField id="rule-name" label=Signal::derive(move || p().name) value=name />
                <TextField id="rule-points" inputmode="numeric" label=Signal::derive(move || p().points) value=points />
                <div class="field">
                    <label for="rule-unit">{move || p().per}</label>
                    <select id="rule-unit" on:change=move |ev| unit.set(PointUnit::parse(&event_target_value(&ev)).unwrap_or(PointUnit::Time))>
                        {[PointUnit::Time, PointUnit::Hour].into_iter().map(|u| view! {
                            <option value=u.as_str() selected=move || unit.get() == u>{move || p().unit(u)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <FormError error />
                <button type="submit" class="button">{move || p().add}</button>
            </form>
        </section>
    }
}

/// Full names or surname + 某 on the red board.
#[component]
fn BoardNames() -> impl IntoView {
    let i18n = use_i18n();
    let p = move || i18n.point();
    let settings = LocalResource::new(api::point_settings);
    move || {
        settings.get().and_then(Result::ok).map(|s: PointSettings| {
            let on = s.board_full_names;
            let flip = move |_| {
                let body = PointSettings { community_id: s.community_id, board_full_names: !on };
                spawn_local(async move {
                    let _ = api::save_point_settings(body).await;
                    settings.refetch();
                });
            };
            view! {
                <div class="card switch-row">
                    <span class="switch-label"><span><strong>{p().full_names}</strong><small>{p().full_names_hint}</small></span></span>
                    <button type="button" class="switch" role="switch" aria-checked=if on { "true" } else { "false" }
                        aria-label=p().full_names on:click=flip>
                        {if on { i18n.t().switch_on } else { i18n.t().switch_off }}
                    </button>
                </div>
            }
        })
    }
}
