//! 红榜: who earned the most points this month, month by month.

use leptos::prelude::*;

use crate::api;
use crate::components::{ErrorNotice, Loading};
use crate::format::today;
use crate::i18n::use_i18n;
use crate::model::time::shift_month as shift;

#[component]
pub fn BoardPage() -> impl IntoView {
    let i18n = use_i18n();
    let p = move || i18n.point();
    let this_month = today()[..7].to_owned();
    let month = RwSignal::new(this_month.clone());
    let board = LocalResource::new(move || {
        let m = month.get();
        async move { api::leaderboard(&m).await }
    });
    let retry = Callback::new(move |()| board.refetch());
    let latest = this_month.clone();
    view! {
        <h2 class="section-title">{move || p().board} " · " {move || month.get()}</h2>
        <div class="choice">
            <button type="button" class="button" on:click=move |_| month.update(|m| *m = shift(m, -1))>{move || p().prev_month}</button>
            <button type="button" class="button" disabled=move || month.get() == latest
                on:click=move |_| month.update(|m| *m = shift(m, 1))>{move || p().next_month}</button>
        </div>
        {move || match board.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error retry /> }.into_any(),
            Some(Ok(b)) if b.lines.is_empty() => view! { <p class="card">{p().board_empty}</p> }.into_any(),
            Some(Ok(b)) => view! {
                <ol class="plain board">
                    {b.lines.into_iter().map(|l| view! {
                        <li class="card" class:top={l.rank <= 3}>
                            <span class="rank">{p().rank.replace("{n}", &l.rank.to_string())}</span>
                            <span class="who">
                                <strong>{l.name}</strong> <small class="soft">{l.building}</small>
                                {(!l.activities.is_empty()).then(|| view! { <small class="board-activities">{l.activities.join("、")}</small> })}
                            </span>
                            <span class="pts">{l.points} " " <small>{p().points}</small></span>
                        </li>
                    }).collect_view()}
                </ol>
            }
            .into_any(),
        }}
    }
}
