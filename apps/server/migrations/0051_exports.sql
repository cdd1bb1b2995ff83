-- Exports (issue 10): a list rendered to XLSX/CSV by a job, with its declared purpose
-- (UU PDP checklist point 5). The file is kept here and served only to its creator
-- (or a national administrator) who still holds `report.export`; the audit event
-- `export.created` lists the exported record ids so a breach can be traced to persons.
CREATE TABLE export_run (
  id           uuid PRIMARY KEY,
  source       text NOT NULL CHECK (source IN ('persons', 'members', 'cases', 'coverage')),
  format       text NOT NULL CHECK (format IN ('xlsx', 'csv')),
  status       text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  purpose      text NOT NULL CHECK (length(purpose) >= 10),
  purpose_code text,
  filters      jsonb NOT NULL DEFAULT '{}',
  area_code    text NOT NULL,
  job_id       uuid,
  row_count    integer,
  size_bytes   integer,
  content      bytea,
  created_by   uuid NOT NULL,
  created_at   timestamptz NOT NULL,
  finished_at  timestamptz
);
CREATE INDEX export_run_creator_idx ON export_run (created_by, created_at DESC);
