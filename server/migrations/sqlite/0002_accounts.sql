-- Accounts: codes to join, sessions' expiry, login attempts for rate limits.
-- Keep in step with migrations/postgres/0002_accounts.sql.

ALTER TABLE users ADD COLUMN password_changed_at INTEGER;

-- Managers' and staff's sessions end 12 h after login whatever happens
-- (residents' slide, so this is NULL for them).
ALTER TABLE sessions ADD COLUMN absolute_expires_at INTEGER;

-- One live code per household, printed on a slip for the notice board or the
-- door. Stored readable so the office can reprint it; regenerating voids it.
-- Each registration uses one of its person slots.
CREATE TABLE registration_codes (
    id            INTEGER PRIMARY KEY,
    household_id  INTEGER NOT NULL REFERENCES households (id),
    code          TEXT    NOT NULL UNIQUE,
    slots_left    INTEGER NOT NULL CHECK (slots_left >= 0),
    created_by    INTEGER REFERENCES users (id),
    created_at    INTEGER NOT NULL,
    voided_at     INTEGER
);
CREATE UNIQUE INDEX registration_codes_one_live
    ON registration_codes (household_id) WHERE voided_at IS NULL;

-- A resident (or manager) gives a family member this code; shown once, so
-- only its hash is kept. Single use, 7 days.
CREATE TABLE helper_codes (
    id            INTEGER PRIMARY KEY,
    household_id  INTEGER NOT NULL REFERENCES households (id),
    code_hash     TEXT    NOT NULL UNIQUE,
    created_by    INTEGER NOT NULL REFERENCES users (id),
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    used_at       INTEGER,
    used_by       INTEGER REFERENCES users (id)
);

-- No SMS: a manager issues a one-time code read over the phone. Hash only.
CREATE TABLE password_resets (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    code_hash   TEXT    NOT NULL UNIQUE,
    created_by  INTEGER NOT NULL REFERENCES users (id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);

-- Failed logins per phone and per address, in the database so that every
-- server process counts the same attempts.
CREATE TABLE login_failures (
    id     INTEGER PRIMARY KEY,
    phone  TEXT    NOT NULL,
    ip     TEXT    NOT NULL,
    at     INTEGER NOT NULL
);
CREATE INDEX login_failures_phone_at ON login_failures (phone, at);
CREATE INDEX login_failures_ip_at ON login_failures (ip, at);
