import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { AnswerControl } from './AnswerControl';
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
    <form
      className="form"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid="assessment-form"
      data-form={form.formCode}
      data-version={form.version}
    >
      {error !== null && (
        <div className="notice notice-error" role="alert" data-testid="error">
          <p>{summaryMessage(error)}</p>
        </div>
      )}
      {fields
        .filter((f) => isShown(f, answers))
        .map((f) => {
          const err =
            server[`answers.${f.name}`] ?? server[f.name] ?? (missing.includes(f.name) ? t('assessment.required') : undefined);
          return (
            <AnswerControl
              key={f.name}
              field={f}
              value={answers[f.name]}
              error={err}
              onChange={(v) => setAnswers((a) => ({ ...a, [f.name]: v }))}
            />
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
