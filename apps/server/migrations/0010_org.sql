-- IPSM organisation (issue 4): units at every area level, boards (pengurus) per
-- term with their positions, and the unit's coordination: announcements, events,
-- a library of training material. Org data is not personal data (names of board
-- members come from the member registry or are public office holders).

CREATE TABLE ipsm_unit (
  id         uuid PRIMARY KEY,
  -- 'ID' for IPSM Nasional, otherwise a Kemendagri area code; one unit per area.
  area_code  text NOT NULL UNIQUE CHECK (area_code = 'ID' OR area_code ~ '^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$'),
  level      text NOT NULL CHECK (level IN ('nasional', 'provinsi', 'kabkota', 'kecamatan', 'desa')),
  name       text NOT NULL,
  address    text,
  created_at timestamptz NOT NULL,
  created_by uuid,
  updated_at timestamptz NOT NULL,
  version    integer NOT NULL DEFAULT 1
);
CREATE INDEX ipsm_unit_area_idx ON ipsm_unit (area_code text_pattern_ops);

-- A board for one term (masa bakti). A new board ends the previous one; nothing is overwritten.
CREATE TABLE ipsm_board (
  id                uuid PRIMARY KEY,
  unit_id           uuid NOT NULL REFERENCES ipsm_unit (id),
  term_start        smallint NOT NULL CHECK (term_start BETWEEN 1950 AND 2200),
  term_end          smallint NOT NULL CHECK (term_end BETWEEN 1950 AND 2200),
  -- How the board was chosen: Munas / Musda (provinsi) / Muscab (kab/kota) / Muscam / Musdes.
  chosen_by         text NOT NULL CHECK (chosen_by IN ('munas', 'musda', 'muscab', 'muscam', 'musdes', 'lainnya')),
  chosen_on         date,
  minutes_file_id   uuid REFERENCES stored_file (id),
  -- Inauguration decree (pengukuhan).
  sk_number         text,
  sk_date           date,
  sk_issuer         text,
  status            text NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'ended')),
  ended_on          date,
  created_at        timestamptz NOT NULL,
  created_by        uuid,
  updated_at        timestamptz NOT NULL,
  version           integer NOT NULL DEFAULT 1,
  CHECK (term_end >= term_start)
);
CREATE UNIQUE INDEX ipsm_board_one_current ON ipsm_board (unit_id) WHERE status = 'current';
CREATE INDEX ipsm_board_unit_idx ON ipsm_board (unit_id, term_start DESC);

CREATE TABLE ipsm_board_position (
  id          uuid PRIMARY KEY,
  board_id    uuid NOT NULL REFERENCES ipsm_board (id) ON DELETE CASCADE,
  position    text NOT NULL CHECK (position IN ('ketua', 'wakil_ketua', 'sekretaris', 'wakil_sekretaris', 'bendahara', 'wakil_bendahara', 'bidang', 'anggota', 'penasihat')),
  -- Free title, e.g. "Bidang Pendidikan dan Pelatihan".
  title       text,
  -- Linked to a PSM of the registry (no FK: members are distributed by regency) or a named person.
  member_id   uuid,
  person_name text,
  sort        smallint NOT NULL DEFAULT 0,
  CHECK (member_id IS NOT NULL OR person_name IS NOT NULL)
);
CREATE INDEX ipsm_board_position_board_idx ON ipsm_board_position (board_id, sort);
CREATE INDEX ipsm_board_position_member_idx ON ipsm_board_position (member_id) WHERE member_id IS NOT NULL;

CREATE TABLE ipsm_announcement (
  id           uuid PRIMARY KEY,
  unit_id      uuid NOT NULL REFERENCES ipsm_unit (id),
  title        text NOT NULL,
  body         text NOT NULL,
  published_at timestamptz NOT NULL,
  created_by   uuid
);
CREATE INDEX ipsm_announcement_unit_idx ON ipsm_announcement (unit_id, published_at DESC);

CREATE TABLE ipsm_event (
  id         uuid PRIMARY KEY,
  unit_id    uuid NOT NULL REFERENCES ipsm_unit (id),
  kind       text NOT NULL CHECK (kind IN ('munas', 'musda', 'muscab', 'mukernas', 'rakor', 'bulan_bhakti', 'sarasehan', 'studi_banding', 'pelatihan', 'lainnya')),
  title      text NOT NULL,
  starts_on  date NOT NULL,
  ends_on    date,
  place      text,
  agenda     text,
  created_at timestamptz NOT NULL,
  created_by uuid,
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX ipsm_event_unit_idx ON ipsm_event (unit_id, starts_on DESC);

-- Attendance of members at an event (personal: carries the member's regency).
CREATE TABLE ipsm_event_attendance (
  event_id     uuid NOT NULL REFERENCES ipsm_event (id) ON DELETE CASCADE,
  regency_code text NOT NULL,
  member_id    uuid NOT NULL,
  recorded_at  timestamptz NOT NULL,
  PRIMARY KEY (event_id, member_id)
);

CREATE TABLE ipsm_library_item (
  id          uuid PRIMARY KEY,
  unit_id     uuid NOT NULL REFERENCES ipsm_unit (id),
  title       text NOT NULL,
  description text,
  file_id     uuid REFERENCES stored_file (id),
  url         text CHECK (url IS NULL OR url ~ '^https?://'),
  created_at  timestamptz NOT NULL,
  created_by  uuid,
  CHECK ((file_id IS NULL) <> (url IS NULL))
);
CREATE INDEX ipsm_library_unit_idx ON ipsm_library_item (unit_id, created_at DESC);
