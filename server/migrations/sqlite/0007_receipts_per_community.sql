-- Receipt numbers are the office's own: unique within a community, not
-- across the deployment (two offices may both start at "0001"). Reversals
-- are told apart by reverses_id and take no part in the rule, so a
-- reversal can always be recorded whatever the office once typed.
--
-- SQLite cannot drop a column's UNIQUE, so the table is rebuilt; the
-- self-reference of reverses_id is checked at commit.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE fee_payments_new (
    id            INTEGER PRIMARY KEY,
    bill_id       INTEGER NOT NULL REFERENCES fee_bills (id),
    amount_fen    INTEGER NOT NULL CHECK (amount_fen <> 0),
    method        TEXT    NOT NULL CHECK (method IN ('cash', 'wechat', 'alipay', 'bank_transfer')),
    paid_on       TEXT    NOT NULL,
    receipt_no    TEXT    NOT NULL,
    note          TEXT    NOT NULL DEFAULT '',
    recorded_by   INTEGER NOT NULL REFERENCES users (id),
    recorded_at   INTEGER NOT NULL,
    -- A reversal names the payment it undoes; each is undone at most once.
    reverses_id   INTEGER UNIQUE REFERENCES fee_payments (id),
    community_id  INTEGER NOT NULL REFERENCES communities (id),
    CHECK ((reverses_id IS NULL) = (amount_fen > 0))
);

INSERT INTO fee_payments_new (id, bill_id, amount_fen, method, paid_on, receipt_no, note,
                              recorded_by, recorded_at, reverses_id, community_id)
SELECT p.id, p.bill_id, p.amount_fen, p.method, p.paid_on, p.receipt_no, p.note,
       p.recorded_by, p.recorded_at, p.reverses_id, b.community_id
FROM fee_payments p JOIN fee_bills b ON b.id = p.bill_id;

DROP TABLE fee_payments;
ALTER TABLE fee_payments_new RENAME TO fee_payments;
CREATE INDEX fee_payments_bill ON fee_payments (bill_id);
CREATE UNIQUE INDEX fee_payments_receipt ON fee_payments (community_id, receipt_no)
    WHERE reverses_id IS NULL;
