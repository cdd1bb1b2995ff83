-- Bulk writes pay per statement, not per row (issue 10, B1). Two kinds of upkeep ran a
-- PL/pgSQL row trigger for every row written:
--  * the sync log of person inserts (0030): one INSERT into sync_change per person;
--  * the cascade from a village-level rollup to its regency/province twin (0040, 0041,
--    0074…): one dynamic upsert per rollup row touched.
-- Both become statement-level triggers over transition tables: one set-based INSERT per
-- statement, whatever its size. Same rows, same transaction (so the same xid for the
-- sync log and the same totals for the rollups); the rollup property tests and the sync
-- tests check both.

-- Person inserts logged per statement. Updates and deletes keep the row trigger: they
-- come one at a time and need the changed-field diff.
CREATE FUNCTION pilar_track_inserts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- TG_ARGV: entity type, village column, person column ('' when none), as pilar_track_change.
  EXECUTE format(
    'INSERT INTO sync_change (entity_type, entity_id, village_code, person_id, op, version)
     SELECT %L, n.id, n.%I, %s, ''insert'', n.version FROM pilar_new_rows n',
    TG_ARGV[0], TG_ARGV[1], CASE WHEN NULLIF(TG_ARGV[2], '') IS NULL THEN 'NULL::uuid' ELSE format('n.%I', TG_ARGV[2]) END);
  RETURN NULL;
END $$;

DROP TRIGGER person_sync ON person;
CREATE TRIGGER person_sync AFTER UPDATE OR DELETE ON person
  FOR EACH ROW EXECUTE FUNCTION pilar_track_change('person', 'village_code', 'id');
CREATE TRIGGER person_sync_insert AFTER INSERT ON person REFERENCING NEW TABLE AS pilar_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION pilar_track_inserts('person', 'village_code', 'id');

-- A coarser rollup kept from a finer one, per statement: the finer rows' deltas (new rows
-- +, old rows −) grouped by the coarser key, upserted in key order (a steady lock order
-- for concurrent writers). TG_ARGV as pilar_rollup_cascade: target table, key columns,
-- measure columns, optionally 'province' (the regency_code column holds the 2-digit
-- province code).
CREATE FUNCTION pilar_rollup_cascade_rows() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  target   text := TG_ARGV[0];
  keys     text[] := string_to_array(TG_ARGV[1], ',');
  measures text[] := string_to_array(TG_ARGV[2], ',');
  province boolean := TG_NARGS > 3 AND TG_ARGV[3] = 'province';
  key_list text;
  key_expr text;
  plus     text;
  minus    text;
  src      text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM pilar_old_rows) THEN RETURN NULL; END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM pilar_new_rows) THEN
    RETURN NULL; -- e.g. the UPDATE half of an upsert that only inserted
  END IF;
  key_list := (SELECT string_agg(quote_ident(k), ', ') FROM unnest(keys) k);
  key_expr := (SELECT string_agg(CASE WHEN province AND k = 'regency_code' THEN 'left(regency_code, 2)' ELSE quote_ident(k) END
                                 || ' AS ' || quote_ident(k), ', ') FROM unnest(keys) k);
  plus  := (SELECT string_agg(quote_ident(m), ', ') FROM unnest(measures) m);
  minus := (SELECT string_agg('-' || quote_ident(m) || ' AS ' || quote_ident(m), ', ') FROM unnest(measures) m);
  src := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %s, %s FROM pilar_new_rows', key_expr, plus)
    WHEN 'DELETE' THEN format('SELECT %s, %s FROM pilar_old_rows', key_expr, minus)
    ELSE format('SELECT %1$s, %2$s FROM pilar_new_rows UNION ALL SELECT %1$s, %3$s FROM pilar_old_rows', key_expr, plus, minus)
  END;
  EXECUTE format(
    'INSERT INTO %1$I (%2$s, %3$s) SELECT %2$s, %4$s FROM (%5$s) d GROUP BY %2$s ORDER BY %2$s
     ON CONFLICT (%2$s) DO UPDATE SET %6$s',
    target, key_list, plus,
    (SELECT string_agg(format('sum(%I)', m), ', ') FROM unnest(measures) m),
    src,
    (SELECT string_agg(format('%1$I = %2$I.%1$I + EXCLUDED.%1$I', m, target), ', ') FROM unnest(measures) m));
  RETURN NULL;
END $$;

-- Every row-level cascade trigger, whichever migration made it, becomes three statement
-- triggers with the same arguments.
DO $$
DECLARE
  t    record;
  args text;
BEGIN
  FOR t IN
    SELECT tg.tgname, tg.tgrelid::regclass::text AS rel, tg.tgargs, tg.tgnargs
    FROM pg_trigger tg
    WHERE tg.tgfoid = 'pilar_rollup_cascade'::regproc AND NOT tg.tgisinternal
    ORDER BY tg.tgrelid::regclass::text
  LOOP
    args := (SELECT string_agg(quote_literal(a), ', ' ORDER BY i)
             FROM unnest((string_to_array(encode(t.tgargs, 'escape'), '\000'))[1:t.tgnargs]) WITH ORDINALITY AS x(a, i));
    EXECUTE format('DROP TRIGGER %I ON %s', t.tgname, t.rel);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %s REFERENCING NEW TABLE AS pilar_new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION pilar_rollup_cascade_rows(%s)', t.tgname || '_ins', t.rel, args);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %s REFERENCING OLD TABLE AS pilar_old_rows NEW TABLE AS pilar_new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION pilar_rollup_cascade_rows(%s)', t.tgname || '_upd', t.rel, args);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %s REFERENCING OLD TABLE AS pilar_old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION pilar_rollup_cascade_rows(%s)', t.tgname || '_del', t.rel, args);
  END LOOP;
END $$;
