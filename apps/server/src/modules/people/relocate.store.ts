import type { Queryable } from '../../platform/db/pool';
import { ALL_ROLLUPS, withRollups } from '../cases/rollups';

/**
 * The rows that belong to a person beside `person` itself, parents before children.
 * Every one carries (regency_code, person_id, village_code): the owner's regency and
 * village, which scope it (RLS and store predicates) and move with the person.
 */
export const PERSON_TABLES = [
  'person_ppks',
  'person_consent',
  'ppks_case',
  'case_event',
  'assessment',
  'case_goal',
  'case_service_plan',
  'service_delivery',
  'follow_up',
  'visit',
  'referral',
] as const;
export type PersonTable = (typeof PERSON_TABLES)[number];

/** The person moved to another village of the same regency: their rows follow (rollups too). */
export async function moveWithinRegency(db: Queryable, m: { regencyCode: string; personId: string; villageCode: string }): Promise<void> {
  const sel = { regencyCode: m.regencyCode, personIds: [m.personId] };
  await withRollups(db, sel, ALL_ROLLUPS, async () => {
    for (const t of PERSON_TABLES) {
      await db.query(`UPDATE ${t} SET village_code = $3 WHERE regency_code = $1 AND person_id = $2`, [m.regencyCode, m.personId, m.villageCode]);
    }
  });
}

/**
 * Moves a person and everything they own to another regency, keeping every id. The
 * regency is the leading key (the Citus distribution column, which cannot be updated),
 * so this is an insert of copies under the new key and a delete of the old rows, in one
 * transaction. The caller must see both ends (see transfers.service).
 * Household memberships end: the household stays where it is. Returns rows moved per table.
 */
/**
 * Records of other modules that point at the person by (regency_code, person_id)
 * and do not travel with a transfer (programme memberships, proposals, distribution
 * lists, complaints, disaster victims): found from the catalogue, so a module added
 * later is covered too. Returns table → row count, only non-zero ones.
 */
export async function recordsThatStay(db: Queryable, key: { regencyCode: string; personId: string }): Promise<Record<string, number>> {
  const { rows } = await db.query(
    `SELECT DISTINCT src.relname AS t
     FROM pg_constraint k JOIN pg_class src ON src.oid = k.conrelid JOIN pg_class dst ON dst.oid = k.confrelid
     WHERE k.contype = 'f' AND dst.relname = 'person' AND src.relname <> ALL($1)`,
    [[...PERSON_TABLES, 'household_member', 'person']],
  );
  const out: Record<string, number> = {};
  for (const r of rows) {
    const { rows: n } = await db.query(`SELECT count(*)::int AS n FROM "${r.t}" WHERE regency_code = $1 AND person_id = $2`, [key.regencyCode, key.personId]);
    if (n[0].n > 0) out[r.t] = n[0].n;
  }
  return out;
}

export async function moveToRegency(
  db: Queryable,
  m: { personId: string; fromRegency: string; toRegency: string; toVillage: string },
): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  const old: string[] = [m.fromRegency, m.personId];
  await withRollups(
    db,
    { regencyCode: m.fromRegency, personIds: [m.personId] },
    ALL_ROLLUPS,
    async () => {
      const { rows } = await db.query(`SELECT status FROM person WHERE regency_code = $1 AND id = $2`, old);
      const status = rows[0].status as string;
      // Free the unique NIK slot before the copy is inserted; the old row is deleted below.
      await db.query(`UPDATE person SET status = 'deleted' WHERE regency_code = $1 AND id = $2`, old);
      const override = { regency_code: m.toRegency, village_code: m.toVillage, status, rw: null, rt: null };
      await db.query(
        `INSERT INTO person SELECT (jsonb_populate_record(NULL::person, to_jsonb(p) || $3::jsonb || jsonb_build_object('version', p.version + 1))).*
         FROM person p WHERE p.regency_code = $1 AND p.id = $2`,
        [...old, JSON.stringify(override)],
      );
      for (const t of PERSON_TABLES) {
        const o: Record<string, unknown> = { regency_code: m.toRegency, village_code: m.toVillage };
        if (t === 'ppks_case') o.household_id = null;
        const r = await db.query(
          `INSERT INTO ${t} SELECT (jsonb_populate_record(NULL::${t}, to_jsonb(o) || $3::jsonb)).* FROM ${t} o WHERE o.regency_code = $1 AND o.person_id = $2`,
          [...old, JSON.stringify(o)],
        );
        moved[t] = r.rowCount ?? 0;
      }
      const hm = await db.query(`DELETE FROM household_member WHERE regency_code = $1 AND person_id = $2`, old);
      moved.household_member_ended = hm.rowCount ?? 0;
      for (const t of [...PERSON_TABLES].reverse()) await db.query(`DELETE FROM ${t} WHERE regency_code = $1 AND person_id = $2`, old);
      await db.query(`DELETE FROM person WHERE regency_code = $1 AND id = $2`, old);
    },
    { regencyCode: m.toRegency, personIds: [m.personId] },
  );
  return moved;
}

export interface MergeItem {
  t: PersonTable | 'household_member';
  id: string;
  op: 'repointed' | 'ended';
}

