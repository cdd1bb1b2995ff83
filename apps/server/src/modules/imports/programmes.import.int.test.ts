import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { actorWith, syntheticNik } from '../../../test/actors';
import { buildUser, signIn } from '../../../test/factories';
import { buildPerson } from '../../../test/factories.people';
import { csv, importFile, upload } from './test-support';

/**
 * Programme lists (SIKS-NG, DTSEN extracts) imported as memberships: rows for
 * registered persons go in through the programmes module's own rules, every bad row is
 * reported with its reason, nothing else changes, and the same list twice changes nothing.
 */
let t: TestApp;
let headers: Record<string, string>;
const dinsos = actorWith(['dinsos_kab', '33.72']);
const VILLAGE = '33.72.01.1001';

const nik = (birth: string, sex: 'L' | 'P', serial: number) => syntheticNik('33.72.01', birth, sex, serial);
const HEADER = [
  'NIK',
  'Nama Program',
  'Status',
  'Periode Mulai',
  'Periode Akhir',
  'No KKS',
  'Desil',
  'Sumber Data',
  'Keterangan',
];

async function memberships() {
  return (
    await t.database.ownerQuery(
      `SELECT m.programme_code AS programme, m.status, m.period_start::text AS "periodStart", m.period_end::text AS "periodEnd",
              m.kks_masked AS "kksMasked", m.kks_hash IS NOT NULL AS "kksHashed", m.decile, m.source, p.id AS "personId"
       FROM programme_membership m JOIN person p ON p.regency_code = m.regency_code AND p.id = m.person_id
       ORDER BY p.id, m.programme_code`,
    )
  ).rows;
}

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

