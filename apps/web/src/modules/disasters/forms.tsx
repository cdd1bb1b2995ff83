import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { summaryMessage } from '../../api/client';
import { Field } from '../../components/Field';

export { useSubmit } from '../../hooks/useSubmit';

/** The server's summary when no field took the message (e.g. a 403 or 409 without field). */
export function FormError({ error, shown }: { error: unknown; shown: Record<string, string> }) {
  if (!error || Object.keys(shown).length > 0) return null;
  return (
    <p className="notice notice-error" role="alert" data-testid="form-error">
      {summaryMessage(error)}
    </p>
  );
}

/** A whole-number input (counts of people, houses), large enough for a thumb. */
export function CountField({
  name,
  label,
  value,
  onChange,
  error,
}: {
  name: string;
  label: ReactNode;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
}) {
  return (
    <Field name={name} label={label} error={error}>
      {(p) => (
        <input
          {...p}
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          data-testid={`in-${name}`}
        />
      )}
    </Field>
  );
}

/** Checkboxes for a set of codes (needs, vulnerable groups). */
export function CheckGroup({
  name,
  legend,
  options,
  value,
  onChange,
  labelKey,
}: {
  name: string;
  legend: string;
  options: readonly string[];
  value: string[];
  onChange: (v: string[]) => void;
  labelKey: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="field choice-group" data-field={name}>
      <legend className="field-label">{legend}</legend>
      <div className="choices">
        {options.map((o) => (
          <label key={o} className="choice">
            <input
              type="checkbox"
              checked={value.includes(o)}
              onChange={(e) => onChange(e.target.checked ? [...value, o] : value.filter((x) => x !== o))}
              data-testid={`${name}-${o}`}
            />
            {t(`${labelKey}.${o}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A select of codes with translated labels. */
export function CodeSelect({
  name,
  label,
  options,
  value,
  onChange,
  labelKey,
  error,
  empty,
}: {
  name: string;
  label: string;
  options: readonly string[];
  value: string;
  onChange: (v: string) => void;
  labelKey: string;
  error?: string | undefined;
  empty?: string;
}) {
  const { t } = useTranslation();
  return (
    <Field name={name} label={label} error={error}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)} data-testid={`in-${name}`}>
          {empty !== undefined && <option value="">{empty}</option>}
          {options.map((o) => (
            <option key={o} value={o}>
              {t(`${labelKey}.${o}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A `datetime-local` value for now, in the phone's time zone. */
export function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/** A `datetime-local` value as an ISO instant with offset (the API wants one). */
export const toIso = (local: string) => new Date(local).toISOString();
