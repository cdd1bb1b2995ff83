-- Monthly PSM reports (issue 7 §2): generated from the activity log, submitted to the
-- IPSM coordinator, reviewed with feedback. The PSM may dispute an entry; the reviewer
-- must answer every dispute before the report can be finalised.
CREATE TABLE monthly_report (
  id            uuid PRIMARY KEY,
  regency_code  text NOT NULL,
  village_code  text NOT NULL REFERENCES area (code),
  user_id       uuid NOT NULL REFERENCES app_user (id),
  month         date NOT NULL CHECK (extract(day FROM month) = 1),
  status        text NOT NULL CHECK (status IN ('draft', 'submitted', 'reviewed', 'final')),
  summary       text,
  submitted_at  timestamptz,
  reviewer_id   uuid,
  reviewer_label text,
  reviewed_at   timestamptz,
  feedback      text,
  finalised_at  timestamptz,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  version       integer NOT NULL DEFAULT 1,
  UNIQUE (user_id, month),
  CHECK (regency_code = left(village_code, 5))
);
CREATE INDEX monthly_report_village_idx ON monthly_report (village_code text_pattern_ops, month);

-- The entries as they stood when the report was generated (frozen on submission).
CREATE TABLE monthly_report_entry (
  report_id   uuid NOT NULL REFERENCES monthly_report (id) ON DELETE CASCADE,
  activity_id uuid NOT NULL,
  duty        text NOT NULL,
  source      text NOT NULL,
  title       text NOT NULL,
  occurred_on date NOT NULL,
  counted     boolean NOT NULL DEFAULT true,
  review_note text,
  PRIMARY KEY (report_id, activity_id)
);

CREATE TABLE monthly_report_dispute (
  id          uuid PRIMARY KEY,
  report_id   uuid NOT NULL REFERENCES monthly_report (id),
  activity_id uuid NOT NULL,
  comment     text NOT NULL,
  raised_by   uuid NOT NULL,
  raised_at   timestamptz NOT NULL,
  answer      text,
  outcome     text CHECK (outcome IN ('accepted', 'rejected')),
  answered_by uuid,
  answered_at timestamptz,
  FOREIGN KEY (report_id, activity_id) REFERENCES monthly_report_entry (report_id, activity_id),
  CHECK ((answer IS NULL) = (answered_at IS NULL) AND (answer IS NULL) = (outcome IS NULL))
);
CREATE UNIQUE INDEX monthly_report_dispute_open ON monthly_report_dispute (report_id, activity_id) WHERE answered_at IS NULL;

ALTER TABLE monthly_report ENABLE ROW LEVEL SECURITY;
CREATE POLICY monthly_report_in_scope ON monthly_report TO pilar_app
  USING (pilar_in_scope(village_code) OR pilar_in_member_scope(village_code))
  WITH CHECK (pilar_in_scope(village_code) OR pilar_in_member_scope(village_code));

-- Office letterhead (kop surat) per Dinsos office, keyed by area ('ID' for Kemensos);
-- an export uses the nearest enclosing area's letterhead, or a plain fallback.
CREATE TABLE letterhead (
  area_code    text PRIMARY KEY CHECK (area_code = 'ID' OR area_code ~ '^\d{2}(\.\d{2})?$'),
  office_name  text NOT NULL,
  parent_name  text,
  address      text NOT NULL,
  phone        text,
  email        text,
  city         text,
  logo_file_id uuid REFERENCES stored_file (id),
  signer_title text,
  signer_name  text,
  signer_nip   text,
  updated_at   timestamptz NOT NULL,
  updated_by   uuid
);