describe('importing programme memberships', () => {
  it('takes rows of registered persons, reports every bad row with its reason, and is idempotent', async () => {
    const a = { nik: nik('1970-01-05', 'L', 11), birthDate: '1970-01-05', sex: 'L' as const };
    const b = { nik: nik('1980-02-06', 'P', 12), birthDate: '1980-02-06', sex: 'P' as const };
    const c = { nik: nik('1955-03-07', 'P', 13), birthDate: '1955-03-07', sex: 'P' as const };
    const personA = await buildPerson(t.database, dinsos, { villageCode: VILLAGE, ...a });
    const personB = await buildPerson(t.database, dinsos, { villageCode: VILLAGE, ...b });
    const personC = await buildPerson(t.database, dinsos, { villageCode: VILLAGE, ...c });
    // A person of another regency: outside the importer's scope, so as good as unregistered.
    const { rows: babel } = await t.database.ownerQuery(
      `SELECT code FROM area WHERE code LIKE '19.71.%' AND level = 'village' ORDER BY code LIMIT 1`,
    );
    const outsider = {
      nik: syntheticNik(babel[0].code.slice(0, 8), '1975-04-08', 'L', 14),
      birthDate: '1975-04-08',
      sex: 'L' as const,
    };
    await buildPerson(t.database, actorWith(['dinsos_kab', '19.71']), { villageCode: babel[0].code, ...outsider });
    const unregistered = nik('1990-05-09', 'L', 15);
    const kks = '1234567890123456';

    // Person C is already in PKH: the list's PKH row for C changes nothing.
    const first = await importFile(
      t.app,
      headers,
      'programme_memberships',
      'pkh-awal.csv',
      csv([HEADER, [c.nik, 'PKH', 'aktif', '', '', '', '', 'dtsen', '']]),
    );
    expect(first.done.counts).toMatchObject({ accepted: 1, rejected: 0 });

    const file = csv([
      HEADER,
      /* 2 */ [a.nik, 'Program Keluarga Harapan', 'Aktif', '01-01-2026', '', kks, '2', 'SIKS-NG', 'tahap 1'],
      /* 3 */ [a.nik, 'Sembako', 'Non-Aktif', '', '2026-03-31', '', '', '', ''],
      /* 4 */ [b.nik, 'PBI-JK', 'ditangguhkan', '2026-02-01', '2026-12-31', '', '1', 'dtks', ''],
      /* 5 */ [c.nik, 'pkh', 'aktif', '', '', '', '', '', ''],
      /* 6 */ [a.nik, 'PKH', '', '', '', '', '', '', ''],
      /* 7 */ [b.nik, 'Bantuan Kucing', '', '', '', '', '', '', ''],
      /* 8 */ [b.nik.slice(0, 15), 'PKH', '', '', '', '', '', '', ''],
      /* 9 */ [unregistered, 'PKH', '', '', '', '', '', '', ''],
      /* 10 */ [outsider.nik, 'PKH', '', '', '', '', '', '', ''],
      /* 11 */ [b.nik, 'BLT', '', '', '', '', '11', '', ''],
      /* 12 */ [b.nik, 'ATENSI', 'entahlah', '', '', '', '', '', ''],
      /* 13 */ [b.nik, 'BLT DD', '', '2026-06-01', '2026-01-01', '', '', '', ''],
      /* 14 */ [b.nik, 'Sembako', '', '', '', '12345', '', '', ''],
      /* 15 */ ['', 'PKH', '', '', '', '', '', '', ''],
    ]);
    const before = await memberships();
    const { done, byRow } = await importFile(t.app, headers, 'programme_memberships', 'siks-ng.csv', file);
    expect(done.status).toBe('succeeded');
    expect(done.counts).toEqual({ accepted: 3, unchanged: 1, rejected: 10 });

    expect(byRow[2]).toMatchObject({ status: 'accepted', entityId: personA.id });
    expect(byRow[3]).toMatchObject({ status: 'accepted', entityId: personA.id });
    expect(byRow[4]).toMatchObject({ status: 'accepted', entityId: personB.id });
    expect(byRow[5]).toMatchObject({ status: 'unchanged', entityId: personC.id });
    const reason = (row: number) => byRow[row]!.reasons.map((r) => `${r.field}:${r.code}`);
    expect(byRow[6]!.status).toBe('rejected');
    expect(reason(6)).toEqual(['nik:membership.duplicate_in_file']);
    expect(reason(7)).toEqual(['programme:programme.unknown']);
    expect(reason(8)).toEqual(['nik:nik.format']);
    expect(reason(9)).toEqual(['nik:person.not_registered']);
    expect(reason(10)).toEqual(['nik:person.not_registered']);
    expect(reason(11)).toEqual(['decile:decile.range']);
    expect(reason(12)).toEqual(['status:status.unknown']);
    expect(reason(13)).toEqual(['periodEnd:membership.period']);
    expect(reason(14)).toEqual(['kks:kks.format']);
    expect(reason(15)).toEqual(['nik:cell.required']);
    for (const r of Object.values(byRow))
      for (const m of r.reasons) expect(m.message.id.length && m.message.en.length).toBeTruthy();

    const after = await memberships();
    expect(after.length).toBe(before.length + 3);
    const ofA = after.filter((m) => m.personId === personA.id);
    expect(ofA).toEqual([
      expect.objectContaining({
        programme: 'pkh',
        status: 'aktif',
        periodStart: '2026-01-01',
        decile: 2,
        source: 'siks_ng',
        kksHashed: true,
      }),
      expect.objectContaining({
        programme: 'sembako',
        status: 'berhenti',
        periodEnd: '2026-03-31',
        source: 'lainnya',
        kksMasked: null,
      }),
    ]);
    expect(ofA[0]!.kksMasked).not.toContain(kks);
    expect(after.find((m) => m.personId === personB.id)).toMatchObject({
      programme: 'pbi-jk',
      status: 'ditangguhkan',
      periodEnd: '2026-12-31',
      source: 'dtsen',
    });

    // No full NIK or KKS anywhere in the stored report.
    const report = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${done.id}/report?format=csv`, headers });
    expect(report.statusCode).toBe(200);
    for (const secret of [a.nik, b.nik, c.nik, unregistered, outsider.nik, kks]) expect(report.body).not.toContain(secret);
    expect(report.body).toContain('No person with this NIK is registered in your area');

    // The same list again: nothing new, the former acceptances are now "unchanged".
    const again = await importFile(t.app, headers, 'programme_memberships', 'siks-ng.csv', file);
    expect(again.done.counts).toEqual({ accepted: 0, unchanged: 4, rejected: 10 });
    expect(await memberships()).toEqual(after);

    // A later list suspends C's PKH: the current membership is updated, not doubled; twice is once.
    const suspend = csv([HEADER, [c.nik, 'PKH', 'Ditangguhkan', '', '', '', '3', 'SIKS-NG', '']]);
    const updated = await importFile(t.app, headers, 'programme_memberships', 'tangguh.csv', suspend);
    expect(updated.done.counts).toEqual({ accepted: 1, unchanged: 0, rejected: 0 });
    expect(updated.byRow[2]!.warnings.map((w) => w.code)).toEqual(['membership.updated']);
    const ofC = (await memberships()).filter((m) => m.personId === personC.id);
    expect(ofC).toEqual([expect.objectContaining({ programme: 'pkh', status: 'ditangguhkan', decile: 3, source: 'siks_ng' })]);
    const twice = await importFile(t.app, headers, 'programme_memberships', 'tangguh.csv', suspend);
    expect(twice.done.counts).toEqual({ accepted: 0, unchanged: 1, rejected: 0 });
  });

  it('reads an XLSX with the suggested mapping and refuses users without programme.enrol', async () => {
    const person = { nik: nik('1966-06-10', 'P', 21), birthDate: '1966-06-10', sex: 'P' as const };
    await buildPerson(t.database, dinsos, { villageCode: VILLAGE, ...person });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('KPM');
    ws.addRow(['No', 'NIK KPM', 'Jenis Bantuan', 'Desil Kesejahteraan']);
    ws.addRow([1, person.nik, 'BPNT', 3]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const { upload: up, done, byRow } = await importFile(t.app, headers, 'programme_memberships', 'kpm.xlsx', bytes);
    expect(up.suggestedMapping).toEqual({ nik: 1, programme: 2, decile: 3 });
    expect(done.counts).toEqual({ accepted: 1, unchanged: 0, rejected: 0 });
    expect(byRow[2]).toMatchObject({ status: 'accepted' });

    const ipsm = await buildUser(t.database, { grants: [{ role: 'ipsm_pengurus', areaCode: '33.72' }] });
    const ipsmHeaders = (await signIn(t.app, ipsm)).headers;
    const refused = await upload(t.app, ipsmHeaders, 'programme_memberships', 'kpm.xlsx', bytes);
    expect(refused.statusCode).toBe(403);
  });
});
