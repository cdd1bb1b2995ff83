import { Field } from './Field';

/** A list filter: a labelled select whose empty choice means "any". */
export function SelectFilter({
  name,
  label,
  anyLabel,
  value,
  options,
  onChange,
  testId,
}: {
  name: string;
  label: string;
  anyLabel: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  testId?: string;
}) {
  return (
    <Field name={name} label={label}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
          <option value="">{anyLabel}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
