import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { buildUser, signIn } from '../../../test/factories';

let t: TestApp;
let dpo: Record<string, string>;
let psm: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  dpo = (await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'dinsos_kab_head', areaCode: '33.72' }] }))).headers;
  psm = (await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'psm', areaCode: '33.72.01.1001' }] }))).headers;
});
afterAll(async () => t?.close());

describe('purposes, DPO contact, record of processing', () => {
  it('lists the declared purposes to any signed-in user, not to the public', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/privacy/purposes', headers: psm });
    expect(res.statusCode).toBe(200);
    const codes = res.json().items.map((p: { code: string }) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['pelayanan_kesos', 'verifikasi_bansos', 'pelaporan_spm', 'penanganan_bencana', 'permintaan_subjek_data', 'audit_keamanan']));
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/privacy/purposes' })).statusCode).toBe(401);
  });

  it('shows the DPO set by the office on the public page, without login', async () => {
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/privacy/offices', headers: dpo, payload: {
      areaCode: '33.72', officeName: 'Dinas Sosial Kota Surakarta', address: 'Jl. Contoh 1, Surakarta', dpoName: 'Petugas PDP', dpoEmail: 'pdp@dinsos.example.go.id', dpoPhone: '0271 123456',
    } });
    expect(put.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/privacy/offices', headers: dpo, payload: { areaCode: '19.01', officeName: 'Lain', dpoName: 'Orang Lain', dpoEmail: 'x@y.id' } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/privacy/offices', headers: psm, payload: { areaCode: '33.72', officeName: 'Lain', dpoName: 'Orang Lain', dpoEmail: 'x@y.id' } })).statusCode).toBe(403);
    const pub = await t.app.inject({ method: 'GET', url: '/api/v1/public/privacy' });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().offices).toEqual([expect.objectContaining({ areaCode: '33.72', dpoName: 'Petugas PDP', dpoEmail: 'pdp@dinsos.example.go.id' })]);
    expect(pub.json().summary.id.join(' ')).toMatch(/3 x 24 jam/);
  });

  it('generates the record of processing from the configuration (JSON and PDF) and a DPIA template', async () => {
    const ropa = (await t.app.inject({ method: 'GET', url: '/api/v1/privacy/ropa', headers: dpo })).json();
    expect(ropa.controller.dpo).toMatchObject({ name: 'Petugas PDP' });
    expect(ropa.purposes.length).toBeGreaterThanOrEqual(6);
    expect(ropa.dataCategories.filter((c: { classification: string }) => c.classification === 'spesifik').map((c: { code: string }) => c.code)).toEqual(['anak', 'kesehatan', 'pidana', 'keuangan']);
    expect(ropa.retention.map((r: { recordType: string }) => r.recordType)).toContain('audit_event');
    expect(ropa.roles.map((r: { role: string }) => r.role)).toContain('psm');
    const pdf = await t.app.inject({ method: 'GET', url: '/api/v1/privacy/ropa/pdf', headers: dpo });
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const dpia = await t.app.inject({ method: 'GET', url: '/api/v1/privacy/dpia-template', headers: dpo });
    expect(dpia.headers['content-type']).toMatch(/markdown/);
    expect(dpia.body).toMatch(/Pasal 34/);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/privacy/ropa', headers: psm })).statusCode).toBe(403);
  });
});
