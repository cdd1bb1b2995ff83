-- Disaster response (issue 9; DOMAIN.md §4, SPM service 5: protection of disaster victims).
-- Incidents, their affected villages and status history, rapid needs assessments
-- (append-only), victims (per-person: regency_code first, RLS like person), aid posts,
-- items, stock balances and movements, volunteer roster, sitreps and the dashboard rollup.

CREATE TABLE incident (
  id               uuid PRIMARY KEY,
  kind             text NOT NULL CHECK (kind IN ('bencana_alam', 'bencana_sosial', 'wabah', 'kejadian_khusus')),
  hazard           text,
  title            text NOT NULL,
  started_at       timestamptz NOT NULL,
  status           text NOT NULL DEFAULT 'emergency' CHECK (status IN ('emergency', 'recovery', 'closed')),
  lead_office_code text NOT NULL REFERENCES area (code),
  -- PPKS 21 Korban Bencana Alam / 22 Korban Bencana Sosial, given to the victims.
  ppks_code        smallint NOT NULL REFERENCES ppks_category (code) CHECK (ppks_code IN (21, 22)),
  description      text,
  created_at       timestamptz NOT NULL,
  created_by       uuid,
  updated_at       timestamptz NOT NULL,
  updated_by       uuid,
  version          integer NOT NULL DEFAULT 1
);
CREATE INDEX incident_lead_idx ON incident (lead_office_code text_pattern_ops);

CREATE TABLE incident_area (
  incident_id  uuid NOT NULL REFERENCES incident (id),
  village_code text NOT NULL REFERENCES area (code),
  regency_code text NOT NULL CHECK (regency_code = left(village_code, 5)),
  added_at     timestamptz NOT NULL,
  added_by     uuid,
  PRIMARY KEY (incident_id, village_code)
);
CREATE INDEX incident_area_village_idx ON incident_area (village_code text_pattern_ops);

CREATE TABLE incident_status_event (
  id          uuid PRIMARY KEY,
  incident_id uuid NOT NULL REFERENCES incident (id),
  from_status text,
  to_status   text NOT NULL,
  note        text,
  at          timestamptz NOT NULL,
  by_user     uuid,
  by_label    text NOT NULL
);
CREATE INDEX incident_status_event_idx ON incident_status_event (incident_id, at);

-- Rapid needs assessment per affected village: several over time, never edited.
CREATE TABLE incident_assessment (
  id            uuid PRIMARY KEY,
  incident_id   uuid NOT NULL REFERENCES incident (id),
  village_code  text NOT NULL,
  assessed_at   timestamptz NOT NULL,
  affected      integer NOT NULL CHECK (affected >= 0),
  displaced     integer NOT NULL CHECK (displaced >= 0),
  injured       integer NOT NULL CHECK (injured >= 0),
  dead          integer NOT NULL CHECK (dead >= 0),
  missing       integer NOT NULL CHECK (missing >= 0),
  houses_ringan integer NOT NULL CHECK (houses_ringan >= 0),
  houses_sedang integer NOT NULL CHECK (houses_sedang >= 0),
  houses_berat  integer NOT NULL CHECK (houses_berat >= 0),
  elderly       integer NOT NULL CHECK (elderly >= 0),
  children      integer NOT NULL CHECK (children >= 0),
  disabled      integer NOT NULL CHECK (disabled >= 0),
  pregnant      integer NOT NULL CHECK (pregnant >= 0),
  needs         jsonb NOT NULL DEFAULT '{}',
  note          text,
  recorded_at   timestamptz NOT NULL,
  recorded_by   uuid,
  recorded_by_label text NOT NULL,
  FOREIGN KEY (incident_id, village_code) REFERENCES incident_area (incident_id, village_code)
);
CREATE INDEX incident_assessment_village_idx ON incident_assessment (incident_id, village_code, assessed_at DESC, id DESC);
REVOKE UPDATE, DELETE, TRUNCATE ON incident_assessment FROM pilar_app;

-- Posts: posko, shelters, warehouses, public kitchens.
CREATE TABLE aid_post (
  id           uuid PRIMARY KEY,
  incident_id  uuid NOT NULL REFERENCES incident (id),
  name         text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('posko', 'pengungsian', 'gudang', 'dapur_umum')),
  village_code text NOT NULL REFERENCES area (code),
  created_at   timestamptz NOT NULL,
  created_by   uuid,
  UNIQUE (incident_id, id)
);
CREATE INDEX aid_post_incident_idx ON aid_post (incident_id);

