//! Who may see and act on a ticket. No capacity at all means 404: a
//! ticket's existence is not for strangers (another household, another
//! community, staff it is not assigned to, a revoked helper) to learn.

use app::model::Party;

use crate::accounts::session::Caller;

/// The facts of a ticket that decide who may touch it.
#[derive(Debug, Clone, Copy)]
pub struct TicketKey {
    pub community_id: i64,
    pub household_id: Option<i64>,
    pub assignee_id: Option<i64>,
}

/// The capacities in which the caller may act on the ticket (none: 404).
pub fn parties(caller: &Caller, key: &TicketKey) -> Vec<Party> {
    let mut found = Vec::with_capacity(3);
    if key
        .household_id
        .is_some_and(|h| caller.household_role(h).is_some())
    {
        found.push(Party::Household);
    }
    if key.assignee_id == Some(caller.user_id) {
        found.push(Party::Assignee);
    }
    if caller.manages(key.community_id) {
        found.push(Party::Manager);
    }
    found
}
