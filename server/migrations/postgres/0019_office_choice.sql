-- A manager of several communities chooses the one the office pages speak
-- for; remembered on the account, so every device and every default follows.
-- Keep in step with migrations/sqlite/0019_office_choice.sql.

ALTER TABLE users ADD COLUMN office_community_id BIGINT REFERENCES communities (id);
