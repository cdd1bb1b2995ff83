/**
 * Label normalisation shared by the catalogue finders, so that imports from
 * spreadsheets match regardless of case, accents, spacing and punctuation.
 */

/**
 * Lowercases, strips diacritics (NFD, combining marks removed) and turns every run of
 * whitespace or punctuation into one space: ' Orang dengan HIV/AIDS ' → 'orang dengan hiv aids'.
 */
export function normalizeLabel(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Kebab-case slug of a label: 'Anak Balita Terlantar' → 'anak-balita-terlantar'. */
export function toSlug(s: string): string {
  return normalizeLabel(s).replace(/ /g, '-');
}

/**
 * Builds a finder over a catalogue: matches the normalised code, slug, name, English
 * name or any alias of an entry.
 */
export function buildFinder<T>(entries: readonly T[], labelsOf: (e: T) => readonly string[]): (q: string) => T | null {
  const index = new Map<string, T>();
  for (const e of entries) {
    for (const label of labelsOf(e)) {
      const key = normalizeLabel(label);
      const existing = index.get(key);
      if (existing !== undefined && existing !== e) {
        throw new Error(`Ambiguous catalogue label: ${label}`);
      }
      index.set(key, e);
    }
  }
  return (q) => (typeof q === 'string' ? (index.get(normalizeLabel(q)) ?? null) : null);
}
