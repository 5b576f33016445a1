-- Notices, who they are for, their edit history and read receipts.
-- Keep in step with migrations/postgres/0003_notices.sql.

CREATE TABLE notices (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL REFERENCES communities (id),
    author_id     INTEGER NOT NULL REFERENCES users (id),
    title         TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body          TEXT    NOT NULL CHECK (length(body) <= 20000),
    category      TEXT    NOT NULL CHECK (category IN ('water', 'power', 'gas', 'heating', 'activity', 'policy', 'general')),
    pinned        INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    urgent        INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    published_at  INTEGER NOT NULL,
    updated_at    INTEGER,
    expires_at    INTEGER,
    archived_at   INTEGER
);
CREATE INDEX notices_community_published ON notices (community_id, published_at);

-- No rows: the whole community. Otherwise only these buildings.
CREATE TABLE notice_targets (
    notice_id    INTEGER NOT NULL REFERENCES notices (id),
    building_id  INTEGER NOT NULL REFERENCES buildings (id),
    PRIMARY KEY (notice_id, building_id)
);

-- The text before each edit: an edit never erases what residents saw.
CREATE TABLE notice_revisions (
    id          INTEGER PRIMARY KEY,
    notice_id   INTEGER NOT NULL REFERENCES notices (id),
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    replaced_by INTEGER NOT NULL REFERENCES users (id),
    replaced_at INTEGER NOT NULL
);
CREATE INDEX notice_revisions_notice ON notice_revisions (notice_id);

-- One receipt per person and household: a helper's read counts for the
-- household they act for (as_helper = 1).
CREATE TABLE notice_reads (
    notice_id     INTEGER NOT NULL REFERENCES notices (id),
    user_id       INTEGER NOT NULL REFERENCES users (id),
    household_id  INTEGER NOT NULL REFERENCES households (id),
    as_helper     INTEGER NOT NULL CHECK (as_helper IN (0, 1)),
    read_at       INTEGER NOT NULL,
    PRIMARY KEY (notice_id, user_id, household_id)
);
CREATE INDEX notice_reads_household ON notice_reads (notice_id, household_id);
