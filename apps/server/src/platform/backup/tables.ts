import type { Queryable } from '../db/pool';

export interface TableInfo {
  name: string;
  /** Columns of the primary key (ordering the copy makes it deterministic and parents-first for trees). */
  key: string[];
}

/**
 * The application's tables in an order where every table comes after the
 * tables its foreign keys point to (self-references excepted: those are
 * satisfied by ordering rows by key, e.g. area codes sort parents first).
 */
export async function tablesInDependencyOrder(db: Queryable): Promise<TableInfo[]> {
  const { rows: tables } = await db.query(
    `SELECT c.relname AS name,
            COALESCE((SELECT array_agg(a.attname::text ORDER BY k.ord)
                      FROM pg_index i
                      CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                      WHERE i.indrelid = c.oid AND i.indisprimary), '{}'::text[]) AS key
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
     ORDER BY c.relname`,
  );
  const { rows: fks } = await db.query(
    `SELECT src.relname AS child, dst.relname AS parent
     FROM pg_constraint k
     JOIN pg_class src ON src.oid = k.conrelid JOIN pg_namespace sn ON sn.oid = src.relnamespace
     JOIN pg_class dst ON dst.oid = k.confrelid
     WHERE k.contype = 'f' AND sn.nspname = 'public' AND src.oid <> dst.oid`,
  );
  const deps = new Map<string, Set<string>>(tables.map((t) => [t.name as string, new Set<string>()]));
  for (const f of fks) deps.get(f.child)?.add(f.parent);
  const out: TableInfo[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const byName = new Map(tables.map((t) => [t.name as string, t]));
  const visit = (name: string) => {
    if (done.has(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const d of deps.get(name) ?? []) visit(d);
    visiting.delete(name);
    done.add(name);
    const t = byName.get(name)!;
    out.push({ name, key: t.key as string[] });
  };
  for (const t of tables) visit(t.name);
  return out;
}

/** A content checksum of one table (rows in key order), to prove a restore is identical. */
export async function tableChecksum(db: Queryable, t: TableInfo): Promise<{ rows: number; md5: string }> {
  const order = t.key.length ? t.key.map((k) => `x."${k}"`).join(', ') : 'x::text';
  const { rows } = await db.query(
    `SELECT count(*)::int AS n, md5(COALESCE(string_agg(x::text, E'\\n' ORDER BY ${order}), '')) AS h FROM "${t.name}" x`,
  );
  return { rows: rows[0].n, md5: rows[0].h };
}
