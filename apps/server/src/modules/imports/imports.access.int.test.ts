import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { syntheticNik } from '../../../test/actors';
import { buildUser, signIn } from '../../../test/factories';
import { csv, importFile, upload } from './test-support';

/** Who may import and see an import, and the PSM registry as an import target. */
let t: TestApp;
let headers: Record<string, string>;
const nik = (birth: string, sex: 'L' | 'P', serial: number) => syntheticNik('33.72.01', birth, sex, serial);

beforeAll(async () => {
  t = await createTestApp();
  await t.app.pilar.jobs.start();
  const user = await buildUser(t.database, { grants: [{ role: 'dinsos_kab', areaCode: '33.72' }] });
  headers = (await signIn(t.app, user)).headers;
});
afterAll(async () => {
  await t?.app.pilar.jobs.stop();
  await t?.close();
});

describe('import access and the members target', () => {
  it('lets nobody else see an import, and needs person.create', async () => {
    const file = csv([
      ['NIK', 'Nama', 'Kode Desa'],
      [nik('1977-07-07', 'L', 41), 'Rahasia', '33.72.01.1001'],
    ]);
    const up = await upload(t.app, headers, 'persons', 'a.csv', file);
    const other = await buildUser(t.database, { grants: [{ role: 'dinsos_kab', areaCode: '33.72' }] });
    const otherHeaders = (await signIn(t.app, other)).headers;
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/imports/${up.json().id}`, headers: otherHeaders })).statusCode,
    ).toBe(404);
    const kemensos = await buildUser(t.database, { grants: [{ role: 'kemensos', areaCode: 'ID' }] });
    const res = await upload(t.app, (await signIn(t.app, kemensos)).headers, 'persons', 'a.csv', file);
    expect(res.statusCode).toBe(403);
  });

  it('imports PSM members through the registry importer, batch by batch', async () => {
    const file = csv([
      ['NIK', 'Nama Lengkap', 'Jenis Kelamin', 'Tanggal Lahir', 'Kode Desa/Kelurahan', 'No. HP'],
      [nik('1980-04-12', 'L', 51), 'Agus PSM', 'L', '12-04-1980', '33.72.01.1001', '0812 3456 7890'],
      [nik('1975-09-03', 'P', 52), 'Siti PSM', 'P', '1975-09-03', '33.72.01.1002', ''],
      [nik('1975-09-04', 'P', 53), 'Tanggal Salah', 'P', '31-02-1975', '33.72.01.1002', ''],
      [nik('1980-04-12', 'L', 51), 'Agus Lagi', 'L', '12-04-1980', '33.72.01.1001', ''],
    ]);
    const { done, byRow } = await importFile(t.app, headers, 'members', 'psm.csv', file);
    expect(done.counts).toEqual({ accepted: 2, unchanged: 0, rejected: 2 });
    expect(byRow[4]!.reasons.map((r) => r.code)).toEqual(['date.invalid']);
    expect(byRow[5]!.reasons.map((r) => r.code)).toEqual(['nik.duplicate_in_file']);
    const members = await t.database.ownerQuery(
      `SELECT full_name, status, source FROM member WHERE id = ANY($1) ORDER BY full_name`,
      [[byRow[2]!.entityId, byRow[3]!.entityId]],
    );
    expect(members.rows).toEqual([
      { full_name: 'Agus PSM', status: 'diajukan', source: 'impor' },
      { full_name: 'Siti PSM', status: 'diajukan', source: 'impor' },
    ]);
  });
});
