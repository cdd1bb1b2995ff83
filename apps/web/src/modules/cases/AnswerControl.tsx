import { useTranslation } from 'react-i18next';
import { localized } from '../../api/client';
import { Field } from '../../components/Field';
import type { AnswerValue, FormField } from './cases.types';

/** The input for one question's type (test ids `answer-<name>[-option]`). */
function Control({
  field,
  value,
  onChange,
  props,
}: {
  field: FormField;
  value: AnswerValue | undefined;
  onChange: (v: AnswerValue | undefined) => void;
  props: object;
}) {
  const { t } = useTranslation();
  const testId = `answer-${field.name}`;
  switch (field.type) {
    case 'text':
      return (
        <input
          {...props}
          value={(value as string | undefined) ?? ''}
          maxLength={field.maxLength}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
        />
      );
    case 'number':
      return (
        <input
          {...props}
          type="number"
          inputMode="decimal"
          min={field.min}
          max={field.max}
          value={value === undefined ? '' : String(value)}
          onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
          data-testid={testId}
        />
      );
    case 'date':
      return (
        <input
          {...props}
          type="date"
          value={(value as string | undefined) ?? ''}
          onChange={(e) => onChange(e.target.value || undefined)}
          data-testid={testId}
        />
      );
    case 'select':
      return (
        <select
          {...props}
          value={(value as string | undefined) ?? ''}
          onChange={(e) => onChange(e.target.value || undefined)}
          data-testid={testId}
        >
          <option value="">{t('assessment.choose')}</option>
          {(field.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {localized(o.label)}
            </option>
          ))}
        </select>
      );
    case 'multiselect': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <div className="choices" data-testid={testId}>
          {(field.options ?? []).map((o) => (
            <label key={o.value} className="choice">
              <input
                type="checkbox"
                checked={chosen.includes(o.value)}
                onChange={(e) => onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((x) => x !== o.value))}
                data-testid={`${testId}-${o.value}`}
              />
              {localized(o.label)}
            </label>
          ))}
        </div>
      );
    }
    case 'boolean':
      return (
        <div className="choices" data-testid={testId}>
          {([true, false] as const).map((b) => (
            <label key={String(b)} className="choice">
              <input
                type="radio"
                name={field.name}
                checked={value === b}
                onChange={() => onChange(b)}
                data-testid={`${testId}-${b ? 'yes' : 'no'}`}
              />
              {b ? t('assessment.yes') : t('assessment.no')}
            </label>
          ))}
        </div>
      );
  }
}

/**
 * One question of a versioned assessment form, labelled, with its hint and error: the
 * same control online (AssessmentForm) and on the phone (field/AssessmentScreen).
 */
export function AnswerControl({
  field,
  value,
  error,
  onChange,
}: {
  field: FormField;
  value: AnswerValue | undefined;
  error?: string;
  onChange: (v: AnswerValue | undefined) => void;
}) {
  const label = `${localized(field.label)}${field.required ? ' *' : ''}`;
  return (
    <Field name={field.name} label={label} hint={field.help ? localized(field.help) : undefined} error={error}>
      {(props) => <Control field={field} value={value} onChange={onChange} props={props} />}
    </Field>
  );
}
