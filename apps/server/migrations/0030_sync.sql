-- Offline sync (ARCHITECTURE.md decision 7, issue 6).
--
-- Every change to a synced table is logged by a trigger in the same transaction,
-- with the writing transaction's id (xid8) and the columns it changed. Pull reads
-- the log between two snapshot horizons: all rows with xid below
-- pg_snapshot_xmin(pg_current_snapshot()) are from finished transactions, so a
-- window [from, horizon) is complete and never changes afterwards — no change
-- can slip in behind a client's cursor, and no lock serialises writers.
CREATE TABLE sync_change (
  id               bigserial PRIMARY KEY,
  xid              xid8 NOT NULL DEFAULT pg_current_xact_id(),
  entity_type      text NOT NULL,
  entity_id        uuid NOT NULL,
  village_code     text,
  old_village_code text,
  person_id        uuid,
  op               text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  version          integer,
  fields           text[],
  changed_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sync_change_xid_idx ON sync_change (xid, id);
CREATE INDEX sync_change_entity_idx ON sync_change (entity_type, entity_id, version);

-- Trigger arguments: entity type, village column, person column ('' when none).
CREATE FUNCTION pilar_track_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entity   text := TG_ARGV[0];
  vcol     text := TG_ARGV[1];
  pcol     text := NULLIF(TG_ARGV[2], '');
  n        jsonb := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END;
  o        jsonb := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END;
  cur      jsonb := COALESCE(n, o);
  changed  text[];
BEGIN
  IF TG_OP = 'UPDATE' THEN
    SELECT array_agg(k ORDER BY k) INTO changed
    FROM jsonb_object_keys(n) AS k
    WHERE n -> k IS DISTINCT FROM o -> k AND k NOT IN ('version', 'updated_at', 'updated_by');
    IF changed IS NULL THEN RETURN NULL; END IF;
  END IF;
  INSERT INTO sync_change (entity_type, entity_id, village_code, old_village_code, person_id, op, version, fields)
  VALUES (entity, (cur ->> 'id')::uuid, cur ->> vcol,
          CASE WHEN TG_OP = 'UPDATE' AND o ->> vcol IS DISTINCT FROM n ->> vcol THEN o ->> vcol END,
          CASE WHEN pcol IS NULL THEN NULL ELSE (cur ->> pcol)::uuid END,
          lower(TG_OP), (cur ->> 'version')::integer, changed);
  RETURN NULL;
END $$;

CREATE TRIGGER person_sync AFTER INSERT OR UPDATE OR DELETE ON person
  FOR EACH ROW EXECUTE FUNCTION pilar_track_change('person', 'village_code', 'id');

-- Pushed mutations, kept so a replay (the phone retried) has exactly one effect.
CREATE TABLE sync_mutation (
  id          uuid PRIMARY KEY,
  user_id     uuid NOT NULL,
  entity_type text NOT NULL,
  entity_id   uuid NOT NULL,
  response    jsonb NOT NULL,
  applied_at  timestamptz NOT NULL
);

-- Edits to the same field from two places: kept until a person resolves them.
CREATE TABLE sync_conflict (
  id             uuid PRIMARY KEY,
  entity_type    text NOT NULL,
  entity_id      uuid NOT NULL,
  village_code   text NOT NULL,
  field          text NOT NULL,
  base_version   integer NOT NULL,
  server_value   jsonb,
  server_by      text,
  client_value   jsonb,
  client_by      text NOT NULL,
  client_user_id uuid,
  mutation_id    uuid NOT NULL,
  created_at     timestamptz NOT NULL,
  resolved_at    timestamptz,
  resolved_by    uuid,
  resolution     text CHECK (resolution IN ('server', 'client', 'other')),
  resolved_value jsonb
);
CREATE INDEX sync_conflict_open_idx ON sync_conflict (village_code text_pattern_ops) WHERE resolved_at IS NULL;
CREATE INDEX sync_conflict_entity_idx ON sync_conflict (entity_type, entity_id);
ALTER TABLE sync_conflict ENABLE ROW LEVEL SECURITY;
CREATE POLICY sync_conflict_in_scope ON sync_conflict TO pilar_app
  USING (pilar_in_scope(village_code)) WITH CHECK (pilar_in_scope(village_code));

-- The change log holds which records of which village changed: readable only in scope.
ALTER TABLE sync_change ENABLE ROW LEVEL SECURITY;
CREATE POLICY sync_change_read ON sync_change FOR SELECT TO pilar_app
  USING (pilar_in_scope(village_code) OR pilar_in_scope(old_village_code));
CREATE POLICY sync_change_write ON sync_change FOR INSERT TO pilar_app WITH CHECK (true);
