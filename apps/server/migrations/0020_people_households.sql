-- People, households, consent, PPKS assignments and merges (issue 5 §1–3).
-- Per-person tables carry regency_code first in their primary and foreign keys (Citus
-- distribution key, ARCHITECTURE.md decision 1) and the owner's village_code, on which
-- Row-Level Security scopes them like `person`.

-- Disability is health data: "data pribadi spesifik" (UU PDP Pasal 4). Kinds of
-- disability follow UU 8/2016 Pasal 4: fisik, intelektual, mental, sensorik.
ALTER TABLE person
  ADD COLUMN disability_types    text[] NOT NULL DEFAULT '{}' CHECK (disability_types <@ ARRAY['fisik', 'intelektual', 'mental', 'sensorik']),
  ADD COLUMN disability_severity text CHECK (disability_severity IN ('ringan', 'sedang', 'berat')),
  ADD COLUMN photo_file_id       uuid REFERENCES stored_file (id);

CREATE TABLE household (
  id           uuid NOT NULL,
  regency_code text NOT NULL,
  village_code text NOT NULL REFERENCES area (code),
  rw           text CHECK (rw ~ '^\d{3}$'),
  rt           text CHECK (rt ~ '^\d{3}$'),
  address      text,
  -- The current No. KK (protected like NIK); its history is in household_kk.
  kk_hash      bytea,
  kk_enc       bytea,
  kk_masked    text,
  status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dissolved')),
  created_at   timestamptz NOT NULL,
  created_by   uuid,
  updated_at   timestamptz NOT NULL,
  updated_by   uuid,
  version      integer NOT NULL DEFAULT 1,
  PRIMARY KEY (regency_code, id),
  CHECK (regency_code = left(village_code, 5)),
  CHECK ((kk_hash IS NULL) = (kk_enc IS NULL) AND (kk_hash IS NULL) = (kk_masked IS NULL))
);
CREATE INDEX household_id_idx ON household (id);
CREATE INDEX household_village_idx ON household (village_code text_pattern_ops);
CREATE UNIQUE INDEX household_kk_unique ON household (kk_hash) WHERE kk_hash IS NOT NULL AND status = 'active';

-- A No. KK changes when the card is reissued (DOMAIN.md §5): every number is kept.
CREATE TABLE household_kk (
  regency_code text NOT NULL,
  id           uuid NOT NULL,
  household_id uuid NOT NULL,
  village_code text NOT NULL,
  kk_hash      bytea NOT NULL,
  kk_enc       bytea NOT NULL,
  kk_masked    text NOT NULL,
  issued_on    date,
  valid_from   timestamptz NOT NULL,
  replaced_at  timestamptz,
  recorded_by  uuid,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, household_id) REFERENCES household (regency_code, id)
);
CREATE INDEX household_kk_household_idx ON household_kk (regency_code, household_id);

CREATE TABLE household_member (
  regency_code text NOT NULL,
  id           uuid NOT NULL,
  household_id uuid NOT NULL,
  person_id    uuid NOT NULL,
  village_code text NOT NULL,
  relationship text NOT NULL CHECK (relationship IN ('kepala_keluarga', 'istri', 'suami', 'anak', 'orang_tua', 'lainnya')),
  joined_on    date,
  left_on      date,
  created_at   timestamptz NOT NULL,
  created_by   uuid,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, household_id) REFERENCES household (regency_code, id),
  FOREIGN KEY (regency_code, person_id) REFERENCES person (regency_code, id)
);
CREATE INDEX household_member_household_idx ON household_member (regency_code, household_id);
CREATE INDEX household_member_person_idx ON household_member (regency_code, person_id);
CREATE UNIQUE INDEX household_member_current ON household_member (regency_code, household_id, person_id) WHERE left_on IS NULL;

-- Lawful basis of processing per person (UU PDP Pasal 20(2) a–f); guardian consent for
-- children (Pasal 25) and persons with disability (Pasal 26).
CREATE TABLE person_consent (
  regency_code          text NOT NULL,
  id                    uuid NOT NULL,
  person_id             uuid NOT NULL,
  village_code          text NOT NULL,
  basis                 text NOT NULL CHECK (basis IN ('persetujuan', 'perjanjian', 'kewajiban_hukum', 'kepentingan_vital', 'tugas_publik', 'kepentingan_sah')),
  purpose               text NOT NULL,
  given_on              date NOT NULL,
  evidence_file_id      uuid REFERENCES stored_file (id),
  guardian_name         text,
  guardian_relationship text,
  guardian_reason       text CHECK (guardian_reason IN ('anak', 'disabilitas')),
  withdrawn_on          date,
  withdrawal_note       text,
  recorded_at           timestamptz NOT NULL,
  recorded_by           uuid,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, person_id) REFERENCES person (regency_code, id),
  CHECK ((guardian_name IS NULL) = (guardian_reason IS NULL))
);
CREATE INDEX person_consent_person_idx ON person_consent (regency_code, person_id);

-- PPKS categories held by a person (DOMAIN.md §2): several at once, each with its
-- assessment date, evidence and assessor; ended rather than deleted.
CREATE TABLE person_ppks (
  regency_code     text NOT NULL,
  id               uuid NOT NULL,
  person_id        uuid NOT NULL,
  village_code     text NOT NULL,
  ppks_code        smallint NOT NULL REFERENCES ppks_category (code),
  assessed_on      date NOT NULL,
  assessed_by      uuid,
  assessor_label   text NOT NULL,
  evidence_file_id uuid REFERENCES stored_file (id),
  evidence_note    text,
  ended_on         date,
  end_reason       text,
  recorded_at      timestamptz NOT NULL,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, person_id) REFERENCES person (regency_code, id)
);
CREATE INDEX person_ppks_person_idx ON person_ppks (regency_code, person_id);
CREATE UNIQUE INDEX person_ppks_active ON person_ppks (regency_code, person_id, ppks_code) WHERE ended_on IS NULL;

-- A merge of two records of the same person, with every row it re-pointed, so that an
-- un-merge restores exactly what was there.
CREATE TABLE person_merge (
  regency_code text NOT NULL,
  id           uuid NOT NULL,
  survivor_id  uuid NOT NULL,
  merged_id    uuid NOT NULL,
  village_code text NOT NULL,
  reason       text NOT NULL,
  items        jsonb NOT NULL,
  merged_at    timestamptz NOT NULL,
  merged_by    uuid,
  undone_at    timestamptz,
  undone_by    uuid,
  -- No foreign keys to person: a log that must outlive a later transfer of the survivor.
  PRIMARY KEY (regency_code, id)
);
CREATE INDEX person_merge_persons_idx ON person_merge (regency_code, merged_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['household', 'household_kk', 'household_member', 'person_consent', 'person_ppks', 'person_merge'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I TO pilar_app USING (pilar_in_scope(village_code)) WITH CHECK (pilar_in_scope(village_code))', t || '_in_scope', t);
  END LOOP;
END $$;

-- Whether a NIK (by its keyed hash) is registered anywhere, without saying where or
-- who: the registration preview tells a PSM to ask for a transfer instead of
-- registering a duplicate outside their scope.
CREATE FUNCTION pilar_nik_registered(h bytea) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM person WHERE nik_hash = h AND status IN ('active', 'restricted'))
$$;
REVOKE ALL ON FUNCTION pilar_nik_registered(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pilar_nik_registered(bytea) TO pilar_app;
