-- Receipt numbers are the office's own: unique within a community, not
-- across the deployment (two offices may both start at "0001"). Reversals
-- are told apart by reverses_id and take no part in the rule, so a
-- reversal can always be recorded whatever the office once typed.
ALTER TABLE fee_payments ADD COLUMN community_id BIGINT REFERENCES communities (id);
UPDATE fee_payments p SET community_id = b.community_id FROM fee_bills b WHERE b.id = p.bill_id;
ALTER TABLE fee_payments ALTER COLUMN community_id SET NOT NULL;
ALTER TABLE fee_payments DROP CONSTRAINT fee_payments_receipt_no_key;
CREATE UNIQUE INDEX fee_payments_receipt ON fee_payments (community_id, receipt_no)
    WHERE reverses_id IS NULL;
