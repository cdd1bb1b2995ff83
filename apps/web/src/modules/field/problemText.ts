import { localized, type Problem } from '../../api/client';

/** The server's reason for refusing a write, in the current UI language (field messages first). */
export function problemText(problem: unknown, fallback: string): string {
  const p = (problem ?? null) as Problem | null;
  if (!p) return fallback;
  const fields = (p.errors ?? []).map((e) => localized(e.message)).filter(Boolean);
  if (fields.length) return fields.join('. ');
  if (p.message) return localized(p.message);
  if (p.detail) return localized(p.detail);
  return fallback;
}
