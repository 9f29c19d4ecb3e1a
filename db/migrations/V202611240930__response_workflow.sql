-- The five-step response workflow on incidents, the normalized alert snapshot for diagnostics, links between
-- incidents, and indexes for the filtered, keyset-paginated incident list.

ALTER TABLE incident
    ADD COLUMN steps               jsonb,
    ADD COLUMN current_step        text CHECK (current_step IN ('assess_impact', 'immediate_response',
                                       'root_cause_analysis', 'resolution', 'post_incident_review')),
    ADD COLUMN acknowledged_at     timestamptz,
    ADD COLUMN acknowledged_by     text,
    ADD COLUMN resolved_at         timestamptz,
    ADD COLUMN resolved_by         text,
    ADD COLUMN closed_at           timestamptz,
    ADD COLUMN human_touched       boolean NOT NULL DEFAULT false,
    ADD COLUMN related_incident_id bigint REFERENCES incident (id),
    ADD COLUMN last_alert          jsonb;

UPDATE incident
SET steps = jsonb_build_array(
        jsonb_build_object('step', 'assess_impact', 'state', 'active', 'startedAt', opened_at),
        jsonb_build_object('step', 'immediate_response', 'state', 'pending'),
        jsonb_build_object('step', 'root_cause_analysis', 'state', 'pending'),
        jsonb_build_object('step', 'resolution', 'state', 'pending'),
        jsonb_build_object('step', 'post_incident_review', 'state', 'pending')),
    current_step = 'assess_impact'
WHERE steps IS NULL;

ALTER TABLE incident ALTER COLUMN steps SET NOT NULL;

CREATE INDEX incident_status_opened_idx ON incident (status, opened_at DESC, id DESC);
CREATE INDEX incident_severity_opened_idx ON incident (severity, opened_at DESC, id DESC);
CREATE INDEX incident_step_opened_idx ON incident (current_step, opened_at DESC, id DESC);
CREATE INDEX incident_related_idx ON incident (related_incident_id) WHERE related_incident_id IS NOT NULL;
