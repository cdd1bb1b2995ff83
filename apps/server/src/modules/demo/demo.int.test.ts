import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { testKeys } from '../../../test/keys';
import { actorWith, as } from '../../../test/actors';
import { systemClock, type Services } from '../../platform/access/unit-of-work';
import { JobRunner } from '../../platform/jobs/jobs';
import { verifyAuditChains } from '../../platform/audit/audit';
import { FileStore } from '../../platform/files/files';
import { IdentifierProtector } from '../../platform/security/identifiers';
import { verifyPassword } from '../auth/passwords';
import { coverage } from '../members/coverage.service';
import { DEMO_PASSWORD, loadDemoData } from './demo.service';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const services = (): Services => {
  const s: Services = { db: t.db, ids: new IdentifierProtector(testKeys), files: new FileStore(mkdtempSync(join(tmpdir(), 'pilar-demo-'))), clock: systemClock, jobs: null as unknown as JobRunner };
  s.jobs = new JobRunner(s, { ownerUrl: t.ownerUrl, resolveActor: async () => null });
  return s;
};

describe('synthetic demo data', () => {
  it('loads nothing when PILAR_DEMO is false', async () => {
    expect(await loadDemoData(services(), { PILAR_DEMO: false })).toEqual([]);
    expect((await t.ownerQuery(`SELECT count(*)::int AS n FROM member`)).rows[0].n).toBe(0);
  });

  it('loads Babel and Solo at realistic size, units with boards and one user per role, once', async () => {
    const lines: string[] = [];
    const logins = await loadDemoData(services(), { PILAR_DEMO: true }, (m) => lines.push(m));
    expect(lines.join('\n')).toContain(DEMO_PASSWORD);
    expect(logins.map((l) => l.username)).toEqual(expect.arrayContaining(['dinsos.bangka', 'verifikator.bangka', 'kadis.bangka', 'dinsos.solo', 'ipsm.solo', 'psm.solo', 'psm.bangka', 'kemensos', 'mitra.solo', 'dinsos.babel']));
    const counts = (await t.ownerQuery(`SELECT left(regency_code, 2) AS p, count(*)::int AS n FROM member GROUP BY 1 ORDER BY 1`)).rows;
    const soloVillages = (await t.ownerQuery(`SELECT count(*)::int AS n FROM area WHERE level = 'village' AND code LIKE '33.72.%'`)).rows[0].n;
    expect(counts).toEqual([{ p: '19', n: 408 }, { p: '33', n: soloVillages }]);
    expect(soloVillages).toBe(54);
    const babelVillages = (await t.ownerQuery(`SELECT count(*)::int AS n FROM area WHERE level = 'village' AND code LIKE '19.%'`)).rows[0].n;
    const withAny = (await t.ownerQuery(`SELECT count(DISTINCT village_code)::int AS n FROM member WHERE regency_code LIKE '19.%'`)).rows[0].n;
    expect(withAny).toBeLessThan(babelVillages); // some villages have none
    const several = (await t.ownerQuery(`SELECT count(*)::int AS n FROM (SELECT village_code FROM member WHERE regency_code LIKE '19.%' GROUP BY 1 HAVING count(*) >= 2) x`)).rows[0].n;
    expect(several).toBeGreaterThan(10); // and some several
    // Every demo member obeys the registry's rules and the rollup matches.
    const babel = await as(t, actorWith(['dinsos_prov', '19']), (ctx) => coverage(ctx, { area: '19', page: 1, pageSize: 10 }));
    const active = (await t.ownerQuery(`SELECT count(*)::int AS n FROM member WHERE status = 'aktif' AND regency_code LIKE '19.%'`)).rows[0].n;
    expect(babel.activeMembers).toBe(active);
    expect(babel.villagesTotal).toBe(babelVillages);
    expect(babel.villagesWithout.total).toBeGreaterThan(0);
    const units = (await t.ownerQuery(`SELECT count(*)::int AS n FROM ipsm_unit`)).rows[0].n;
    const regencies = (await t.ownerQuery(`SELECT count(*)::int AS n FROM area WHERE parent_code = '19'`)).rows[0].n;
    expect(units).toBe(regencies + 3);
    const boards = (await t.ownerQuery(`SELECT status, count(*)::int AS n FROM ipsm_board GROUP BY 1 ORDER BY 1`)).rows;
    expect(boards).toEqual([{ status: 'current', n: units }, { status: 'ended', n: units }]);
    const user = (await t.ownerQuery(`SELECT password_hash, must_change_password FROM app_user WHERE username = 'verifikator.bangka'`)).rows[0];
    expect(user.must_change_password).toBe(false);
    expect(await verifyPassword(user.password_hash, DEMO_PASSWORD)).toBe(true);
    const nikInClear = (await t.ownerQuery(`SELECT count(*)::int AS n FROM member WHERE nik_masked !~ '\\*'`)).rows[0].n;
    expect(nikInClear).toBe(0);
    expect((await verifyAuditChains(t.db.pool)).every((c) => c.ok)).toBe(true);

    // Second start: nothing loaded again.
    expect(await loadDemoData(services(), { PILAR_DEMO: true })).toEqual([]);
    expect((await t.ownerQuery(`SELECT count(*)::int AS n FROM member`)).rows[0].n).toBe(408 + 54);
  });
});
