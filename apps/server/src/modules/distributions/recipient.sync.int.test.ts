import { createHash } from 'node:crypto';
import jsQR from 'jsqr';
import { PDFParse } from 'pdf-parse';
import { PNG } from 'pngjs';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { SOLO, api, buildTeam, registerPerson, type Team } from '../programmes/test-support';
import { printedCode } from './invitationCode';
import { invitationQr } from './invitations';

/**
 * The frozen recipient lists reach the PSM's phone through /sync/pull (offline check-in,
 * issue 8 §4): each PSM receives the rows of their own village only, masked, with the
 * event's programme, place and date; the phone cannot change them. The invitation's QR
 * token never travels: the phone gets a hash to recognise a scanned code offline, and the
 * check-in it queues carries the token for the server to verify.
 */
let t: TestApp;
let team: Team;
let call: ReturnType<typeof api>;
const nikOf = new Map<string, string>();

type Item = { type: string; id: string; op: string; record?: { villageCode: string; data: Record<string, unknown> } };

async function pullAll(headers: Record<string, string>, cursor?: string): Promise<{ items: Item[]; cursor: string }> {
  const items: Item[] = [];
  let next = cursor;
  for (;;) {
    const res = await call('GET', `/sync/pull?limit=100${next ? `&cursor=${encodeURIComponent(next)}` : ''}`, headers);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    items.push(...res.body.items);
    next = res.body.cursor;
    if (!res.body.more) return { items, cursor: next! };
  }
}

beforeAll(async () => {
  t = await createTestApp();
  team = await buildTeam(t.app, t.database);
  call = api(t.app);
  for (const [headers, village] of [
    [team.psm, SOLO.village],
    [team.psm, SOLO.village],
    [team.psmSibling, SOLO.sibling],
  ] as const) {
    const p = await registerPerson(t.app, headers, village);
    nikOf.set(p.id, p.nik);
    const m = await call('POST', '/programme-memberships', headers, {
      programmeCode: 'pkh',
      personId: p.id,
      status: 'aktif',
      source: 'dtsen',
      infoDate: '2026-01-15',
    });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
  }
});
afterAll(async () => t?.close());

