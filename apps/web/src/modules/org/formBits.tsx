import { useState, type ReactNode } from 'react';
import { fieldErrors, summaryMessage } from '../../api/client';

/**
 * The server's field messages keyed like the form's fields: request validation names
 * array items `positions.0.title`, the services `positions[0].title`; both become the latter.
 */
export function orgFieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrors(error))) out[field.replace(/\.(\d+)(?=\.|$)/g, '[$1]')] = message;
  return out;
}

/** A form's top notice: the summary when no field shows the problem next to itself. */
export function FormError({ error, shown }: { error: unknown; shown: string[] }) {
  if (error === null) return null;
  const errors = orgFieldErrors(error);
  if (
    Object.keys(errors).length > 0 &&
    Object.keys(errors).every((f) => shown.some((s) => f === s || f.startsWith(`${s}[`) || f.startsWith(`${s}.`)))
  )
    return null;
  return (
    <div className="notice notice-error" role="alert" data-testid="error">
      <p>{summaryMessage(error)}</p>
    </div>
  );
}

export { useSubmit } from '../../hooks/useSubmit';

/** Today as a civil date (YYYY-MM-DD) on this device. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Drops empty optional texts so the API sees them as absent. */
export function optional<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  const v = value.trim();
  return v ? ({ [key]: v } as Record<K, string>) : {};
}

/** A form that stays a single button until asked for, so readers see the list first on a phone. */
export function Openable({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  if (open) return <>{children}</>;
  return (
    <div className="actions">
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </button>
    </div>
  );
}
