-- The inbox (消息): one row per person per piece of news, written in the
-- same transaction as what it tells of. Helpers' copies name the household
-- (for_household_id), so a helper whose link is revoked stops seeing them.
-- Keep in step with migrations/postgres/0011_inbox.sql.

CREATE TABLE inbox_items (
    id                INTEGER PRIMARY KEY,
    user_id           INTEGER NOT NULL REFERENCES users (id),
    kind              TEXT    NOT NULL CHECK (kind IN ('ticket_assigned', 'ticket_started',
                          'ticket_resolved', 'ticket_comment', 'ticket_given', 'points_awarded',
                          'points_reversed', 'swap_ready', 'swap_handed_over', 'swap_cancelled',
                          'bill_issued', 'bill_overdue', 'urgent_notice', 'care_missed')),
    subject_id        INTEGER NOT NULL,
    words             TEXT    NOT NULL DEFAULT '' CHECK (length(words) <= 200),
    amount            INTEGER,
    for_household_id  INTEGER REFERENCES households (id),
    created_at        INTEGER NOT NULL,
    read_at           INTEGER
);
CREATE INDEX inbox_items_user ON inbox_items (user_id, id);
CREATE INDEX inbox_items_unread ON inbox_items (user_id) WHERE read_at IS NULL;
CREATE INDEX inbox_items_created ON inbox_items (created_at);

-- A bill's "overdue" news goes out once.
ALTER TABLE fee_bills ADD COLUMN overdue_told_at INTEGER;
