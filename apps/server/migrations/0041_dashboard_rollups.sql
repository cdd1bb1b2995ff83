-- Dashboard rollups (issue 7 §3, ARCHITECTURE.md decision 8), all kept in the write
-- transaction by triggers on the case tables, so every write path keeps them fresh:
--  * regency-level twins of the village-level rollups (0024 and below), so nasional
--    and provinsi read ~514 regencies instead of every village;
--  * SPM indicators (Permensos 9/2018): persons needing / served per SPM service × year;
--  * time from registration to first service: one row per served case and a histogram;
--  * open follow-ups by due date (overdue is "due before today" in the area's time zone);
--  * visits per village × month with GPS sums (map points without any person id).
-- Aggregates only. The per-person/per-case helper tables are closed to the app role.

-- Regency-level twins of the cases module's rollups, kept by a trigger on each of them.
-- (The case twin drops the PPKS category: the dashboard reads it from person_ppks_rollup.)
CREATE TABLE case_rollup_regency (
  regency_code text NOT NULL, status text NOT NULL, verification text NOT NULL, month date NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (regency_code, status, verification, month)
);
CREATE TABLE person_ppks_rollup_regency (
  regency_code text NOT NULL, ppks_code smallint NOT NULL, n integer NOT NULL,
  PRIMARY KEY (regency_code, ppks_code)
);
CREATE TABLE service_rollup_regency (
  regency_code text NOT NULL, service_code text NOT NULL, unit text NOT NULL, month date NOT NULL,
  n integer NOT NULL, quantity numeric(16, 2) NOT NULL,
  PRIMARY KEY (regency_code, service_code, unit, month)
);
CREATE TABLE referral_rollup_regency (
  regency_code text NOT NULL, partner_id uuid NOT NULL, status text NOT NULL, n integer NOT NULL,
  PRIMARY KEY (regency_code, partner_id, status)
);
CREATE TRIGGER case_rollup_up AFTER INSERT OR UPDATE OR DELETE ON case_rollup
  FOR EACH ROW EXECUTE FUNCTION pilar_rollup_cascade('case_rollup_regency', 'regency_code,status,verification,month', 'n');
CREATE TRIGGER person_ppks_rollup_up AFTER INSERT OR UPDATE OR DELETE ON person_ppks_rollup
  FOR EACH ROW EXECUTE FUNCTION pilar_rollup_cascade('person_ppks_rollup_regency', 'regency_code,ppks_code', 'n');
CREATE TRIGGER service_rollup_up AFTER INSERT OR UPDATE OR DELETE ON service_rollup
  FOR EACH ROW EXECUTE FUNCTION pilar_rollup_cascade('service_rollup_regency', 'regency_code,service_code,unit,month', 'n,quantity');
CREATE TRIGGER referral_rollup_up AFTER INSERT OR UPDATE OR DELETE ON referral_rollup
  FOR EACH ROW EXECUTE FUNCTION pilar_rollup_cascade('referral_rollup_regency', 'regency_code,partner_id,status', 'n');

-- SPM services and the PPKS categories whose cases need them ([S], editable; seeded from
-- SPM_INDICATORS in packages/domain/src/reports/spm.ts).
CREATE TABLE spm_category (
  spm       smallint NOT NULL CHECK (spm BETWEEN 1 AND 5),
  ppks_code smallint NOT NULL REFERENCES ppks_category (code),
  PRIMARY KEY (spm, ppks_code)
);
INSERT INTO spm_category (spm, ppks_code) VALUES (1, 9), (2, 1), (2, 2), (3, 8), (4, 11), (4, 12), (5, 21), (5, 22);

-- A person needs SPM service k in year Y when a case of theirs in one of k's categories
-- was assessed in Y or given a service in Y (intervention follows an assessment); they
-- were served in Y when such a case had a service delivered in Y. Persons, not cases:
-- one row per (person, k, Y). Household cases (no person) are not counted.
CREATE TABLE spm_subject (
  regency_code text NOT NULL,
  person_id    uuid NOT NULL,
  village_code text NOT NULL,
  spm          smallint NOT NULL,
  year         integer NOT NULL,
  served       boolean NOT NULL,
  PRIMARY KEY (regency_code, person_id, spm, year, village_code)
);
CREATE TABLE spm_rollup (
  regency_code text NOT NULL, village_code text NOT NULL, spm smallint NOT NULL, year integer NOT NULL,
  needing integer NOT NULL, served integer NOT NULL,
  PRIMARY KEY (regency_code, village_code, spm, year)
);
CREATE TABLE spm_rollup_regency (
  regency_code text NOT NULL, spm smallint NOT NULL, year integer NOT NULL, needing integer NOT NULL, served integer NOT NULL,
  PRIMARY KEY (regency_code, spm, year)
);
CREATE TRIGGER spm_rollup_up AFTER INSERT OR UPDATE OR DELETE ON spm_rollup
  FOR EACH ROW EXECUTE FUNCTION pilar_rollup_cascade('spm_rollup_regency', 'regency_code,spm,year', 'needing,served');

CREATE FUNCTION pilar_spm_refresh(reg text, pid uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF pid IS NULL THEN RETURN; END IF;
  UPDATE spm_rollup r SET needing = r.needing - 1, served = r.served - s.served::int
  FROM spm_subject s
  WHERE s.regency_code = reg AND s.person_id = pid
    AND r.regency_code = s.regency_code AND r.village_code = s.village_code AND r.spm = s.spm AND r.year = s.year;
  DELETE FROM spm_subject WHERE regency_code = reg AND person_id = pid;
  INSERT INTO spm_subject (regency_code, person_id, village_code, spm, year, served)
  SELECT c.regency_code, c.person_id, c.village_code, m.spm, w.year, bool_or(w.served)
  FROM ppks_case c
  JOIN spm_category m ON m.ppks_code = c.ppks_code
  JOIN LATERAL (
    SELECT extract(year FROM a.assessed_on)::int AS year, false AS served FROM assessment a WHERE a.regency_code = c.regency_code AND a.case_id = c.id
    UNION ALL
    SELECT extract(year FROM d.delivered_on)::int, true FROM service_delivery d WHERE d.regency_code = c.regency_code AND d.case_id = c.id
  ) w ON true
  WHERE c.regency_code = reg AND c.person_id = pid
  GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO spm_rollup (regency_code, village_code, spm, year, needing, served)
  SELECT regency_code, village_code, spm, year, 1, served::int FROM spm_subject WHERE regency_code = reg AND person_id = pid
  ON CONFLICT (regency_code, village_code, spm, year)
  DO UPDATE SET needing = spm_rollup.needing + EXCLUDED.needing, served = spm_rollup.served + EXCLUDED.served;
END $$;

-- Registration (opened_on) to first service delivered, per case, and its histogram by
-- the case's village × month of the first service × whole days.
CREATE TABLE case_first_service (
  regency_code text NOT NULL,
  case_id      uuid NOT NULL,
  village_code text NOT NULL,
  opened_on    date NOT NULL,
  first_on     date NOT NULL,
  days         integer NOT NULL,
  PRIMARY KEY (regency_code, case_id)
);
CREATE TABLE service_lag_rollup (
  regency_code text NOT NULL, village_code text NOT NULL, month date NOT NULL, days integer NOT NULL, n integer NOT NULL,
  PRIMARY KEY (regency_code, village_code, month, days)
);
CREATE TABLE service_lag_rollup_regency (
  regency_code text NOT NULL, month date NOT NULL, days integer NOT NULL, n integer NOT NULL,
  PRIMARY KEY (regency_code, month, days)
);
CREATE TRIGGER service_lag_rollup_up AFTER INSERT OR UPDATE OR DELETE ON service_lag_rollup
  FOR EACH ROW EXECUTE FUNCTION pilar_rollup_cascade('service_lag_rollup_regency', 'regency_code,month,days', 'n');

CREATE FUNCTION pilar_first_service_refresh(reg text, cid uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE service_lag_rollup r SET n = r.n - 1
  FROM case_first_service f
  WHERE f.regency_code = reg AND f.case_id = cid
    AND r.regency_code = f.regency_code AND r.village_code = f.village_code AND r.month = date_trunc('month', f.first_on)::date AND r.days = f.days;
  DELETE FROM case_first_service WHERE regency_code = reg AND case_id = cid;
  INSERT INTO case_first_service (regency_code, case_id, village_code, opened_on, first_on, days)
  SELECT c.regency_code, c.id, c.village_code, c.opened_on, d.first_on, greatest(0, d.first_on - c.opened_on)
  FROM ppks_case c
  JOIN LATERAL (SELECT min(s.delivered_on) AS first_on FROM service_delivery s WHERE s.regency_code = c.regency_code AND s.case_id = c.id) d
    ON d.first_on IS NOT NULL
  WHERE c.regency_code = reg AND c.id = cid;
  INSERT INTO service_lag_rollup (regency_code, village_code, month, days, n)
  SELECT regency_code, village_code, date_trunc('month', first_on)::date, days, 1 FROM case_first_service WHERE regency_code = reg AND case_id = cid
  ON CONFLICT (regency_code, village_code, month, days) DO UPDATE SET n = service_lag_rollup.n + 1;
END $$;

CREATE FUNCTION pilar_case_work_rollups() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  rows jsonb[] := ARRAY[]::jsonb[];
  r jsonb;
  cid uuid;
  owner uuid;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN rows := rows || to_jsonb(OLD); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN rows := rows || to_jsonb(NEW); END IF;
  FOREACH r IN ARRAY rows LOOP
    cid := CASE WHEN TG_TABLE_NAME = 'ppks_case' THEN (r ->> 'id')::uuid ELSE (r ->> 'case_id')::uuid END;
    IF TG_TABLE_NAME IN ('ppks_case', 'service_delivery') THEN PERFORM pilar_first_service_refresh(r ->> 'regency_code', cid); END IF;
    PERFORM pilar_spm_refresh(r ->> 'regency_code', (r ->> 'person_id')::uuid);
    IF TG_TABLE_NAME <> 'ppks_case' THEN
      -- The case's own person too (merges re-point cases before their rows).
      SELECT c.person_id INTO owner FROM ppks_case c WHERE c.regency_code = r ->> 'regency_code' AND c.id = cid;
      IF owner IS DISTINCT FROM (r ->> 'person_id')::uuid THEN PERFORM pilar_spm_refresh(r ->> 'regency_code', owner); END IF;
    END IF;
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER ppks_case_dash AFTER INSERT OR DELETE ON ppks_case FOR EACH ROW EXECUTE FUNCTION pilar_case_work_rollups();
CREATE TRIGGER ppks_case_dash_upd AFTER UPDATE ON ppks_case FOR EACH ROW
  WHEN (OLD.person_id IS DISTINCT FROM NEW.person_id OR OLD.village_code <> NEW.village_code OR OLD.ppks_code <> NEW.ppks_code OR OLD.opened_on <> NEW.opened_on)
  EXECUTE FUNCTION pilar_case_work_rollups();
CREATE TRIGGER assessment_dash AFTER INSERT OR DELETE ON assessment FOR EACH ROW EXECUTE FUNCTION pilar_case_work_rollups();
CREATE TRIGGER assessment_dash_upd AFTER UPDATE ON assessment FOR EACH ROW
  WHEN (OLD.person_id IS DISTINCT FROM NEW.person_id OR OLD.case_id <> NEW.case_id OR OLD.assessed_on <> NEW.assessed_on OR OLD.village_code <> NEW.village_code)
  EXECUTE FUNCTION pilar_case_work_rollups();
CREATE TRIGGER service_delivery_dash AFTER INSERT OR DELETE ON service_delivery FOR EACH ROW EXECUTE FUNCTION pilar_case_work_rollups();
CREATE TRIGGER service_delivery_dash_upd AFTER UPDATE ON service_delivery FOR EACH ROW
  WHEN (OLD.person_id IS DISTINCT FROM NEW.person_id OR OLD.case_id <> NEW.case_id OR OLD.delivered_on <> NEW.delivered_on OR OLD.village_code <> NEW.village_code)
  EXECUTE FUNCTION pilar_case_work_rollups();

-- Open follow-ups per village × due date.
CREATE TABLE follow_up_rollup (
  regency_code text NOT NULL, village_code text NOT NULL, due_on date NOT NULL, n integer NOT NULL,
  PRIMARY KEY (regency_code, village_code, due_on)
);
CREATE TABLE follow_up_rollup_regency (
  regency_code text NOT NULL, due_on date NOT NULL, n integer NOT NULL,
  PRIMARY KEY (regency_code, due_on)
);
CREATE TRIGGER follow_up_rollup_up AFTER INSERT OR UPDATE OR DELETE ON follow_up_rollup
  FOR EACH ROW EXECUTE FUNCTION pilar_rollup_cascade('follow_up_rollup_regency', 'regency_code,due_on', 'n');
CREATE FUNCTION pilar_follow_up_rollup() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.done_at IS NULL THEN
    INSERT INTO follow_up_rollup VALUES (OLD.regency_code, OLD.village_code, OLD.due_on, -1)
    ON CONFLICT (regency_code, village_code, due_on) DO UPDATE SET n = follow_up_rollup.n - 1;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.done_at IS NULL THEN
    INSERT INTO follow_up_rollup VALUES (NEW.regency_code, NEW.village_code, NEW.due_on, 1)
    ON CONFLICT (regency_code, village_code, due_on) DO UPDATE SET n = follow_up_rollup.n + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER follow_up_dash AFTER INSERT OR UPDATE OR DELETE ON follow_up FOR EACH ROW EXECUTE FUNCTION pilar_follow_up_rollup();

-- Visits per village × local month, with the sums of their GPS fixes (exact numerics),
-- so a map point per village is the mean position of its visits: no person, no single visit.
CREATE TABLE visit_rollup (
  regency_code text NOT NULL, village_code text NOT NULL, month date NOT NULL,
  visits integer NOT NULL, with_gps integer NOT NULL, sum_lat numeric NOT NULL, sum_lng numeric NOT NULL,
  PRIMARY KEY (regency_code, village_code, month)
);
CREATE TABLE visit_rollup_regency (
  regency_code text NOT NULL, month date NOT NULL,
  visits integer NOT NULL, with_gps integer NOT NULL, sum_lat numeric NOT NULL, sum_lng numeric NOT NULL,
  PRIMARY KEY (regency_code, month)
);
CREATE TRIGGER visit_rollup_up AFTER INSERT OR UPDATE OR DELETE ON visit_rollup
  FOR EACH ROW EXECUTE FUNCTION pilar_rollup_cascade('visit_rollup_regency', 'regency_code,month', 'visits,with_gps,sum_lat,sum_lng');
CREATE FUNCTION pilar_visit_rollup() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  rows jsonb[] := ARRAY[]::jsonb[];
  signs integer[] := ARRAY[]::integer[];
  i integer;
  r jsonb;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN rows := rows || to_jsonb(OLD); signs := signs || -1; END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN rows := rows || to_jsonb(NEW); signs := signs || 1; END IF;
  FOR i IN 1 .. array_length(rows, 1) LOOP
    r := rows[i];
    INSERT INTO visit_rollup VALUES (
      r ->> 'regency_code', r ->> 'village_code',
      date_trunc('month', pilar_local_date((r ->> 'occurred_at')::timestamptz, r ->> 'village_code'))::date,
      signs[i], signs[i] * (r ->> 'lat' IS NOT NULL)::int,
      signs[i] * coalesce((r ->> 'lat')::float8::numeric, 0), signs[i] * coalesce((r ->> 'lng')::float8::numeric, 0))
    ON CONFLICT (regency_code, village_code, month) DO UPDATE SET
      visits = visit_rollup.visits + EXCLUDED.visits, with_gps = visit_rollup.with_gps + EXCLUDED.with_gps,
      sum_lat = visit_rollup.sum_lat + EXCLUDED.sum_lat, sum_lng = visit_rollup.sum_lng + EXCLUDED.sum_lng;
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER visit_dash AFTER INSERT OR UPDATE OR DELETE ON visit FOR EACH ROW EXECUTE FUNCTION pilar_visit_rollup();


-- Province-level twins of every regency-level rollup (regency_code holds the province
-- code): nasional reads 38 provinces, provinsi the regencies of one province.
CREATE TABLE case_rollup_province (LIKE case_rollup_regency INCLUDING ALL);
CREATE TRIGGER case_rollup_regency_up AFTER INSERT OR UPDATE OR DELETE ON case_rollup_regency
  FOR EACH ROW EXECUTE FUNCTION pilar_rollup_cascade('case_rollup_province', 'regency_code,status,verification,month', 'n', 'province');
CREATE TABLE person_ppks_rollup_province (LIKE person_ppks_rollup_regency INCLUDING ALL);
CREATE TRIGGER person_ppks_rollup_regency_up AFTER INSERT OR UPDATE OR DELETE ON person_ppks_rollup_regency
  FOR EACH ROW EXECUTE FUNCTION pilar_rollup_cascade('person_ppks_rollup_province', 'regency_code,ppks_code', 'n', 'province');
CREATE TABLE service_rollup_province (LIKE service_rollup_regency INCLUDING ALL);
CREATE TRIGGER service_rollup_regency_up AFTER INSERT OR UPDATE OR DELETE ON service_rollup_regency
  FOR EACH ROW EXECUTE FUNCTION pilar_rollup_cascade('service_rollup_province', 'regency_code,service_code,unit,month', 'n,quantity', 'province');
CREATE TABLE referral_rollup_province (LIKE referral_rollup_regency INCLUDING ALL);
CREATE TRIGGER referral_rollup_regency_up AFTER INSERT OR UPDATE OR DELETE ON referral_rollup_regency
  FOR EACH ROW EXECUTE FUNCTION pilar_rollup_cascade('referral_rollup_province', 'regency_code,partner_id,status', 'n', 'province');
CREATE TABLE spm_rollup_province (LIKE spm_rollup_regency INCLUDING ALL);
CREATE TRIGGER spm_rollup_regency_up AFTER INSERT OR UPDATE OR DELETE ON spm_rollup_regency
  FOR EACH ROW EXECUTE FUNCTION pilar_rollup_cascade('spm_rollup_province', 'regency_code,spm,year', 'needing,served', 'province');
CREATE TABLE service_lag_rollup_province (LIKE service_lag_rollup_regency INCLUDING ALL);
CREATE TRIGGER service_lag_rollup_regency_up AFTER INSERT OR UPDATE OR DELETE ON service_lag_rollup_regency
  FOR EACH ROW EXECUTE FUNCTION pilar_rollup_cascade('service_lag_rollup_province', 'regency_code,month,days', 'n', 'province');
CREATE TABLE follow_up_rollup_province (LIKE follow_up_rollup_regency INCLUDING ALL);
CREATE TRIGGER follow_up_rollup_regency_up AFTER INSERT OR UPDATE OR DELETE ON follow_up_rollup_regency
  FOR EACH ROW EXECUTE FUNCTION pilar_rollup_cascade('follow_up_rollup_province', 'regency_code,due_on', 'n', 'province');
CREATE TABLE visit_rollup_province (LIKE visit_rollup_regency INCLUDING ALL);
CREATE TRIGGER visit_rollup_regency_up AFTER INSERT OR UPDATE OR DELETE ON visit_rollup_regency
  FOR EACH ROW EXECUTE FUNCTION pilar_rollup_cascade('visit_rollup_province', 'regency_code,month', 'visits,with_gps,sum_lat,sum_lng', 'province');

REVOKE ALL ON spm_subject, case_first_service FROM pilar_app;

-- Backfill from what is already there (the triggers keep them from now on).
INSERT INTO case_rollup_regency SELECT regency_code, status, verification, month, sum(n) FROM case_rollup GROUP BY 1, 2, 3, 4;
INSERT INTO person_ppks_rollup_regency SELECT regency_code, ppks_code, sum(n) FROM person_ppks_rollup GROUP BY 1, 2;
INSERT INTO service_rollup_regency SELECT regency_code, service_code, unit, month, sum(n), sum(quantity) FROM service_rollup GROUP BY 1, 2, 3, 4;
INSERT INTO referral_rollup_regency SELECT regency_code, partner_id, status, sum(n) FROM referral_rollup GROUP BY 1, 2, 3;
SELECT pilar_spm_refresh(regency_code, person_id) FROM (SELECT DISTINCT regency_code, person_id FROM ppks_case WHERE person_id IS NOT NULL) p;
SELECT pilar_first_service_refresh(regency_code, case_id) FROM (SELECT DISTINCT regency_code, case_id FROM service_delivery) s;
INSERT INTO follow_up_rollup SELECT regency_code, village_code, due_on, count(*) FROM follow_up WHERE done_at IS NULL GROUP BY 1, 2, 3;
INSERT INTO visit_rollup
SELECT regency_code, village_code, date_trunc('month', pilar_local_date(occurred_at, village_code))::date,
       count(*), count(lat), coalesce(sum(lat::numeric), 0), coalesce(sum(lng::numeric), 0)
FROM visit GROUP BY 1, 2, 3;