describe('recipient lists on the phone', () => {
  it('sends each PSM the rows of their village (snapshot and later changes), masked, and refuses edits from the phone', async () => {
    const before = await pullAll(team.psm);
    expect(before.items.filter((i) => i.type === 'distribution_recipient')).toEqual([]);

    const ev = await call('POST', '/distributions', team.operator, {
      programmeCode: 'pkh',
      areaCode: SOLO.district,
      place: 'Kantor Kecamatan',
      heldOn: '2026-04-02',
      periodLabel: 'Tahap 2',
    });
    expect(ev.status, JSON.stringify(ev.body)).toBe(201);

    // A phone that synced before the event hears of it through the change log.
    const later = (await pullAll(team.psm, before.cursor)).items.filter((i) => i.type === 'distribution_recipient');
    expect(later).toHaveLength(2);
    for (const i of later) {
      expect(i.record!.villageCode).toBe(SOLO.village);
      expect(i.record!.data).toMatchObject({
        eventId: ev.body.id,
        programmeCode: 'pkh',
        place: 'Kantor Kecamatan',
        heldOn: '2026-04-02',
        periodLabel: 'Tahap 2',
        eventStatus: 'open',
      });
      expect(i.record!.data.nikMasked).toMatch(/^\d{4}\*{8}\d{4}$/);
      expect(i.record!.data).not.toHaveProperty('qrToken');
    }
    const text = JSON.stringify(later);
    for (const nik of nikOf.values()) expect(text).not.toContain(nik);

    // A first sync (snapshot) of the other village's PSM carries only their row.
    const sibling = (await pullAll(team.psmSibling)).items.filter((i) => i.type === 'distribution_recipient');
    expect(sibling.map((i) => i.record!.villageCode)).toEqual([SOLO.sibling]);

    const push = await call('POST', '/sync/push', team.psm, {
      mutations: [
        {
          id: uuidv7(),
          entityType: 'distribution_recipient',
          entityId: later[0]!.id,
          op: 'update',
          baseVersion: 1,
          data: { displayName: 'X' },
        },
      ],
    });
    expect(push.body.results[0]).toMatchObject({ status: 'rejected' });
  });

  it('sends a hash of each QR token, never the token, and checks in offline by the scanned token with method qr', async () => {
    const ev = await call('POST', '/distributions', team.operator, {
      programmeCode: 'pkh',
      areaCode: SOLO.village,
      place: 'Balai Desa',
      heldOn: '2026-04-09',
    });
    expect(ev.status, JSON.stringify(ev.body)).toBe(201);
    const listed = (await call('GET', `/distributions/${ev.body.id}/recipients`, team.operator)).body.items as {
      id: string;
      qrToken: string;
    }[];
    expect(listed).toHaveLength(2);
    const pulled = (await pullAll(team.psm)).items.filter(
      (i) => i.type === 'distribution_recipient' && i.record!.data.eventId === ev.body.id,
    );
    expect(pulled).toHaveLength(2);
    const text = JSON.stringify(pulled);
    for (const r of listed) {
      // Typed from paper: lower case, no 0/o, 1/l/i.
      expect(r.qrToken).toMatch(/^[a-hjkmnp-z2-9]{26}$/);
      expect(text).not.toContain(r.qrToken);
      const expected = createHash('sha256').update(`pilar-distribution-qr:${ev.body.id}:${r.qrToken}`).digest('hex');
      expect(pulled.find((i) => i.id === r.id)!.record!.data.qrHash).toBe(expected);
    }
    // Hashes differ per recipient, so a code identifies exactly one row.
    expect(new Set(pulled.map((i) => i.record!.data.qrHash)).size).toBe(2);

    const push = (data: Record<string, unknown>) =>
      call('POST', '/sync/push', team.psm, {
        mutations: [{ id: uuidv7(), entityType: 'distribution_checkin', entityId: uuidv7(), op: 'create', data }],
      });
    // A made-up token is refused; the real one lands as a QR check-in of that recipient.
    const forged = await push({ eventId: ev.body.id, qrToken: 'A'.repeat(22), outcome: 'received' });
    expect(forged.body.results[0]).toMatchObject({ status: 'rejected' });
    const byQr = await push({ eventId: ev.body.id, qrToken: listed[0]!.qrToken, outcome: 'received' });
    expect(byQr.body.results[0], JSON.stringify(byQr.body)).toMatchObject({ status: 'applied' });
    const rows = await t.database.ownerQuery(
      `SELECT recipient_id AS "recipientId", method FROM distribution_checkin WHERE event_id = $1`,
      [ev.body.id],
    );
    expect(rows.rows).toEqual([{ recipientId: listed[0]!.id, method: 'qr' }]);
    // The check-in the phone pulls back names the recipient and holds no token.
    const back = (await pullAll(team.psm)).items.filter(
      (i) => i.type === 'distribution_checkin' && i.record?.data.eventId === ev.body.id,
    );
    expect(back.map((i) => i.record!.data)).toEqual([expect.objectContaining({ recipientId: listed[0]!.id, method: 'qr' })]);
    expect(JSON.stringify(back)).not.toContain(listed[0]!.qrToken);

    // The invitations the Dinsos prints: each name with the code under its QR; not for a PSM.
    expect((await call('GET', `/distributions/${ev.body.id}/invitations`, team.psm)).status).toBe(403);
    const sheet = await call('GET', `/distributions/${ev.body.id}/invitations`, team.operator);
    expect(sheet.status).toBe(200);
    expect(sheet.res.headers['content-type']).toBe('application/pdf');
    const printed = (await new PDFParse({ data: new Uint8Array(sheet.res.rawPayload) }).getText()).text.replace(/\s+/g, ' ');
    expect(printed).toContain('UNDANGAN PENYALURAN BANSOS');
    for (const r of listed) expect(printed).toContain(printedCode(r.qrToken));
    const png = PNG.sync.read(Buffer.from((await invitationQr(listed[1]!.qrToken)).split(',')[1]!, 'base64'));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(listed[1]!.qrToken);
  });
});