CREATE TABLE aid_item (
  id                  uuid PRIMARY KEY,
  incident_id         uuid NOT NULL REFERENCES incident (id),
  name                text NOT NULL,
  unit                text NOT NULL,
  need_kind           text NOT NULL CHECK (need_kind IN ('pangan', 'air_bersih', 'hunian', 'kesehatan', 'sandang', 'psikososial', 'lainnya')),
  low_stock_threshold numeric(14, 2) CHECK (low_stock_threshold >= 0),
  created_at          timestamptz NOT NULL,
  created_by          uuid,
  UNIQUE (incident_id, id)
);
CREATE UNIQUE INDEX aid_item_name_unique ON aid_item (incident_id, lower(name), lower(unit));

-- One balance row per post × item. Issuing is a conditional UPDATE (balance >= quantity)
-- that locks the row; the CHECK is the last wall: no negative balance, ever.
CREATE TABLE stock_balance (
  post_id     uuid NOT NULL REFERENCES aid_post (id),
  item_id     uuid NOT NULL REFERENCES aid_item (id),
  incident_id uuid NOT NULL REFERENCES incident (id),
  received    numeric(14, 2) NOT NULL DEFAULT 0 CHECK (received >= 0),
  issued      numeric(14, 2) NOT NULL DEFAULT 0 CHECK (issued >= 0),
  balance     numeric(14, 2) NOT NULL DEFAULT 0 CHECK (balance >= 0),
  PRIMARY KEY (post_id, item_id),
  CHECK (balance = received - issued)
);
CREATE INDEX stock_balance_incident_idx ON stock_balance (incident_id);

