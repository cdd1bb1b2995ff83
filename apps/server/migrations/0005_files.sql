-- Uploaded files (photos, scanned decrees, documents). Bytes live on disk under the
-- data directory (or an object store); this table holds what is needed to check
-- access before serving them: the area they belong to and the permission to read.
CREATE TABLE stored_file (
  id              uuid PRIMARY KEY,
  area_code       text NOT NULL,
  read_permission text NOT NULL,
  content_type    text NOT NULL,
  size_bytes      integer NOT NULL CHECK (size_bytes > 0),
  sha256          bytea NOT NULL,
  purpose         text NOT NULL,
  created_by      uuid,
  created_at      timestamptz NOT NULL
);
CREATE INDEX stored_file_area_idx ON stored_file (area_code text_pattern_ops);
