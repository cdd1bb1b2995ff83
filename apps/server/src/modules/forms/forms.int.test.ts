import { validateAnswers, type FormSchema } from '@pilar/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { actorWith, as } from '../../../test/actors';
import { buildCase, buildPerson, errorOf, SOLO } from '../../../test/factories.people';
import { listAssessments, recordAssessment } from '../cases/assessments.service';
import * as forms from './forms.service';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const admin = actorWith(['admin', 'ID']);
const psm = actorWith(['psm', SOLO.village]);
const V1_ANSWERS = { tinggal_dengan: 'sendiri', ada_pengasuh: false, kemandirian: 'sebagian', sakit_kronis: true, makan_per_hari: 2, penghasilan: 'tidak_ada', kebutuhan: ['permakanan', 'kesehatan'] };

describe('assessment forms as versioned data', () => {
  it('ships the default forms for the main PPKS groups', async () => {
    const list = await as(t, psm, (ctx) => forms.listForms(ctx));
    expect(list.items.map((f) => f.code).sort()).toEqual(['anak-terlantar', 'fakir-miskin', 'korban-bencana', 'lansia-terlantar', 'penyandang-disabilitas']);
    expect(list.items.every((f) => f.latestVersion === 1 && f.actions.length === 0)).toBe(true);
    expect((await as(t, psm, (ctx) => forms.listForms(ctx, 8))).items.map((f) => f.code)).toEqual(['lansia-terlantar']);
  });

  it('validates answers on the server, naming the field, with conditional visibility', async () => {
    const p = await buildPerson(t, psm, { villageCode: SOLO.village, birthDate: '1945-01-01' });
    const c = await buildCase(t, psm, p.id, { ppksCode: 8 });
    const missing = await errorOf(as(t, psm, (ctx) => recordAssessment(ctx, c.id, { formCode: 'lansia-terlantar', answers: { ...V1_ANSWERS, ada_pengasuh: true } })));
    expect(missing.status).toBe(400);
    expect(missing.errors.map((e) => e.field)).toEqual(['answers.nama_hubungan_pengasuh']);
    const unknown = await errorOf(as(t, psm, (ctx) => recordAssessment(ctx, c.id, { formCode: 'lansia-terlantar', answers: { ...V1_ANSWERS, hobi: 'x' } })));
    expect(unknown.errors.map((e) => e.field)).toEqual(['answers.hobi']);
    const badOption = await errorOf(as(t, psm, (ctx) => recordAssessment(ctx, c.id, { formCode: 'lansia-terlantar', answers: { ...V1_ANSWERS, penghasilan: 'banyak' } })));
    expect(badOption.errors[0]!.field).toBe('answers.penghasilan');
    // An answer to a hidden field is dropped, not stored.
    const a = await as(t, psm, (ctx) => recordAssessment(ctx, c.id, { formCode: 'lansia-terlantar', answers: { ...V1_ANSWERS, nama_hubungan_pengasuh: 'tetangga' } }));
    expect(a.answers).not.toHaveProperty('nama_hubungan_pengasuh');
  });

  it('keeps answers given under version 1 valid and renderable after version 2 is published', async () => {
    const p = await buildPerson(t, psm, { villageCode: SOLO.village, birthDate: '1944-01-01' });
    const c = await buildCase(t, psm, p.id, { ppksCode: 8 });
    const a1 = await as(t, psm, (ctx) => recordAssessment(ctx, c.id, { formCode: 'lansia-terlantar', answers: V1_ANSWERS }));
    expect(a1.formVersion).toBe(1);

    const v1 = await as(t, psm, (ctx) => forms.getFormVersion(ctx, 'lansia-terlantar'));
    const v2schema: FormSchema = {
      fields: [
        ...v1.schema.fields.filter((f) => f.name !== 'makan_per_hari'),
        { name: 'punya_bpjs', label: { id: 'Memiliki BPJS Kesehatan', en: 'Has BPJS health insurance' }, type: 'boolean', required: true },
      ],
    };
    expect((await errorOf(as(t, psm, (ctx) => forms.publishVersion(ctx, 'lansia-terlantar', { schema: v2schema })))).status).toBe(403);
    const bad = await errorOf(as(t, admin, (ctx) => forms.publishVersion(ctx, 'lansia-terlantar', { schema: { fields: [...v2schema.fields, { name: 'x', label: { id: 'X', en: 'X' }, type: 'text', showIf: { field: 'later', equals: true } }] } })));
    expect(bad.errors[0]!.field).toBe(`schema.fields.${v2schema.fields.length}.showIf.field`);
    const v2 = await as(t, admin, (ctx) => forms.publishVersion(ctx, 'lansia-terlantar', { schema: v2schema, note: 'Tambah BPJS' }));
    expect(v2.version).toBe(2);

    // Version 1 answers fail version 2 (new required field, removed field)…
    const against2 = await errorOf(as(t, psm, (ctx) => recordAssessment(ctx, c.id, { formCode: 'lansia-terlantar', answers: V1_ANSWERS })));
    expect(against2.errors.map((e) => e.field).sort()).toEqual(['answers.makan_per_hari', 'answers.punya_bpjs']);
    // …but an offline device still on version 1 is accepted, and the stored answers render and validate with version 1.
    const late = await as(t, psm, (ctx) => recordAssessment(ctx, c.id, { formCode: 'lansia-terlantar', formVersion: 1, answers: V1_ANSWERS }));
    expect(late.formVersion).toBe(1);
    const stored = await as(t, psm, (ctx) => listAssessments(ctx, c.id));
    for (const s of stored.items) {
      const schema = (await as(t, psm, (ctx) => forms.getFormVersion(ctx, s.formCode, s.formVersion))).schema;
      expect(validateAnswers(schema, s.answers).ok).toBe(true);
      expect(schema.fields.map((f) => f.name)).toContain('makan_per_hari');
    }
    const a2 = await as(t, psm, (ctx) => recordAssessment(ctx, c.id, { formCode: 'lansia-terlantar', answers: { ...V1_ANSWERS, makan_per_hari: undefined, punya_bpjs: true } }));
    expect(a2.formVersion).toBe(2);
    expect((await errorOf(as(t, psm, (ctx) => recordAssessment(ctx, c.id, { formCode: 'lansia-terlantar', formVersion: 9, answers: V1_ANSWERS })))).errors[0]!.field).toBe('formVersion');
  });
});
