//! `--demo`: 轻机南院 as the newspaper report describes it, plus a small second
//! compound that proves data never crosses between communities.

mod care;
mod compound;
mod fees;
mod points;
mod repairs;

use anyhow::Context;

use crate::accounts::password;
use app::model::Role;

use crate::accounts::store::{Scope, insert_membership, insert_user};
use crate::communities::store::{NewCommunity, insert, insert_building, insert_household};
use crate::db::Db;
use compound::{Compound, QINGJI_SOUTH, SHACHANG_EAST};

/// The demo password. Demo accounts exist only with `--demo`, never otherwise.
pub const DEMO_PASSWORD: &str = "qingji1969";

/// The year of the demo's bills.
pub const DEMO_FEE_YEAR: i64 = 2026;

/// A demo login as printed at start.
pub struct DemoLogin {
    pub phone: &'static str,
    pub role: Role,
    pub name: &'static str,
    pub community: &'static str,
    /// For residents and helpers: the building and flat.
    pub flat: Option<(&'static str, &'static str)>,
    /// For helpers: their relation to the household.
    pub relation: Option<&'static str>,
    /// A second community the person manages too.
    pub also: Option<&'static str>,
}

/// The people the demo creates, in the order they are printed.
pub const LOGINS: &[DemoLogin] = &[
    DemoLogin {
        phone: "13800000001",
        role: Role::Manager,
        name: "李合昌",
        community: QINGJI_SOUTH.name,
        flat: None,
        relation: None,
        also: None,
    },
    DemoLogin {
        phone: "13800000002",
        role: Role::Staff,
        name: "王师傅",
        community: QINGJI_SOUTH.name,
        flat: None,
        relation: None,
        also: None,
    },
    DemoLogin {
        phone: "13800000003",
        role: Role::Resident,
        name: "张建国",
        community: QINGJI_SOUTH.name,
        flat: Some(("3号楼", "201")),
        relation: None,
        also: None,
    },
    DemoLogin {
        phone: "13800000004",
        role: Role::Helper,
        name: "张丽",
        community: QINGJI_SOUTH.name,
        flat: Some(("3号楼", "201")),
        relation: Some("child"),
        also: None,
    },
    DemoLogin {
        phone: "13800000005",
        role: Role::Manager,
        name: "赵桂兰",
        community: SHACHANG_EAST.name,
        flat: None,
        relation: None,
        also: None,
    },
    // The street office's property man, who keeps both compounds' books.
    DemoLogin {
        phone: "13800000006",
        role: Role::Manager,
        name: "周文斌",
        community: QINGJI_SOUTH.name,
        flat: None,
        relation: None,
        also: Some(SHACHANG_EAST.name),
    },
    // The district's operator: adds compounds and their managers, and sees
    // the district's totals (全区), never a household's data.
    DemoLogin {
        phone: "13800000007",
        role: Role::Admin,
        name: "陈立新",
        community: "",
        flat: None,
        relation: None,
        also: None,
    },
];

/// Seeds the demo into an empty database; an already-seeded one is left as is.
/// Returns whether it seeded.
/// Seeds the demo; `now` is 报平安's clock (a missed check-in shows after 10:00).
pub async fn seed(db: &Db, now: i64) -> anyhow::Result<bool> {
    let existing: i64 = sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM communities")
        .fetch_one(db.writer())
        .await?;
    if existing > 0 {
        return Ok(false);
    }
    let mut tx = db.writer().begin().await?;
    let mut flats = Vec::new();
    for compound in [&QINGJI_SOUTH, &SHACHANG_EAST] {
        seed_compound(&mut tx, compound, &mut flats).await?;
    }
    for login in LOGINS {
        seed_login(&mut tx, login, &flats).await?;
    }
    tx.commit().await?;
    fees::seed(
        db,
        QINGJI_SOUTH.name,
        DEMO_FEE_YEAR,
        "13800000001",
        ("3号楼", "201"),
    )
    .await?;
    repairs::seed(db, QINGJI_SOUTH.name, "13800000001", "13800000002").await?;
    points::seed(db, QINGJI_SOUTH.name, "13800000001", "13800000003").await?;
    care::seed(db, "13800000003", now).await?;
    Ok(true)
}

