-- Notices in the order they are listed (pinned, urgent, newest), so that a
-- page is a walk along the index that stops after the page instead of a sort
-- of every notice of the community.
CREATE INDEX notices_community_order ON notices (community_id, pinned, urgent, published_at, id);
