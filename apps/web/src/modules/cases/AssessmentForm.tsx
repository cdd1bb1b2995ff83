import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, localized, summaryMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { recordAssessment } from './cases.api';
import type { AnswerValue, FormField, FormVersion } from './cases.types';

type Answers = Record<string, AnswerValue | undefined>;

/** A field shows when the field it depends on equals the value (a multiselect: includes it). */
export function isShown(field: FormField, answers: Answers): boolean {
  if (!field.showIf) return true;
  const v = answers[field.showIf.field];
  return Array.isArray(v) ? v.includes(String(field.showIf.equals)) : v === field.showIf.equals;
}

function isEmpty(v: AnswerValue | undefined): boolean {
  return v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Answers to send: visible, filled-in fields only (the server validates against this version). */
function toSend(fields: FormField[], answers: Answers): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const f of fields) {
    const v = answers[f.name];
    if (isShown(f, answers) && !isEmpty(v)) out[f.name] = v!;
  }
  return out;
}

function Control({ field, value, onChange, props }: { field: FormField; value: AnswerValue | undefined; onChange: (v: AnswerValue | undefined) => void; props: object }) {
  const { t } = useTranslation();
  const testId = `answer-${field.name}`;
  switch (field.type) {
    case 'text':
      return <input {...props} value={(value as string | undefined) ?? ''} maxLength={field.maxLength} onChange={(e) => onChange(e.target.value)} data-testid={testId} />;
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
      return <input {...props} type="date" value={(value as string | undefined) ?? ''} onChange={(e) => onChange(e.target.value || undefined)} data-testid={testId} />;
    case 'select':
      return (
        <select {...props} value={(value as string | undefined) ?? ''} onChange={(e) => onChange(e.target.value || undefined)} data-testid={testId}>
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
              <input type="radio" name={field.name} checked={value === b} onChange={() => onChange(b)} data-testid={`${testId}-${b ? 'yes' : 'no'}`} />
              {b ? t('assessment.yes') : t('assessment.no')}
            </label>
          ))}
        </div>
      );
  }
}

/**
 * Renders one published version of an assessment form (fields as data: type, required,
 * options, showIf) and posts the answers under that version.
 */
export function AssessmentForm({ caseId, form, onSaved }: { caseId: string; form: FormVersion; onSaved: () => void }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Answers>({});
  const [missing, setMissing] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = form.schema.fields;
  const server = fieldErrors(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Checked here for a quick answer on a slow line; the server checks again.
    const gaps = fields.filter((f) => f.required && isShown(f, answers) && isEmpty(answers[f.name])).map((f) => f.name);
    setMissing(gaps);
    if (gaps.length) return;
    setBusy(true);
    setError(null);
    try {
      await recordAssessment(caseId, { formCode: form.formCode, formVersion: form.version, answers: toSend(fields, answers) });
      onSaved();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate data-testid="assessment-form" data-form={form.formCode} data-version={form.version}>
      {error !== null && (
        <div className="notice notice-error" role="alert" data-testid="error">
          <p>{summaryMessage(error)}</p>
        </div>
      )}
      {fields
        .filter((f) => isShown(f, answers))
        .map((f) => {
          const err = server[`answers.${f.name}`] ?? server[f.name] ?? (missing.includes(f.name) ? t('assessment.required') : undefined);
          const label = `${localized(f.label)}${f.required ? ' *' : ''}`;
          return (
            <Field key={f.name} name={f.name} label={label} hint={f.help ? localized(f.help) : undefined} error={err}>
              {(props) => <Control field={f} value={answers[f.name]} onChange={(v) => setAnswers((a) => ({ ...a, [f.name]: v }))} props={props} />}
            </Field>
          );
        })}
      <div className="actions">
        <button type="submit" className="button" disabled={busy} data-testid="save-assessment">
          {busy ? t('common.saving') : t('assessment.save')}
        </button>
      </div>
    </form>
  );
}