/** Re-points the duplicate's rows to the survivor and returns exactly what was changed. */
export async function repointForMerge(
  db: Queryable,
  m: { regencyCode: string; fromId: string; toId: string; toVillage: string; today: string },
): Promise<MergeItem[]> {
  const items: MergeItem[] = [];
  const r = m.regencyCode;
  // A category both hold stays once: the duplicate's assignment is ended.
  const ended = await db.query(
    `UPDATE person_ppks d SET ended_on = $4, end_reason = 'merge' WHERE d.regency_code = $1 AND d.person_id = $2 AND d.ended_on IS NULL
       AND EXISTS (SELECT 1 FROM person_ppks s WHERE s.regency_code = $1 AND s.person_id = $3 AND s.ppks_code = d.ppks_code AND s.ended_on IS NULL)
     RETURNING id`,
    [r, m.fromId, m.toId, m.today],
  );
  for (const row of ended.rows) items.push({ t: 'person_ppks', id: row.id, op: 'ended' });
  const left = await db.query(
    `UPDATE household_member d SET left_on = $4 WHERE d.regency_code = $1 AND d.person_id = $2 AND d.left_on IS NULL
       AND EXISTS (SELECT 1 FROM household_member s WHERE s.regency_code = $1 AND s.person_id = $3 AND s.household_id = d.household_id AND s.left_on IS NULL)
     RETURNING id`,
    [r, m.fromId, m.toId, m.today],
  );
  for (const row of left.rows) items.push({ t: 'household_member', id: row.id, op: 'ended' });
  const hm = await db.query(`UPDATE household_member SET person_id = $3 WHERE regency_code = $1 AND person_id = $2 AND left_on IS NULL RETURNING id`, [r, m.fromId, m.toId]);
  for (const row of hm.rows) items.push({ t: 'household_member', id: row.id, op: 'repointed' });
  // Rows ended by the merge stay with the duplicate, so an un-merge simply reopens them.
  const keep = ended.rows.map((row) => row.id as string);
  for (const t of PERSON_TABLES) {
    const res = await db.query(
      `UPDATE ${t} SET person_id = $3, village_code = $4 WHERE regency_code = $1 AND person_id = $2 AND id <> ALL($5::uuid[]) RETURNING id`,
      [r, m.fromId, m.toId, m.toVillage, keep],
    );
    for (const row of res.rows) items.push({ t, id: row.id, op: 'repointed' });
  }
  return items;
}

/** Who owns the recorded rows now (a later merge may have moved them on): all are touched by an undo. */
export async function currentOwners(db: Queryable, regencyCode: string, items: MergeItem[]): Promise<string[]> {
  const owners = new Set<string>();
  for (const t of new Set(items.map((i) => i.t))) {
    const ids = items.filter((i) => i.t === t).map((i) => i.id);
    const { rows } = await db.query(`SELECT DISTINCT person_id FROM ${t} WHERE regency_code = $1 AND id = ANY($2::uuid[]) AND person_id IS NOT NULL`, [regencyCode, ids]);
    for (const r of rows) owners.add(r.person_id as string);
  }
  return [...owners];
}

/** Restores what a merge changed: rows go back to the duplicate (and its village). */
export async function undoRepoint(db: Queryable, m: { regencyCode: string; backTo: string; village: string; items: MergeItem[] }): Promise<void> {
  const byTable = new Map<string, MergeItem[]>();
  for (const it of m.items) byTable.set(`${it.t}:${it.op}`, [...(byTable.get(`${it.t}:${it.op}`) ?? []), it]);
  for (const [key, its] of byTable) {
    const [t, op] = key.split(':') as [MergeItem['t'], MergeItem['op']];
    const ids = its.map((i) => i.id);
    if (op === 'ended') {
      const col = t === 'household_member' ? 'left_on' : 'ended_on';
      const extra = t === 'person_ppks' ? ', end_reason = NULL' : '';
      await db.query(`UPDATE ${t} SET ${col} = NULL${extra} WHERE regency_code = $1 AND id = ANY($2::uuid[])`, [m.regencyCode, ids]);
    } else if (t === 'household_member') {
      await db.query(`UPDATE household_member SET person_id = $3 WHERE regency_code = $1 AND id = ANY($2::uuid[])`, [m.regencyCode, ids, m.backTo]);
    } else {
      await db.query(`UPDATE ${t} SET person_id = $3, village_code = $4 WHERE regency_code = $1 AND id = ANY($2::uuid[])`, [m.regencyCode, ids, m.backTo, m.village]);
    }
  }
  // Rows added to a restored case while it was merged (events, services, visits…) follow their case.
  const restoredCases = m.items.filter((i) => i.t === 'ppks_case' && i.op === 'repointed').map((i) => i.id);
  if (restoredCases.length) await alignCaseChildren(db, m.regencyCode, restoredCases);
}

/** Tables whose rows belong to a case and carry its person and village. */
const CASE_CHILDREN = ['case_event', 'assessment', 'case_goal', 'case_service_plan', 'service_delivery', 'follow_up', 'visit', 'referral'] as const;

/** Gives the rows of these cases the case's own person and village. */
export async function alignCaseChildren(db: Queryable, regencyCode: string, caseIds: string[]): Promise<void> {
  for (const t of CASE_CHILDREN) {
    await db.query(
      `UPDATE ${t} x SET person_id = c.person_id, village_code = c.village_code FROM ppks_case c
       WHERE x.regency_code = $1 AND c.regency_code = $1 AND x.case_id = c.id AND c.id = ANY($2::uuid[])
         AND (x.person_id IS DISTINCT FROM c.person_id OR x.village_code <> c.village_code)`,
      [regencyCode, caseIds],
    );
  }
}
