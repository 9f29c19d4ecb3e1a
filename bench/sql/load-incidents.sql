-- Adds :n incidents for the REST read-path benchmark in one statement, copying the text and JSON columns of a real
-- incident the service opened earlier in the run (the newest 'bench-startup' one), so rows are as wide as real ones.
-- Spread over the last ~:n × 7 s; 2 % open, 1 % acknowledged, 7 % resolved, 90 % closed; 20 % critical, 50 % warning,
-- 30 % info. Every NOT NULL column of both migrations is set; the workflow columns match the status.
-- psql -v n=1000000 -f load-incidents.sql
\set ON_ERROR_STOP on
WITH template AS (
    SELECT * FROM incident WHERE source_incident_id LIKE 'bench-startup-%' ORDER BY id DESC LIMIT 1
), rows AS (
    SELECT g,
           CASE WHEN g % 100 < 2 THEN 'open' WHEN g % 100 < 3 THEN 'acknowledged'
                WHEN g % 100 < 10 THEN 'resolved' ELSE 'closed' END AS status,
           CASE WHEN g % 10 < 2 THEN 'critical' WHEN g % 10 < 7 THEN 'warning' ELSE 'info' END AS severity,
           now() - (:n - g) * interval '7 seconds' AS opened_at
    FROM generate_series(1, :n) AS g
)
INSERT INTO incident (title, severity, severity_reason, status, alert_state, alert_count, grouping_key, opened_at,
                      cleared_at, clear_reason, updated_at, version, source_type, source_incident_id, policy_name,
                      condition_name, summary, resource_type, resource_labels, project_id, source_url, source_severity,
                      started_at, ended_at, steps, current_step, acknowledged_at, acknowledged_by, resolved_at,
                      resolved_by, closed_at, human_touched, related_incident_id, last_alert)
SELECT t.title || ' #' || r.g,
       r.severity,
       r.severity || ': bulk-loaded for the read-path benchmark',
       r.status,
       CASE WHEN r.status IN ('open', 'acknowledged') THEN 'firing' ELSE 'cleared' END,
       1 + r.g % 3,
       'v1:bulk-' || r.g || '-' || md5(r.g::text),
       r.opened_at,
       CASE WHEN r.status IN ('open', 'acknowledged') THEN NULL ELSE r.opened_at + interval '20 minutes' END,
       CASE WHEN r.status IN ('open', 'acknowledged') THEN NULL ELSE 'recovered' END,
       r.opened_at + interval '2 hours',
       3,
       'cloud_monitoring',
       'bulk-' || r.g,
       t.policy_name,
       t.condition_name,
       t.summary,
       t.resource_type,
       jsonb_set(t.resource_labels, '{instance_id}', to_jsonb('bulk-' || r.g)),
       t.project_id,
       t.source_url,
       t.source_severity,
       r.opened_at - interval '1 minute',
       CASE WHEN r.status IN ('open', 'acknowledged') THEN NULL ELSE r.opened_at + interval '20 minutes' END,
       CASE r.status
           WHEN 'open' THEN t.steps
           WHEN 'acknowledged' THEN t.steps
           WHEN 'resolved' THEN
               '[{"step":"assess_impact","state":"done","completedBy":"alice"},{"step":"immediate_response","state":"done","completedBy":"alice"},{"step":"root_cause_analysis","state":"done","completedBy":"alice"},{"step":"resolution","state":"done","completedBy":"alice"},{"step":"post_incident_review","state":"active"}]'::jsonb
           ELSE
               '[{"step":"assess_impact","state":"done","completedBy":"alice"},{"step":"immediate_response","state":"done","completedBy":"alice"},{"step":"root_cause_analysis","state":"done","completedBy":"alice"},{"step":"resolution","state":"done","completedBy":"alice"},{"step":"post_incident_review","state":"done","completedBy":"alice"}]'::jsonb
           END,
       CASE r.status WHEN 'resolved' THEN 'post_incident_review' WHEN 'closed' THEN NULL ELSE 'assess_impact' END,
       CASE WHEN r.status = 'open' THEN NULL ELSE r.opened_at + interval '5 minutes' END,
       CASE WHEN r.status = 'open' THEN NULL ELSE 'alice' END,
       CASE WHEN r.status IN ('resolved', 'closed') THEN r.opened_at + interval '1 hour' END,
       CASE WHEN r.status IN ('resolved', 'closed') THEN 'alice' END,
       CASE WHEN r.status = 'closed' THEN r.opened_at + interval '2 hours' END,
       r.status <> 'open',
       NULL,
       t.last_alert
FROM rows AS r CROSS JOIN template AS t;
VACUUM (ANALYZE) incident;
