-- Repairs: tickets, their timeline, photos (uploads), and what each person
-- last saw of a ticket (for the badge on 报修).
-- Keep in step with migrations/postgres/0005_repairs.sql.

-- Uploaded photos, re-encoded. The files live under <data>/uploads/ named by
-- this random id; the client's file name is never kept.
CREATE TABLE uploads (
    id            TEXT    PRIMARY KEY CHECK (length(id) = 32),
    uploaded_by   INTEGER NOT NULL REFERENCES users (id),
    width         INTEGER NOT NULL CHECK (width > 0),
    height        INTEGER NOT NULL CHECK (height > 0),
    bytes         INTEGER NOT NULL CHECK (bytes > 0),
    created_at    INTEGER NOT NULL
);
CREATE INDEX uploads_by ON uploads (uploaded_by);

CREATE TABLE repair_tickets (
    id              INTEGER PRIMARY KEY,
    community_id    INTEGER NOT NULL REFERENCES communities (id),
    -- The household reporting (absent when the office reports a public
    -- place it noticed itself).
    household_id    INTEGER REFERENCES households (id),
    -- Set for a public place; absent for the household's flat.
    place           TEXT    CHECK (length(place) BETWEEN 1 AND 100),
    building_id     INTEGER REFERENCES buildings (id),
    category        TEXT    NOT NULL CHECK (category IN ('water', 'drainage', 'electricity', 'gas',
                        'heating', 'doors_windows', 'public_area', 'other')),
    description     TEXT    NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    urgent          INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    contact_phone   TEXT    NOT NULL CHECK (length(contact_phone) BETWEEN 3 AND 20),
    status          TEXT    NOT NULL CHECK (status IN ('submitted', 'assigned', 'in_progress',
                        'resolved', 'closed', 'cancelled', 'rejected')),
    channel         TEXT    NOT NULL CHECK (channel IN ('resident', 'helper', 'office')),
    reporter_id     INTEGER NOT NULL REFERENCES users (id),
    assignee_id     INTEGER REFERENCES users (id),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    due_at          INTEGER NOT NULL,
    resolved_at     INTEGER,
    closed_at       INTEGER,
    rating          INTEGER CHECK (rating BETWEEN 1 AND 5),
    CHECK (household_id IS NOT NULL OR place IS NOT NULL),
    CHECK (status IN ('submitted', 'cancelled', 'rejected', 'closed') OR assignee_id IS NOT NULL),
    CHECK (status NOT IN ('resolved', 'closed') OR resolved_at IS NOT NULL)
);
-- The queue: a community's tickets by state, urgent and oldest first.
CREATE INDEX repair_tickets_queue ON repair_tickets (community_id, status, urgent, created_at);
CREATE INDEX repair_tickets_household ON repair_tickets (household_id, created_at);
CREATE INDEX repair_tickets_assignee ON repair_tickets (assignee_id, status);
CREATE INDEX repair_tickets_resolved ON repair_tickets (status, resolved_at);

CREATE TABLE repair_photos (
    ticket_id   INTEGER NOT NULL REFERENCES repair_tickets (id),
    upload_id   TEXT    NOT NULL UNIQUE REFERENCES uploads (id),
    position    INTEGER NOT NULL CHECK (position BETWEEN 0 AND 3),
    PRIMARY KEY (ticket_id, position)
);

-- The timeline. Append-only.
CREATE TABLE repair_events (
    id            INTEGER PRIMARY KEY,
    ticket_id     INTEGER NOT NULL REFERENCES repair_tickets (id),
    kind          TEXT    NOT NULL CHECK (kind IN ('submitted', 'comment', 'assign', 'status',
                      'rating', 'reopen')),
    -- Absent when the system acted (closing after 7 days unconfirmed).
    actor_id      INTEGER REFERENCES users (id),
    actor_role    TEXT    CHECK (actor_role IN ('resident', 'helper', 'staff', 'manager', 'admin')),
    for_household INTEGER REFERENCES households (id),
    from_status   TEXT,
    to_status     TEXT,
    assignee_id   INTEGER REFERENCES users (id),
    stars         INTEGER CHECK (stars BETWEEN 1 AND 5),
    note          TEXT    NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    at            INTEGER NOT NULL
);
CREATE INDEX repair_events_ticket ON repair_events (ticket_id, id);

-- When a person last opened a ticket: "changed since I last looked".
CREATE TABLE repair_views (
    user_id     INTEGER NOT NULL REFERENCES users (id),
    ticket_id   INTEGER NOT NULL REFERENCES repair_tickets (id),
    seen_at     INTEGER NOT NULL,
    PRIMARY KEY (user_id, ticket_id)
);
