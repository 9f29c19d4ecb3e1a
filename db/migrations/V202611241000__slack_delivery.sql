-- Slack delivery: one root message per incident (channel + ts), thread replies recorded before and after each call so a
-- retried delivery reconciles instead of posting twice, a cluster-wide per-channel pace and storm digest, and
-- per-incident notifier leases so several replicas deliver each incident's events in order.

CREATE TABLE slack_message (
    incident_id        bigint PRIMARY KEY REFERENCES incident (id),
    route              text        NOT NULL,
    channel            text        NOT NULL,
    ts                 text,
    thread_ts          text,
    in_digest          boolean     NOT NULL DEFAULT false,
    state              text        NOT NULL CHECK (state IN ('posting', 'posted')),
    delivery_key       text        NOT NULL,
    attempt_started_at timestamptz NOT NULL,
    posted_at          timestamptz
);
CREATE INDEX slack_message_route_posted_idx ON slack_message (route, posted_at);

CREATE TABLE slack_reply (
    delivery_key       text PRIMARY KEY,
    incident_id        bigint      NOT NULL REFERENCES incident (id),
    channel            text        NOT NULL,
    thread_ts          text        NOT NULL,
    state              text        NOT NULL CHECK (state IN ('posting', 'posted')),
    outbox_ids         bigint[]    NOT NULL DEFAULT '{}',
    ts                 text,
    attempt_started_at timestamptz NOT NULL,
    posted_at          timestamptz
);

CREATE TABLE slack_channel (
    channel            text PRIMARY KEY,
    next_post_at       timestamptz NOT NULL,
    digest_ts          text,
    digest_started_at  timestamptz,
    digest_count       integer     NOT NULL DEFAULT 0
);

CREATE TABLE notify_lease (
    incident_id  bigint PRIMARY KEY REFERENCES incident (id),
    owner        text        NOT NULL,
    lease_until  timestamptz NOT NULL
);

ALTER TABLE incident ADD COLUMN notify_error text;
