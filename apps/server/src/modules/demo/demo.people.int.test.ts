import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateNik } from '@pilar/domain';
import { systemClock, type Services } from '../../platform/access/unit-of-work';
import { FileStore } from '../../platform/files/files';
import { IdentifierProtector } from '../../platform/security/identifiers';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { testKeys } from '../../../test/keys';
import { actorWith, as } from '../../../test/actors';
import { rollupsAndTruth } from '../../../test/factories.people';
import * as cases from '../cases/cases.service';
import { personTimeline } from '../people/timeline.service';
import { revealNik } from '../people/people.service';
import { loadDemoPeople } from './demo.people';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const services = () =>
  ({ db: t.db, ids: new IdentifierProtector(testKeys), files: new FileStore(mkdtempSync(join(tmpdir(), 'pilar-demo-'))), clock: systemClock }) as unknown as Services;

describe('demo persons and cases', () => {
  it('loads a few hundred synthetic persons with cases in every state, once, with consistent rollups', async () => {
    const lines: string[] = [];
    const first = await loadDemoPeople(services(), (m) => lines.push(m));
    expect(first).toEqual({ persons: 320, cases: 320 });
    expect(lines[0]).toContain('320 persons');
    expect(await loadDemoPeople(services())).toEqual({ persons: 0, cases: 0 });
    const statuses = await t.ownerQuery(`SELECT DISTINCT status FROM ppks_case ORDER BY 1`);
    expect(statuses.rows.map((x) => x.status)).toEqual(['assessed', 'closed', 'identified', 'in_intervention', 'monitoring', 'planned']);
    const r = await rollupsAndTruth(t);
    for (const k of ['case', 'person_ppks', 'service']) expect(r[k]!.rollup, k).toEqual(r[k]!.truth);
    const dinsosSolo = actorWith(['dinsos_kab', '33.72']);
    const list = await as(t, dinsosSolo, (ctx) => cases.listCases(ctx, { page: 1, pageSize: 5 }));
    expect(list.total).toBe(160);
    const one = list.items[0]!;
    const { nik } = await as(t, dinsosSolo, (ctx) => revealNik(ctx, one.personId!, 'Memeriksa data demo sintetis'));
    expect(validateNik(nik).valid).toBe(true);
    const tl = await as(t, dinsosSolo, (ctx) => personTimeline(ctx, one.personId!));
    expect(tl.items[0]!.kind).toBe('person.registered');
  });
});
