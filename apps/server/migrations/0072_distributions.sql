-- Distribution events (penyaluran) with a frozen list of expected recipients and the
-- field check-ins, also made offline and synced exactly once (issue 8 §4).

-- The event itself holds no personal data: programme, where, when.
CREATE TABLE distribution_event (
  regency_code   text NOT NULL,
  id             uuid NOT NULL,
  programme_code text NOT NULL REFERENCES programme (code),
  area_code      text NOT NULL REFERENCES area (code),
  place          text NOT NULL,
  held_on        date NOT NULL,
  period_label   text,
  status         text NOT NULL CHECK (status IN ('open', 'closed')),
  expected_count integer NOT NULL,
  created_at     timestamptz NOT NULL,
  created_by     uuid,
  closed_at      timestamptz,
  closed_by      uuid,
  version        integer NOT NULL DEFAULT 1,
  PRIMARY KEY (regency_code, id),
  CHECK (regency_code = left(area_code, 5))
);
CREATE INDEX distribution_event_id_idx ON distribution_event (id);
CREATE INDEX distribution_event_area_idx ON distribution_event (area_code text_pattern_ops, held_on);

-- The frozen snapshot of who is expected (a payment cycle needs a frozen list,
-- DOMAIN.md §9): taken from the active memberships when the event is created.
CREATE TABLE distribution_recipient (
  regency_code  text NOT NULL,
  id            uuid NOT NULL,
  event_id      uuid NOT NULL,
  membership_id uuid NOT NULL,
  person_id     uuid,
  household_id  uuid,
  village_code  text NOT NULL REFERENCES area (code),
  display_name  text NOT NULL,
  nik_masked    text,
  -- Printed as a QR code on the invitation: a random token, not an identifier.
  qr_token      text NOT NULL UNIQUE,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, event_id) REFERENCES distribution_event (regency_code, id),
  FOREIGN KEY (regency_code, membership_id) REFERENCES programme_membership (regency_code, id),
  FOREIGN KEY (regency_code, person_id) REFERENCES person (regency_code, id),
  FOREIGN KEY (regency_code, household_id) REFERENCES household (regency_code, id),
  UNIQUE (regency_code, event_id, membership_id)
);
CREATE INDEX distribution_recipient_event_idx ON distribution_recipient (regency_code, event_id, village_code);
CREATE INDEX distribution_recipient_person_idx ON distribution_recipient (regency_code, person_id);

CREATE TABLE distribution_checkin (
  regency_code            text NOT NULL,
  id                      uuid NOT NULL,
  event_id                uuid NOT NULL,
  recipient_id            uuid NOT NULL,
  person_id               uuid,
  village_code            text NOT NULL,
  outcome                 text NOT NULL CHECK (outcome IN ('received', 'represented', 'absent')),
  method                  text NOT NULL CHECK (method IN ('nik', 'qr', 'list')),
  representative_name     text,
  representative_relation text,
  proof_file_id           uuid REFERENCES stored_file (id),
  note                    text,
  checked_at              timestamptz NOT NULL,
  recorded_at             timestamptz NOT NULL,
  recorded_by             uuid,
  updated_at              timestamptz NOT NULL,
  updated_by              uuid,
  version                 integer NOT NULL DEFAULT 1,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, recipient_id) REFERENCES distribution_recipient (regency_code, id),
  FOREIGN KEY (regency_code, event_id) REFERENCES distribution_event (regency_code, id),
  -- One check-in per recipient: a correction edits it.
  UNIQUE (regency_code, recipient_id),
  CHECK ((outcome = 'represented') = (representative_name IS NOT NULL))
);
CREATE INDEX distribution_checkin_id_idx ON distribution_checkin (id);
CREATE INDEX distribution_checkin_event_idx ON distribution_checkin (regency_code, event_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['distribution_recipient', 'distribution_checkin'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I TO pilar_app USING (pilar_in_scope(village_code)) WITH CHECK (pilar_in_scope(village_code))', t || '_in_scope', t);
  END LOOP;
END $$;

-- Offline check-ins travel through the sync protocol (migration 0030).
CREATE TRIGGER distribution_checkin_sync AFTER INSERT OR UPDATE OR DELETE ON distribution_checkin
  FOR EACH ROW EXECUTE FUNCTION pilar_track_change('distribution_checkin', 'village_code', 'person_id');
