-- Paying from afar (issue #21): the office's collection codes, and 我已付款
-- — a household tells the office it sent the money; the office confirms it
-- (which records the payment the usual way) or declines it with a reason.
-- Keep in step with migrations/postgres/0014_fee_claims.sql.

CREATE TABLE fee_settings (
    community_id      INTEGER PRIMARY KEY REFERENCES communities (id),
    wechat_upload_id  TEXT    REFERENCES uploads (id),
    alipay_upload_id  TEXT    REFERENCES uploads (id),
    bank_details      TEXT    NOT NULL DEFAULT '',
    updated_by        INTEGER NOT NULL REFERENCES users (id),
    updated_at        INTEGER NOT NULL
);

CREATE TABLE fee_claims (
    id                INTEGER PRIMARY KEY,
    bill_id           INTEGER NOT NULL REFERENCES fee_bills (id),
    community_id      INTEGER NOT NULL REFERENCES communities (id),
    household_id      INTEGER NOT NULL REFERENCES households (id),
    amount_fen        INTEGER NOT NULL CHECK (amount_fen > 0),
    method            TEXT    NOT NULL CHECK (method IN ('wechat', 'alipay', 'bank_transfer')),
    paid_on           TEXT    NOT NULL CHECK (length(paid_on) = 10),
    note              TEXT    NOT NULL DEFAULT '',
    upload_id         TEXT    REFERENCES uploads (id),
    status            TEXT    NOT NULL CHECK (status IN ('pending', 'confirmed', 'declined')),
    claimed_by        INTEGER NOT NULL REFERENCES users (id),
    claimed_at        INTEGER NOT NULL,
    decided_by        INTEGER REFERENCES users (id),
    decided_at        INTEGER,
    reason            TEXT,
    -- The payment a confirmation recorded: one claim, one payment.
    payment_id        INTEGER UNIQUE REFERENCES fee_payments (id),
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK ((status = 'confirmed') = (payment_id IS NOT NULL)),
    CHECK ((status = 'declined') = (reason IS NOT NULL))
);
-- One claim waiting per bill: a second "我已付款" waits for the first answer.
CREATE UNIQUE INDEX fee_claims_one_pending ON fee_claims (bill_id) WHERE status = 'pending';
CREATE INDEX fee_claims_queue ON fee_claims (community_id, status, id);
CREATE INDEX fee_claims_household ON fee_claims (household_id, id);
