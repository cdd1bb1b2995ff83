-- PSM registry (issue 4). Personal data: distributed by regency (regency_code leads
-- every key, Citus multi-tenant layout) and protected by Row-Level Security like person.
-- No national PSM number exists (DOMAIN.md §1): members are identified by id and NIK.

CREATE TABLE member (
  id                uuid NOT NULL,
  regency_code      text NOT NULL,
  village_code      text NOT NULL REFERENCES area (code),
  rw                text CHECK (rw ~ '^\d{3}$'),
  full_name         text NOT NULL,
  sex               text NOT NULL CHECK (sex IN ('L', 'P')),
  birth_date        date NOT NULL,
  nik_hash          bytea NOT NULL,
  nik_enc           bytea NOT NULL,
  nik_masked        text NOT NULL,
  phone             text,
  address           text,
  photo_file_id     uuid,
  membership_kind   text NOT NULL DEFAULT 'biasa' CHECK (membership_kind IN ('biasa', 'kehormatan')),
  -- Declared facts the requirement checklist reads.
  lives_in_village  boolean NOT NULL DEFAULT true,
  health_statement  boolean NOT NULL DEFAULT false,
  -- SK desa/kelurahan: the PSM's legal standing.
  sk_number         text,
  sk_date           date,
  sk_issuer         text,
  sk_file_id        uuid,
  -- KTA: sementara (IPSM kab/kota) or tetap (IPSM nasional).
  kta_number        text,
  kta_kind          text CHECK (kta_kind IN ('sementara', 'tetap')),
  kta_date          date,
  -- Registration and membership lifecycle.
  status            text NOT NULL CHECK (status IN ('diajukan', 'dikembalikan', 'aktif', 'tidak_aktif', 'berhenti')),
  status_date       date,
  status_reason     text CHECK (status_reason IN ('mengundurkan_diri', 'meninggal', 'pindah_domisili', 'diberhentikan')),
  status_basis      text,
  return_reason     text,
  active_since      date,
  source            text NOT NULL CHECK (source IN ('mandiri', 'ipsm', 'dinsos', 'impor', 'demo')),
  -- Random token in the QR code of the card; never the id or the NIK.
  verify_token      text NOT NULL,
  has_training      boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL,
  created_by        uuid,
  updated_at        timestamptz NOT NULL,
  updated_by        uuid,
  version           integer NOT NULL DEFAULT 1,
  PRIMARY KEY (regency_code, id),
  CHECK (regency_code = left(village_code, 5)),
  CHECK ((kta_number IS NULL) = (kta_kind IS NULL)),
  CHECK (status <> 'berhenti' OR status_reason IS NOT NULL)
);
CREATE INDEX member_id_idx ON member (id);
CREATE UNIQUE INDEX member_nik_unique ON member (nik_hash);
CREATE UNIQUE INDEX member_kta_unique ON member (kta_number) WHERE kta_number IS NOT NULL;
CREATE UNIQUE INDEX member_verify_token_unique ON member (verify_token);
CREATE INDEX member_village_idx ON member (village_code text_pattern_ops, full_name);
CREATE INDEX member_status_idx ON member (regency_code, status);
CREATE INDEX member_name_trgm ON member USING gin (lower(full_name) gin_trgm_ops);

-- The PSM registry has its own row scope (pilar.member_scope): IPSM boards read
-- members but must never pass the wall around PPKS persons (pilar.scope).
CREATE FUNCTION pilar_in_member_scope(code text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT EXISTS (
    SELECT 1
    FROM unnest(string_to_array(NULLIF(current_setting('pilar.member_scope', true), ''), ',')) AS s(scope)
    WHERE s.scope = 'ID' OR code = s.scope OR code LIKE s.scope || '.%'
  )
$$;
ALTER TABLE member ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_in_scope ON member TO pilar_app
  USING (pilar_in_member_scope(village_code))
  WITH CHECK (pilar_in_member_scope(village_code));

-- Child tables: the member's regency leads the key; the foreign keys are deferrable so a
-- move to another regency can delete and re-insert the member and its history in one
-- transaction (the distribution column is never updated in place).
CREATE TABLE member_training (
  regency_code        text NOT NULL,
  id                  uuid NOT NULL,
  member_id           uuid NOT NULL,
  trained_on          date NOT NULL,
  title               text NOT NULL,
  organiser           text NOT NULL,
  certificate_file_id uuid,
  created_at          timestamptz NOT NULL,
  created_by          uuid,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, member_id) REFERENCES member (regency_code, id) DEFERRABLE INITIALLY IMMEDIATE
);
CREATE INDEX member_training_member_idx ON member_training (regency_code, member_id);

