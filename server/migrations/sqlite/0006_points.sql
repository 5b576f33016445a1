-- Points supermarket: earning rules, an append-only ledger per resident with
-- its balance kept by conditional updates (and a CHECK as the backstop), the
-- catalog, and redemptions that reserve stock and points in one transaction.
-- Keep in step with migrations/postgres/0006_points.sql.

-- How the red board shows names: 'full' (张建国) or 'surname' (张某).
ALTER TABLE communities ADD COLUMN board_names TEXT NOT NULL DEFAULT 'surname'
    CHECK (board_names IN ('full', 'surname'));

CREATE TABLE point_rules (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL REFERENCES communities (id),
    name          TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    points        INTEGER NOT NULL CHECK (points BETWEEN 1 AND 1000),
    unit          TEXT    NOT NULL CHECK (unit IN ('time', 'hour')),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    INTEGER NOT NULL,
    UNIQUE (community_id, name)
);

-- One row per resident and community: the balance, never below zero.
CREATE TABLE point_accounts (
    user_id       INTEGER NOT NULL REFERENCES users (id),
    community_id  INTEGER NOT NULL REFERENCES communities (id),
    balance       INTEGER NOT NULL DEFAULT 0 CHECK (balance >= 0),
    PRIMARY KEY (user_id, community_id)
);

CREATE TABLE shop_items (
    id             INTEGER PRIMARY KEY,
    community_id   INTEGER NOT NULL REFERENCES communities (id),
    name           TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    description    TEXT    NOT NULL DEFAULT '' CHECK (length(description) <= 500),
    photo_id       TEXT    REFERENCES uploads (id),
    price          INTEGER NOT NULL CHECK (price BETWEEN 1 AND 100000),
    stock          INTEGER NOT NULL CHECK (stock >= 0),
    -- Most one person may redeem in a calendar month; absent: no limit.
    monthly_limit  INTEGER CHECK (monthly_limit BETWEEN 1 AND 100),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (community_id, name)
);

CREATE TABLE shop_redemptions (
    id               INTEGER PRIMARY KEY,
    community_id     INTEGER NOT NULL REFERENCES communities (id),
    item_id          INTEGER NOT NULL REFERENCES shop_items (id),
    -- Whose points.
    user_id          INTEGER NOT NULL REFERENCES users (id),
    quantity         INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 20),
    points           INTEGER NOT NULL CHECK (points > 0),
    pickup_code      TEXT    NOT NULL CHECK (length(pickup_code) = 6),
    status           TEXT    NOT NULL CHECK (status IN ('reserved', 'fulfilled', 'cancelled')),
    -- Who pressed 换 (the resident, or a helper for them).
    requested_by     INTEGER NOT NULL REFERENCES users (id),
    acting_household INTEGER REFERENCES households (id),
    created_at       INTEGER NOT NULL,
    closed_at        INTEGER,
    closed_by        INTEGER REFERENCES users (id),
    CHECK ((status = 'reserved') = (closed_at IS NULL))
);
CREATE UNIQUE INDEX shop_redemptions_live_code
    ON shop_redemptions (community_id, pickup_code) WHERE status = 'reserved';
CREATE INDEX shop_redemptions_user ON shop_redemptions (user_id, created_at);
CREATE INDEX shop_redemptions_open ON shop_redemptions (community_id, status, created_at);

-- The ledger. Append-only: a mistake is undone by a reversing entry.
CREATE TABLE point_entries (
    id                INTEGER PRIMARY KEY,
    community_id      INTEGER NOT NULL REFERENCES communities (id),
    user_id           INTEGER NOT NULL REFERENCES users (id),
    amount            INTEGER NOT NULL CHECK (amount <> 0),
    kind              TEXT    NOT NULL CHECK (kind IN ('award', 'adjust', 'redeem', 'refund', 'reversal')),
    rule_id           INTEGER REFERENCES point_rules (id),
    -- Times, or hours in halves (3 = 1.5 hours), for awards.
    quantity_halves   INTEGER CHECK (quantity_halves > 0),
    -- The day the points were earned (YYYY-MM-DD, Asia/Shanghai): the red
    -- board counts by it.
    earned_on         TEXT    NOT NULL CHECK (length(earned_on) = 10),
    redemption_id     INTEGER REFERENCES shop_redemptions (id),
    reverses_id       INTEGER UNIQUE REFERENCES point_entries (id),
    reason            TEXT    NOT NULL DEFAULT '' CHECK (length(reason) <= 200),
    recorded_by       INTEGER NOT NULL REFERENCES users (id),
    acting_household  INTEGER REFERENCES households (id),
    created_at        INTEGER NOT NULL,
    CHECK (kind <> 'award' OR (rule_id IS NOT NULL AND quantity_halves IS NOT NULL AND amount > 0)),
    CHECK (kind NOT IN ('redeem', 'refund') OR redemption_id IS NOT NULL),
    CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL))
);
CREATE INDEX point_entries_user ON point_entries (user_id, community_id, id);
CREATE INDEX point_entries_board ON point_entries (community_id, earned_on);
-- A redemption is refunded at most once.
CREATE UNIQUE INDEX point_entries_one_refund ON point_entries (redemption_id) WHERE kind = 'refund';
