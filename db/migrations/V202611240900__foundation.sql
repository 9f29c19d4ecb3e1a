-- Foundation schema: incidents, the source alerts they group, the Pub/Sub inbox, quarantine, timeline and outbox.
-- Append-only: never edit this file once landed; add a new migration instead.

CREATE TABLE incident (
    id                  bigserial PRIMARY KEY,
    title               text        NOT NULL,
    severity            text        NOT NULL CHECK (severity IN ('critical', 'warning', 'info')),
    severity_reason     text        NOT NULL,
    status              text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved', 'closed')),
    alert_state         text        NOT NULL CHECK (alert_state IN ('firing', 'cleared')),
    alert_count         integer     NOT NULL DEFAULT 0 CHECK (alert_count >= 0),
    grouping_key        text        NOT NULL,
    opened_at           timestamptz NOT NULL,
    cleared_at          timestamptz,
    clear_reason        text,
    updated_at          timestamptz NOT NULL,
    version             bigint      NOT NULL DEFAULT 0,
    -- snapshot of the latest source notification, for reads without joins
    source_type         text        NOT NULL DEFAULT 'cloud_monitoring',
    source_incident_id  text        NOT NULL,
    policy_name         text,
    condition_name      text,
    summary             text,
    resource_type       text,
    resource_labels     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    project_id          text,
    source_url          text,
    source_severity     text,
    started_at          timestamptz,
    ended_at            timestamptz
);

-- One unresolved incident per grouping key: concurrent replicas race on this index, never on in-process locks.
CREATE UNIQUE INDEX incident_unresolved_grouping_key_uq ON incident (grouping_key) WHERE status IN ('open', 'acknowledged');
CREATE INDEX incident_opened_at_idx ON incident (opened_at DESC, id DESC);
CREATE INDEX incident_grouping_key_idx ON incident (grouping_key, id DESC);

-- One row per source incident (Cloud Monitoring incident_id); many may group into one Firebreak incident.
CREATE TABLE source_alert (
    id                  bigserial PRIMARY KEY,
    incident_id         bigint      NOT NULL REFERENCES incident (id),
    source_type         text        NOT NULL DEFAULT 'cloud_monitoring',
    source_incident_id  text        NOT NULL,
    state               text        NOT NULL CHECK (state IN ('firing', 'cleared')),
    started_at          timestamptz,
    ended_at            timestamptz,
    clear_reason        text,
    notification_count  integer     NOT NULL DEFAULT 1,
    first_seen_at       timestamptz NOT NULL,
    last_seen_at        timestamptz NOT NULL,
    CONSTRAINT source_alert_source_uq UNIQUE (source_type, source_incident_id)
);
CREATE INDEX source_alert_incident_idx ON source_alert (incident_id);

CREATE TABLE timeline_event (
    id           bigserial PRIMARY KEY,
    incident_id  bigint      NOT NULL REFERENCES incident (id),
    at           timestamptz NOT NULL,
    type         text        NOT NULL,
    actor        text        NOT NULL,
    detail       text        NOT NULL,
    data         jsonb
);
CREATE INDEX timeline_event_incident_idx ON timeline_event (incident_id, id);

-- Every accepted Pub/Sub message, once. Unique on the message id and on the notification's content key, so
-- redeliveries, publisher retries and dead-letter copies are absorbed by the database.
CREATE TABLE inbox_message (
    id                  bigserial PRIMARY KEY,
    message_id          text,
    content_key         text        NOT NULL,
    transport           text        NOT NULL,
    subscription        text,
    publish_time        timestamptz,
    delivery_attempt    integer,
    attributes          jsonb,
    received_at         timestamptz NOT NULL,
    outcome             text        NOT NULL,
    schema_version      text,
    source_incident_id  text,
    source_state        text,
    incident_id         bigint REFERENCES incident (id),
    raw_json            text,
    raw_truncated       boolean     NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX inbox_message_message_id_uq ON inbox_message (message_id) WHERE message_id IS NOT NULL;
CREATE UNIQUE INDEX inbox_message_content_key_uq ON inbox_message (content_key);
CREATE INDEX inbox_message_received_idx ON inbox_message (received_at DESC);

-- Messages that can never be processed: acknowledged to Pub/Sub and kept here with the reason.
CREATE TABLE quarantine (
    id            bigserial PRIMARY KEY,
    message_id    text,
    content_key   text        NOT NULL,
    transport     text        NOT NULL,
    subscription  text,
    publish_time  timestamptz,
    attributes    jsonb,
    reason_code   text        NOT NULL,
    reason        text        NOT NULL,
    raw           bytea       NOT NULL,
    raw_size      integer     NOT NULL,
    raw_truncated boolean     NOT NULL DEFAULT false,
    received_at   timestamptz NOT NULL
);
CREATE UNIQUE INDEX quarantine_message_id_uq ON quarantine (message_id) WHERE message_id IS NOT NULL;
CREATE UNIQUE INDEX quarantine_content_key_uq ON quarantine (content_key);
CREATE INDEX quarantine_received_idx ON quarantine (received_at DESC, id DESC);

-- Notifications to deliver, written in the same transaction as the change they announce.
CREATE TABLE outbox (
    id                 bigserial PRIMARY KEY,
    incident_id        bigint      NOT NULL REFERENCES incident (id),
    timeline_event_id  bigint REFERENCES timeline_event (id),
    kind               text        NOT NULL,
    created_at         timestamptz NOT NULL,
    next_attempt_at    timestamptz NOT NULL,
    attempts           integer     NOT NULL DEFAULT 0,
    delivered_at       timestamptz,
    failed_at          timestamptz,
    last_error         text
);
CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at, id) WHERE delivered_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_incident_idx ON outbox (incident_id, id);
