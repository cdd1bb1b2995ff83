import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { actorWith, as, syntheticNik } from '../../../test/actors';
import { verifyAuditChains } from '../../platform/audit/audit';
import * as people from './people.service';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const SOLO_VILLAGE = '33.72.01.1001';
const SOLO_SIBLING = '33.72.01.1002';
const BANGKA_VILLAGE = '19.01.01.1001';
const psmSolo = actorWith(['psm', SOLO_VILLAGE]);
const psmSibling = actorWith(['psm', SOLO_SIBLING]);
const psmBangka = actorWith(['psm', BANGKA_VILLAGE]);
const dinsosSolo = actorWith(['dinsos_kab', '33.72']);
const ipsmSolo = actorWith(['ipsm_pengurus', '33.72']);

const nikA = syntheticNik('33.72.01', '1950-03-12', 'P', 1);
const nikB = syntheticNik('19.01.01', '1988-11-02', 'L', 7);

const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { status: number; code: string; errors: { field: string }[]; msg: { id: string; en: string } };
  }
  throw new Error('expected an error');
};

describe('registering a person', () => {
  let id: string;
  it('stores the NIK only as a keyed hash and ciphertext, and answers it masked', async () => {
    const p = await as(t, psmSolo, (ctx) =>
      people.createPerson(ctx, { villageCode: SOLO_VILLAGE, fullName: 'Sri Wahyuni', sex: 'P', birthDate: '1950-03-12', nik: nikA }),
    );
    id = p.id;
    expect(p.nikMasked).toBe(`${nikA.slice(0, 4)}********${nikA.slice(-4)}`);
    expect(p.regencyCode).toBe('33.72');
    expect(p.actions).toEqual(expect.arrayContaining(['person.update', 'person.reveal_nik']));
    expect(p.actions).not.toContain('person.history');
    const raw = await t.ownerQuery(`SELECT nik_hash, nik_enc, row_to_json(person)::text AS j FROM person WHERE id = $1`, [id]);
    expect(raw.rows[0].nik_hash).toHaveLength(32);
    expect(raw.rows[0].j).not.toContain(nikA);
    expect(Buffer.from(raw.rows[0].nik_enc).toString('latin1')).not.toContain(nikA);
  });

  it('rejects an invalid NIK naming the field, and needs a NIK or the reason there is none', async () => {
    const bad = await errorOf(as(t, psmSolo, (ctx) => people.createPerson(ctx, { villageCode: SOLO_VILLAGE, fullName: 'X', nik: '3372010000000000' })));
    expect(bad.status).toBe(400);
    expect(bad.errors.map((e) => e.field)).toContain('nik');
    const none = await errorOf(as(t, psmSolo, (ctx) => people.createPerson(ctx, { villageCode: SOLO_VILLAGE, fullName: 'X' })));
    expect(none.status).toBe(400);
    expect(none.errors[0]!.field).toBe('nik');
    const ok = await as(t, psmSolo, (ctx) => people.createPerson(ctx, { villageCode: SOLO_VILLAGE, fullName: 'Tanpa NIK', nikMissingReason: 'belum_rekam' }));
    expect(ok.nikMasked).toBeNull();
    expect(ok.nikMissingReason).toBe('belum_rekam');
  });

  it('warns, never blocks, when the declared sex disagrees with the NIK', async () => {
    const nik = syntheticNik('33.72.01', '1970-01-05', 'L', 2);
    const p = await as(t, psmSolo, (ctx) => people.createPerson(ctx, { villageCode: SOLO_VILLAGE, fullName: 'Budi', sex: 'P', nik }));
    expect(p.warnings.map((w) => w.field)).toContain('sex');
  });

  it('stops an exact duplicate NIK and points to the existing record only inside the scope', async () => {
    const dup = await errorOf(as(t, dinsosSolo, (ctx) => people.createPerson(ctx, { villageCode: SOLO_SIBLING, fullName: 'Sri W.', nik: nikA })));
    expect(dup.status).toBe(409);
    expect(dup.code).toBe('duplicate_nik');
    expect(dup.msg.en).toContain(id);
    const elsewhere = await errorOf(as(t, psmBangka, (ctx) => people.createPerson(ctx, { villageCode: BANGKA_VILLAGE, fullName: 'Sri', nik: nikA })));
    expect(elsewhere.code).toBe('nik_registered_elsewhere');
    expect(elsewhere.msg.en).not.toContain(id);
  });

  it('refuses a village outside the scope and an unknown village', async () => {
    const out = await errorOf(as(t, psmSolo, (ctx) => people.createPerson(ctx, { villageCode: SOLO_SIBLING, fullName: 'Y', nik: nikB })));
    expect(out.status).toBe(403);
    expect(out.errors[0]!.field).toBe('villageCode');
    const unknown = await errorOf(as(t, psmSolo, (ctx) => people.createPerson(ctx, { villageCode: '33.72.01.9999', fullName: 'Y', nik: nikB })));
    expect(unknown.status).toBe(400);
    expect(unknown.errors[0]!.field).toBe('villageCode');
    const none = await t.ownerQuery(`SELECT count(*)::int AS n FROM person WHERE full_name = 'Y'`);
    expect(none.rows[0].n).toBe(0);
  });

  it('answers 404 outside the scope, for reading, editing and revealing alike', async () => {
    for (const actor of [psmSibling, psmBangka]) {
      expect((await errorOf(as(t, actor, (ctx) => people.getPerson(ctx, id)))).status).toBe(404);
      expect((await errorOf(as(t, actor, (ctx) => people.updatePerson(ctx, id, { version: 1, fullName: 'Z' })))).status).toBe(404);
      expect((await errorOf(as(t, actor, (ctx) => people.revealNik(ctx, id, 'verifikasi bantuan sosial')))).status).toBe(404);
    }
    // IPSM boards see no PPKS records at all.
    expect((await errorOf(as(t, ipsmSolo, (ctx) => people.getPerson(ctx, id)))).status).toBe(403);
  });

  it('reveals the NIK for a stated reason and audits the reason', async () => {
    const { nik } = await as(t, psmSolo, (ctx) => people.revealNik(ctx, id, 'Verifikasi data PKH di kantor desa'));
    expect(nik).toBe(nikA);
    const ev = await t.ownerQuery(`SELECT purpose, actor_label FROM audit_event WHERE person_id = $1 AND action = 'person.nik_revealed'`, [id]);
    expect(ev.rows).toEqual([{ purpose: 'Verifikasi data PKH di kantor desa', actor_label: psmSolo.username }]);
  });

  it('refuses a stale version instead of overwriting', async () => {
    const fresh = await as(t, psmSolo, (ctx) => people.getPerson(ctx, id));
    await as(t, psmSolo, (ctx) => people.updatePerson(ctx, id, { version: fresh.version, phone: '0812 3456 7890' }));
    const stale = await errorOf(as(t, dinsosSolo, (ctx) => people.updatePerson(ctx, id, { version: fresh.version, phone: '0813' })));
    expect(stale.status).toBe(409);
    expect(stale.code).toBe('version_conflict');
    expect((await as(t, psmSolo, (ctx) => people.getPerson(ctx, id))).phone).toBe('0812 3456 7890');
  });

  it('lists the processing history of one person and nobody else', async () => {
    const h = await as(t, dinsosSolo, (ctx) => people.processingHistory(ctx, id));
    const actions = h.items.map((i) => i.action);
    expect(actions).toEqual(expect.arrayContaining(['person.created', 'person.read', 'person.nik_revealed', 'person.updated']));
    const ids = await t.ownerQuery(`SELECT DISTINCT person_id FROM audit_event WHERE person_id IS NOT NULL`);
    expect(ids.rows.length).toBeGreaterThan(1);
    expect(JSON.stringify(h)).not.toContain(nikA);
    // The history read is itself audited.
    const again = await as(t, dinsosSolo, (ctx) => people.processingHistory(ctx, id));
    expect(again.items.at(-1)!.action).toBe('person.history_read');
  });
});

