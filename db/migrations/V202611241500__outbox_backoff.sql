-- Incidents whose undelivered events wait out an exponential backoff after a transient channel failure (not pacing,
-- not a channel's Retry-After). They are brought forward as soon as a delivery succeeds again, so a recovered channel
-- drains at once instead of when each incident's backoff happens to expire. A table of its own, not a column on
-- outbox: the previous release inserts outbox rows with RETURNING *, and a new column would fail its cached statements
-- during a rolling upgrade.
CREATE TABLE notify_backoff (
    incident_id  bigint PRIMARY KEY REFERENCES incident (id),
    since        timestamptz NOT NULL DEFAULT now()
);
