import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { actorWith, as, syntheticNik } from '../../../test/actors';
import { buildPerson, rollupsAndTruth } from '../../../test/factories.people';
import { addMember, createHousehold } from '../people/households.service';
import { engineFor } from './targets';
import { readRows, type SourceRow } from './source';
import { csv } from './test-support';
import type { ImportRowResult } from './rows';

/**
 * The bulk path writes the people module's tables itself; the service path calls its
 * services row by row. The same file over the same data must give the same outcome
 * per row and the same rows in every table (ids aside), rollups equal to their
 * definition, and every written person audited.
 */
const importer = actorWith(['dinsos_kab', '33.72'], ['dinsos_kab', '33.71']);
const bangka = actorWith(['dinsos_kab', '19.01']);
const nik = (district: string, birth: string, sex: 'L' | 'P', serial: number) => syntheticNik(district, birth, sex, serial);
const KK_A = '3372010101200011';
const KK_H = '3372010101200022'; // existing household in Solo with a head
const KK_M = '3371010101200033'; // existing household in Kota Magelang (visible, other regency)
const KK_B = '1901010101200044'; // existing household in Bangka (outside the importer's scope)
const EXISTING = nik('33.72.01', '1960-02-02', 'L', 9001);
const ELSEWHERE = nik('19.01.01', '1961-03-03', 'L', 9002);
const ROW1 = nik('33.72.01', '1950-03-12', 'L', 1);

async function seed(t: TestDatabase) {
  await buildPerson(t, importer, {
    villageCode: '33.72.01.1001',
    nik: EXISTING,
    fullName: 'Sudah Ada',
    sex: 'L',
    birthDate: '1960-02-02',
  });
  await buildPerson(t, bangka, {
    villageCode: '19.01.01.1001',
    nik: ELSEWHERE,
    fullName: 'Di Bangka',
    sex: 'L',
    birthDate: '1961-03-03',
  });
  const head = await buildPerson(t, importer, {
    villageCode: '33.72.01.1002',
    nik: nik('33.72.01', '1955-05-05', 'L', 9003),
    fullName: 'Kepala H',
    sex: 'L',
    birthDate: '1955-05-05',
  });
  await as(t, importer, async (ctx) => {
    const h = await createHousehold(ctx, { villageCode: '33.72.01.1002', kk: KK_H });
    await addMember(ctx, h.id, { personId: head.id, relationship: 'kepala_keluarga' });
    await createHousehold(ctx, { villageCode: '33.71.01.1003', kk: KK_M });
  });
  await as(t, bangka, (ctx) => createHousehold(ctx, { villageCode: '19.01.01.1001', kk: KK_B }));
}

const HEADER = ['NIK', 'No KK', 'Nama', 'JK', 'Tanggal Lahir', 'RT', 'RW', 'Alamat', 'Kode Desa', 'PPKS', 'SHDK'];
const r = (n: string, kk: string, name: string, sex: string, birth: string, village: string, ppks = '', rel = '') => [
  n,
  kk,
  name,
  sex,
  birth,
  '3',
  '4',
  'Jl. Mawar',
  village,
  ppks,
  rel,
];
const FILE = csv([
  HEADER,
  r(ROW1, KK_A, 'Kepala A', 'L', '12-03-1950', '33.72.01.1001', 'Fakir Miskin, 8', 'Kepala Keluarga'),
  r(nik('33.72.01', '1952-04-04', 'P', 2), KK_A, 'Istri A', 'P', '04-04-1952', '33.72.01.1001', 'Fakir Miskin', 'Istri'),
  r(nik('33.72.01', '1953-05-05', 'L', 3), KK_A, 'Kepala Kedua A', 'L', '05-05-1953', '33.72.01.1001', '', 'Kepala Keluarga'),
  r(nik('33.72.01', '1990-06-06', 'P', 4), KK_H, 'Anak H', 'P', '06-06-1990', '33.72.01.1002', '', 'Anak'),
  r(nik('33.72.01', '1956-07-07', 'L', 5), KK_H, 'Kepala Lain H', 'L', '07-07-1956', '33.72.01.1002', '', 'Kepala Keluarga'),
  r(EXISTING, '', 'Sudah Ada', 'L', '02-02-1960', '33.72.01.1001'),
  r(EXISTING, '', 'Nama Berbeda', 'L', '02-02-1960', '33.72.01.1001'),
  r(ELSEWHERE, '', 'Di Bangka', 'L', '03-03-1961', '33.72.01.1001'),
  r(nik('33.72.01', '1970-08-08', 'L', 6), KK_B, 'KK Bangka', 'L', '08-08-1970', '33.72.01.1001'),
  r(nik('33.72.01', '1971-09-09', 'L', 7), KK_M, 'KK Magelang', 'L', '09-09-1971', '33.72.01.1001', '', 'Anak'),
  r('3372010909710000', '', 'NIK Salah', 'L', '09-09-1971', '33.72.01.1001'),
  // second batch
  r(nik('33.72.02', '1980-10-10', 'P', 8), '', 'Disabilitas', 'P', '10-10-1980', '33.72.02.1001', 'Penyandang Disabilitas'),
  r(nik('33.72.01', '2010-11-11', 'L', 9), KK_A, 'Anak A', 'L', '11-11-2010', '33.72.01.1001', 'Anak Terlantar', 'Anak'),
  r(ROW1, '', 'Ganda', 'L', '12-03-1950', '33.72.01.1001'),
  r(
    nik('33.71.01', '1975-12-12', 'L', 10),
    KK_M,
    'Warga Magelang',
    'L',
    '12-12-1975',
    '33.71.01.1003',
    'Fakir Miskin',
    'Kepala Keluarga',
  ),
]);

