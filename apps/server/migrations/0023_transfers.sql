-- Transfers of a person to another regency (issue 5 §7): the sending Dinsos requests,
-- the receiving Dinsos accepts, and the record's owner (regency, village) changes.
-- Not keyed by one regency: it belongs to both ends.
CREATE TABLE person_transfer (
  id                uuid PRIMARY KEY,
  person_id         uuid NOT NULL,
  from_regency_code text NOT NULL,
  from_village_code text NOT NULL REFERENCES area (code),
  to_regency_code   text NOT NULL,
  to_village_code   text NOT NULL REFERENCES area (code),
  status            text NOT NULL CHECK (status IN ('requested', 'accepted', 'rejected', 'cancelled')),
  reason            text NOT NULL,
  decision_note     text,
  moved             jsonb NOT NULL DEFAULT '{}',
  requested_at      timestamptz NOT NULL,
  requested_by      uuid,
  decided_at        timestamptz,
  decided_by        uuid,
  CHECK (from_regency_code <> to_regency_code),
  CHECK (to_regency_code = left(to_village_code, 5))
);
CREATE INDEX person_transfer_person_idx ON person_transfer (person_id);
CREATE UNIQUE INDEX person_transfer_open ON person_transfer (person_id) WHERE status = 'requested';
CREATE INDEX person_transfer_to_idx ON person_transfer (to_village_code text_pattern_ops) WHERE status = 'requested';

ALTER TABLE person_transfer ENABLE ROW LEVEL SECURITY;
CREATE POLICY person_transfer_ends ON person_transfer TO pilar_app
  USING (pilar_in_scope(from_village_code) OR pilar_in_scope(to_village_code))
  WITH CHECK (pilar_in_scope(from_village_code) OR pilar_in_scope(to_village_code));

-- The receiving side may read the person of a pending request addressed to its area.
CREATE POLICY person_transfer_incoming ON person FOR SELECT TO pilar_app
  USING (EXISTS (SELECT 1 FROM person_transfer t
                 WHERE t.person_id = person.id AND t.from_regency_code = person.regency_code
                   AND t.status = 'requested' AND pilar_in_scope(t.to_village_code)));
