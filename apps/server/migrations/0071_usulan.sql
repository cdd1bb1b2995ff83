-- Usulan (assistance proposals) with musdes minutes, SPTJM, field verification, the
-- Dinsos approvals, BNBA exports to SIKS-NG and the results imported back (issue 8 §2–3).

-- Minutes of a musyawarah desa/kelurahan that decided a list of usulan.
CREATE TABLE musdes (
  regency_code        text NOT NULL,
  id                  uuid NOT NULL,
  village_code        text NOT NULL REFERENCES area (code),
  kind                text NOT NULL CHECK (kind IN ('musdes', 'muskel')),
  held_on             date NOT NULL,
  place               text NOT NULL,
  attendee_count      integer NOT NULL CHECK (attendee_count > 0),
  -- [{ role, count }]: kepala desa, BPD, tokoh masyarakat, PSM, pendamping PKH, …
  attendee_roles      jsonb NOT NULL,
  decided_count       integer NOT NULL,
  signed_scan_file_id uuid REFERENCES stored_file (id),
  notes               text,
  created_at          timestamptz NOT NULL,
  created_by          uuid,
  PRIMARY KEY (regency_code, id),
  CHECK (regency_code = left(village_code, 5))
);
CREATE INDEX musdes_village_idx ON musdes (village_code text_pattern_ops, held_on);

CREATE TABLE usulan (
  regency_code           text NOT NULL,
  id                     uuid NOT NULL,
  programme_code         text NOT NULL REFERENCES programme (code),
  person_id              uuid,
  household_id           uuid,
  village_code           text NOT NULL REFERENCES area (code),
  reason                 text NOT NULL,
  status                 text NOT NULL CHECK (status IN ('draft', 'proposed', 'deliberated', 'verified', 'verifier_approved', 'approved',
                                                          'sent', 'set', 'rejected', 'returned', 'withdrawn')),
  -- The SIKS-NG batch (first day of the month), fixed when the desa proposes, by the cut-off.
  batch_month            date,
  proposed_at            timestamptz,
  deliberation           text CHECK (deliberation IN ('musdes', 'sptjm')),
  musdes_id              uuid,
  sptjm_file_id          uuid REFERENCES stored_file (id),
  sptjm_signer           text,
  checklist              jsonb,
  verification_note      text,
  verification_photo_ids uuid[] NOT NULL DEFAULT '{}',
  verified_by            uuid,
  verified_at            timestamptz,
  verifier_approved_by   uuid,
  verifier_approved_at   timestamptz,
  approved_by            uuid,
  approved_at            timestamptz,
  export_id              uuid,
  sent_at                timestamptz,
  -- Keyed hash of the NIK as it went out in the BNBA: results are matched on it.
  nik_hash_sent          bytea,
  result_reason          text,
  result_at              timestamptz,
  membership_id          uuid,
  return_reason          text,
  created_at             timestamptz NOT NULL,
  created_by             uuid,
  updated_at             timestamptz NOT NULL,
  updated_by             uuid,
  version                integer NOT NULL DEFAULT 1,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, person_id) REFERENCES person (regency_code, id),
  FOREIGN KEY (regency_code, household_id) REFERENCES household (regency_code, id),
  FOREIGN KEY (regency_code, musdes_id) REFERENCES musdes (regency_code, id),
  CHECK ((person_id IS NULL) <> (household_id IS NULL)),
  CHECK (regency_code = left(village_code, 5))
);
CREATE INDEX usulan_id_idx ON usulan (id);
CREATE INDEX usulan_village_idx ON usulan (village_code text_pattern_ops, status);
CREATE INDEX usulan_batch_idx ON usulan (regency_code, programme_code, batch_month, status);
CREATE INDEX usulan_person_idx ON usulan (regency_code, person_id);
CREATE INDEX usulan_nik_sent_idx ON usulan (nik_hash_sent) WHERE nik_hash_sent IS NOT NULL;
-- One open usulan per programme and recipient.
CREATE UNIQUE INDEX usulan_open_person ON usulan (regency_code, programme_code, person_id)
  WHERE person_id IS NOT NULL AND status NOT IN ('set', 'rejected', 'withdrawn');
CREATE UNIQUE INDEX usulan_open_household ON usulan (regency_code, programme_code, household_id)
  WHERE household_id IS NOT NULL AND status NOT IN ('set', 'rejected', 'withdrawn');

CREATE TABLE usulan_event (
  regency_code text NOT NULL,
  id           uuid NOT NULL,
  usulan_id    uuid NOT NULL,
  person_id    uuid,
  village_code text NOT NULL,
  action       text NOT NULL,
  from_status  text,
  to_status    text NOT NULL,
  reason       text,
  details      jsonb NOT NULL DEFAULT '{}',
  at           timestamptz NOT NULL,
  actor_id     uuid,
  actor_label  text NOT NULL,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, usulan_id) REFERENCES usulan (regency_code, id)
);
CREATE INDEX usulan_event_usulan_idx ON usulan_event (regency_code, usulan_id, at);

-- BNBA exports (who, why, which batch, which template, how many rows) and the result
-- imports (the per-row report, and whether the file was applied).
CREATE TABLE bnba_export (
  regency_code   text NOT NULL,
  id             uuid NOT NULL,
  programme_code text NOT NULL REFERENCES programme (code),
  batch_month    date NOT NULL,
  mode           text NOT NULL CHECK (mode IN ('full', 'masked')),
  columns        jsonb NOT NULL,
  purpose        text NOT NULL,
  row_count      integer NOT NULL,
  file_sha256    bytea NOT NULL,
  created_at     timestamptz NOT NULL,
  created_by     uuid,
  PRIMARY KEY (regency_code, id)
);
CREATE INDEX bnba_export_id_idx ON bnba_export (id);

CREATE TABLE bnba_import (
  regency_code text NOT NULL,
  id           uuid NOT NULL,
  export_id    uuid NOT NULL,
  file_sha256  bytea NOT NULL,
  row_count    integer NOT NULL,
  applied      boolean NOT NULL,
  report       jsonb NOT NULL,
  created_at   timestamptz NOT NULL,
  created_by   uuid,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, export_id) REFERENCES bnba_export (regency_code, id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['musdes', 'usulan', 'usulan_event'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I TO pilar_app USING (pilar_in_scope(village_code)) WITH CHECK (pilar_in_scope(village_code))', t || '_in_scope', t);
  END LOOP;
  -- Exports and imports are regency-level records.
  FOREACH t IN ARRAY ARRAY['bnba_export', 'bnba_import'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I TO pilar_app USING (pilar_in_scope(regency_code)) WITH CHECK (pilar_in_scope(regency_code))', t || '_in_scope', t);
  END LOOP;
END $$;
