-- Fees: schedules, bills per household and period, payments (append-only;
-- a mistake is reversed by a negative entry). Money is integer fen.
-- Keep in step with migrations/postgres/0004_fees.sql.

CREATE TABLE fee_schedules (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL REFERENCES communities (id),
    name          TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    basis         TEXT    NOT NULL CHECK (basis IN ('per_m2', 'fixed')),
    -- per_m2: fen per m² per month; fixed: fen per household per month.
    rate_fen      INTEGER NOT NULL CHECK (rate_fen > 0),
    period        TEXT    NOT NULL CHECK (period IN ('month', 'quarter', 'year')),
    -- Days after the period starts that the bill falls due.
    due_days      INTEGER NOT NULL DEFAULT 30 CHECK (due_days BETWEEN 0 AND 366),
    created_at    INTEGER NOT NULL,
    UNIQUE (community_id, name)
);

-- paid_fen is the running sum of the bill's payments, kept by a conditional
-- update so that no payment can take it below 0 or above the amount.
CREATE TABLE fee_bills (
    id            INTEGER PRIMARY KEY,
    schedule_id   INTEGER NOT NULL REFERENCES fee_schedules (id),
    household_id  INTEGER NOT NULL REFERENCES households (id),
    community_id  INTEGER NOT NULL REFERENCES communities (id),
    period        TEXT    NOT NULL,
    months        INTEGER NOT NULL CHECK (months IN (1, 3, 12)),
    amount_fen    INTEGER NOT NULL CHECK (amount_fen > 0),
    paid_fen      INTEGER NOT NULL DEFAULT 0 CHECK (paid_fen >= 0 AND paid_fen <= amount_fen),
    due_at        INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    UNIQUE (schedule_id, household_id, period)
);
CREATE INDEX fee_bills_community_period ON fee_bills (community_id, period);
CREATE INDEX fee_bills_household ON fee_bills (household_id);

CREATE TABLE fee_payments (
    id            INTEGER PRIMARY KEY,
    bill_id       INTEGER NOT NULL REFERENCES fee_bills (id),
    amount_fen    INTEGER NOT NULL CHECK (amount_fen <> 0),
    method        TEXT    NOT NULL CHECK (method IN ('cash', 'wechat', 'alipay', 'bank_transfer')),
    paid_on       TEXT    NOT NULL,
    receipt_no    TEXT    NOT NULL UNIQUE,
    note          TEXT    NOT NULL DEFAULT '',
    recorded_by   INTEGER NOT NULL REFERENCES users (id),
    recorded_at   INTEGER NOT NULL,
    -- A reversal names the payment it undoes; each is undone at most once.
    reverses_id   INTEGER UNIQUE REFERENCES fee_payments (id),
    CHECK ((reverses_id IS NULL) = (amount_fen > 0))
);
CREATE INDEX fee_payments_bill ON fee_payments (bill_id);

-- A contact for the household from the office's own list (CSV import), for
-- households where nobody has registered yet.
ALTER TABLE households ADD COLUMN contact_name TEXT NOT NULL DEFAULT '';
ALTER TABLE households ADD COLUMN contact_phone TEXT NOT NULL DEFAULT '';