describe('Row-Level Security, the second wall', () => {
  it('returns no personal rows to the application role without a scope, and only in-scope rows with one', async () => {
    const owner = await t.ownerQuery(`SELECT count(*)::int AS n FROM person`);
    expect(owner.rows[0].n).toBeGreaterThan(0);
    const c = new pg.Client({ connectionString: t.ownerUrl });
    await c.connect();
    try {
      await c.query('SET ROLE pilar_app');
      expect((await c.query(`SELECT count(*)::int AS n FROM person`)).rows[0].n).toBe(0);
      expect((await c.query(`SELECT count(*)::int AS n FROM person WHERE village_code LIKE '33.%'`)).rows[0].n).toBe(0);
      await c.query('BEGIN');
      await c.query(`SELECT set_config('pilar.scope', '19.01', true)`);
      expect((await c.query(`SELECT count(*)::int AS n FROM person`)).rows[0].n).toBe(0);
      await c.query('ROLLBACK');
      await c.query('BEGIN');
      await c.query(`SELECT set_config('pilar.scope', '33.72.01.1001', true)`);
      const inScope = await c.query(`SELECT DISTINCT village_code FROM person`);
      expect(inScope.rows.map((r) => r.village_code)).toEqual(['33.72.01.1001']);
      // Writing outside the scope is refused by the policy's WITH CHECK.
      await expect(c.query(`UPDATE person SET village_code = '33.72.01.1002' WHERE village_code = '33.72.01.1001'`)).rejects.toThrow(/row-level security/);
      await c.query('ROLLBACK');
    } finally {
      await c.end();
    }
  });
});

