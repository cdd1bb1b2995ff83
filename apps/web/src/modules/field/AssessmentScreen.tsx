import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../api/client';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import type { LocalForm } from '../../offline/db';
import { recordAssessment } from '../../offline/outbox';
import { useLive } from '../../offline/useLive';
import { navigate } from '../../router';
import { isShown } from '../cases/AssessmentForm';
import type { AnswerValue, FormField } from '../cases/cases.types';
import { AnswerControl } from '../cases/AnswerControl';
import { useFieldDb } from './FieldApp';
import { fieldPaths } from './fieldPaths';

type Answers = Record<string, AnswerValue | undefined>;

const isEmpty = (v: AnswerValue | undefined) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const today = () => {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 10);
};

/** The forms for a PPKS category (all forms when none is made for it). */
function formsFor(forms: LocalForm[], ppksCode: number): LocalForm[] {
  const own = forms.filter((f) => f.ppksCodes.includes(ppksCode));
  return own.length ? own : forms;
}

/** Fills in one version of a form; the answers wait in the outbox under that version. */
function FormFill({ form, onSave }: { form: LocalForm; onSave: (answers: Record<string, AnswerValue>) => Promise<void> }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Answers>({});
  const [missing, setMissing] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const fields = form.schema.fields as FormField[];
  const shown = fields.filter((f) => isShown(f, answers));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const gaps = shown.filter((f) => f.required && isEmpty(answers[f.name])).map((f) => f.name);
    setMissing(gaps);
    if (gaps.length) return;
    setBusy(true);
    // Only what is visible and filled in, as the online form sends it.
    await onSave(Object.fromEntries(shown.filter((f) => !isEmpty(answers[f.name])).map((f) => [f.name, answers[f.name]!])));
  };

  return (
    <form
      className="form field-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid="assessment-form"
      data-form={form.formCode}
      data-version={form.version}
    >
      {shown.map((f) => (
        <AnswerControl
          key={f.name}
          field={f}
          value={answers[f.name]}
          error={missing.includes(f.name) ? t('assessment.required') : undefined}
          onChange={(v) => setAnswers((a) => ({ ...a, [f.name]: v }))}
        />
      ))}
      <p className="hint">{t('field.form.savedLocally')}</p>
      <button type="submit" className="button button-block" disabled={busy} data-testid="save-assessment">
        {t('assessment.save')}
      </button>
    </form>
  );
}

/** An assessment given on the phone, offline, with the form version kept on the phone. */
export function AssessmentScreen({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const db = useFieldDb();
  const view = useLive(
    async () => ({ rec: (await db.records.get(['case', caseId])) ?? null, forms: await db.forms.toArray() }),
    [db, caseId],
  );
  const [chosen, setChosen] = useState('');
  if (!view) return <p className="loading">{t('common.loading')}</p>;
  const { rec, forms } = view;
  const personId = typeof rec?.data.personId === 'string' ? rec.data.personId : null;
  const back = personId ? fieldPaths.person(personId) : fieldPaths.home;
  const list = rec ? formsFor(forms, Number(rec.data.ppksCode)) : [];
  const form = list.find((f) => f.formCode === chosen) ?? list[0];

  const save = async (answers: Record<string, AnswerValue>) => {
    if (!form || !personId) return;
    await recordAssessment(
      db,
      { caseId, personId },
      { formCode: form.formCode, formVersion: form.version, answers, assessedOn: today() },
    );
    navigate(back, { replace: true });
  };

  return (
    <div className="page field-page">
      <Link href={back} className="back-link">
        ← {t('common.cancel')}
      </Link>
      <h1 className="page-title">{t('fieldOffline.assessment.title')}</h1>
      {!rec && <p className="notice">{t('field.person.notHere')}</p>}
      {rec && list.length === 0 && (
        <p className="notice" data-testid="no-forms">
          {t('fieldOffline.assessment.noForms')}
        </p>
      )}
      {list.length > 1 && (
        <Field name="form" label={t('assessment.form')}>
          {(props) => (
            <select {...props} value={form?.formCode ?? ''} onChange={(e) => setChosen(e.target.value)} data-testid="form-choice">
              {list.map((f) => (
                <option key={f.formCode} value={f.formCode}>
                  {localized(f.title)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {form && (
        <>
          <p className="meta" data-testid="form-version">
            {localized(form.title)} · v{form.version}
          </p>
          <FormFill key={`${form.formCode}-${form.version}`} form={form} onSave={save} />
        </>
      )}
    </div>
  );
}
