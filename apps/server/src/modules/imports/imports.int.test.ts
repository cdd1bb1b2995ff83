import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { actorWith, syntheticNik } from '../../../test/actors';
import { buildUser, signIn } from '../../../test/factories';
import { buildPerson, rollupsAndTruth } from '../../../test/factories.people';
import { csv, importFile, upload } from './test-support';

/**
 * Imports of persons from spreadsheets with every kind of bad row: good rows go in
 * whole (person + household + PPKS), bad rows are reported with their reason,
 * nothing else changes, and importing the same file again changes nothing.
 */
let t: TestApp;
let headers: Record<string, string>;
const dinsos = actorWith(['dinsos_kab', '33.72']);

const PERSON_TABLES = ['person', 'household', 'household_kk', 'household_member', 'person_ppks', 'person_consent', 'ppks_case'];
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of PERSON_TABLES)
    out[table] = (await t.database.ownerQuery(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
  return out;
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

const HEADER = [
  'NIK',
  'No KK',
  'Nama',
  'Jenis Kelamin',
  'Tempat Lahir',
  'Tanggal Lahir',
  'Alamat',
  'RT',
  'RW',
  'Kode Desa',
  'Kategori PPKS',
  'Hubungan Keluarga',
  'Catatan',
];
const KK = '3372010101200001';
const nik = (birth: string, sex: 'L' | 'P', serial: number) => syntheticNik('33.72.01', birth, sex, serial);

describe('importing persons from CSV', () => {
  it('takes good rows whole, reports every bad row with its reason, changes nothing else, and is idempotent', async () => {
    const existingNik = nik('1960-02-02', 'L', 7001);
    await buildPerson(t.database, dinsos, {
      villageCode: '33.72.01.1001',
      nik: existingNik,
      fullName: 'Sudah Terdaftar',
      sex: 'L',
      birthDate: '1960-02-02',
    });
    const before = await counts();
    const head = nik('1950-03-12', 'L', 1);
    const file = csv([
      HEADER,
      [
        head,
        KK,
        'Slamet Riyadi',
        'L',
        'Surakarta',
        '12-03-1950',
        'Jl. Melati 1',
        '1',
        '2',
        '33.72.01.1001',
        'Fakir Miskin, Lanjut Usia Terlantar',
        'Kepala Keluarga',
        'catatan bebas',
      ],
      [
        nik('1955-06-20', 'P', 2),
        KK,
        'Sri Wahyuni',
        'P',
        'Sragen',
        '20/06/1955',
        'Jl. Melati 1',
        '001',
        '002',
        '33.72.01.1001',
        'Fakir Miskin',
        'Istri',
        '',
      ],
      ['3372011203500000', '', 'Serial Nol', 'L', '', '12-03-1950', '', '', '', '33.72.01.1001', '', '', ''],
      [nik('1970-01-01', 'L', 4), '', 'Desa Tak Dikenal', 'L', '', '01-01-1970', '', '', '', '33.72.01.9999', '', '', ''],
      [head, '', 'Ganda Di Berkas', 'L', '', '12-03-1950', '', '', '', '33.72.01.1001', '', '', ''],
      [existingNik, '', 'Nama Lain', 'L', '', '02-02-1960', '', '', '', '33.72.01.1001', '', '', ''],
      [nik('1980-05-05', 'L', 7), '', 'Bulan Tiga Belas', 'L', '', '1980/13/45', '', '', '', '33.72.01.1001', '', '', ''],
      [nik('1980-03-25', 'L', 8), '', 'Urutan Amerika', 'L', '', '03/25/1980', '', '', '', '33.72.01.1001', '', '', ''],
      [nik('1985-03-12', 'L', 9), '', 'Tahun Dua Angka', 'L', '', '12-03-85', '', '', '', '33.72.01.1001', '', '', ''],
      [nik('1986-04-04', 'P', 10), '', '', 'P', '', '04-04-1986', '', '', '', '33.72.01.1001', '', '', ''],
      ['', '', 'Tanpa NIK', 'P', '', '04-04-1986', '', '', '', '33.72.01.1001', '', '', ''],
      [
        syntheticNik('19.01.01', '1990-01-01', 'L', 12),
        '',
        'Di Luar Wilayah',
        'L',
        '',
        '01-01-1990',
        '',
        '',
        '',
        '19.01.01.1001',
        '',
        '',
        '',
      ],
      [
        nik('1980-03-14', 'P', 13),
        '',
        'Tanggal Serial Excel',
        'P',
        '',
        '29294',
        '',
        '',
        '',
        '33.72.01.1002',
        'Penyandang Disabilitas',
        '',
        '',
      ],
      [
        nik('1991-07-07', 'L', 14),
        '',
        'Kategori Aneh',
        'L',
        '',
        '07-07-1991',
        '',
        '',
        '',
        '33.72.01.1001',
        'Kategori Aneh',
        '',
        '',
      ],
      [nik('1992-08-08', 'L', 15), '', 'Jenis Kelamin Aneh', 'X', '', '08-08-1992', '', '', '', '33.72.01.1001', '', '', ''],
    ]);
    const { upload: up, done, byRow } = await importFile(t.app, headers, 'persons', 'dtks.csv', file);
    expect(up.unmappedColumns).toEqual(['Catatan']);
    expect(up.preview.rows.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'accepted',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'accepted',
      'rejected',
      'rejected',
    ]);
    expect(done).toMatchObject({
      status: 'succeeded',
      counts: { accepted: 3, unchanged: 0, rejected: 12 },
      progress: { done: 15, total: 15 },
    });
    const code = (row: number) => byRow[row]!.reasons.map((r) => r.code);
    expect(byRow[2]!.status).toBe('accepted');
    expect(byRow[3]!.status).toBe('accepted');
    expect(code(4)).toContain('nik.serial');
    expect(code(5)).toContain('village.unknown');
    expect(code(6)).toEqual(['nik.duplicate_in_file']);
    expect(byRow[6]!.reasons[0]!.message.en).toBe('Same NIK as row 2');
    expect(code(7)).toEqual(['nik.duplicate_db']);
    expect(code(8)).toEqual(['date.invalid']);
    expect(code(9)).toEqual(['date.month_day_order']);
    expect(code(10)).toEqual(['date.two_digit_year']);
    expect(code(11)).toEqual(['cell.required']);
    expect(code(12)).toEqual(['cell.required']);
    expect(code(13)).toEqual(['village.outside_scope']);
    expect(byRow[14]!.status).toBe('accepted');
    expect(code(15)).toEqual(['ppks.unknown']);
    expect(code(16)).toEqual(['sex.invalid']);
    for (const r of Object.values(byRow))
      for (const reason of r.reasons) expect(reason.message.id && reason.message.en).toBeTruthy();

    // Good rows whole: the person, the household with both members, the categories and the rollups.
    const after = await counts();
    expect(after).toEqual({
      ...before,
      person: before.person! + 3,
      household: 1,
      household_kk: 1,
      household_member: 2,
      person_ppks: before.person_ppks! + 4,
    });
    const people = await t.database.ownerQuery(
      `SELECT full_name, sex, birth_date::text AS b, rt, rw, nik_masked FROM person WHERE id = ANY($1) ORDER BY full_name`,
      [[byRow[2]!.entityId, byRow[3]!.entityId, byRow[14]!.entityId]],
    );
    expect(people.rows).toEqual([
      { full_name: 'Slamet Riyadi', sex: 'L', b: '1950-03-12', rt: '001', rw: '002', nik_masked: byRow[2]!.nikMasked },
      { full_name: 'Sri Wahyuni', sex: 'P', b: '1955-06-20', rt: '001', rw: '002', nik_masked: byRow[3]!.nikMasked },
      { full_name: 'Tanggal Serial Excel', sex: 'P', b: '1980-03-14', rt: null, rw: null, nik_masked: byRow[14]!.nikMasked },
    ]);
    const members = await t.database.ownerQuery(`SELECT relationship FROM household_member ORDER BY relationship`);
    expect(members.rows.map((r) => r.relationship)).toEqual(['istri', 'kepala_keluarga']);
    const rollups = await rollupsAndTruth(t.database);
    expect(rollups.person_ppks!.rollup).toEqual(rollups.person_ppks!.truth);
    const audit = await t.database.ownerQuery(`SELECT details FROM audit_event WHERE action = 'person.imported'`);
    expect(audit.rows.flatMap((r) => r.details.personIds).sort()).toEqual(
      [byRow[2]!.entityId, byRow[3]!.entityId, byRow[14]!.entityId].sort(),
    );

    // The report lists every row with its reason; the upload itself is gone.
    const report = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${up.id}/report?format=csv`, headers });
    expect(report.statusCode).toBe(200);
    const lines = report.body.trim().split('\r\n');
    expect(lines).toHaveLength(16);
    expect(lines[5]).toContain('Same NIK as row 2');
    expect(report.body).not.toContain('Slamet');
    expect(
      (await t.database.ownerQuery(`SELECT count(*)::int AS n FROM import_chunk WHERE import_id = $1`, [up.id])).rows[0].n,
    ).toBe(0);

    // The same file again: nothing changes.
    const again = await importFile(t.app, headers, 'persons', 'dtks.csv', file);
    expect(again.upload.previousImports.map((p: { id: string }) => p.id)).toEqual([up.id]);
    expect(again.done.counts).toEqual({ accepted: 0, unchanged: 3, rejected: 12 });
    expect(again.byRow[2]).toMatchObject({ status: 'unchanged', entityId: byRow[2]!.entityId });
    expect(await counts()).toEqual(after);
  });

  it('reads an XLSX with a title row, merged cells, real dates and a NIK typed as a number', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data PPKS');
    ws.addRow(['DATA PPKS KELURAHAN BUMI 2026']);
    ws.mergeCells('A1:E1');
    ws.addRow(['NIK', 'Nama Lengkap', 'Tgl Lahir', 'Kode Desa', 'PPKS']);
    ws.addRow([nik('1940-01-10', 'L', 21), 'Lansia Satu', new Date(Date.UTC(1940, 0, 10)), '33.72.01.1003', 'Lansia Telantar']);
    ws.addRow([nik('1941-02-11', 'P', 22), 'Lansia Dua', new Date(Date.UTC(1941, 1, 11)), null, '8']);
    ws.addRow([nik('1942-03-12', 'L', 23), 'Lansia Tiga', '12-03-1942', null, 'lanjut usia terlantar']);
    ws.mergeCells('D3:D5');
    ws.addRow([Number(nik('1943-04-13', 'P', 24)), 'NIK Angka', '13-04-1943', '33.72.01.1003', '8']);
    ws.getColumn(1).numFmt = '@';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const { upload: up, done, byRow } = await importFile(t.app, headers, 'persons', 'ppks.xlsx', bytes);
    expect(up).toMatchObject({ format: 'xlsx', headerRow: 2, totalRows: 4 });
    expect(done.counts).toEqual({ accepted: 3, unchanged: 0, rejected: 1 });
    expect(byRow[6]!.reasons.map((r) => r.code)).toEqual(['nik.as_number']);
    const villages = await t.database.ownerQuery(`SELECT DISTINCT village_code FROM person WHERE id = ANY($1)`, [
      [3, 4, 5].map((r) => byRow[r]!.entityId),
    ]);
    expect(villages.rows).toEqual([{ village_code: '33.72.01.1003' }]);
  });

  it('refuses empty, non-spreadsheet and header-only files with a 4xx naming the file', async () => {
    const before = await counts();
    const cases: [string, Buffer, number, string][] = [
      ['kosong.csv', Buffer.alloc(0), 400, 'file.empty'],
      [
        'gambar.xlsx',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
        415,
        'file.not_spreadsheet',
      ],
      ['rusak.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]), 415, 'file.not_spreadsheet'],
      ['judul.csv', Buffer.from('NIK;Nama;Kode Desa\n'), 400, 'file.no_data'],
    ];
    for (const [name, bytes, status, code] of cases) {
      const res = await upload(t.app, headers, 'persons', name, bytes);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().errors[0]).toMatchObject({ field: 'file', code });
    }
    const none = await t.app.inject({ method: 'POST', url: '/api/v1/imports?target=persons', headers, payload: {} });
    expect(none.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('checks the mapping on commit and previews with another mapping without writing', async () => {
    const file = csv([
      ['NIK', 'Nama', 'Desa', 'Kecamatan'],
      [nik('1975-05-05', 'L', 31), 'Budi', 'Laweyan', 'Laweyan'],
      [nik('1976-06-06', 'L', 32), 'Joko', 'Pajang', 'Tidak Ada'],
    ]);
    const up = await upload(t.app, headers, 'persons', 'nama-desa.csv', file);
    expect(up.statusCode).toBe(201);
    const { id, suggestedMapping } = up.json();
    expect(suggestedMapping).toEqual({ nik: 0, fullName: 1, villageName: 2, districtName: 3 });
    expect(up.json().preview.rows.map((r: { status: string }) => r.status)).toEqual(['accepted', 'rejected']);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${id}/commit`,
      headers,
      payload: { mapping: { fullName: 1, villageName: 2, bogus: 3 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['mapping.bogus', 'mapping.nik']);
    const preview = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${id}/preview`,
      headers,
      payload: { mapping: { nik: 0, fullName: 1, villageName: 2 } },
    });
    expect(preview.statusCode).toBe(200);
    // Without the kecamatan "Pajang" is still one village inside Kota Surakarta.
    expect(preview.json().rows.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
    expect(preview.json().rows[0].values.nik).toMatch(/^\d{4}\*{8}\d{4}$/);
    const persons = (await t.database.ownerQuery(`SELECT count(*)::int AS n FROM person WHERE full_name IN ('Budi', 'Joko')`))
      .rows[0].n;
    expect(persons).toBe(0);
    const cancel = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${id}/cancel`, headers });
    expect(cancel.json().status).toBe('cancelled');
  });
});
