-- Rollups for dashboards (ARCHITECTURE.md decision 8): small tables of counts, updated
-- by delta upserts in the same transaction as every change, so any level from nasional
-- to desa is a prefix aggregate over them. Aggregates only: no personal data, no RLS.

-- Cases by village × PPKS category × lifecycle status × verification stage × month opened.
CREATE TABLE case_rollup (
  regency_code text NOT NULL,
  village_code text NOT NULL,
  ppks_code    smallint NOT NULL,
  status       text NOT NULL,
  verification text NOT NULL,
  month        date NOT NULL,
  n            integer NOT NULL,
  PRIMARY KEY (regency_code, village_code, ppks_code, status, verification, month)
);
CREATE INDEX case_rollup_village_idx ON case_rollup (village_code text_pattern_ops);

-- Persons holding each PPKS category (active assignments of active persons) per village.
CREATE TABLE person_ppks_rollup (
  regency_code text NOT NULL,
  village_code text NOT NULL,
  ppks_code    smallint NOT NULL,
  n            integer NOT NULL,
  PRIMARY KEY (regency_code, village_code, ppks_code)
);

-- Services delivered per village where given × service × unit × month.
CREATE TABLE service_rollup (
  regency_code text NOT NULL,
  village_code text NOT NULL,
  service_code text NOT NULL,
  unit         text NOT NULL,
  month        date NOT NULL,
  n            integer NOT NULL,
  quantity     numeric(14, 2) NOT NULL,
  PRIMARY KEY (regency_code, village_code, service_code, unit, month)
);

-- Referrals per village × partner × status.
CREATE TABLE referral_rollup (
  regency_code text NOT NULL,
  village_code text NOT NULL,
  partner_id   uuid NOT NULL,
  status       text NOT NULL,
  n            integer NOT NULL,
  PRIMARY KEY (regency_code, village_code, partner_id, status)
);
