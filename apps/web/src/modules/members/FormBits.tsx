import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, localized, summaryMessage } from '../../api/client';
import type { Warning } from './members.types';

/**
 * A form's submit with its busy flag and the server's error: `errors` holds the
 * per-field messages (shown next to their inputs), `error` the whole answer.
 */
export function useSubmit<T>(run: () => Promise<T>, onDone: (result: T) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await run());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, errors: fieldErrors(error), onSubmit: (event: FormEvent) => void submit(event) };
}

/**
 * The server's summary above a form, unless every problem it named is already shown
 * next to one of the form's own fields.
 */
export function FormProblem({ error, fields }: { error: unknown; fields: readonly string[] }) {
  if (error === null) return null;
  const named = Object.keys(fieldErrors(error));
  if (named.length > 0 && named.every((f) => fields.includes(f))) return null;
  return (
    <div className="notice notice-error" role="alert" data-testid="error">
      <p>{summaryMessage(error)}</p>
    </div>
  );
}

/** Warnings the server returned with a saved record (the record is saved; the user should know). */
export function Warnings({ warnings, testId }: { warnings: Warning[]; testId: string }) {
  if (warnings.length === 0) return null;
  return (
    <div className="notice notice-warn" role="status" data-testid={testId}>
      <ul>
        {warnings.map((w) => (
          <li key={w.code} data-code={w.code}>
            {localized(w.message)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A section of the member page listing recorded facts (trainings, awards, transfers)
 * with an "add" button that opens its form in place, for callers allowed to add.
 */
export function RecordSection({
  title,
  testId,
  addLabel,
  canAdd,
  form,
  children,
}: {
  title: string;
  testId: string;
  addLabel: string;
  canAdd: boolean;
  form: (close: () => void) => ReactNode;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <section className="card record-section" data-testid={testId}>
      <div className="record-section-head">
        <h2>{title}</h2>
        {canAdd && !open && (
          <button type="button" className="button button-secondary" onClick={() => setOpen(true)} data-testid={`${testId}-add`}>
            {addLabel}
          </button>
        )}
      </div>
      {open && <div className="record-form">{form(() => setOpen(false))}</div>}
      {children}
    </section>
  );
}

/** Submit and cancel at the foot of a form. */
export function FormActions({
  busy,
  label,
  testId,
  onCancel,
}: {
  busy: boolean;
  label: string;
  testId: string;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="submit" className="button" disabled={busy} data-testid={testId}>
        {busy ? t('common.saving') : label}
      </button>
      {onCancel && (
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
    </div>
  );
}
