-- A throw-away database for checking plans at scale (docs/postgres-at-scale.md): migrate an empty
-- database, then `psql -d <it> -f generate.sql` (about 15 minutes and 8 GB), then explain-plans.ts.
-- Two years of a regional feed: 2 million patients, 4 million encounters, 10 million messages (raw
-- bytes for the last 100 days only, as retention keeps), 1.7 million follow-ups of which those of
-- the last 7 days are still to do.
\timing on
SET synchronous_commit = off;
SET maintenance_work_mem = '512MB';
SET work_mem = '64MB';
-- Bulk load of generated rows whose references hold by construction: no foreign-key triggers.
SET session_replication_role = replica;
-- 2,000,000 patients
INSERT INTO patients (mrn, assigning_authority, family_name, given_name, birth_date, sex, phone)
SELECT 'M' || g, 'GH', 'FAM' || (g % 50000), 'GIV' || (g % 3000), date '1940-01-01' + (g % 25000), CASE WHEN g % 2 = 0 THEN 'F' ELSE 'M' END, '555' || lpad((g % 10000000)::text, 7, '0')
  FROM generate_series(1, 2000000) g;
-- 4,000,000 encounters over two years; 20 facilities; the newest ~0.5% still in hospital
INSERT INTO encounters (patient_id, facility, encounter_key, visit_number, patient_class, admitted_at, discharged_at, last_event_type, last_event_at, disposition, updated_at, created_at)
SELECT (SELECT min(id) FROM patients) + (g::bigint * 7919) % 2000000, 'FAC' || (g % 20), 'V' || g, 'V' || g,
       CASE WHEN g % 5 = 0 THEN 'E' ELSE 'I' END,
       t - interval '3 days',
       CASE WHEN g > 3980000 AND g % 3 <> 0 THEN NULL ELSE t END,
       CASE WHEN g > 3980000 AND g % 3 <> 0 THEN 'A01' ELSE 'A03' END, t, '01', t, t - interval '3 days'
  FROM (SELECT g, now() - interval '730 days' + (g::double precision / 4000000) * interval '730 days' AS t
          FROM generate_series(1, 4000000) g) s;
ANALYZE patients; ANALYZE encounters;
-- Bulk load: the secondary indexes of the two big tables are dropped and built again afterwards.
CREATE TABLE scale_saved_indexes AS
  SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def FROM pg_index
   WHERE indrelid IN ('inbound_messages'::regclass, 'encounter_events'::regclass) AND NOT indisprimary;
DO $$ DECLARE r record; BEGIN FOR r IN SELECT name FROM scale_saved_indexes LOOP EXECUTE 'DROP INDEX ' || r.name; END LOOP; END $$;
-- 10,000,000 messages over two years: 97% processed, 1% duplicate, 1% rejected, a few failed/received
INSERT INTO inbound_messages (received_at, sending_application, sending_facility, control_id, message_type, version_id, content_hash, status, ack_code, processed_at, updated_at, attempts)
SELECT t, 'EPIC', 'FAC' || (g % 20), 'C' || g, 'ADT^A0' || (1 + g % 8), '2.5.1', sha256(int8send(g)),
       CASE WHEN g % 100 = 1 THEN 'duplicate' WHEN g % 100 = 2 THEN 'rejected' WHEN g % 10000 = 3 THEN 'failed'
            WHEN g > 9999000 THEN 'received' ELSE 'processed' END,
       CASE WHEN g % 100 = 2 THEN 'AR' ELSE 'AA' END, t, t, 1
  FROM (SELECT g, now() - interval '730 days' + (g::double precision / 10000000) * interval '730 days' AS t
          FROM generate_series(1, 10000000) g) s;
-- every processed message applied to an encounter of its time (2.5 messages per encounter)
INSERT INTO encounter_events (message_id, encounter_id, event_type, occurred_at, applied_at)
SELECT m.id, (SELECT min(id) FROM encounters) + (m.id * 2 / 5) % 4000000, 'A0' || (1 + m.id % 8), m.received_at, m.received_at
  FROM inbound_messages m WHERE m.status = 'processed';
DO $$ DECLARE r record; BEGIN FOR r IN SELECT def FROM scale_saved_indexes LOOP EXECUTE r.def; END LOOP; END $$;
-- raw bodies for the last 100 days (the retention period and its month)
SELECT create_inbound_message_raw_partition(now() - make_interval(months => k)) FROM generate_series(0, 4) k;
INSERT INTO inbound_message_raw (message_id, received_at, raw)
SELECT id, received_at, convert_to('MSH|^~\&|EPIC|' || sending_facility || '|||||' || message_type || '|' || control_id || '|P|2.5.1', 'UTF8')
  FROM inbound_messages WHERE received_at > now() - interval '100 days' AND status <> 'duplicate';
-- 1,700,000 follow-ups (discharges) over 10 teams; those of the last 7 days still to do
INSERT INTO teams (name) SELECT 'team' || k FROM generate_series(0, 9) k ON CONFLICT DO NOTHING;
INSERT INTO follow_ups (encounter_id, patient_id, kind, status, due_at, priority, team, created_at, updated_at, closed_at, risk_score)
SELECT e.id, e.patient_id, 'discharge',
       CASE WHEN e.discharged_at > now() - interval '7 days' THEN (CASE WHEN e.id % 4 = 0 THEN 'in_progress' ELSE 'open' END) WHEN e.id % 10 = 0 THEN 'cancelled' ELSE 'done' END,
       e.discharged_at + interval '2 days', CASE WHEN e.id % 7 = 0 THEN 'high' ELSE 'normal' END,
       'team' || (e.id % 10), e.discharged_at, e.discharged_at,
       CASE WHEN e.discharged_at > now() - interval '7 days' THEN NULL ELSE e.discharged_at + interval '1 day' END, e.id % 20
  FROM encounters e WHERE e.discharged_at IS NOT NULL AND (e.id % 8 < 3 OR e.discharged_at > now() - interval '30 days');
-- 2 care actions per finished follow-up
INSERT INTO care_actions (follow_up_id, type, at, actor, recorded_at)
SELECT f.id, t.type, f.created_at + interval '1 day', 'nav', f.created_at + interval '1 day'
  FROM follow_ups f CROSS JOIN (VALUES ('contact_attempt'), ('close')) t(type) WHERE f.status = 'done';
VACUUM ANALYZE;
SELECT relname, n_live_tup FROM pg_stat_user_tables ORDER BY n_live_tup DESC LIMIT 12;
SELECT pg_size_pretty(pg_database_size(current_database()));
DROP TABLE scale_saved_indexes;
