-- PPKS cases: lifecycle, verification chain, assessments (versioned forms), plans,
-- services, follow-ups, visits (issue 5 §4–6, §8).

-- Per-regency rules; no row means the defaults.
CREATE TABLE case_setting (
  regency_code          text PRIMARY KEY REFERENCES area (code),
  verification_required boolean NOT NULL DEFAULT false,
  updated_at            timestamptz NOT NULL,
  updated_by            uuid
);

-- Case numbers per regency and year, gap-free: the counter row is locked by the
-- insert that takes a number and released at commit (a rollback returns the number).
CREATE TABLE case_counter (
  regency_code text NOT NULL,
  year         integer NOT NULL,
  last_serial  integer NOT NULL,
  PRIMARY KEY (regency_code, year)
);

CREATE TABLE ppks_case (
  regency_code   text NOT NULL,
  id             uuid NOT NULL,
  case_number    text NOT NULL,
  person_id      uuid,
  household_id   uuid,
  village_code   text NOT NULL REFERENCES area (code),
  ppks_code      smallint NOT NULL REFERENCES ppks_category (code),
  need           text NOT NULL,
  status         text NOT NULL CHECK (status IN ('identified', 'assessed', 'planned', 'in_intervention', 'monitoring', 'closed')),
  closed_from    text,
  closure_reason text,
  closed_on      date,
  verification   text NOT NULL CHECK (verification IN ('not_required', 'draft', 'submitted', 'checked', 'validated', 'returned')),
  submitted_by   uuid,
  checked_by     uuid,
  validated_by   uuid,
  validated_at   timestamptz,
  assigned_to    uuid,
  opened_on      date NOT NULL,
  created_at     timestamptz NOT NULL,
  created_by     uuid,
  updated_at     timestamptz NOT NULL,
  updated_by     uuid,
  version        integer NOT NULL DEFAULT 1,
  PRIMARY KEY (regency_code, id),
  UNIQUE (regency_code, case_number),
  FOREIGN KEY (regency_code, person_id) REFERENCES person (regency_code, id),
  FOREIGN KEY (regency_code, household_id) REFERENCES household (regency_code, id),
  CHECK (person_id IS NOT NULL OR household_id IS NOT NULL),
  CHECK (regency_code = left(village_code, 5)),
  CHECK ((status = 'closed') = (closure_reason IS NOT NULL))
);
CREATE INDEX ppks_case_id_idx ON ppks_case (id);
CREATE INDEX ppks_case_village_idx ON ppks_case (village_code text_pattern_ops, status);
CREATE INDEX ppks_case_person_idx ON ppks_case (regency_code, person_id);
CREATE INDEX ppks_case_assigned_idx ON ppks_case (assigned_to) WHERE assigned_to IS NOT NULL;

-- What happened to a case: lifecycle transitions, verification steps, referral steps.
CREATE TABLE case_event (
  regency_code text NOT NULL,
  id           uuid NOT NULL,
  case_id      uuid NOT NULL,
  person_id    uuid,
  village_code text NOT NULL,
  kind         text NOT NULL,
  from_status  text,
  to_status    text,
  reason       text,
  note         text,
  details      jsonb NOT NULL DEFAULT '{}',
  at           timestamptz NOT NULL,
  actor_id     uuid,
  actor_label  text NOT NULL,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, case_id) REFERENCES ppks_case (regency_code, id)
);
CREATE INDEX case_event_case_idx ON case_event (regency_code, case_id, at);
CREATE INDEX case_event_person_idx ON case_event (regency_code, person_id, at);

-- Assessment forms: a definition and its immutable published versions.
CREATE TABLE form_definition (
  code       text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,49}$'),
  title_id   text NOT NULL,
  title_en   text NOT NULL,
  ppks_codes smallint[] NOT NULL DEFAULT '{}',
  active     boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL
);
CREATE TABLE form_version (
  form_code    text NOT NULL REFERENCES form_definition (code),
  version      integer NOT NULL CHECK (version >= 1),
  schema       jsonb NOT NULL,
  note         text,
  published_at timestamptz NOT NULL,
  published_by uuid,
  PRIMARY KEY (form_code, version)
);

CREATE TABLE assessment (
  regency_code text NOT NULL,
  id           uuid NOT NULL,
  case_id      uuid NOT NULL,
  person_id    uuid,
  village_code text NOT NULL,
  form_code    text NOT NULL,
  form_version integer NOT NULL,
  answers      jsonb NOT NULL,
  assessed_on  date NOT NULL,
  assessed_by  uuid,
  assessor_label text NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, case_id) REFERENCES ppks_case (regency_code, id),
  FOREIGN KEY (form_code, form_version) REFERENCES form_version (form_code, version)
);
CREATE INDEX assessment_case_idx ON assessment (regency_code, case_id);

