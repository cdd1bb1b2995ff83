-- Complaints (pengaduan) about social assistance (issue 8 §5): filed by a PSM, by Dinsos
-- staff, or by the public without an account; stages with target times; the outcome is
-- shown to the filer through an unguessable tracking code (only its SHA-256 is stored).
CREATE TABLE complaint (
  regency_code     text NOT NULL,
  id               uuid NOT NULL,
  tracking_hash    bytea NOT NULL UNIQUE,
  channel          text NOT NULL CHECK (channel IN ('publik', 'psm', 'dinsos')),
  category         text NOT NULL CHECK (category IN ('belum_terdaftar', 'salah_sasaran', 'bantuan_tidak_diterima', 'pbi_jk_nonaktif', 'kesalahan_data', 'lainnya')),
  village_code     text NOT NULL REFERENCES area (code),
  person_id        uuid,
  programme_code   text REFERENCES programme (code),
  description      text NOT NULL,
  -- About whom, as the filer told it (the public cannot pick a registered person).
  subject_name     text,
  -- The filer: shown to the staff handling it, never through the tracking code.
  filer_name       text,
  filer_contact    text,
  -- One-use form token of a public filing (replaying a solved form is refused).
  form_nonce       text UNIQUE,
  stage            text NOT NULL CHECK (stage IN ('diterima', 'diverifikasi', 'ditindaklanjuti', 'selesai', 'ditutup')),
  stage_entered_at timestamptz NOT NULL,
  stage_due_at     timestamptz,
  outcome          text CHECK (outcome IN ('terselesaikan', 'dirujuk', 'tidak_terbukti', 'tidak_dapat_ditindaklanjuti')),
  outcome_note     text,
  closed_at        timestamptz,
  created_at       timestamptz NOT NULL,
  created_by       uuid,
  updated_at       timestamptz NOT NULL,
  updated_by       uuid,
  version          integer NOT NULL DEFAULT 1,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, person_id) REFERENCES person (regency_code, id),
  CHECK (regency_code = left(village_code, 5))
);
CREATE INDEX complaint_id_idx ON complaint (id);
CREATE INDEX complaint_village_idx ON complaint (village_code text_pattern_ops, stage);

CREATE TABLE complaint_event (
  regency_code  text NOT NULL,
  id            uuid NOT NULL,
  complaint_id  uuid NOT NULL,
  village_code  text NOT NULL,
  from_stage    text,
  to_stage      text NOT NULL,
  -- Shown to the filer; the internal note never is.
  public_note   text,
  internal_note text,
  at            timestamptz NOT NULL,
  actor_id      uuid,
  actor_label   text NOT NULL,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, complaint_id) REFERENCES complaint (regency_code, id)
);
CREATE INDEX complaint_event_complaint_idx ON complaint_event (regency_code, complaint_id, at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['complaint', 'complaint_event'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I TO pilar_app USING (pilar_in_scope(village_code)) WITH CHECK (pilar_in_scope(village_code))', t || '_in_scope', t);
  END LOOP;
END $$;

-- Where a tracking code points (village only), for the public status page: the
-- caller then narrows its scope to that one village and reads that one complaint.
CREATE FUNCTION pilar_complaint_locate(h bytea) RETURNS TABLE (regency_code text, id uuid, village_code text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.regency_code, c.id, c.village_code FROM complaint c WHERE c.tracking_hash = h
$$;
REVOKE ALL ON FUNCTION pilar_complaint_locate(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pilar_complaint_locate(bytea) TO pilar_app;