CREATE TABLE member_award (
  regency_code text NOT NULL,
  id           uuid NOT NULL,
  member_id    uuid NOT NULL,
  level        text NOT NULL CHECK (level IN ('desa', 'kecamatan', 'kabkota', 'provinsi', 'nasional')),
  award_type   text NOT NULL,
  sk_number    text,
  awarded_on   date NOT NULL,
  created_at   timestamptz NOT NULL,
  created_by   uuid,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, member_id) REFERENCES member (regency_code, id) DEFERRABLE INITIALLY IMMEDIATE
);
CREATE INDEX member_award_member_idx ON member_award (regency_code, member_id);

-- Every status change (submission, verification, return, activation, stop) as a history row.
CREATE TABLE member_status_event (
  regency_code   text NOT NULL,
  id             uuid NOT NULL,
  member_id      uuid NOT NULL,
  from_status    text,
  to_status      text NOT NULL,
  reason         text,
  basis          text,
  note           text,
  effective_date date,
  at             timestamptz NOT NULL,
  actor_id       uuid,
  actor_label    text NOT NULL,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, member_id) REFERENCES member (regency_code, id) DEFERRABLE INITIALLY IMMEDIATE
);
CREATE INDEX member_status_event_member_idx ON member_status_event (regency_code, member_id, at);

-- A PSM moving to another village is a recorded transfer, not an edit.
CREATE TABLE member_transfer (
  regency_code      text NOT NULL,
  id                uuid NOT NULL,
  member_id         uuid NOT NULL,
  from_village_code text NOT NULL REFERENCES area (code),
  to_village_code   text NOT NULL REFERENCES area (code),
  moved_on          date NOT NULL,
  reason            text NOT NULL,
  at                timestamptz NOT NULL,
  actor_id          uuid,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, member_id) REFERENCES member (regency_code, id) DEFERRABLE INITIALLY IMMEDIATE
);
CREATE INDEX member_transfer_member_idx ON member_transfer (regency_code, member_id, moved_on);

