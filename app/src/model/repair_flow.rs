//! A repair ticket's life cycle: who may move it where. Pure, so every
//! allowed and forbidden transition is tested here, and the server and the
//! UI (which buttons to show) ask the same function.

use serde::{Deserialize, Serialize};

use super::repair::{ActionName, CONFIRM_WITHIN_DAYS};

/// `submitted → assigned → in_progress → resolved → closed`, plus
/// `cancelled` and `rejected`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RepairStatus {
    Submitted,
    Assigned,
    InProgress,
    Resolved,
    Closed,
    Cancelled,
    Rejected,
}

impl RepairStatus {
    pub const ALL: [Self; 7] = [
        Self::Submitted,
        Self::Assigned,
        Self::InProgress,
        Self::Resolved,
        Self::Closed,
        Self::Cancelled,
        Self::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::Assigned => "assigned",
            Self::InProgress => "in_progress",
            Self::Resolved => "resolved",
            Self::Closed => "closed",
            Self::Cancelled => "cancelled",
            Self::Rejected => "rejected",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Waiting for the office: counts towards "open" and can be overdue.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Submitted | Self::Assigned | Self::InProgress)
    }
}

/// The capacity in which someone acts on a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// A resident or helper of the ticket's household, or its reporter.
    Household,
    /// The staff member it is assigned to.
    Assignee,
    /// A manager of the ticket's community.
    Manager,
}

/// Why a move is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not this person's to do (403).
    NotYours,
    /// Not from the ticket's current state (409).
    WrongState,
    /// Reopening more than 7 days after resolution (409).
    TooLate,
    /// A status only reached by assigning or reopening (400).
    NotATarget,
}

/// What the ticket looks like when a move is tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketState {
    pub status: RepairStatus,
    pub has_assignee: bool,
    /// Unix ms.
    pub resolved_at: Option<i64>,
}

/// A move, without its note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Comment,
    Assign,
    Status(RepairStatus),
    Rate,
    Reopen,
}

impl Move {
    pub fn of(action: ActionName) -> Self {
        use RepairStatus as S;
        match action {
            ActionName::Comment => Self::Comment,
            ActionName::Assign => Self::Assign,
            ActionName::Start => Self::Status(S::InProgress),
            ActionName::Resolve => Self::Status(S::Resolved),
            ActionName::Close => Self::Status(S::Closed),
            ActionName::Cancel => Self::Status(S::Cancelled),
            ActionName::Reject => Self::Status(S::Rejected),
            ActionName::Rate => Self::Rate,
            ActionName::Reopen => Self::Reopen,
        }
    }

    /// Who may make this move at all, whatever the state.
    pub fn allowed_to(self, party: Party) -> bool {
        use Party as P;
        use RepairStatus as S;
        match self {
            Self::Comment => true,
            Self::Assign | Self::Status(S::Closed | S::Rejected) => party == P::Manager,
            Self::Status(S::InProgress | S::Resolved) => matches!(party, P::Assignee | P::Manager),
            Self::Status(S::Cancelled) | Self::Rate | Self::Reopen => party == P::Household,
            Self::Status(S::Submitted | S::Assigned) => true,
        }
    }
}

/// The status a move leads to, or why it may not be made.
pub fn transition(
    ticket: TicketState,
    mv: Move,
    parties: &[Party],
    now_ms: i64,
) -> Result<RepairStatus, Refusal> {
    use RepairStatus as S;
    if let Move::Status(S::Submitted | S::Assigned) = mv {
        return Err(Refusal::NotATarget);
    }
    if !parties.iter().any(|p| mv.allowed_to(*p)) {
        return Err(Refusal::NotYours);
    }
    let from = ticket.status;
    let to = match mv {
        Move::Comment => Some(from),
        Move::Assign => from.is_open().then_some(S::Assigned),
        Move::Status(S::InProgress) => (from == S::Assigned).then_some(S::InProgress),
        Move::Status(S::Resolved) => {
            matches!(from, S::Assigned | S::InProgress).then_some(S::Resolved)
        }
        Move::Status(S::Closed) => (from.is_open() || from == S::Resolved).then_some(S::Closed),
        Move::Status(S::Rejected) => from.is_open().then_some(S::Rejected),
        Move::Status(S::Cancelled) => {
            matches!(from, S::Submitted | S::Assigned).then_some(S::Cancelled)
        }
        Move::Rate => (from == S::Resolved).then_some(S::Closed),
        Move::Reopen => {
            let resolved_at = ticket
                .resolved_at
                .filter(|_| matches!(from, S::Resolved | S::Closed))
                .ok_or(Refusal::WrongState)?;
            if now_ms - resolved_at > CONFIRM_WITHIN_DAYS * 86_400_000 {
                return Err(Refusal::TooLate);
            }
            Some(if ticket.has_assignee {
                S::Assigned
            } else {
                S::Submitted
            })
        }
        Move::Status(S::Submitted | S::Assigned) => None,
    };
    to.ok_or(Refusal::WrongState)
}

