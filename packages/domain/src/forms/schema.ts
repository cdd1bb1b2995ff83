/**
 * Assessment forms as versioned data (issue 5 §5): fields with a type, required flag,
 * options and conditional visibility (`showIf`). A published version never changes;
 * answers are always validated against the version they were given under.
 */
import { issue, type Issue, type Msg } from '../messages';

export const FIELD_TYPES = ['text', 'number', 'date', 'select', 'multiselect', 'boolean'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export type AnswerValue = string | number | boolean | string[];

export interface FormOption {
  value: string;
  label: Msg;
}

export interface FormField {
  /** Stable key of the answer, snake_case. */
  name: string;
  label: Msg;
  type: FieldType;
  required?: boolean;
  options?: FormOption[];
  /** Shown (and required) only when an earlier field equals this value (a multiselect: includes it). */
  showIf?: { field: string; equals: string | number | boolean };
  min?: number;
  max?: number;
  maxLength?: number;
  help?: Msg;
  /** UU PDP: health, child or criminal-record data is "spesifik". */
  sensitivity?: 'umum' | 'spesifik';
}

export interface FormSchema {
  fields: FormField[];
}

const NAME = /^[a-z][a-z0-9_]{0,49}$/;

/** Structural problems of a form definition (before it may be published). */
export function validateFormSchema(schema: FormSchema): Issue[] {
  const out: Issue[] = [];
  if (!Array.isArray(schema?.fields) || schema.fields.length === 0) {
    return [issue('form.empty', 'fields', 'Formulir harus memiliki minimal satu isian', 'A form needs at least one field')];
  }
  const seen = new Map<string, FormField>();
  schema.fields.forEach((f, i) => {
    const at = `fields.${i}`;
    if (!NAME.test(f.name ?? '')) {
      out.push(issue('form.field.name', `${at}.name`, 'Nama isian harus huruf kecil/angka/garis bawah, diawali huruf', 'Field name must be lower-case letters, digits or underscores, starting with a letter'));
    } else if (seen.has(f.name)) {
      out.push(issue('form.field.duplicate', `${at}.name`, `Nama isian "${f.name}" dipakai dua kali`, `Field name "${f.name}" is used twice`));
    }
    if (!(FIELD_TYPES as readonly string[]).includes(f.type)) {
      out.push(issue('form.field.type', `${at}.type`, `Jenis isian harus salah satu dari: ${FIELD_TYPES.join(', ')}`, `Field type must be one of: ${FIELD_TYPES.join(', ')}`));
    }
    if (!f.label?.id?.trim() || !f.label?.en?.trim()) {
      out.push(issue('form.field.label', `${at}.label`, 'Label isian wajib dalam dua bahasa', 'A field label is required in both languages'));
    }
    const choice = f.type === 'select' || f.type === 'multiselect';
    if (choice) {
      const values = (f.options ?? []).map((o) => o.value);
      if (values.length === 0) out.push(issue('form.field.options', `${at}.options`, 'Pilihan wajib diisi untuk isian pilihan', 'A choice field needs options'));
      if (new Set(values).size !== values.length) out.push(issue('form.field.options_unique', `${at}.options`, 'Nilai pilihan harus unik', 'Option values must be unique'));
    } else if (f.options?.length) {
      out.push(issue('form.field.options_unused', `${at}.options`, 'Hanya isian pilihan yang boleh memiliki pilihan', 'Only choice fields may have options'));
    }
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) {
      out.push(issue('form.field.range', `${at}.min`, 'Nilai minimum lebih besar dari maksimum', 'The minimum is larger than the maximum'));
    }
    if (f.showIf) {
      const target = seen.get(f.showIf.field);
      if (!target) {
        out.push(issue('form.field.show_if', `${at}.showIf.field`, `Syarat tampil harus merujuk isian sebelumnya ("${f.showIf.field}")`, `A visibility condition must refer to an earlier field ("${f.showIf.field}")`));
      } else if ((target.type === 'select' || target.type === 'multiselect') && !(target.options ?? []).some((o) => o.value === f.showIf!.equals)) {
        out.push(issue('form.field.show_if_value', `${at}.showIf.equals`, `"${String(f.showIf.equals)}" bukan pilihan dari "${target.name}"`, `"${String(f.showIf.equals)}" is not an option of "${target.name}"`));
      } else if (target.type === 'boolean' && typeof f.showIf.equals !== 'boolean') {
        out.push(issue('form.field.show_if_value', `${at}.showIf.equals`, 'Syarat untuk isian ya/tidak harus true atau false', 'A condition on a yes/no field must be true or false'));
      }
    }
    if (NAME.test(f.name ?? '') && !seen.has(f.name)) seen.set(f.name, f);
  });
  return out;
}
