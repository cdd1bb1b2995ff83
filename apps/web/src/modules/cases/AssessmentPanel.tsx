import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { useFormatDate } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { AssessmentForm } from './AssessmentForm';
import { assessments, formsFor, formVersion } from './cases.api';
import type { Assessment, FormVersion } from './cases.types';

function formatAnswer(v: unknown, t: (k: string) => string): string {
  if (typeof v === 'boolean') return v ? t('assessment.yes') : t('assessment.no');
  if (Array.isArray(v)) return v.join(', ');
  return String(v);
}

/** One recorded assessment, rendered with the form version it was given under. */
function AssessmentView({ a }: { a: Assessment }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const form = useLoad(() => formVersion(a.formCode, a.formVersion), [a.formCode, a.formVersion]);
  const fields = form.status === 'done' ? form.data.schema.fields : [];
  const labels = new Map(fields.map((f) => [f.name, f]));
  const order = (name: string) => {
    const i = fields.findIndex((f) => f.name === name);
    return i < 0 ? fields.length : i;
  };
  return (
    <li className="card" data-testid="assessment" data-form={a.formCode}>
      <p className="meta">
        {formatDate(a.assessedOn)} · {a.assessorLabel} · {a.formCode} v{a.formVersion}
      </p>
      {form.status === 'loading' && <Loading />}
      <dl className="facts" hidden={form.status === 'loading'}>
        {Object.entries(a.answers)
          .sort(([x], [y]) => order(x) - order(y))
          .map(([k, v]) => {
            const field = labels.get(k);
            // Choice answers show their labels in this form version's words.
            const label = (x: unknown) => {
              const o = field?.options?.find((opt) => opt.value === x);
              return o ? localized(o.label) : formatAnswer(x, t);
            };
            return (
              <div key={k}>
                <dt>{field ? localized(field.label) : k}</dt>
                <dd>{Array.isArray(v) ? v.map(label).join(', ') : label(v)}</dd>
              </div>
            );
          })}
      </dl>
    </li>
  );
}

/** Assessments of a case, and (with `record`) the form for its PPKS category, latest version. */
export function AssessmentPanel({
  caseId,
  ppksCode,
  canRecord,
  onChanged,
  reloadKey,
}: {
  caseId: string;
  ppksCode: number;
  canRecord: boolean;
  onChanged: () => void;
  reloadKey: number;
}) {
  const { t } = useTranslation();
  const done = useLoad(() => assessments(caseId), [caseId, reloadKey]);
  const forms = useLoad(() => (canRecord ? formsFor(ppksCode) : Promise.resolve([])), [ppksCode, canRecord]);
  const [chosen, setChosen] = useState<string>('');
  const list = forms.status === 'done' ? forms.data : [];
  const code = chosen || list[0]?.code || '';
  const summary = list.find((f) => f.code === code);
  const form = useLoad<FormVersion | null>(
    () => (summary ? formVersion(summary.code, summary.latestVersion) : Promise.resolve(null)),
    [summary?.code, summary?.latestVersion],
  );
  const [filling, setFilling] = useState(false);

  return (
    <div className="page" data-testid="assessments">
      {done.status === 'loading' && <Loading />}
      {done.status === 'error' && <ErrorMessage error={done.error} onRetry={done.retry} />}
      {done.status === 'done' &&
        (done.data.length === 0 ? (
          <p className="meta">{t('assessment.none')}</p>
        ) : (
          <ul className="plain-list">
            {done.data.map((a) => (
              <AssessmentView key={a.id} a={a} />
            ))}
          </ul>
        ))}
      {canRecord && !filling && (
        <button type="button" className="button" onClick={() => setFilling(true)} data-testid="start-assessment">
          {t('assessment.start')}
        </button>
      )}
      {canRecord && filling && (
        <section className="card">
          {forms.status === 'error' && <ErrorMessage error={forms.error} onRetry={forms.retry} />}
          {list.length === 0 && forms.status === 'done' && <p className="notice">{t('assessment.noForm')}</p>}
          {list.length > 1 && (
            <Field name="form" label={t('assessment.form')}>
              {(props) => (
                <select {...props} value={code} onChange={(e) => setChosen(e.target.value)} data-testid="form-choice">
                  {list.map((f) => (
                    <option key={f.code} value={f.code}>
                      {localized(f.title)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {summary && <h3>{localized(summary.title)}</h3>}
          {form.status === 'loading' && <Loading />}
          {form.status === 'error' && <ErrorMessage error={form.error} onRetry={form.retry} />}
          {form.status === 'done' && form.data && (
            <AssessmentForm
              key={`${form.data.formCode}-${form.data.version}`}
              caseId={caseId}
              form={form.data}
              onSaved={() => {
                setFilling(false);
                onChanged();
              }}
            />
          )}
        </section>
      )}
    </div>
  );
}
