-- 报平安: one row a person who checks in daily. Only the last check-in is
-- kept: watchers see today and the last one, never a history to mine.
-- Keep in step with migrations/sqlite/0012_care.sql.

CREATE TABLE care_plans (
    user_id           BIGINT PRIMARY KEY REFERENCES users (id),
    household_id      BIGINT NOT NULL REFERENCES households (id),
    -- Minutes after midnight, Beijing time.
    deadline_minutes  BIGINT NOT NULL CHECK (deadline_minutes BETWEEN 300 AND 1320),
    watch_office      BIGINT NOT NULL DEFAULT 0 CHECK (watch_office IN (0, 1)),
    volunteer_id      BIGINT REFERENCES users (id),
    -- Away until this day (YYYY-MM-DD) inclusive.
    paused_until      TEXT    CHECK (length(paused_until) = 10),
    last_day          TEXT    CHECK (length(last_day) = 10),
    last_at           BIGINT,
    -- The first day it applies: switched on after the day's time, tomorrow.
    starts_day        TEXT    NOT NULL CHECK (length(starts_day) = 10),
    -- The day the watchers were last told of a missed check-in: once a day.
    missed_day        TEXT    CHECK (length(missed_day) = 10),
    updated_at        BIGINT NOT NULL
);
CREATE INDEX care_plans_household ON care_plans (household_id);
