/** The code one level up: 33.72.01 → 33.72, 33 → ID (area codes are dotted prefixes). */
export function parentCode(code: string): string | null {
  if (code === 'ID') return null;
  const parts = code.split('.');
  return parts.length === 1 ? 'ID' : parts.slice(0, -1).join('.');
}

/** Every code from the nation down to `code`, for breadcrumbs: ID, 33, 33.72, … */
export function lineage(code: string): string[] {
  if (code === 'ID') return ['ID'];
  const parts = code.split('.');
  return ['ID', ...parts.map((_, i) => parts.slice(0, i + 1).join('.'))];
}
