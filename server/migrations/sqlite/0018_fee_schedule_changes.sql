-- The office edits its fee schedules: a new rate from a period on (bills
-- already made keep theirs), and retiring a schedule (no more bills).
-- Keep in step with migrations/postgres/0018_fee_schedule_changes.sql.

ALTER TABLE fee_schedules ADD COLUMN retired_at INTEGER;

CREATE TABLE fee_rate_changes (
    id           INTEGER PRIMARY KEY,
    schedule_id  INTEGER NOT NULL REFERENCES fee_schedules (id),
    -- A period label of the schedule's kind: "2027", "2027-Q1", "2027-01".
    from_period  TEXT    NOT NULL CHECK (length(from_period) BETWEEN 4 AND 7),
    rate_fen     INTEGER NOT NULL CHECK (rate_fen BETWEEN 1 AND 1000000),
    changed_by   INTEGER NOT NULL REFERENCES users (id),
    changed_at   INTEGER NOT NULL,
    UNIQUE (schedule_id, from_period)
);