/// Every action this person may take now, in the order the UI shows them.
pub fn allowed_actions(ticket: TicketState, parties: &[Party], now_ms: i64) -> Vec<ActionName> {
    use ActionName as A;
    [
        A::Rate,
        A::Assign,
        A::Start,
        A::Resolve,
        A::Close,
        A::Reopen,
        A::Cancel,
        A::Reject,
        A::Comment,
    ]
    .into_iter()
    .filter(|a| transition(ticket, Move::of(*a), parties, now_ms).is_ok())
    .collect()
}

super::stored_as_text!(RepairStatus);

#[cfg(test)]
mod tests {
    use super::*;
    use Party::{Assignee, Household, Manager};
    use RepairStatus as S;

    const DAY: i64 = 86_400_000;
    const NOW: i64 = 100 * DAY;

    fn ticket(status: RepairStatus) -> TicketState {
        TicketState {
            status,
            has_assignee: status != S::Submitted,
            resolved_at: matches!(status, S::Resolved | S::Closed).then_some(NOW - DAY),
        }
    }

    /// The whole table: (from, move, party) → to. Anything not listed is
    /// refused.
    fn expected(from: RepairStatus, mv: Move, party: Party) -> Option<RepairStatus> {
        let open = from.is_open();
        match (mv, party) {
            (Move::Comment, _) => Some(from),
            (Move::Assign, Manager) if open => Some(S::Assigned),
            (Move::Status(S::InProgress), Assignee | Manager) if from == S::Assigned => {
                Some(S::InProgress)
            }
            (Move::Status(S::Resolved), Assignee | Manager)
                if matches!(from, S::Assigned | S::InProgress) =>
            {
                Some(S::Resolved)
            }
            (Move::Status(S::Closed), Manager) if open || from == S::Resolved => Some(S::Closed),
            (Move::Status(S::Rejected), Manager) if open => Some(S::Rejected),
            (Move::Status(S::Cancelled), Household)
                if matches!(from, S::Submitted | S::Assigned) =>
            {
                Some(S::Cancelled)
            }
            (Move::Rate, Household) if from == S::Resolved => Some(S::Closed),
            (Move::Reopen, Household) if matches!(from, S::Resolved | S::Closed) => {
                Some(S::Assigned)
            }
            _ => None,
        }
    }

    #[test]
    fn every_move_from_every_state_by_every_party_follows_the_table() {
        let moves = [
            Move::Comment,
            Move::Assign,
            Move::Rate,
            Move::Reopen,
            Move::Status(S::InProgress),
            Move::Status(S::Resolved),
            Move::Status(S::Closed),
            Move::Status(S::Cancelled),
            Move::Status(S::Rejected),
        ];
        let mut allowed = 0;
        for from in RepairStatus::ALL {
            for mv in moves {
                for party in [Household, Assignee, Manager] {
                    let got = transition(ticket(from), mv, &[party], NOW).ok();
                    assert_eq!(
                        got,
                        expected(from, mv, party),
                        "{from:?} {mv:?} by {party:?}"
                    );
                    allowed += usize::from(got.is_some());
                }
            }
        }
        // Comments: 7 states × 3 parties; the rest counted from the table.
        assert_eq!(allowed, 21 + 3 + 2 + 4 + 4 + 3 + 2 + 1 + 2);
    }

    #[test]
    fn the_wrong_person_is_told_so_before_the_wrong_state() {
        let closed = ticket(S::Closed);
        assert_eq!(
            transition(closed, Move::Status(S::Resolved), &[Household], NOW),
            Err(Refusal::NotYours)
        );
        assert_eq!(
            transition(closed, Move::Status(S::Resolved), &[Manager], NOW),
            Err(Refusal::WrongState)
        );
    }

    #[test]
    fn submitted_and_assigned_are_not_targets_of_a_status_change() {
        for target in [S::Submitted, S::Assigned] {
            assert_eq!(
                transition(ticket(S::InProgress), Move::Status(target), &[Manager], NOW),
                Err(Refusal::NotATarget)
            );
        }
    }

    #[test]
    fn reopening_is_allowed_for_seven_days_and_goes_back_to_whoever_had_it() {
        let mut t = ticket(S::Resolved);
        t.resolved_at = Some(NOW - 7 * DAY);
        assert_eq!(
            transition(t, Move::Reopen, &[Household], NOW),
            Ok(S::Assigned)
        );
        t.resolved_at = Some(NOW - 7 * DAY - 1);
        assert_eq!(
            transition(t, Move::Reopen, &[Household], NOW),
            Err(Refusal::TooLate)
        );
        let unassigned = TicketState {
            status: S::Closed,
            has_assignee: false,
            resolved_at: Some(NOW),
        };
        assert_eq!(
            transition(unassigned, Move::Reopen, &[Household], NOW),
            Ok(S::Submitted)
        );
    }

    #[test]
    fn a_person_with_two_capacities_may_do_what_either_may() {
        let resolved = ticket(S::Resolved);
        let both = [Household, Manager];
        let actions = allowed_actions(resolved, &both, NOW);
        assert!(actions.contains(&ActionName::Rate));
        assert!(actions.contains(&ActionName::Close));
        assert_eq!(
            allowed_actions(ticket(S::Cancelled), &[Household], NOW),
            vec![ActionName::Comment]
        );
    }
}