async function importWith(t: TestDatabase, path: 'bulk' | 'service'): Promise<ImportRowResult[]> {
  const rows: SourceRow[] = [];
  for await (const row of readRows(FILE, 'csv')) if (row.row > 1) rows.push(row);
  const mapping = Object.fromEntries(
    ['nik', 'kk', 'fullName', 'sex', 'birthDate', 'rt', 'rw', 'address', 'villageCode', 'ppks', 'relationship'].map((k, i) => [
      k,
      i,
    ]),
  );
  const importId = uuidv7();
  const engine = await as(t, importer, (ctx) => engineFor(ctx, 'persons', mapping, path));
  const results: ImportRowResult[] = [];
  for (const batch of [rows.slice(0, 11), rows.slice(11)]) {
    const checks = batch.map((row) => engine.check(row));
    results.push(...(await as(t, importer, (ctx) => engine.write(ctx, importId, checks, { audit: true }))));
  }
  return results;
}

async function snapshot(t: TestDatabase) {
  const q = async (sql: string) => (await t.ownerQuery(sql)).rows.map((x) => JSON.stringify(x)).sort();
  return {
    person: await q(
      `SELECT encode(nik_hash, 'hex') AS nik, nik_masked, full_name, sex, birth_date::text, birth_place, village_code, regency_code, rt, rw, address, phone, status, version, aliases, disability_types, created_by FROM person`,
    ),
    household: await q(
      `SELECT encode(kk_hash, 'hex') AS kk, kk_masked, village_code, rt, rw, address, status, created_by FROM household`,
    ),
    household_kk: await q(
      `SELECT encode(kk_hash, 'hex') AS kk, kk_masked, village_code, issued_on, replaced_at IS NULL AS current FROM household_kk`,
    ),
    household_member:
      await q(`SELECT encode(h.kk_hash, 'hex') AS kk, encode(p.nik_hash, 'hex') AS nik, m.relationship, m.village_code, m.joined_on, m.left_on
                               FROM household_member m JOIN household h ON h.id = m.household_id JOIN person p ON p.id = m.person_id`),
    person_ppks:
      await q(`SELECT encode(p.nik_hash, 'hex') AS nik, pp.ppks_code, pp.assessed_on::text, pp.assessor_label, pp.village_code, pp.ended_on
                          FROM person_ppks pp JOIN person p ON p.id = pp.person_id`),
    person_ppks_rollup: await q(`SELECT regency_code, village_code, ppks_code, n FROM person_ppks_rollup WHERE n <> 0`),
    sync_change: await q(`SELECT entity_type, op, count(*)::int FROM sync_change GROUP BY 1, 2`),
  };
}

let bulk: ImportRowResult[] = [];
let service: ImportRowResult[] = [];
let bulkDb: TestDatabase;
let serviceDb: TestDatabase;
beforeAll(async () => {
  [bulkDb, serviceDb] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await seed(bulkDb);
  await seed(serviceDb);
});
afterAll(async () => {
  await bulkDb?.drop();
  await serviceDb?.drop();
});

describe('bulk path and service path of the persons import', () => {
  it('give the same outcome per row and the same rows in every table', async () => {
    bulk = await importWith(bulkDb, 'bulk');
    service = await importWith(serviceDb, 'service');
    const outcome = (rs: ImportRowResult[]) => rs.map((x) => `${x.row}:${x.status}:${x.reasons.map((i) => i.code).join(',')}`);
    expect(outcome(bulk)).toEqual(outcome(service));
    expect(bulk.map((x) => x.status)).toEqual([
      'accepted',
      'accepted',
      'rejected',
      'accepted',
      'rejected',
      'unchanged',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'accepted',
      'accepted',
      'rejected',
      'accepted',
    ]);
    const [a, b] = [await snapshot(bulkDb), await snapshot(serviceDb)];
    expect(a).toEqual(b);
    expect(a.household_member).toHaveLength(6);
    for (const t of [bulkDb, serviceDb]) {
      const rollups = await rollupsAndTruth(t);
      expect(rollups.person_ppks!.rollup).toEqual(rollups.person_ppks!.truth);
    }
  });

  it('audits every person either path wrote', async () => {
    for (const [t, action, results] of [
      [bulkDb, 'person.imported', bulk],
      [serviceDb, 'person.created', service],
    ] as const) {
      const written = results.filter((x) => x.status === 'accepted').map((x) => x.entityId!);
      const events = await t.ownerQuery(`SELECT person_id, details FROM audit_event WHERE action = $1`, [action]);
      const audited = new Set(events.rows.flatMap((e) => (e.details.personIds as string[] | undefined) ?? [e.person_id]));
      expect(written).toHaveLength(6);
      for (const id of written) expect(audited.has(id), id).toBe(true);
    }
  });
});
