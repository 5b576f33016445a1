//! SQL for users and their memberships.

use sqlx::Any;

use crate::db::now_millis;

/// The roles a membership can carry (the `role` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Resident,
    Helper,
    Staff,
    Manager,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Resident => "resident",
            Self::Helper => "helper",
            Self::Staff => "staff",
            Self::Manager => "manager",
            Self::Admin => "admin",
        }
    }
}

/// Inserts a user with an already-hashed password; returns the id.
pub async fn insert_user<'e, E>(
    executor: E,
    phone: &str,
    name: &str,
    password_hash: &str,
) -> sqlx::Result<i64>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "INSERT INTO users (phone, name, password_hash, created_at)
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(phone)
    .bind(name)
    .bind(password_hash)
    .bind(now_millis())
    .fetch_one(executor)
    .await
}

/// Where a membership applies: a household (residents, helpers), a community
/// (staff, managers) or the whole deployment (admins).
pub enum Scope {
    Household {
        community_id: i64,
        household_id: i64,
    },
    Community(i64),
    Deployment,
}

/// Grants a role; `relation` is required for helpers (child, spouse, …).
pub async fn insert_membership<'e, E>(
    executor: E,
    user_id: i64,
    role: Role,
    scope: Scope,
    relation: Option<&str>,
) -> sqlx::Result<i64>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let (community_id, household_id) = match scope {
        Scope::Household {
            community_id,
            household_id,
        } => (Some(community_id), Some(household_id)),
        Scope::Community(id) => (Some(id), None),
        Scope::Deployment => (None, None),
    };
    sqlx::query_scalar(
        "INSERT INTO memberships (user_id, role, community_id, household_id, relation, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(user_id)
    .bind(role.as_str())
    .bind(community_id)
    .bind(household_id)
    .bind(relation)
    .bind(now_millis())
    .fetch_one(executor)
    .await
}
