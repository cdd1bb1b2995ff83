-- Foundation: extensions, the application role, reference tables.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The server runs its requests as pilar_app (SET ROLE): not the owner, not a
-- superuser, so Row-Level Security applies and audit rows cannot be changed.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pilar_app') THEN
    CREATE ROLE pilar_app NOLOGIN NOINHERIT;
  END IF;
END $$;
GRANT pilar_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO pilar_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO pilar_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO pilar_app;
-- The migration ledger was created before the default privileges above.
GRANT SELECT ON schema_migration TO pilar_app;

-- Kemendagri areas (Kepmendagri 300.2.2-2138/2025), loaded from idn-area-data by 0002.
CREATE TABLE area (
  code          text PRIMARY KEY,
  name          text NOT NULL,
  level         text NOT NULL CHECK (level IN ('province', 'regency', 'district', 'village')),
  type          text CHECK (type IN ('provinsi', 'kabupaten', 'kota', 'kecamatan', 'kelurahan', 'desa', 'desa_adat')),
  parent_code   text REFERENCES area (code),
  province_code text NOT NULL,
  time_zone     text NOT NULL CHECK (time_zone IN ('WIB', 'WITA', 'WIT')),
  -- Denormalised counts, recomputed whenever areas are (re)loaded.
  child_count   integer NOT NULL DEFAULT 0,
  village_count integer NOT NULL DEFAULT 0,
  -- Lower-case, accent-free name and the same without spaces, for search.
  name_search   text NOT NULL,
  name_compact  text NOT NULL
);
-- Secondary indexes are built by 0002 after the bulk load (faster than maintaining them row by row).

-- Editable reference data (DOMAIN.md §1–3); seeded from packages/domain by 0003,
-- never overwritten by later seeds so local edits survive.
CREATE TABLE ppks_category (
  code               smallint PRIMARY KEY CHECK (code BETWEEN 1 AND 99),
  slug               text NOT NULL UNIQUE,
  name               text NOT NULL,
  name_en            text NOT NULL,
  group_code         text,
  sensitivity        text NOT NULL CHECK (sensitivity IN ('umum', 'spesifik')),
  sensitivity_reason text,
  age_min            smallint,
  age_max            smallint,
  aliases            text[] NOT NULL DEFAULT '{}',
  active             boolean NOT NULL DEFAULT true
);

CREATE TABLE psks_kind (
  code     text PRIMARY KEY,
  name     text NOT NULL,
  name_en  text NOT NULL,
  kind     text NOT NULL CHECK (kind IN ('perorangan', 'lembaga')),
  aliases  text[] NOT NULL DEFAULT '{}',
  active   boolean NOT NULL DEFAULT true
);

CREATE TABLE programme (
  code            text PRIMARY KEY,
  name            text NOT NULL,
  name_en         text NOT NULL,
  description     text NOT NULL DEFAULT '',
  target          text NOT NULL CHECK (target IN ('keluarga', 'perorangan')),
  aliases         text[] NOT NULL DEFAULT '{}',
  -- NULL: a national programme; otherwise the area of the local government that added it.
  owner_area_code text REFERENCES area (code),
  active          boolean NOT NULL DEFAULT true
);
