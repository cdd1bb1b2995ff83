-- Programme memberships (issue 8 §1): a person or a household in a social assistance
-- programme (national, or local ones a Dinsos adds: programme.owner_area_code), with
-- status, period, external ids (ID DTKS/DTSEN; the KKS card number is protected like the
-- NIK: keyed hash + ciphertext + mask), the DTSEN welfare decile when known, and where
-- the information came from and when. Per-person table: regency_code leads its keys
-- (Citus) and RLS scopes it by the owner's village, like `person`.
CREATE TABLE programme_membership (
  regency_code   text NOT NULL,
  id             uuid NOT NULL,
  programme_code text NOT NULL REFERENCES programme (code),
  person_id      uuid,
  household_id   uuid,
  village_code   text NOT NULL REFERENCES area (code),
  status         text NOT NULL CHECK (status IN ('aktif', 'ditangguhkan', 'berhenti')),
  period_start   date,
  period_end     date,
  dtsen_id       text CHECK (length(dtsen_id) BETWEEN 1 AND 40),
  kks_hash       bytea,
  kks_enc        bytea,
  kks_masked     text,
  -- DTSEN welfare decile 1 (poorest) – 10 (Inpres 4/2025); bansos usually 1–4.
  decile         smallint CHECK (decile BETWEEN 1 AND 10),
  source         text NOT NULL CHECK (source IN ('dtsen', 'siks_ng', 'usulan', 'musdes', 'dinsos', 'psm', 'lainnya')),
  info_date      date NOT NULL,
  usulan_id      uuid,
  note           text,
  created_at     timestamptz NOT NULL,
  created_by     uuid,
  updated_at     timestamptz NOT NULL,
  updated_by     uuid,
  version        integer NOT NULL DEFAULT 1,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, person_id) REFERENCES person (regency_code, id),
  FOREIGN KEY (regency_code, household_id) REFERENCES household (regency_code, id),
  CHECK ((person_id IS NULL) <> (household_id IS NULL)),
  CHECK (regency_code = left(village_code, 5)),
  CHECK (period_end IS NULL OR period_start IS NULL OR period_end >= period_start),
  CHECK ((kks_hash IS NULL) = (kks_enc IS NULL) AND (kks_hash IS NULL) = (kks_masked IS NULL))
);
CREATE INDEX programme_membership_id_idx ON programme_membership (id);
CREATE INDEX programme_membership_village_idx ON programme_membership (village_code text_pattern_ops, programme_code, status);
CREATE INDEX programme_membership_person_idx ON programme_membership (regency_code, person_id);
CREATE INDEX programme_membership_household_idx ON programme_membership (regency_code, household_id);
CREATE INDEX programme_membership_kks_idx ON programme_membership (kks_hash) WHERE kks_hash IS NOT NULL;
-- One current membership per programme and recipient; ended ones stay as history.
CREATE UNIQUE INDEX programme_membership_current_person ON programme_membership (regency_code, programme_code, person_id)
  WHERE person_id IS NOT NULL AND status <> 'berhenti';
CREATE UNIQUE INDEX programme_membership_current_household ON programme_membership (regency_code, programme_code, household_id)
  WHERE household_id IS NOT NULL AND status <> 'berhenti';
ALTER TABLE programme_membership ENABLE ROW LEVEL SECURITY;
CREATE POLICY programme_membership_in_scope ON programme_membership TO pilar_app
  USING (pilar_in_scope(village_code)) WITH CHECK (pilar_in_scope(village_code));

-- BNBA column templates per regency (what SIKS-NG upload sheets expect changes over
-- time [U]); without a row the default template in packages/domain applies.
CREATE TABLE bnba_template (
  id              uuid PRIMARY KEY,
  owner_area_code text NOT NULL REFERENCES area (code),
  name            text NOT NULL,
  columns         jsonb NOT NULL,
  is_default      boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL,
  created_by      uuid,
  updated_at      timestamptz NOT NULL,
  version         integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX bnba_template_default ON bnba_template (owner_area_code) WHERE is_default;
