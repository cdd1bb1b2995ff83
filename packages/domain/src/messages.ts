/**
 * Bilingual messages and the issue shape shared by every validator in this package.
 *
 * Messages name the field and what is wrong. They must never contain a full NIK or
 * No. KK, nor a real birth date: messages end up in logs, toasts and import reports
 * (UU 27/2022 PDP: identifiers are personal data).
 */

/** A human message in Bahasa Indonesia (`id`) and English (`en`). */
export type Msg = { id: string; en: string };

/**
 * One problem found while validating input.
 * - `code`: stable machine code such as `nik.length` (clients may branch on it);
 * - `field`: the input field it concerns, e.g. `nik`, `sex`, `birthDate`;
 * - `message`: what is wrong, in both languages.
 */
export type Issue = { code: string; field: string; message: Msg };

/** Builds an {@link Issue}. */
export function issue(code: string, field: string, id: string, en: string): Issue {
  return { code, field, message: { id, en } };
}
