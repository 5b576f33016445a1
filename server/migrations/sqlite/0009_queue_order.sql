-- The office queue's order (urgent first, then oldest, then by number) as an
-- index, so that every page of the whole queue, read by key (?cursor=), is a
-- short walk along it instead of a sort of all the community's tickets.
CREATE INDEX repair_tickets_queue_order ON repair_tickets (community_id, urgent DESC, created_at, id);
