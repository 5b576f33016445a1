//! A month's figures, generated from the ledgers: nothing is typed twice.

use app::model::{DisclosureFigures, FeeLine, MonthRepairs, MonthShop};

use super::store::{self, Month};
use crate::db::Reader;

pub async fn generate(
    pool: &Reader,
    community: i64,
    month: &str,
    (start, end): (i64, i64),
) -> sqlx::Result<DisclosureFigures> {
    let m = Month {
        community,
        start,
        end,
    };
    let fee_buildings = store::fees(pool, &m).await?;
    let mut fee_total = FeeLine::default();
    for b in &fee_buildings {
        fee_total.billed_fen += b.billed_fen;
        fee_total.collected_fen += b.collected_fen;
        fee_total.billed_to_date_fen += b.billed_to_date_fen;
        fee_total.collected_to_date_fen += b.collected_to_date_fen;
    }
    let points = store::points(pool, &m).await?;
    let (points_swapped, stock_in, stock_out) = store::shop(pool, &m).await?;
    let received = store::repairs_received(pool, &m).await?;
    let closed = store::repairs_closed(pool, &m).await?;
    let mut minutes: Vec<i64> = closed.iter().map(|(minutes, _)| *minutes).collect();
    let stars: Vec<i64> = closed.iter().filter_map(|(_, stars)| *stars).collect();
    Ok(DisclosureFigures {
        month: month.to_owned(),
        fee_buildings,
        fee_total,
        points,
        shop: MonthShop {
            points_swapped,
            stock_in,
            stock_out,
        },
        repairs: MonthRepairs {
            received,
            closed: i64::try_from(closed.len()).unwrap_or(i64::MAX),
            median_minutes: median(&mut minutes),
            rated: i64::try_from(stars.len()).unwrap_or(i64::MAX),
            stars: stars.iter().sum(),
        },
    })
}

/// The middle value (of two middles, their mean, rounded down).
fn median(values: &mut [i64]) -> Option<i64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]).div_euclid(2)),
    }
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn the_median_of_odd_even_and_none() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [90]), Some(90));
        assert_eq!(median(&mut [300, 60, 120]), Some(120));
        assert_eq!(median(&mut [60, 121, 30, 1000]), Some(90));
    }
}
