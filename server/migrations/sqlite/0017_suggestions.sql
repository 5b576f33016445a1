-- no-transaction
-- The suggestion box (意见箱): a resident or helper writes, optionally
-- hiding their name from the office; the office answers; the writer says
-- whether it helped. And the news of an answer.
-- Keep in step with migrations/postgres/0017_suggestions.sql.

PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

CREATE TABLE suggestions (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL REFERENCES communities (id),
    -- The household written for: its building is all the office sees of
    -- an anonymous writer.
    household_id  INTEGER NOT NULL REFERENCES households (id),
    author_id     INTEGER NOT NULL REFERENCES users (id),
    kind          TEXT    NOT NULL CHECK (kind IN ('suggestion', 'complaint')),
    body          TEXT    NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    anonymous     INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
    created_at    INTEGER NOT NULL,
    -- The office's first answer.
    answered_at   INTEGER,
    -- The writer's word on the answer, once there is one.
    helpful       INTEGER CHECK (helpful IN (0, 1)),
    CHECK (helpful IS NULL OR answered_at IS NOT NULL)
);
CREATE INDEX suggestions_open ON suggestions (community_id, answered_at, id);
CREATE INDEX suggestions_author ON suggestions (author_id, id);

CREATE TABLE suggestion_photos (
    suggestion_id  INTEGER NOT NULL REFERENCES suggestions (id),
    upload_id      TEXT    NOT NULL REFERENCES uploads (id),
    position       INTEGER NOT NULL CHECK (position BETWEEN 0 AND 3),
    PRIMARY KEY (suggestion_id, upload_id)
);

CREATE TABLE suggestion_replies (
    id             INTEGER PRIMARY KEY,
    suggestion_id  INTEGER NOT NULL REFERENCES suggestions (id),
    author_id      INTEGER NOT NULL REFERENCES users (id),
    from_office    INTEGER NOT NULL CHECK (from_office IN (0, 1)),
    body           TEXT    NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    created_at     INTEGER NOT NULL
);
CREATE INDEX suggestion_replies_of ON suggestion_replies (suggestion_id, id);

CREATE TABLE inbox_items_new (
    id                INTEGER PRIMARY KEY,
    user_id           INTEGER NOT NULL REFERENCES users (id),
    kind              TEXT    NOT NULL CHECK (kind IN ('ticket_assigned', 'ticket_started',
                          'ticket_resolved', 'ticket_comment', 'ticket_given', 'points_awarded',
                          'points_reversed', 'swap_ready', 'swap_handed_over', 'swap_cancelled',
                          'bill_issued', 'bill_overdue', 'urgent_notice', 'care_missed',
                          'activity_in', 'activity_tomorrow', 'fee_reminder', 'claim_confirmed',
                          'claim_declined', 'suggestion_answered')),
    subject_id        INTEGER NOT NULL,
    words             TEXT    NOT NULL DEFAULT '' CHECK (length(words) <= 200),
    amount            INTEGER,
    for_household_id  INTEGER REFERENCES households (id),
    created_at        INTEGER NOT NULL,
    read_at           INTEGER
);
INSERT INTO inbox_items_new SELECT id, user_id, kind, subject_id, words, amount, for_household_id,
    created_at, read_at FROM inbox_items;
DROP TABLE inbox_items;
ALTER TABLE inbox_items_new RENAME TO inbox_items;
CREATE INDEX inbox_items_user ON inbox_items (user_id, id);
CREATE INDEX inbox_items_unread ON inbox_items (user_id) WHERE read_at IS NULL;
CREATE INDEX inbox_items_created ON inbox_items (created_at);

COMMIT;
PRAGMA foreign_keys = ON;