ALTER TABLE member_training ENABLE ROW LEVEL SECURITY;
ALTER TABLE member_award ENABLE ROW LEVEL SECURITY;
ALTER TABLE member_status_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE member_transfer ENABLE ROW LEVEL SECURITY;
-- Child rows follow their member's regency: the scope test on the regency is the coarse wall,
-- the store joins the member (village-level scope) for the fine one.
CREATE FUNCTION pilar_regency_in_member_scope(regency text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT EXISTS (
    SELECT 1
    FROM unnest(string_to_array(NULLIF(current_setting('pilar.member_scope', true), ''), ',')) AS s(scope)
    WHERE s.scope = 'ID' OR regency = s.scope OR regency LIKE s.scope || '.%' OR s.scope LIKE regency || '.%'
  )
$$;
CREATE POLICY member_training_in_scope ON member_training TO pilar_app USING (pilar_regency_in_member_scope(regency_code)) WITH CHECK (pilar_regency_in_member_scope(regency_code));
CREATE POLICY member_award_in_scope ON member_award TO pilar_app USING (pilar_regency_in_member_scope(regency_code)) WITH CHECK (pilar_regency_in_member_scope(regency_code));
CREATE POLICY member_status_event_in_scope ON member_status_event TO pilar_app USING (pilar_regency_in_member_scope(regency_code)) WITH CHECK (pilar_regency_in_member_scope(regency_code));
CREATE POLICY member_transfer_in_scope ON member_transfer TO pilar_app USING (pilar_regency_in_member_scope(regency_code)) WITH CHECK (pilar_regency_in_member_scope(regency_code));

-- Requirement checklist (DOMAIN.md §1, [S]: keep configurable). Definitions with defaults;
-- a regency may switch a requirement off or on.
CREATE TABLE member_requirement (
  code       text PRIMARY KEY,
  label      text NOT NULL,
  label_en   text NOT NULL,
  sort       smallint NOT NULL,
  enabled    boolean NOT NULL DEFAULT true
);
INSERT INTO member_requirement (code, label, label_en, sort) VALUES
  ('wni', 'Warga Negara Indonesia (memiliki NIK)', 'Indonesian citizen (has a NIK)', 1),
  ('usia_18', 'Berusia minimal 18 tahun', 'At least 18 years old', 2),
  ('domisili', 'Bertempat tinggal di desa/kelurahan', 'Lives in the village', 3),
  ('pelatihan', 'Telah mengikuti bimbingan/pelatihan PSM', 'Completed PSM training', 4),
  ('sehat', 'Surat keterangan sehat', 'Health statement', 5),
  ('sk_desa', 'SK desa/kelurahan', 'Village decree (SK)', 6);

CREATE TABLE member_requirement_setting (
  regency_code text NOT NULL REFERENCES area (code),
  code         text NOT NULL REFERENCES member_requirement (code),
  enabled      boolean NOT NULL,
  updated_at   timestamptz NOT NULL,
  updated_by   uuid,
  PRIMARY KEY (regency_code, code)
);

-- Coverage rollup (ARCHITECTURE.md decision 8): active PSM per village, kept by delta
-- upserts in the same transaction as every member change. Aggregates only: no RLS.
CREATE TABLE member_coverage (
  village_code  text PRIMARY KEY REFERENCES area (code),
  regency_code  text NOT NULL,
  active        integer NOT NULL DEFAULT 0 CHECK (active >= 0),
  with_sk       integer NOT NULL DEFAULT 0 CHECK (with_sk >= 0),
  with_kta      integer NOT NULL DEFAULT 0 CHECK (with_kta >= 0),
  with_training integer NOT NULL DEFAULT 0 CHECK (with_training >= 0)
);
CREATE INDEX member_coverage_code_idx ON member_coverage (village_code text_pattern_ops) WHERE active > 0;

-- Self-registration links made by IPSM or Dinsos for a regency; only the token's hash is kept.
CREATE TABLE member_registration_link (
  id           uuid PRIMARY KEY,
  token_hash   bytea NOT NULL UNIQUE,
  regency_code text NOT NULL REFERENCES area (code),
  note         text,
  created_at   timestamptz NOT NULL,
  created_by   uuid,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  uses         integer NOT NULL DEFAULT 0,
  max_uses     integer NOT NULL DEFAULT 500
);

-- Public card verification: only name, status and village, found by the random token.
-- SECURITY DEFINER (owner) because the public has no row scope; it returns nothing else.
CREATE FUNCTION pilar_member_public(token text)
RETURNS TABLE (full_name text, status text, village_name text, regency_name text, kta_number text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT m.full_name, m.status, v.name, r.name, m.kta_number
  FROM member m JOIN area v ON v.code = m.village_code JOIN area r ON r.code = m.regency_code
  WHERE m.verify_token = token AND m.status IN ('aktif', 'tidak_aktif', 'berhenti')
$$;
REVOKE ALL ON FUNCTION pilar_member_public(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pilar_member_public(text) TO pilar_app;

-- Marker of the synthetic demo data set (loaded once).
CREATE TABLE demo_marker (
  name      text PRIMARY KEY,
  loaded_at timestamptz NOT NULL,
  details   jsonb NOT NULL DEFAULT '{}'
);

-- Which of these NIK hashes are already registered anywhere (dedup across scopes; returns
-- only the hashes the caller already holds, nothing else about the member).
CREATE FUNCTION pilar_member_nik_taken(hashes bytea[]) RETURNS SETOF bytea
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT nik_hash FROM member WHERE nik_hash = ANY(hashes)
$$;
REVOKE ALL ON FUNCTION pilar_member_nik_taken(bytea[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pilar_member_nik_taken(bytea[]) TO pilar_app;