describe('append-only, hash-chained audit', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of audit rows to the application role', async () => {
    const c = new pg.Client({ connectionString: t.ownerUrl });
    await c.connect();
    try {
      await c.query('SET ROLE pilar_app');
      await expect(c.query(`UPDATE audit_event SET action = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`DELETE FROM audit_event`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`TRUNCATE audit_event`)).rejects.toThrow(/permission denied/);
    } finally {
      await c.end();
    }
  });

  it('verifies intact chains, and finds a superuser’s edit and a removed tail', async () => {
    const ok = await verifyAuditChains(t.db.pool);
    expect(ok.length).toBeGreaterThan(0);
    expect(ok.every((r) => r.ok)).toBe(true);

    const c = new pg.Client({ connectionString: t.ownerUrl });
    await c.connect();
    try {
      await c.query(`ALTER TABLE audit_event DISABLE TRIGGER USER`);
      // The busiest lane of Kota Surakarta's chains.
      const lane = (await c.query(`SELECT chain FROM audit_event WHERE chain LIKE '33.72/%' GROUP BY chain ORDER BY count(*) DESC LIMIT 1`)).rows[0].chain;
      const target = (await c.query(`SELECT chain, seq FROM audit_event WHERE chain = $1 ORDER BY seq LIMIT 1 OFFSET 2`, [lane])).rows[0];
      await c.query(`UPDATE audit_event SET purpose = 'edited later' WHERE chain = $1 AND seq = $2`, [target.chain, target.seq]);
      const edited = (await verifyAuditChains(c)).find((r) => r.chain === lane)!;
      expect(edited.ok).toBe(false);
      expect(edited.brokenAt!.seq).toBe(Number(target.seq));
      await c.query(`UPDATE audit_event SET purpose = NULL WHERE chain = $1 AND seq = $2`, [target.chain, target.seq]);
      expect((await verifyAuditChains(c)).find((r) => r.chain === lane)!.ok).toBe(true);

      const last = (await c.query(`SELECT max(seq) AS s FROM audit_event WHERE chain = $1`, [lane])).rows[0].s;
      await c.query(`DELETE FROM audit_event WHERE chain = $1 AND seq = $2`, [lane, last]);
      const cut = (await verifyAuditChains(c)).find((r) => r.chain === lane)!;
      expect(cut.ok).toBe(false);
      expect(cut.brokenAt!.reason).toMatch(/removed/);
    } finally {
      await c.query(`ALTER TABLE audit_event ENABLE TRIGGER USER`);
      await c.end();
    }
  });

  it('rolls back the audit with the change it describes', async () => {
    const before = (await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_event`)).rows[0].n;
    await errorOf(
      as(t, psmSolo, async (ctx) => {
        await people.createPerson(ctx, { villageCode: SOLO_VILLAGE, fullName: 'Gagal', nikMissingReason: 'tidak_punya' });
        throw new Error('boom after the write');
      }),
    );
    expect((await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_event`)).rows[0].n).toBe(before);
    expect((await t.ownerQuery(`SELECT count(*)::int AS n FROM person WHERE full_name = 'Gagal'`)).rows[0].n).toBe(0);
  });
});
