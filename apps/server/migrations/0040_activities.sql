-- PSM activity log (issue 7 §1): entries typed by the six duties of Permensos 10/2019
-- (a–f, DOMAIN.md §1) plus programme accompaniment; typed by hand (photo, GPS) or
-- derived from case work by triggers on the case tables (registration, assessment,
-- visit, referral, service), so every write path — API, sync, import, transfer —
-- produces them in its own transaction without the cases module knowing.

-- Local calendar date of a moment in the area's own time zone (WIB/WITA/WIT by province).
CREATE FUNCTION pilar_area_zone(code text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE (SELECT time_zone FROM area WHERE area.code = left($1, 2))
           WHEN 'WITA' THEN 'Asia/Makassar' WHEN 'WIT' THEN 'Asia/Jayapura' ELSE 'Asia/Jakarta' END
$$;
CREATE FUNCTION pilar_local_date(at timestamptz, code text) RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT (at AT TIME ZONE pilar_area_zone(code))::date $$;
-- Noon of a local calendar date, as a moment (for work recorded by date only).
CREATE FUNCTION pilar_local_noon(d date, code text) RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT (d + time '12:00') AT TIME ZONE pilar_area_zone(code) $$;

CREATE TABLE psm_activity (
  regency_code   text NOT NULL,
  id             uuid NOT NULL,
  -- The PSM (a user holding the psm role) whose work this is.
  user_id        uuid NOT NULL REFERENCES app_user (id),
  village_code   text NOT NULL REFERENCES area (code),
  duty           text NOT NULL CHECK (duty IN ('a', 'b', 'c', 'd', 'e', 'f', 'program')),
  programme_code text REFERENCES programme (code),
  source         text NOT NULL CHECK (source IN ('manual', 'registration', 'assessment', 'visit', 'referral', 'service')),
  -- The case-work row an automatic entry comes from (its id survives transfers).
  source_id      uuid,
  title          text NOT NULL,
  note           text,
  occurred_at    timestamptz NOT NULL,
  -- Local date (area time zone), set by trigger: the month a report counts it in.
  occurred_on    date NOT NULL,
  lat            double precision CHECK (lat BETWEEN -90 AND 90),
  lng            double precision CHECK (lng BETWEEN -180 AND 180),
  accuracy_m     double precision CHECK (accuracy_m >= 0),
  photo_file_id  uuid REFERENCES stored_file (id),
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
  created_at     timestamptz NOT NULL,
  created_by     uuid,
  updated_at     timestamptz NOT NULL,
  updated_by     uuid,
  version        integer NOT NULL DEFAULT 1,
  PRIMARY KEY (regency_code, id),
  CHECK (regency_code = left(village_code, 5)),
  CHECK ((lat IS NULL) = (lng IS NULL)),
  CHECK ((source = 'manual') = (source_id IS NULL)),
  CHECK ((duty = 'program') = (programme_code IS NOT NULL))
);
CREATE INDEX psm_activity_id_idx ON psm_activity (id);
CREATE INDEX psm_activity_user_idx ON psm_activity (user_id, occurred_on);
CREATE INDEX psm_activity_village_idx ON psm_activity (village_code text_pattern_ops, occurred_on);
CREATE UNIQUE INDEX psm_activity_source_unique ON psm_activity (source, source_id) WHERE source_id IS NOT NULL;

-- Readable by whoever may see the village's persons (Dinsos, the PSM) or its PSM
-- registry (IPSM boards, who review the monthly reports). The store narrows further.
ALTER TABLE psm_activity ENABLE ROW LEVEL SECURITY;
CREATE POLICY psm_activity_in_scope ON psm_activity TO pilar_app
  USING (pilar_in_scope(village_code) OR pilar_in_member_scope(village_code))
  WITH CHECK (pilar_in_scope(village_code) OR pilar_in_member_scope(village_code));

CREATE FUNCTION pilar_activity_local_date() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.occurred_on := pilar_local_date(NEW.occurred_at, NEW.village_code);
  RETURN NEW;
END $$;
CREATE TRIGGER psm_activity_local_date BEFORE INSERT OR UPDATE OF occurred_at, village_code ON psm_activity
  FOR EACH ROW EXECUTE FUNCTION pilar_activity_local_date();

CREATE TRIGGER psm_activity_sync AFTER INSERT OR UPDATE OR DELETE ON psm_activity
  FOR EACH ROW EXECUTE FUNCTION pilar_track_change('activity', 'village_code', '');

-- Entries derived from case work. Only work by a PSM is logged (Dinsos staff have no
-- monthly PSM report). SECURITY DEFINER: the entry is written whatever the writer's
-- row scope, once per source row (a transfer re-inserts rows with the same id).
-- The duty per source mirrors AUTO_DUTY in packages/domain/src/reports/duties.ts.
CREATE FUNCTION pilar_activity_from_work() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  r    jsonb := to_jsonb(NEW);
  src  text;
  uid  uuid;
  at   timestamptz;
  ttl  text;
  duty text;
BEGIN
  CASE TG_TABLE_NAME
    WHEN 'ppks_case' THEN
      src := 'registration'; duty := 'a'; uid := (r ->> 'created_by')::uuid;
      at := pilar_local_noon((r ->> 'opened_on')::date, r ->> 'village_code');
      ttl := 'Pendataan PPKS, kasus ' || (r ->> 'case_number');
    WHEN 'assessment' THEN
      src := 'assessment'; duty := 'a'; uid := (r ->> 'assessed_by')::uuid;
      at := pilar_local_noon((r ->> 'assessed_on')::date, r ->> 'village_code');
      ttl := 'Asesmen (' || (r ->> 'form_code') || ')';
    WHEN 'visit' THEN
      src := 'visit'; duty := 'c'; uid := (r ->> 'created_by')::uuid; at := (r ->> 'occurred_at')::timestamptz;
      ttl := CASE r ->> 'kind' WHEN 'kunjungan' THEN 'Kunjungan rumah' ELSE 'Catatan pendampingan' END;
    WHEN 'referral' THEN
      src := 'referral'; duty := 'c'; uid := (r ->> 'sent_by')::uuid; at := (r ->> 'sent_at')::timestamptz;
      ttl := 'Rujukan ke mitra';
    WHEN 'service_delivery' THEN
      src := 'service'; duty := 'c'; uid := (r ->> 'delivered_by')::uuid;
      at := pilar_local_noon((r ->> 'delivered_on')::date, r ->> 'delivered_village_code');
      ttl := 'Layanan: ' || (r ->> 'service_code');
  END CASE;
  IF uid IS NULL OR NOT EXISTS (SELECT 1 FROM user_grant g WHERE g.user_id = uid AND g.role = 'psm') THEN
    RETURN NULL;
  END IF;
  INSERT INTO psm_activity (regency_code, id, user_id, village_code, duty, source, source_id, title, occurred_at, occurred_on,
                            lat, lng, created_at, created_by, updated_at, updated_by)
  VALUES (r ->> 'regency_code', gen_random_uuid(), uid, r ->> 'village_code', duty, src, (r ->> 'id')::uuid, ttl, at, at::date,
          (r ->> 'lat')::double precision, (r ->> 'lng')::double precision, now(), uid, now(), uid)
  ON CONFLICT (source, source_id) WHERE source_id IS NOT NULL DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER ppks_case_activity AFTER INSERT ON ppks_case FOR EACH ROW EXECUTE FUNCTION pilar_activity_from_work();
CREATE TRIGGER assessment_activity AFTER INSERT ON assessment FOR EACH ROW EXECUTE FUNCTION pilar_activity_from_work();
CREATE TRIGGER visit_activity AFTER INSERT ON visit FOR EACH ROW EXECUTE FUNCTION pilar_activity_from_work();
CREATE TRIGGER referral_activity AFTER INSERT ON referral FOR EACH ROW EXECUTE FUNCTION pilar_activity_from_work();
CREATE TRIGGER service_delivery_activity AFTER INSERT ON service_delivery FOR EACH ROW EXECUTE FUNCTION pilar_activity_from_work();

-- Generic upkeep of a coarser rollup from a finer one (same transaction, delta upserts):
-- TG_ARGV = target table, its key columns, its measure columns (comma-separated), and
-- optionally 'province'. The finer row's columns are read by name, so a regency-level
-- twin simply drops village_code (and any other column it does not have); a
-- province-level twin keeps the province code (2 digits) in its regency_code column.
CREATE FUNCTION pilar_rollup_shift(target text, keys text[], measures text[], rec jsonb, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'INSERT INTO %1$I (%2$s, %3$s) SELECT %4$s, %5$s FROM jsonb_populate_record(NULL::%1$I, $1) r
     ON CONFLICT (%2$s) DO UPDATE SET %6$s',
    target,
    (SELECT string_agg(quote_ident(k), ', ') FROM unnest(keys) k),
    (SELECT string_agg(quote_ident(m), ', ') FROM unnest(measures) m),
    (SELECT string_agg('r.' || quote_ident(k), ', ') FROM unnest(keys) k),
    (SELECT string_agg(format('$2 * r.%I', m), ', ') FROM unnest(measures) m),
    (SELECT string_agg(format('%1$I = %2$I.%1$I + EXCLUDED.%1$I', m, target), ', ') FROM unnest(measures) m))
  USING rec, sign;
END $$;

CREATE FUNCTION pilar_rollup_cascade() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  keys text[] := string_to_array(TG_ARGV[1], ',');
  measures text[] := string_to_array(TG_ARGV[2], ',');
  province boolean := TG_NARGS > 3 AND TG_ARGV[3] = 'province';
  r jsonb;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    r := to_jsonb(OLD);
    IF province THEN r := jsonb_set(r, '{regency_code}', to_jsonb(left(r ->> 'regency_code', 2))); END IF;
    PERFORM pilar_rollup_shift(TG_ARGV[0], keys, measures, r, -1);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    r := to_jsonb(NEW);
    IF province THEN r := jsonb_set(r, '{regency_code}', to_jsonb(left(r ->> 'regency_code', 2))); END IF;
    PERFORM pilar_rollup_shift(TG_ARGV[0], keys, measures, r, 1);
  END IF;
  RETURN NULL;
END $$;

-- Activities per village × duty × month (local), and the regency-level twin.
CREATE TABLE activity_rollup (
  regency_code text NOT NULL,
  village_code text NOT NULL,
  duty         text NOT NULL,
  month        date NOT NULL,
  n            integer NOT NULL,
  PRIMARY KEY (regency_code, village_code, duty, month)
);
CREATE TABLE activity_rollup_regency (
  regency_code text NOT NULL,
  duty         text NOT NULL,
  month        date NOT NULL,
  n            integer NOT NULL,
  PRIMARY KEY (regency_code, duty, month)
);
CREATE TRIGGER activity_rollup_up AFTER INSERT OR UPDATE OR DELETE ON activity_rollup
  FOR EACH ROW EXECUTE FUNCTION pilar_rollup_cascade('activity_rollup_regency', 'regency_code,duty,month', 'n');

CREATE FUNCTION pilar_activity_rollup() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'active' THEN
    INSERT INTO activity_rollup VALUES (OLD.regency_code, OLD.village_code, OLD.duty, date_trunc('month', OLD.occurred_on)::date, -1)
    ON CONFLICT (regency_code, village_code, duty, month) DO UPDATE SET n = activity_rollup.n - 1;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status = 'active' THEN
    INSERT INTO activity_rollup VALUES (NEW.regency_code, NEW.village_code, NEW.duty, date_trunc('month', NEW.occurred_on)::date, 1)
    ON CONFLICT (regency_code, village_code, duty, month) DO UPDATE SET n = activity_rollup.n + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER psm_activity_rollup AFTER INSERT OR UPDATE OR DELETE ON psm_activity
  FOR EACH ROW EXECUTE FUNCTION pilar_activity_rollup();

-- Province-level twins (regency_code holds the 2-digit province code): nasional reads 38 provinces.
CREATE TABLE activity_rollup_province (LIKE activity_rollup_regency INCLUDING ALL);
CREATE TRIGGER activity_rollup_regency_up AFTER INSERT OR UPDATE OR DELETE ON activity_rollup_regency
  FOR EACH ROW EXECUTE FUNCTION pilar_rollup_cascade('activity_rollup_province', 'regency_code,duty,month', 'n', 'province');
