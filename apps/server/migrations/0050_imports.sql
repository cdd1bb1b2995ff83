-- Spreadsheet imports (issue 10). An upload is kept (in chunks, inside the database so
-- it survives a restart and commits with the upload) only until its import finishes;
-- the per-row outcome stays as the report.
CREATE TABLE import_run (
  id           uuid PRIMARY KEY,
  target       text NOT NULL CHECK (target IN ('persons', 'members')),
  format       text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  sha256       bytea NOT NULL,
  size_bytes   bigint NOT NULL,
  header_row   integer NOT NULL,
  headers      text[] NOT NULL,
  total_rows   integer NOT NULL,
  status       text NOT NULL CHECK (status IN ('uploaded', 'queued', 'running', 'succeeded', 'failed', 'cancelled')),
  mapping      jsonb,
  job_id       uuid,
  -- The last source row whose outcome is committed: the authoritative resume point,
  -- written in the same transaction as the rows themselves (exactly once).
  last_row     integer NOT NULL DEFAULT 0,
  done_rows    integer NOT NULL DEFAULT 0,
  accepted     integer NOT NULL DEFAULT 0,
  unchanged    integer NOT NULL DEFAULT 0,
  rejected     integer NOT NULL DEFAULT 0,
  created_by   uuid NOT NULL,
  created_at   timestamptz NOT NULL,
  started_at   timestamptz,
  finished_at  timestamptz,
  purged_at    timestamptz
);
CREATE INDEX import_run_creator_idx ON import_run (created_by, created_at DESC);
CREATE INDEX import_run_sha_idx ON import_run (sha256);

CREATE TABLE import_chunk (
  import_id uuid NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
  seq       integer NOT NULL,
  bytes     bytea NOT NULL,
  PRIMARY KEY (import_id, seq)
);
-- Spreadsheets are compressed already (XLSX) or read once (CSV): skip TOAST compression.
ALTER TABLE import_chunk ALTER COLUMN bytes SET STORAGE EXTERNAL;

-- One outcome per source row (the key makes a resumed batch idempotent). Reasons are
-- bilingual issues that never echo a NIK or a name; the NIK appears masked only.
CREATE TABLE import_row (
  import_id  uuid NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
  row_no     integer NOT NULL,
  status     text NOT NULL CHECK (status IN ('accepted', 'unchanged', 'rejected')),
  entity_id  uuid,
  nik_masked text,
  reasons    jsonb NOT NULL DEFAULT '[]',
  warnings   jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (import_id, row_no)
);

-- Saved column mappings (header names per field), per user, optionally shared in an area.
CREATE TABLE import_mapping_template (
  id         uuid PRIMARY KEY,
  target     text NOT NULL CHECK (target IN ('persons', 'members')),
  name       text NOT NULL,
  owner_id   uuid NOT NULL,
  area_code  text,
  mapping    jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (owner_id, target, name)
);

-- Which of these NIK / No. KK hashes are registered anywhere, without saying where: a
-- batch of an import asks once instead of once per row (cf. pilar_nik_registered).
CREATE FUNCTION pilar_registered_nik_hashes(hashes bytea[]) RETURNS SETOF bytea
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT nik_hash FROM person WHERE nik_hash = ANY(hashes) AND status IN ('active', 'restricted')
$$;
CREATE FUNCTION pilar_registered_kk_hashes(hashes bytea[]) RETURNS SETOF bytea
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT kk_hash FROM household WHERE kk_hash = ANY(hashes) AND status = 'active'
$$;
REVOKE ALL ON FUNCTION pilar_registered_nik_hashes(bytea[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION pilar_registered_kk_hashes(bytea[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pilar_registered_nik_hashes(bytea[]) TO pilar_app;
GRANT EXECUTE ON FUNCTION pilar_registered_kk_hashes(bytea[]) TO pilar_app;
