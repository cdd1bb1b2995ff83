-- Access, audit and the person core (issue 3; ARCHITECTURE.md decisions 3–5).

CREATE TABLE app_user (
  id                   uuid PRIMARY KEY,
  username             text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
  display_name         text NOT NULL,
  password_hash        text NOT NULL,
  status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  must_change_password boolean NOT NULL DEFAULT false,
  failed_logins        integer NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  last_login_at        timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  created_by           uuid REFERENCES app_user (id),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  version              integer NOT NULL DEFAULT 1
);

-- A user holds roles over areas ('ID' = national).
CREATE TABLE user_grant (
  user_id    uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  role       text NOT NULL,
  area_code  text NOT NULL CHECK (area_code = 'ID' OR area_code ~ '^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$'),
  granted_by uuid REFERENCES app_user (id),
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, role, area_code)
);
CREATE INDEX user_grant_area_idx ON user_grant (area_code text_pattern_ops);

-- Sessions: the cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE user_session (
  token_hash   bytea PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

-- API tokens for integrations: hashed at rest, optionally narrowed, expiring, revocable.
CREATE TABLE api_token (
  id           uuid PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  name         text NOT NULL,
  token_hash   bytea NOT NULL UNIQUE,
  prefix       text NOT NULL,
  permissions  text[],
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  last_used_at timestamptz
);

-- Append-only audit trail, one hash chain per regency (or 'system').
CREATE TABLE audit_event (
  id           bigserial PRIMARY KEY,
  chain        text NOT NULL,
  seq          bigint NOT NULL,
  occurred_at  timestamptz NOT NULL,
  actor_id     uuid,
  actor_label  text NOT NULL,
  action       text NOT NULL,
  entity_type  text NOT NULL,
  entity_id    text,
  person_id    uuid,
  regency_code text,
  purpose      text,
  request_id   text,
  details      jsonb NOT NULL DEFAULT '{}',
  prev_hash    bytea,
  hash         bytea NOT NULL,
  UNIQUE (chain, seq)
);
CREATE INDEX audit_event_person_idx ON audit_event (person_id, occurred_at) WHERE person_id IS NOT NULL;
CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, occurred_at);
CREATE INDEX audit_event_time_idx ON audit_event (occurred_at);

CREATE TABLE audit_chain_head (
  chain text PRIMARY KEY,
  seq   bigint NOT NULL,
  hash  bytea NOT NULL
);

-- The application may add audit events, never change or remove them.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM pilar_app;
CREATE FUNCTION audit_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_immutable();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_immutable();

-- Scope of the current transaction: comma-separated area codes set by the server
-- with set_config('pilar.scope', …, true). No setting: no personal rows at all.
CREATE FUNCTION pilar_in_scope(code text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT EXISTS (
    SELECT 1
    FROM unnest(string_to_array(NULLIF(current_setting('pilar.scope', true), ''), ',')) AS s(scope)
    WHERE s.scope = 'ID' OR code = s.scope OR code LIKE s.scope || '.%'
  )
$$;

-- Persons (PPKS and others the PSM serve). Personal data: RLS-protected, and
-- distributed by regency in a Citus deployment (regency_code leads the key).
CREATE TABLE person (
  id                   uuid NOT NULL,
  regency_code         text NOT NULL,
  village_code         text NOT NULL REFERENCES area (code),
  rw                   text CHECK (rw ~ '^\d{3}$'),
  rt                   text CHECK (rt ~ '^\d{3}$'),
  full_name            text NOT NULL,
  aliases              text[] NOT NULL DEFAULT '{}',
  sex                  text CHECK (sex IN ('L', 'P')),
  birth_date           date,
  birth_date_estimated boolean NOT NULL DEFAULT false,
  birth_place          text,
  nik_hash             bytea,
  nik_enc              bytea,
  nik_masked           text,
  nik_missing_reason   text CHECK (nik_missing_reason IN ('tidak_punya', 'belum_rekam', 'tidak_diketahui')),
  address              text,
  phone                text,
  status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'restricted', 'deleted')),
  merged_into          uuid,
  created_at           timestamptz NOT NULL,
  created_by           uuid,
  updated_at           timestamptz NOT NULL,
  updated_by           uuid,
  version              integer NOT NULL DEFAULT 1,
  PRIMARY KEY (regency_code, id),
  CHECK (regency_code = left(village_code, 5)),
  CHECK ((nik_hash IS NOT NULL AND nik_enc IS NOT NULL AND nik_masked IS NOT NULL) <> (nik_missing_reason IS NOT NULL))
);
CREATE INDEX person_id_idx ON person (id);
CREATE UNIQUE INDEX person_nik_unique ON person (nik_hash) WHERE nik_hash IS NOT NULL AND status IN ('active', 'restricted');
CREATE INDEX person_village_idx ON person (village_code text_pattern_ops, full_name);
CREATE INDEX person_name_trgm ON person USING gin (lower(full_name) gin_trgm_ops);

ALTER TABLE person ENABLE ROW LEVEL SECURITY;
CREATE POLICY person_in_scope ON person TO pilar_app
  USING (pilar_in_scope(village_code))
  WITH CHECK (pilar_in_scope(village_code));