-- The service catalogue, seeded with the SPM bundle (Permensos 9/2018).
CREATE TABLE service_kind (
  code    text PRIMARY KEY,
  name    text NOT NULL,
  name_en text NOT NULL,
  unit    text NOT NULL,
  active  boolean NOT NULL DEFAULT true
);

CREATE TABLE case_goal (
  regency_code text NOT NULL,
  id           uuid NOT NULL,
  case_id      uuid NOT NULL,
  person_id    uuid,
  village_code text NOT NULL,
  description  text NOT NULL,
  target_date  date,
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'achieved', 'dropped')),
  created_at   timestamptz NOT NULL,
  created_by   uuid,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, case_id) REFERENCES ppks_case (regency_code, id)
);
CREATE INDEX case_goal_case_idx ON case_goal (regency_code, case_id);

CREATE TABLE case_service_plan (
  regency_code text NOT NULL,
  id           uuid NOT NULL,
  case_id      uuid NOT NULL,
  person_id    uuid,
  village_code text NOT NULL,
  service_code text NOT NULL REFERENCES service_kind (code),
  planned_on   date,
  note         text,
  status       text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'delivered', 'cancelled')),
  created_at   timestamptz NOT NULL,
  created_by   uuid,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, case_id) REFERENCES ppks_case (regency_code, id)
);
CREATE INDEX case_service_plan_case_idx ON case_service_plan (regency_code, case_id);

-- A service delivered. `delivered_village_code` is where it happened (kept when the
-- person later moves, so monthly service counts stay where the service was given).
CREATE TABLE service_delivery (
  regency_code           text NOT NULL,
  id                     uuid NOT NULL,
  case_id                uuid NOT NULL,
  person_id              uuid,
  village_code           text NOT NULL,
  delivered_village_code text NOT NULL,
  service_code           text NOT NULL REFERENCES service_kind (code),
  plan_id                uuid,
  delivered_on           date NOT NULL,
  delivered_by           uuid,
  deliverer_label        text NOT NULL,
  provider               text,
  quantity               numeric(12, 2) NOT NULL CHECK (quantity > 0),
  unit                   text NOT NULL,
  note                   text,
  created_at             timestamptz NOT NULL,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, case_id) REFERENCES ppks_case (regency_code, id)
);
CREATE INDEX service_delivery_case_idx ON service_delivery (regency_code, case_id);

CREATE TABLE follow_up (
  regency_code text NOT NULL,
  id           uuid NOT NULL,
  case_id      uuid NOT NULL,
  person_id    uuid,
  village_code text NOT NULL,
  due_on       date NOT NULL,
  assigned_to  uuid,
  purpose      text NOT NULL,
  done_at      timestamptz,
  done_by      uuid,
  outcome      text,
  created_at   timestamptz NOT NULL,
  created_by   uuid,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, case_id) REFERENCES ppks_case (regency_code, id)
);
CREATE INDEX follow_up_open_idx ON follow_up (village_code text_pattern_ops, due_on) WHERE done_at IS NULL;
CREATE INDEX follow_up_assignee_idx ON follow_up (assigned_to, due_on) WHERE done_at IS NULL;
CREATE INDEX follow_up_case_idx ON follow_up (regency_code, case_id);

-- Home visits and notes, with photos/documents and the GPS fix of the phone.
CREATE TABLE visit (
  regency_code text NOT NULL,
  id           uuid NOT NULL,
  person_id    uuid NOT NULL,
  case_id      uuid,
  village_code text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('kunjungan', 'catatan')),
  occurred_at  timestamptz NOT NULL,
  note         text NOT NULL,
  lat          double precision CHECK (lat BETWEEN -90 AND 90),
  lng          double precision CHECK (lng BETWEEN -180 AND 180),
  accuracy_m   double precision CHECK (accuracy_m >= 0),
  file_ids     uuid[] NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL,
  created_by   uuid,
  author_label text NOT NULL,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, person_id) REFERENCES person (regency_code, id),
  FOREIGN KEY (regency_code, case_id) REFERENCES ppks_case (regency_code, id),
  CHECK ((lat IS NULL) = (lng IS NULL))
);
CREATE INDEX visit_person_idx ON visit (regency_code, person_id, occurred_at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ppks_case', 'case_event', 'assessment', 'case_goal', 'case_service_plan', 'service_delivery', 'follow_up', 'visit'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I TO pilar_app USING (pilar_in_scope(village_code)) WITH CHECK (pilar_in_scope(village_code))', t || '_in_scope', t);
  END LOOP;
END $$;
