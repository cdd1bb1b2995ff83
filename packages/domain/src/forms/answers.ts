import { issue, type Issue } from '../messages';
import type { AnswerValue, FormField, FormSchema } from './schema';

export interface AnswersResult {
  ok: boolean;
  errors: Issue[];
  /** The answers to keep: visible fields only, normalised (numbers as numbers, trimmed text). */
  values: Record<string, AnswerValue>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function matches(value: unknown, equals: string | number | boolean): boolean {
  return Array.isArray(value) ? value.includes(equals) : value === equals;
}

/** Which fields are shown for these answers (a field hidden by a hidden field is hidden too). */
export function visibleFields(schema: FormSchema, answers: Record<string, unknown>): FormField[] {
  const visible = new Set<string>();
  const out: FormField[] = [];
  for (const f of schema.fields) {
    if (f.showIf && (!visible.has(f.showIf.field) || !matches(answers[f.showIf.field], f.showIf.equals))) continue;
    visible.add(f.name);
    out.push(f);
  }
  return out;
}

function empty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function checkValue(f: FormField, v: unknown): { value?: AnswerValue; error?: Issue } {
  const field = `answers.${f.name}`;
  const bad = (idMsg: string, enMsg: string) => ({ error: issue(`form.answer.${f.type}`, field, `${f.label.id}: ${idMsg}`, `${f.label.en}: ${enMsg}`) });
  switch (f.type) {
    case 'text': {
      if (typeof v !== 'string') return bad('harus berupa teks', 'must be text');
      const t = v.trim();
      if (t.length > (f.maxLength ?? 2000)) return bad(`maksimal ${f.maxLength ?? 2000} karakter`, `at most ${f.maxLength ?? 2000} characters`);
      return { value: t };
    }
    case 'number': {
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isFinite(n)) return bad('harus berupa angka', 'must be a number');
      if (f.min !== undefined && n < f.min) return bad(`minimal ${f.min}`, `at least ${f.min}`);
      if (f.max !== undefined && n > f.max) return bad(`maksimal ${f.max}`, `at most ${f.max}`);
      return { value: n };
    }
    case 'date': {
      if (typeof v !== 'string' || !ISO_DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
        return bad('harus tanggal yang valid (YYYY-MM-DD)', 'must be a real date (YYYY-MM-DD)');
      }
      return { value: v };
    }
    case 'boolean':
      return typeof v === 'boolean' ? { value: v } : bad('harus ya atau tidak', 'must be yes or no');
    case 'select': {
      const values = (f.options ?? []).map((o) => o.value);
      return typeof v === 'string' && values.includes(v) ? { value: v } : bad(`pilih salah satu: ${values.join(', ')}`, `choose one of: ${values.join(', ')}`);
    }
    case 'multiselect': {
      const values = (f.options ?? []).map((o) => o.value);
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && values.includes(x))) {
        return bad(`pilih dari: ${values.join(', ')}`, `choose from: ${values.join(', ')}`);
      }
      return { value: [...new Set(v as string[])] };
    }
  }
}

/**
 * Validates answers against one form version. Required applies to visible fields only;
 * answers to hidden fields are dropped; unknown keys are refused (they would be silently lost).
 */
export function validateAnswers(schema: FormSchema, answers: Record<string, unknown>): AnswersResult {
  const errors: Issue[] = [];
  const values: Record<string, AnswerValue> = {};
  const known = new Set(schema.fields.map((f) => f.name));
  for (const k of Object.keys(answers)) {
    if (!known.has(k) && answers[k] !== undefined) errors.push(issue('form.answer.unknown', `answers.${k}`, `Isian "${k}" tidak ada di formulir ini`, `Field "${k}" is not in this form`));
  }
  for (const f of visibleFields(schema, answers)) {
    const v = answers[f.name];
    if (empty(v)) {
      if (f.required) errors.push(issue('form.answer.required', `answers.${f.name}`, `${f.label.id} wajib diisi`, `${f.label.en} is required`));
      continue;
    }
    const r = checkValue(f, v);
    if (r.error) errors.push(r.error);
    else values[f.name] = r.value!;
  }
  return { ok: errors.length === 0, errors, values };
}
