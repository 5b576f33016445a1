//! `server community create|list|add-manager` and `server admin create`:
//! setting up a deployment from the shell, before anyone can log in.

use app::model::{Address, CommunityName, NewCommunityRequest, PersonName, Role};

use crate::accounts::store::{self, Scope};
use crate::accounts::{codes, password};
use crate::config::{AdminCommand, Command, CommunityCommand};
use crate::db::Db;

/// Runs one subcommand and prints its result.
pub async fn run(db: &Db, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Community {
            action: CommunityCommand::List,
        } => {
            for c in super::overview(db).await.map_err(to_anyhow)? {
                println!(
                    "{}\t{}\t{}\t{} households\t{} managers\t{}",
                    c.id, c.name, c.office_phone, c.households, c.managers, c.time_zone
                );
            }
        }
        Command::Community {
            action:
                CommunityCommand::Create {
                    name,
                    address,
                    office_phone,
                    time_zone,
                },
        } => {
            let new = NewCommunityRequest {
                name: CommunityName::parse(&name).map_err(|e| to_anyhow(e.into()))?,
                address: Address::parse(&address).map_err(|e| to_anyhow(e.into()))?,
                office_phone,
                time_zone: Some(time_zone),
            };
            let id = super::create_community(db, &new, None)
                .await
                .map_err(to_anyhow)?;
            println!("created community {id}: {name}");
        }
        Command::Community {
            action:
                CommunityCommand::AddManager {
                    community,
                    phone,
                    name,
                },
        } => {
            let (secret, shown) = new_password();
            let person = PersonName::parse(&name).map_err(|e| to_anyhow(e.into()))?;
            let id = super::create_manager(db, community, &phone, &person, secret.clone(), None)
                .await
                .map_err(to_anyhow)?;
            println!("created manager {id}: {name} {phone}");
            if shown {
                println!("one-time password (shown once, change it after logging in): {secret}");
            }
        }
        Command::Admin {
            action: AdminCommand::Create { phone, name },
        } => {
            let phone = crate::accounts::phone::PhoneNumber::parse(&phone)
                .ok_or_else(|| anyhow::anyhow!("not an 11-digit mobile number: {phone}"))?;
            let (secret, shown) = new_password();
            let hash = password::hash(secret.clone()).await?;
            let mut tx = db.writer().begin().await?;
            let id = store::create_person(
                &mut tx,
                phone.as_str(),
                &name,
                &hash,
                Role::Admin,
                Scope::Deployment,
            )
            .await?
            .ok_or_else(|| anyhow::anyhow!("{phone} is registered already"))?;
            tx.commit().await?;
            println!("created admin {id}: {name} {phone}");
            if shown {
                println!("one-time password (shown once, change it after logging in): {secret}");
            }
        }
        Command::Backup { .. } | Command::Restore { .. } | Command::Generate { .. } => {
            anyhow::bail!("backup, restore and generate are run by main")
        }
    }
    Ok(())
}

/// `COURTYARD_NEW_PASSWORD` if set (for scripts), else a random one that is
/// printed once: there are no default passwords.
fn new_password() -> (String, bool) {
    match std::env::var("COURTYARD_NEW_PASSWORD") {
        Ok(p) if !p.is_empty() => (p, false),
        _ => (
            format!("{}-{}", codes::generate(), codes::generate()).to_lowercase(),
            true,
        ),
    }
}

fn to_anyhow(err: crate::error::ApiError) -> anyhow::Error {
    anyhow::anyhow!("{err}")
}
