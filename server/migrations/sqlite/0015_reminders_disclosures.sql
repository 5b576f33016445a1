-- no-transaction
-- Polite reminders (催缴), the monthly disclosure (公示) with the shop's
-- stock arrivals it counts, and the news of an answered 我已付款.
-- Keep in step with migrations/postgres/0015_reminders_disclosures.sql.
--
-- SQLite cannot change a CHECK in place: notices (a new category) and
-- inbox_items (new kinds) are rebuilt by the documented procedure (foreign
-- keys off, copy, rename), in one transaction of its own.

PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

-- The last reminder of a household for a period. At most one a week: the
-- upsert that sends one only replaces a row older than seven days.
CREATE TABLE fee_reminders (
    household_id  INTEGER NOT NULL REFERENCES households (id),
    community_id  INTEGER NOT NULL REFERENCES communities (id),
    period        TEXT    NOT NULL CHECK (length(period) BETWEEN 1 AND 16),
    owed_fen      INTEGER NOT NULL CHECK (owed_fen > 0),
    times         INTEGER NOT NULL DEFAULT 1 CHECK (times >= 1),
    reminded_by   INTEGER NOT NULL REFERENCES users (id),
    reminded_at   INTEGER NOT NULL,
    PRIMARY KEY (household_id, period)
);
CREATE INDEX fee_reminders_period ON fee_reminders (community_id, period);

-- Goods arriving or counted: the change a manager made to the stock count
-- (what the shop hands over is in shop_redemptions).
CREATE TABLE shop_stock_changes (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL REFERENCES communities (id),
    item_id       INTEGER NOT NULL REFERENCES shop_items (id),
    delta         INTEGER NOT NULL CHECK (delta <> 0),
    changed_by    INTEGER NOT NULL REFERENCES users (id),
    changed_at    INTEGER NOT NULL
);
CREATE INDEX shop_stock_changes_month ON shop_stock_changes (community_id, changed_at);

CREATE TABLE notices_new (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL REFERENCES communities (id),
    author_id     INTEGER NOT NULL REFERENCES users (id),
    title         TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body          TEXT    NOT NULL CHECK (length(body) <= 20000),
    category      TEXT    NOT NULL CHECK (category IN ('water', 'power', 'gas', 'heating',
                      'activity', 'policy', 'general', 'disclosure')),
    pinned        INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    urgent        INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    published_at  INTEGER NOT NULL,
    updated_at    INTEGER,
    expires_at    INTEGER,
    archived_at   INTEGER
);
INSERT INTO notices_new SELECT id, community_id, author_id, title, body, category, pinned, urgent,
    published_at, updated_at, expires_at, archived_at FROM notices;
DROP TABLE notices;
ALTER TABLE notices_new RENAME TO notices;
CREATE INDEX notices_community_published ON notices (community_id, published_at);
CREATE INDEX notices_community_order ON notices (community_id, pinned, urgent, published_at, id);

-- A month's figures, generated from the ledgers when a manager publishes
-- them and kept as published (JSON of app::model::DisclosureFigures); the
-- notice of category 公示 residents read.
CREATE TABLE disclosures (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL REFERENCES communities (id),
    month         TEXT    NOT NULL CHECK (length(month) = 7),
    figures       TEXT    NOT NULL CHECK (length(figures) <= 200000),
    note          TEXT    NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
    notice_id     INTEGER NOT NULL UNIQUE REFERENCES notices (id),
    published_by  INTEGER NOT NULL REFERENCES users (id),
    published_at  INTEGER NOT NULL,
    UNIQUE (community_id, month)
);

CREATE TABLE inbox_items_new (
    id                INTEGER PRIMARY KEY,
    user_id           INTEGER NOT NULL REFERENCES users (id),
    kind              TEXT    NOT NULL CHECK (kind IN ('ticket_assigned', 'ticket_started',
                          'ticket_resolved', 'ticket_comment', 'ticket_given', 'points_awarded',
                          'points_reversed', 'swap_ready', 'swap_handed_over', 'swap_cancelled',
                          'bill_issued', 'bill_overdue', 'urgent_notice', 'care_missed',
                          'activity_in', 'activity_tomorrow', 'fee_reminder', 'claim_confirmed',
                          'claim_declined')),
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
