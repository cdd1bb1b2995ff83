import { useId, type ReactNode } from 'react';

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/**
 * A labelled form control with its hint and the server's message for this field
 * (`name` is the API's field path, e.g. `grants[0].areaCode`).
 */
export function Field({
  name,
  label,
  hint,
  error,
  children,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: (props: ControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' has-error' : ''}`} data-field={name}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({ id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(error ? { 'aria-invalid': true } : {}) })}
      {error && (
        <p className="field-error" id={errorId} data-testid="field-error" data-for={name}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A field error that is not tied to one input (e.g. a whole grant row). */
export function FieldMessage({ name, error }: { name: string; error?: string | undefined }) {
  if (!error) return null;
  return (
    <p className="field-error" data-testid="field-error" data-for={name}>
      {error}
    </p>
  );
}
