import jsQR from 'jsqr';
import { PDFParse } from 'pdf-parse';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorWith, as } from '../../../test/actors';
import { createTestApp, type TestApp } from '../../../test/app';
import { buildMember, memberInput } from '../../../test/factories.members';
import { cardSheet, qrDataUrl, singleCard, verificationUrl } from './members.card';
import { createRegistrationLink } from './members.public';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const SOLO = '33.72.01.1001';
const BASE = 'https://pilar.example.id';
const ipsmSolo = actorWith(['ipsm_pengurus', '33.72']);

async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  return (await parser.getText()).text;
}

function decodeQr(dataUrl: string): string | null {
  const png = PNG.sync.read(Buffer.from(dataUrl.split(',')[1]!, 'base64'));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

describe('member card', () => {
  it('prints name, KTA number and village, with a QR code of the public verification URL', async () => {
    const m = await buildMember(t.database, SOLO, { kta: true, input: { fullName: 'Sri Rahayu Wulandari' } });
    const pdf = await as(t.database, ipsmSolo, (ctx) => singleCard(ctx, m.id, BASE));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('Sri Rahayu Wulandari');
    expect(text).toContain(m.kta!.number);
    expect(text).toContain(m.villageName);
    const token = (await t.database.ownerQuery(`SELECT verify_token FROM member WHERE id = $1`, [m.id])).rows[0].verify_token as string;
    const url = verificationUrl(BASE, token);
    expect(url).not.toContain(m.id);
    // The QR image is made exactly as embedded in the card; it decodes to the verification URL.
    expect(decodeQr(await qrDataUrl(url))).toBe(url);
    // And the image actually embedded in the PDF decodes to it too.
    const images = await new PDFParse({ data: new Uint8Array(pdf) }).getImage({ imageDataUrl: true, imageThreshold: 10 });
    const decoded = images.pages.flatMap((p) => p.images).map((i) => decodeQr(i.dataUrl));
    expect(decoded).toContain(url);

    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/members/verify/${token}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ fullName: 'Sri Rahayu Wulandari', status: 'aktif', villageName: m.villageName });
    expect(res.body).not.toContain(m.nikMasked);
    expect(res.body).not.toMatch(/\d{16}/);
    expect(res.body).not.toContain(m.birthDate);
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/public/members/verify/AAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(unknown.statusCode).toBe(404);
  });

  it('prints an A4 sheet of the active members of an area, and refuses cards for unverified members', async () => {
    const a = await buildMember(t.database, '33.72.01.1002', { input: { fullName: 'Bambang Setiawan' } });
    const b = await buildMember(t.database, '33.72.01.1002', { input: { fullName: 'Dewi Lestari' } });
    const pending = await buildMember(t.database, '33.72.01.1002', { status: 'diajukan', input: { fullName: 'Belum Diverifikasi' } });
    const sheet = await as(t.database, ipsmSolo, (ctx) => cardSheet(ctx, { area: '33.72.01.1002' }, BASE));
    const text = await pdfText(sheet);
    expect(text).toContain('Bambang Setiawan');
    expect(text).toContain('Dewi Lestari');
    expect(text).not.toContain('Belum Diverifikasi');
    await expect(as(t.database, ipsmSolo, (ctx) => singleCard(ctx, pending.id, BASE))).rejects.toMatchObject({ status: 409 });
    await expect(as(t.database, actorWith(['ipsm_pengurus', '19.01']), (ctx) => cardSheet(ctx, { ids: [a.id, b.id] }, BASE))).rejects.toMatchObject({ status: 404 });
  });
});

describe('self-registration', () => {
  it('a PSM registers with a link token (lands as diajukan); a bad token or another regency is refused', async () => {
    const link = await as(t.database, actorWith(['dinsos_kab', '33.72']), (ctx) => createRegistrationLink(ctx, { regencyCode: '33.72', validDays: 7 }));
    const input = memberInput('33.72.02.1001', { fullName: 'Mandiri Daftar' });
    const { skNumber: _s, skDate: _d, skIssuer: _i, ...body } = input;
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/public/member-registrations', payload: { ...body, token: link.token } });
    expect(ok.statusCode).toBe(202);
    expect(ok.json().status).toBe('diajukan');
    const row = (await t.database.ownerQuery(`SELECT status, source FROM member WHERE full_name = 'Mandiri Daftar'`)).rows[0];
    expect(row).toEqual({ status: 'diajukan', source: 'mandiri' });
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/public/member-registrations', payload: { ...body, token: link.token } });
    expect(again.statusCode).toBe(409);
    expect(again.body).not.toContain('id ');
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/public/member-registrations', payload: { ...memberInput('33.72.02.1001'), skNumber: undefined, skDate: undefined, skIssuer: undefined, token: 'x'.repeat(32) } });
    expect(bad.statusCode).toBe(404);
    expect(bad.json().code).toBe('registration_link_invalid');
    const other = memberInput('19.01.01.1001');
    const wrongRegency = await t.app.inject({
      method: 'POST', url: '/api/v1/public/member-registrations',
      payload: { villageCode: other.villageCode, fullName: other.fullName, sex: other.sex, birthDate: other.birthDate, nik: other.nik, token: link.token },
    });
    expect(wrongRegency.statusCode).toBe(400);
    expect(wrongRegency.json().errors[0].field).toBe('villageCode');
  });

  it('an anonymous caller cannot list members or read coverage', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/members' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/members/coverage?area=33.72' })).statusCode).toBe(401);
  });
});
