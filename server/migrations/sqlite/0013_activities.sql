-- no-transaction
-- Activities (活动) that earn the points, and members without a phone
-- (代管成员): a person the office keeps for a household, who has no login.
-- Keep in step with migrations/postgres/0013_activities.sql.
--
-- SQLite cannot drop NOT NULL from users.phone in place: the table is
-- rebuilt by the documented procedure (foreign keys off, copy, rename,
-- check), in one transaction of its own.

PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

CREATE TABLE users_new (
    id                   INTEGER PRIMARY KEY,
    -- Absent for a member without a phone: nobody can log in as them.
    phone                TEXT    UNIQUE CHECK (length(phone) BETWEEN 5 AND 20),
    name                 TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    password_hash        TEXT    NOT NULL,
    language             TEXT    NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN', 'en')),
    large_text           INTEGER NOT NULL DEFAULT 0 CHECK (large_text IN (0, 1)),
    created_at           INTEGER NOT NULL,
    disabled_at          INTEGER,
    password_changed_at  INTEGER,
    -- The office person who added a member without a phone.
    added_by             INTEGER REFERENCES users (id),
    CHECK ((phone IS NULL) = (added_by IS NOT NULL AND password_hash = ''))
);
INSERT INTO users_new (id, phone, name, password_hash, language, large_text, created_at,
                       disabled_at, password_changed_at)
    SELECT id, phone, name, password_hash, language, large_text, created_at,
           disabled_at, password_changed_at FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;

-- The code on a person's phone (or printed card) an organiser scans.
CREATE TABLE person_codes (
    user_id     INTEGER PRIMARY KEY REFERENCES users (id),
    code        TEXT    NOT NULL UNIQUE CHECK (length(code) = 12),
    created_at  INTEGER NOT NULL
);

CREATE TABLE activities (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL REFERENCES communities (id),
    title         TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
    kind          TEXT    NOT NULL CHECK (kind IN ('patrol', 'duty', 'cleanup', 'culture', 'help', 'other')),
    place         TEXT    NOT NULL CHECK (length(place) BETWEEN 1 AND 100),
    details       TEXT    NOT NULL DEFAULT '' CHECK (length(details) <= 2000),
    -- The earning rule it pays, per time or per hour.
    rule_id       INTEGER NOT NULL REFERENCES point_rules (id),
    -- A manager of the community or a resident volunteer.
    organiser_id  INTEGER NOT NULL REFERENCES users (id),
    -- Places in each session; absent: no limit.
    capacity      INTEGER CHECK (capacity BETWEEN 1 AND 500),
    -- A roster: the weekdays (1 = Monday … 7) its weekly shifts fall on.
    weekdays      TEXT    NOT NULL DEFAULT '' CHECK (length(weekdays) <= 7),
    -- The secret the changing check-in code is made from; never sent.
    code_secret   TEXT    NOT NULL CHECK (length(code_secret) = 32),
    created_by    INTEGER NOT NULL REFERENCES users (id),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    cancelled_at  INTEGER
);
CREATE INDEX activities_community ON activities (community_id, id);

-- Whom it is for: no rows, the whole community.
CREATE TABLE activity_buildings (
    activity_id  INTEGER NOT NULL REFERENCES activities (id),
    building_id  INTEGER NOT NULL REFERENCES buildings (id),
    PRIMARY KEY (activity_id, building_id)
);

-- When: one session for a one-off, one per shift for a roster. `taken`
-- counts the sign-ups in, so the database itself keeps to the places.
CREATE TABLE activity_sessions (
    id           INTEGER PRIMARY KEY,
    activity_id  INTEGER NOT NULL REFERENCES activities (id),
    starts_at    INTEGER NOT NULL,
    ends_at      INTEGER NOT NULL,
    capacity     INTEGER CHECK (capacity BETWEEN 1 AND 500),
    taken        INTEGER NOT NULL DEFAULT 0,
    closed_at    INTEGER,
    closed_by    INTEGER REFERENCES users (id),
    -- When those going were reminded the day before.
    reminded_at  INTEGER,
    CHECK (ends_at > starts_at),
    CHECK (taken >= 0 AND (capacity IS NULL OR taken <= capacity)),
    CHECK ((closed_at IS NULL) = (closed_by IS NULL))
);
CREATE INDEX activity_sessions_activity ON activity_sessions (activity_id, starts_at);
CREATE INDEX activity_sessions_starts ON activity_sessions (starts_at);

-- Sign-ups: in, waiting (in arrival order, by id) or cancelled.
CREATE TABLE activity_signups (
    id                INTEGER PRIMARY KEY,
    session_id        INTEGER NOT NULL REFERENCES activity_sessions (id),
    user_id           INTEGER NOT NULL REFERENCES users (id),
    status            TEXT    NOT NULL CHECK (status IN ('in', 'waiting', 'cancelled')),
    -- Who pressed 报名: the person, a helper, a family member or the office.
    signed_by         INTEGER NOT NULL REFERENCES users (id),
    acting_household  INTEGER REFERENCES households (id),
    created_at        INTEGER NOT NULL,
    cancelled_at      INTEGER,
    cancelled_by      INTEGER REFERENCES users (id),
    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);
CREATE UNIQUE INDEX activity_signups_one ON activity_signups (session_id, user_id)
    WHERE status <> 'cancelled';
CREATE INDEX activity_signups_user ON activity_signups (user_id, status);
CREATE INDEX activity_signups_session ON activity_signups (session_id, status, id);

-- Who was there, checked in how and by whom.
CREATE TABLE activity_attendance (
    session_id      INTEGER NOT NULL REFERENCES activity_sessions (id),
    user_id         INTEGER NOT NULL REFERENCES users (id),
    method          TEXT    NOT NULL CHECK (method IN ('code', 'scan', 'list')),
    checked_in_by   INTEGER NOT NULL REFERENCES users (id),
    checked_in_at   INTEGER NOT NULL,
    checked_out_at  INTEGER,
    checked_out_by  INTEGER REFERENCES users (id),
    CHECK ((checked_out_at IS NULL) = (checked_out_by IS NULL)),
    CHECK (checked_out_at IS NULL OR checked_out_at >= checked_in_at),
    PRIMARY KEY (session_id, user_id)
);

-- The ledger says which session earned an award; one award per person and
-- session, however often or from wherever it is closed.
ALTER TABLE point_entries ADD COLUMN session_id INTEGER REFERENCES activity_sessions (id);
CREATE UNIQUE INDEX point_entries_one_per_session ON point_entries (session_id, user_id)
    WHERE kind = 'award' AND session_id IS NOT NULL;

-- Two more kinds of news: a place came free for someone waiting, and an
-- activity tomorrow. SQLite cannot change a CHECK: the table is rebuilt.
CREATE TABLE inbox_items_new (
    id                INTEGER PRIMARY KEY,
    user_id           INTEGER NOT NULL REFERENCES users (id),
    kind              TEXT    NOT NULL CHECK (kind IN ('ticket_assigned', 'ticket_started',
                          'ticket_resolved', 'ticket_comment', 'ticket_given', 'points_awarded',
                          'points_reversed', 'swap_ready', 'swap_handed_over', 'swap_cancelled',
                          'bill_issued', 'bill_overdue', 'urgent_notice', 'care_missed',
                          'activity_in', 'activity_tomorrow')),
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