/// (community name, building, flat) → (community id, household id).
type FlatIndex = Vec<((&'static str, String, String), (i64, i64))>;

async fn seed_compound(
    tx: &mut crate::db::Tx,
    compound: &Compound,
    flats: &mut FlatIndex,
) -> anyhow::Result<()> {
    let community_id = insert(
        &mut *tx,
        &NewCommunity {
            name: compound.name,
            address: compound.address,
            office_phone: compound.office_phone,
            time_zone: "Asia/Shanghai",
        },
    )
    .await?;
    for (order, building) in compound.buildings().iter().enumerate() {
        let building_id = insert_building(
            &mut *tx,
            community_id,
            &building.name,
            building.kind,
            i64::try_from(order)?,
        )
        .await?;
        for (label, area) in &building.flats {
            let household_id =
                insert_household(&mut *tx, community_id, building_id, label, *area).await?;
            flats.push((
                (compound.name, building.name.clone(), label.clone()),
                (community_id, household_id),
            ));
        }
    }
    Ok(())
}

async fn seed_login(
    tx: &mut crate::db::Tx,
    login: &DemoLogin,
    flats: &FlatIndex,
) -> anyhow::Result<()> {
    let hash = password::hash(DEMO_PASSWORD.to_owned()).await?;
    let user_id = insert_user(&mut *tx, login.phone, login.name, &hash).await?;
    if login.role == Role::Admin {
        insert_membership(&mut *tx, user_id, login.role, Scope::Deployment, None).await?;
        return Ok(());
    }
    let community_id = flats
        .iter()
        .find(|((c, _, _), _)| *c == login.community)
        .map(|(_, (c, _))| *c)
        .context("demo community")?;
    let scope = match login.flat {
        Some((building, flat)) => {
            let (_, (community_id, household_id)) = flats
                .iter()
                .find(|((c, b, f), _)| *c == login.community && b == building && f == flat)
                .context("demo flat")?;
            Scope::Household {
                community_id: *community_id,
                household_id: *household_id,
            }
        }
        None => Scope::Community(community_id),
    };
    insert_membership(&mut *tx, user_id, login.role, scope, login.relation).await?;
    if let Some(second) = login.also {
        let community_id = flats
            .iter()
            .find(|((c, _, _), _)| *c == second)
            .map(|(_, (c, _))| *c)
            .context("demo community")?;
        insert_membership(
            &mut *tx,
            user_id,
            login.role,
            Scope::Community(community_id),
            None,
        )
        .await?;
    }
    Ok(())
}

/// The lines printed at start with `--demo`: phone, role, name, password.
pub fn login_lines() -> Vec<String> {
    LOGINS
        .iter()
        .map(|l| {
            let place = match (l.flat, l.also) {
                (Some((b, f)), _) => format!("{} {b} {f}", l.community),
                (None, Some(second)) => format!("{}、{second}", l.community),
                (None, None) if l.role == Role::Admin => "全区".to_owned(),
                (None, None) => l.community.to_owned(),
            };
            format!(
                "demo login  phone {}  role {:<8}  name {}  password {}  ({place})",
                l.phone,
                l.role.as_str(),
                l.name,
                DEMO_PASSWORD
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::BuildingKind;

    #[test]
    fn qingji_south_is_as_the_report_describes_it() {
        let buildings = QINGJI_SOUTH.buildings();
        assert_eq!(buildings.len(), 14);
        let count = |kind| buildings.iter().filter(|b| b.kind == kind).count();
        assert_eq!(count(BuildingKind::BungalowRow), 5);
        assert_eq!(count(BuildingKind::Tube), 3);
        assert_eq!(count(BuildingKind::Block), 6);
        let flats: Vec<_> = buildings.iter().flat_map(|b| &b.flats).collect();
        assert_eq!(flats.len(), 327);
        assert!(
            flats.iter().all(|(_, area)| *area > 0 && *area < 6000),
            "every flat under 60 m²"
        );
    }

    #[test]
    fn every_login_is_printed_on_one_line_with_its_password() {
        let lines = login_lines();
        assert_eq!(lines.len(), LOGINS.len());
        assert!(lines[2].contains("13800000003") && lines[2].contains("张建国"));
        assert!(
            lines
                .iter()
                .all(|l| l.contains(DEMO_PASSWORD) && !l.contains('\n'))
        );
    }
}
