//! The points supermarket's shelf: goods with a point price and stock, and
//! redemptions that take points and stock in one transaction, handed over
//! (fulfilled) or cancelled exactly once.

mod handover;
mod items;
mod redeem;
pub mod store;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(items::list, items::create))
        .routes(routes!(items::update))
        .routes(routes!(redeem::list, redeem::redeem))
        .routes(routes!(handover::fulfil))
        .routes(routes!(handover::cancel))
}

/// Tells the person a swap is for (and their household's helpers) what
/// became of it, unless they did it themselves.
async fn tell(
    tx: &mut crate::db::Tx,
    row: &store::RedemptionRow,
    kind: app::model::InboxKind,
    actor: i64,
    at: i64,
) -> sqlx::Result<()> {
    let news = crate::inbox::News {
        kind,
        subject: row.id,
        words: row.item_name(),
        amount: Some(row.points),
        at,
    };
    let to = crate::inbox::To::Resident {
        user: row.user_id,
        community: row.community_id,
        except: actor,
    };
    crate::inbox::deliver(tx, &news, to).await?;
    Ok(())
}
