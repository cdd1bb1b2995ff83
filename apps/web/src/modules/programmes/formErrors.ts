import { useState } from 'react';
import { ApiError, localized } from '../../api/client';

/** The server's field errors (problem+json `errors[]`) by field path, in the current language. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const e of error.problem?.errors ?? []) {
    if (!e.field) continue;
    const text = typeof e.message === 'string' ? e.message : localized(e.message);
    out[e.field] = out[e.field] ? `${out[e.field]}. ${text}` : text;
  }
  return out;
}

/** A request started by a button: busy while it runs, the error kept for the form. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function run<T>(send: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      return await send();
    } catch (err) {
      setError(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run, errors: fieldErrors(error), clear: () => setError(null) };
}

/** The Jakarta-style YYYY-MM of today, for month filters. */
export function thisMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

export function today(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 10);
}
