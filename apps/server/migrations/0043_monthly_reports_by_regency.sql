-- Monthly reports keyed like every per-person table (ARCHITECTURE.md decision 1: the
-- regency, Citus' distribution key, leads primary and foreign keys; checked by
-- test/scale-out.int.test.ts). 0042 had landed keyed by id alone.
ALTER TABLE monthly_report_dispute
  DROP CONSTRAINT monthly_report_dispute_report_id_activity_id_fkey,
  DROP CONSTRAINT monthly_report_dispute_report_id_fkey;
ALTER TABLE monthly_report_entry DROP CONSTRAINT monthly_report_entry_report_id_fkey;

ALTER TABLE monthly_report_entry ADD COLUMN regency_code text;
UPDATE monthly_report_entry e SET regency_code = m.regency_code FROM monthly_report m WHERE m.id = e.report_id;
ALTER TABLE monthly_report_entry ALTER COLUMN regency_code SET NOT NULL;
ALTER TABLE monthly_report_dispute ADD COLUMN regency_code text;
UPDATE monthly_report_dispute d SET regency_code = m.regency_code FROM monthly_report m WHERE m.id = d.report_id;
ALTER TABLE monthly_report_dispute ALTER COLUMN regency_code SET NOT NULL;

ALTER TABLE monthly_report
  DROP CONSTRAINT monthly_report_pkey,
  ADD PRIMARY KEY (regency_code, id),
  DROP CONSTRAINT monthly_report_user_id_month_key,
  ADD UNIQUE (regency_code, user_id, month);
CREATE INDEX monthly_report_id_idx ON monthly_report (id);
CREATE INDEX monthly_report_user_idx ON monthly_report (user_id, month);

ALTER TABLE monthly_report_entry
  DROP CONSTRAINT monthly_report_entry_pkey,
  ADD PRIMARY KEY (regency_code, report_id, activity_id),
  ADD FOREIGN KEY (regency_code, report_id) REFERENCES monthly_report (regency_code, id) ON DELETE CASCADE;

ALTER TABLE monthly_report_dispute
  DROP CONSTRAINT monthly_report_dispute_pkey,
  ADD PRIMARY KEY (regency_code, id),
  ADD FOREIGN KEY (regency_code, report_id, activity_id) REFERENCES monthly_report_entry (regency_code, report_id, activity_id);
DROP INDEX monthly_report_dispute_open;
CREATE UNIQUE INDEX monthly_report_dispute_open ON monthly_report_dispute (regency_code, report_id, activity_id) WHERE answered_at IS NULL;
CREATE INDEX monthly_report_dispute_report_idx ON monthly_report_dispute (report_id);
