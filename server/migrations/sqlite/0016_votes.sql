-- Deciding together (表决): votes of the households, weighted by their
-- flats' area, one ballot per household however it is cast (online by a
-- resident or helper, or on paper entered by the office).
-- Keep in step with migrations/postgres/0016_votes.sql.

CREATE TABLE votes (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL REFERENCES communities (id),
    -- 'decision': 同意 / 不同意 / 弃权; 'choice': one of a list;
    -- 'consultation' (征求意见): one answer per person, a choice or a few
    -- words, no thresholds.
    kind          TEXT    NOT NULL CHECK (kind IN ('decision', 'choice', 'consultation')),
    -- Civil Code art. 278: 'ordinary' passes with more than half of the
    -- participating area and households, 'major' with three quarters
    -- (a consultation has no thresholds: 'ordinary').
    matter        TEXT    NOT NULL CHECK (matter IN ('ordinary', 'major')),
    question      TEXT    NOT NULL CHECK (length(question) BETWEEN 1 AND 200),
    -- What residents should read first.
    documents     TEXT    NOT NULL DEFAULT '' CHECK (length(documents) <= 20000),
    opens_at      INTEGER NOT NULL,
    closes_at     INTEGER NOT NULL,
    created_by    INTEGER NOT NULL REFERENCES users (id),
    created_at    INTEGER NOT NULL,
    -- Fixed at close: the tally as published (JSON of app::model::Tally).
    closed_at     INTEGER,
    closed_by     INTEGER REFERENCES users (id),
    result        TEXT,
    notice_id     INTEGER UNIQUE REFERENCES notices (id),
    -- Bumped by every ballot and answer: the close fixes the result only if
    -- nothing was cast between its count and its write.
    version       INTEGER NOT NULL DEFAULT 0,
    CHECK (closes_at > opens_at),
    CHECK ((closed_at IS NULL) = (result IS NULL)),
    CHECK ((closed_at IS NULL) = (closed_by IS NULL))
);
CREATE INDEX votes_community ON votes (community_id, id);

CREATE TABLE vote_choices (
    id        INTEGER PRIMARY KEY,
    vote_id   INTEGER NOT NULL REFERENCES votes (id),
    position  INTEGER NOT NULL CHECK (position BETWEEN 0 AND 19),
    label     TEXT    NOT NULL CHECK (length(label) BETWEEN 1 AND 60),
    UNIQUE (vote_id, position)
);

-- No rows: the whole community. Otherwise the households of these buildings.
CREATE TABLE vote_buildings (
    vote_id      INTEGER NOT NULL REFERENCES votes (id),
    building_id  INTEGER NOT NULL REFERENCES buildings (id),
    PRIMARY KEY (vote_id, building_id)
);

CREATE TABLE vote_photos (
    vote_id    INTEGER NOT NULL REFERENCES votes (id),
    upload_id  TEXT    NOT NULL REFERENCES uploads (id),
    position   INTEGER NOT NULL CHECK (position BETWEEN 0 AND 3),
    PRIMARY KEY (vote_id, upload_id)
);

-- One ballot per household and vote, online or on paper: the database
-- itself refuses a second. An online ballot may change until the vote
-- closes; a paper one is as the office entered it.
CREATE TABLE ballots (
    id            INTEGER PRIMARY KEY,
    vote_id       INTEGER NOT NULL REFERENCES votes (id),
    household_id  INTEGER NOT NULL REFERENCES households (id),
    choice_id     INTEGER NOT NULL REFERENCES vote_choices (id),
    way           TEXT    NOT NULL CHECK (way IN ('online', 'paper')),
    -- Who pressed it: the resident, a helper for them, or the office
    -- person who entered the paper ballot.
    cast_by       INTEGER NOT NULL REFERENCES users (id),
    paper_no      TEXT    CHECK (length(paper_no) BETWEEN 1 AND 40),
    collected_by  TEXT    CHECK (length(collected_by) BETWEEN 1 AND 50),
    cast_at       INTEGER NOT NULL,
    changed_at    INTEGER,
    CHECK ((way = 'paper') = (paper_no IS NOT NULL AND collected_by IS NOT NULL)),
    UNIQUE (vote_id, household_id)
);
CREATE UNIQUE INDEX ballots_paper_no ON ballots (vote_id, paper_no) WHERE paper_no IS NOT NULL;

-- A consultation's answers: one per person (a resident or a helper, each
-- for themselves), a choice or a few words, changeable until it closes.
CREATE TABLE consultation_answers (
    vote_id      INTEGER NOT NULL REFERENCES votes (id),
    user_id      INTEGER NOT NULL REFERENCES users (id),
    household_id INTEGER NOT NULL REFERENCES households (id),
    choice_id    INTEGER REFERENCES vote_choices (id),
    words        TEXT    CHECK (length(words) BETWEEN 1 AND 200),
    answered_at  INTEGER NOT NULL,
    changed_at   INTEGER,
    CHECK ((choice_id IS NULL) <> (words IS NULL)),
    PRIMARY KEY (vote_id, user_id)
);