-- Every receipt and issue, append-only. Issues point at a victim or a household, so the
-- table is distributed like per-person data: regency_code is the recipient's regency
-- (for a receipt, the post's).
CREATE TABLE stock_movement (
  regency_code      text NOT NULL,
  id                uuid NOT NULL,
  incident_id       uuid NOT NULL REFERENCES incident (id),
  post_id           uuid NOT NULL REFERENCES aid_post (id),
  item_id           uuid NOT NULL REFERENCES aid_item (id),
  kind              text NOT NULL CHECK (kind IN ('received', 'issued')),
  quantity          numeric(14, 2) NOT NULL CHECK (quantity > 0),
  donor             text,
  victim_id         uuid,
  household_id      uuid,
  evidence_file_id  uuid REFERENCES stored_file (id),
  note              text,
  occurred_at       timestamptz NOT NULL,
  recorded_at       timestamptz NOT NULL,
  recorded_by       uuid,
  recorded_by_label text NOT NULL,
  PRIMARY KEY (regency_code, id),
  CHECK ((kind = 'received') = (donor IS NOT NULL)),
  CHECK (kind = 'received' OR victim_id IS NOT NULL OR household_id IS NOT NULL)
);
CREATE INDEX stock_movement_id_idx ON stock_movement (id);
CREATE INDEX stock_movement_incident_idx ON stock_movement (incident_id, post_id, occurred_at);
CREATE INDEX stock_movement_victim_idx ON stock_movement (victim_id) WHERE victim_id IS NOT NULL;
REVOKE UPDATE, DELETE, TRUNCATE ON stock_movement FROM pilar_app;

-- Victims: a person (people module) registered for an incident, PPKS 21/22.
CREATE TABLE disaster_victim (
  regency_code       text NOT NULL,
  id                 uuid NOT NULL,
  incident_id        uuid NOT NULL REFERENCES incident (id),
  person_id          uuid NOT NULL,
  village_code       text NOT NULL,
  displacement       text NOT NULL CHECK (displacement IN ('tidak_mengungsi', 'posko', 'rumah_kerabat', 'lainnya')),
  post_id            uuid REFERENCES aid_post (id),
  displacement_place text,
  condition          text NOT NULL CHECK (condition IN ('selamat', 'luka_ringan', 'luka_berat', 'meninggal', 'hilang')),
  needs              text[] NOT NULL DEFAULT '{}',
  needs_served       text[] NOT NULL DEFAULT '{}',
  basic_needs_met    boolean NOT NULL DEFAULT false,
  vulnerabilities    text[] NOT NULL DEFAULT '{}',
  ppks_code          smallint NOT NULL,
  person_ppks_id     uuid,
  case_id            uuid,
  registered_at      timestamptz NOT NULL,
  registered_by      uuid,
  updated_at         timestamptz NOT NULL,
  updated_by         uuid,
  version            integer NOT NULL DEFAULT 1,
  PRIMARY KEY (regency_code, id),
  FOREIGN KEY (regency_code, person_id) REFERENCES person (regency_code, id),
  FOREIGN KEY (incident_id, village_code) REFERENCES incident_area (incident_id, village_code),
  CHECK (regency_code = left(village_code, 5))
);
CREATE INDEX disaster_victim_id_idx ON disaster_victim (id);
CREATE UNIQUE INDEX disaster_victim_person_unique ON disaster_victim (regency_code, incident_id, person_id);
CREATE INDEX disaster_victim_incident_idx ON disaster_victim (incident_id, village_code);
ALTER TABLE disaster_victim ENABLE ROW LEVEL SECURITY;
CREATE POLICY disaster_victim_in_scope ON disaster_victim TO pilar_app
  USING (pilar_in_scope(village_code)) WITH CHECK (pilar_in_scope(village_code));
CREATE TRIGGER disaster_victim_sync AFTER INSERT OR UPDATE OR DELETE ON disaster_victim
  FOR EACH ROW EXECUTE FUNCTION pilar_track_change('disaster_victim', 'village_code', 'person_id');

-- Volunteer roster: PSM and partner volunteers (Tagana, Karang Taruna…). The phone
-- number is shown only to the incident's responders (enforced in the store).
CREATE TABLE incident_volunteer (
  id           uuid PRIMARY KEY,
  incident_id  uuid NOT NULL REFERENCES incident (id),
  kind         text NOT NULL CHECK (kind IN ('psm', 'tagana', 'karang_taruna', 'tksk', 'pekerja_sosial', 'lks', 'relawan_lain')),
  name         text NOT NULL,
  phone        text,
  organisation text,
  user_id      uuid REFERENCES app_user (id),
  created_at   timestamptz NOT NULL,
  created_by   uuid
);
CREATE INDEX incident_volunteer_incident_idx ON incident_volunteer (incident_id);
CREATE UNIQUE INDEX incident_volunteer_user_unique ON incident_volunteer (incident_id, user_id) WHERE user_id IS NOT NULL;

CREATE TABLE roster_shift (
  id             uuid PRIMARY KEY,
  incident_id    uuid NOT NULL REFERENCES incident (id),
  volunteer_id   uuid NOT NULL REFERENCES incident_volunteer (id),
  post_id        uuid NOT NULL REFERENCES aid_post (id),
  starts_at      timestamptz NOT NULL,
  ends_at        timestamptz NOT NULL CHECK (ends_at > starts_at),
  task           text,
  checked_in_at  timestamptz,
  checked_out_at timestamptz,
  created_at     timestamptz NOT NULL,
  created_by     uuid,
  CHECK (checked_out_at IS NULL OR (checked_in_at IS NOT NULL AND checked_out_at >= checked_in_at))
);
CREATE INDEX roster_shift_incident_idx ON roster_shift (incident_id, starts_at);

-- Situation reports: aggregates only (no personal data), the text and the PDF as sent.
CREATE TABLE incident_sitrep (
  id           uuid PRIMARY KEY,
  incident_id  uuid NOT NULL REFERENCES incident (id),
  number       integer NOT NULL,
  trigger      text NOT NULL CHECK (trigger IN ('on_demand', 'daily')),
  report_date  date NOT NULL,
  generated_at timestamptz NOT NULL,
  generated_by uuid,
  figures      jsonb NOT NULL,
  text         text NOT NULL,
  pdf          bytea NOT NULL,
  UNIQUE (incident_id, number)
);
CREATE UNIQUE INDEX incident_sitrep_daily_unique ON incident_sitrep (incident_id, report_date) WHERE trigger = 'daily';

-- Dashboard rollup per incident × affected village (ARCHITECTURE.md decision 8): the
-- latest assessment's figures and victim counts, kept by delta updates in the same
-- transaction as each change. Aggregates only.
CREATE TABLE incident_village_rollup (
  incident_id        uuid NOT NULL REFERENCES incident (id),
  village_code       text NOT NULL,
  regency_code       text NOT NULL,
  assessment_id      uuid,
  assessed_at        timestamptz,
  affected           integer NOT NULL DEFAULT 0,
  displaced          integer NOT NULL DEFAULT 0,
  injured            integer NOT NULL DEFAULT 0,
  dead               integer NOT NULL DEFAULT 0,
  missing            integer NOT NULL DEFAULT 0,
  houses_ringan      integer NOT NULL DEFAULT 0,
  houses_sedang      integer NOT NULL DEFAULT 0,
  houses_berat       integer NOT NULL DEFAULT 0,
  elderly            integer NOT NULL DEFAULT 0,
  children           integer NOT NULL DEFAULT 0,
  disabled           integer NOT NULL DEFAULT 0,
  pregnant           integer NOT NULL DEFAULT 0,
  needs              jsonb NOT NULL DEFAULT '{}',
  victims            integer NOT NULL DEFAULT 0 CHECK (victims >= 0),
  victims_displaced  integer NOT NULL DEFAULT 0 CHECK (victims_displaced >= 0),
  victims_vulnerable integer NOT NULL DEFAULT 0 CHECK (victims_vulnerable >= 0),
  victims_met        integer NOT NULL DEFAULT 0 CHECK (victims_met >= 0),
  aid_issues         integer NOT NULL DEFAULT 0 CHECK (aid_issues >= 0),
  PRIMARY KEY (incident_id, village_code),
  FOREIGN KEY (incident_id, village_code) REFERENCES incident_area (incident_id, village_code)
);
