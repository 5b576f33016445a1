-- The many-community core. Times are Unix milliseconds; booleans are 0/1.
-- Keep in step with migrations/postgres/0001_communities.sql.

CREATE TABLE communities (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    address       TEXT    NOT NULL DEFAULT '',
    office_phone  TEXT    NOT NULL CHECK (length(office_phone) BETWEEN 3 AND 30),
    time_zone     TEXT    NOT NULL DEFAULT 'Asia/Shanghai',
    created_at    INTEGER NOT NULL,
    UNIQUE (name)
);

CREATE TABLE buildings (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL REFERENCES communities (id),
    name          TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    kind          TEXT    NOT NULL CHECK (kind IN ('block', 'bungalow_row', 'tube')),
    sort_order    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (community_id, name)
);

-- area_hundredths_m2: 5432 is 54.32 m², integer so fees never use floats.
CREATE TABLE households (
    id                  INTEGER PRIMARY KEY,
    community_id        INTEGER NOT NULL REFERENCES communities (id),
    building_id         INTEGER NOT NULL REFERENCES buildings (id),
    flat_label          TEXT    NOT NULL CHECK (length(flat_label) BETWEEN 1 AND 20),
    area_hundredths_m2  INTEGER NOT NULL CHECK (area_hundredths_m2 > 0),
    UNIQUE (building_id, flat_label)
);
CREATE INDEX households_community ON households (community_id);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    phone          TEXT    NOT NULL UNIQUE CHECK (length(phone) BETWEEN 5 AND 20),
    name           TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    password_hash  TEXT    NOT NULL,
    language       TEXT    NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN', 'en')),
    large_text     INTEGER NOT NULL DEFAULT 0 CHECK (large_text IN (0, 1)),
    created_at     INTEGER NOT NULL,
    disabled_at    INTEGER
);

-- A role a user holds. Residents and helpers belong to a household; staff and
-- managers to a community; an admin runs the whole deployment.
CREATE TABLE memberships (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id),
    role          TEXT    NOT NULL CHECK (role IN ('resident', 'helper', 'staff', 'manager', 'admin')),
    community_id  INTEGER REFERENCES communities (id),
    household_id  INTEGER REFERENCES households (id),
    relation      TEXT    CHECK (relation IN ('child', 'spouse', 'relative', 'other')),
    created_at    INTEGER NOT NULL,
    revoked_at    INTEGER,
    CHECK ((role = 'admin') = (community_id IS NULL)),
    CHECK ((role IN ('resident', 'helper')) = (household_id IS NOT NULL)),
    CHECK ((role = 'helper') = (relation IS NOT NULL))
);
CREATE INDEX memberships_user ON memberships (user_id);
CREATE INDEX memberships_household ON memberships (household_id);
CREATE UNIQUE INDEX memberships_one_live_role
    ON memberships (user_id, role, coalesce(community_id, 0), coalesce(household_id, 0))
    WHERE revoked_at IS NULL;

-- Only a hash of the token is stored: a leaked table opens no session.
CREATE TABLE sessions (
    id                   INTEGER PRIMARY KEY,
    token_hash           TEXT    NOT NULL UNIQUE,
    user_id              INTEGER NOT NULL REFERENCES users (id),
    acting_household_id  INTEGER REFERENCES households (id),
    created_at           INTEGER NOT NULL,
    last_seen_at         INTEGER NOT NULL,
    expires_at           INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Append-only: who did what, acting for which household, when.
CREATE TABLE audit_log (
    id                    INTEGER PRIMARY KEY,
    at                    INTEGER NOT NULL,
    actor_user_id         INTEGER REFERENCES users (id),
    acting_household_id   INTEGER REFERENCES households (id),
    community_id          INTEGER REFERENCES communities (id),
    action                TEXT    NOT NULL,
    detail                TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_community_at ON audit_log (community_id, at);
