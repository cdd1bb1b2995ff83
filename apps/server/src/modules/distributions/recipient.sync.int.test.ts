import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { SOLO, api, buildTeam, registerPerson, type Team } from '../programmes/test-support';

/**
 * The frozen recipient lists reach the PSM's phone through /sync/pull (offline check-in,
 * issue 8 §4): each PSM receives the rows of their own village only, masked, with the
 * event's programme, place and date; the phone cannot change them.
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
});
