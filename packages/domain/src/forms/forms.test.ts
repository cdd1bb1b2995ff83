import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateAnswers, visibleFields } from './answers';
import { DEFAULT_FORMS } from './defaults';
import { validateFormSchema, type FormSchema } from './schema';

const schema: FormSchema = {
  fields: [
    { name: 'bersekolah', label: { id: 'Bersekolah', en: 'In school' }, type: 'boolean', required: true },
    { name: 'jenjang', label: { id: 'Jenjang', en: 'Level' }, type: 'select', required: true, showIf: { field: 'bersekolah', equals: true }, options: [{ value: 'sd', label: { id: 'SD', en: 'Primary' } }] },
    { name: 'kelas', label: { id: 'Kelas', en: 'Grade' }, type: 'number', min: 1, max: 6, showIf: { field: 'jenjang', equals: 'sd' } },
    { name: 'kebutuhan', label: { id: 'Kebutuhan', en: 'Needs' }, type: 'multiselect', options: [{ value: 'a', label: { id: 'A', en: 'A' } }, { value: 'b', label: { id: 'B', en: 'B' } }] },
    { name: 'tanggal', label: { id: 'Tanggal', en: 'Date' }, type: 'date' },
    { name: 'catatan', label: { id: 'Catatan', en: 'Notes' }, type: 'text', maxLength: 10 },
  ],
};

describe('form definitions', () => {
  it('accepts every shipped default form', () => {
    expect(DEFAULT_FORMS.map((f) => f.code)).toEqual(['lansia-terlantar', 'anak-terlantar', 'penyandang-disabilitas', 'fakir-miskin', 'korban-bencana']);
    for (const f of DEFAULT_FORMS) expect(validateFormSchema(f.schema), f.code).toEqual([]);
    expect(validateFormSchema(schema)).toEqual([]);
  });

  it('names what is wrong in a definition', () => {
    const bad: FormSchema = {
      fields: [
        { name: 'Bad Name', label: { id: 'x', en: 'x' }, type: 'text' },
        { name: 'pilih', label: { id: 'x', en: 'x' }, type: 'select', options: [] },
        { name: 'pilih', label: { id: 'x', en: '' }, type: 'text', options: [{ value: 'a', label: { id: 'a', en: 'a' } }] },
        { name: 'later', label: { id: 'x', en: 'x' }, type: 'text', showIf: { field: 'nanti', equals: true } },
        { name: 'range', label: { id: 'x', en: 'x' }, type: 'number', min: 5, max: 1 },
      ],
    };
    expect(validateFormSchema(bad).map((i) => `${i.field}:${i.code}`)).toEqual([
      'fields.0.name:form.field.name',
      'fields.1.options:form.field.options',
      'fields.2.name:form.field.duplicate',
      'fields.2.label:form.field.label',
      'fields.2.options:form.field.options_unused',
      'fields.3.showIf.field:form.field.show_if',
      'fields.4.min:form.field.range',
    ]);
    expect(validateFormSchema({ fields: [] })[0]!.code).toBe('form.empty');
  });
});

describe('answers', () => {
  it('requires visible fields only and drops answers to hidden ones (nested conditions too)', () => {
    expect(validateAnswers(schema, { bersekolah: false, jenjang: 'sd', kelas: 3 })).toEqual({ ok: true, errors: [], values: { bersekolah: false } });
    const r = validateAnswers(schema, { bersekolah: true });
    expect(r.errors.map((e) => e.field)).toEqual(['answers.jenjang']);
    expect(visibleFields(schema, { bersekolah: true, jenjang: 'sd' }).map((f) => f.name)).toContain('kelas');
    expect(validateAnswers(schema, { bersekolah: true, jenjang: 'sd', kelas: '4' }).values.kelas).toBe(4);
  });

  it('checks each type and names the field', () => {
    const r = validateAnswers(schema, { bersekolah: 'ya', kebutuhan: ['c'], tanggal: '2025-02-30', catatan: 'terlalu panjang sekali', lain: 1 });
    expect(r.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'answers.lain:form.answer.unknown',
      'answers.bersekolah:form.answer.boolean',
      'answers.kebutuhan:form.answer.multiselect',
      'answers.tanggal:form.answer.date',
      'answers.catatan:form.answer.text',
    ]);
    expect(r.errors[1]!.message.id).toContain('Bersekolah');
  });

  it('never throws and never keeps a hidden or unknown answer (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('bersekolah', 'jenjang', 'kelas', 'kebutuhan', 'tanggal', 'catatan', 'x'), fc.anything()), (answers) => {
        const r = validateAnswers(schema, answers);
        const visible = new Set(visibleFields(schema, answers).map((f) => f.name));
        for (const k of Object.keys(r.values)) expect(visible.has(k)).toBe(true);
        expect(r.ok).toBe(r.errors.length === 0);
      }),
    );
  });
});
