import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { SOLO, api, buildTeam, registerPerson, type Team } from '../programmes/test-support';

/** Linking a complaint to the person and programme it is about (issue 8 §5). */
let t: TestApp;
let team: Team;
let call: ReturnType<typeof api>;

beforeAll(async () => {
  t = await createTestApp();
  team = await buildTeam(t.app, t.database);
  call = api(t.app);
});
afterAll(async () => t?.close());

describe('complaint links', () => {
  it('links person and programme with the version check, only for handlers, and refuses unknown ones', async () => {
    const person = await registerPerson(t.app, team.psm, SOLO.village);
    const filed = await call('POST', '/complaints', team.psm, {
      category: 'bantuan_tidak_diterima',
      villageCode: SOLO.village,
      description: 'Bantuan belum diterima bulan ini.',
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id as string;

    const linked = await call('PATCH', `/complaints/${id}`, team.operator, {
      version: filed.body.version,
      personId: person.id,
      programmeCode: 'sembako',
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body).toMatchObject({ personId: person.id, programmeCode: 'sembako', version: filed.body.version + 1 });

    const stale = await call('PATCH', `/complaints/${id}`, team.operator, { version: filed.body.version, programmeCode: null });
    expect(stale.status).toBe(409);
    const unknown = await call('PATCH', `/complaints/${id}`, team.operator, {
      version: linked.body.version,
      programmeCode: 'tidak-ada',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('programmeCode');
    // Another village's PSM does not see it at all.
    expect(
      (await call('PATCH', `/complaints/${id}`, team.psmSibling, { version: linked.body.version, programmeCode: null })).status,
    ).toBe(404);

    // The PSM who filed it reads it but does not handle complaints.
    expect(
      (await call('PATCH', `/complaints/${id}`, team.psm, { version: linked.body.version, programmeCode: null })).status,
    ).toBe(403);
    const unlinked = await call('PATCH', `/complaints/${id}`, team.operator, {
      version: linked.body.version,
      programmeCode: null,
    });
    expect(unlinked.body).toMatchObject({ personId: person.id, programmeCode: null });
    const audit = await t.database.ownerQuery(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'complaint.linked' AND entity_id = $1`,
      [id],
    );
    expect(audit.rows[0].n).toBe(2);
  });
});
