import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { useLoad } from '../../hooks/useLoad';
import { currentLanguage } from '../../i18n';
import { casePath, navigate } from '../../router';
import { CaseRow } from './CasesPage';
import { createCase, listCases, ppksCategories } from './cases.api';
import { useSubmit } from '../../hooks/useSubmit';

/** The "Kasus" section of a person's page: their cases, and opening one (with `case.create` on the person). */
export default function PersonCases({ personId, canCreate }: { personId: string; canCreate: boolean }) {
  const { t } = useTranslation();
  const list = useLoad(() => listCases({ personId, status: '', ppks: '', verification: '', page: 1 }), [personId]);
  const ppks = useLoad(() => (canCreate ? ppksCategories() : Promise.resolve([])), [canCreate]);
  const [opening, setOpening] = useState(false);
  const [code, setCode] = useState('');
  const [need, setNeed] = useState('');
  const submit = useSubmit();
  const errors = fieldErrors(submit.error);
  const en = currentLanguage() === 'en';

  function open(e: FormEvent) {
    e.preventDefault();
    let id = '';
    void submit.run(
      async () => {
        id = (await createCase({ personId, ppksCode: Number(code), need: need.trim() })).id;
      },
      () => navigate(casePath(id)),
    );
  }

  return (
    <section className="page" data-testid="person-cases">
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {list.status === 'done' &&
        (list.data.items.length === 0 ? (
          <p className="meta" data-testid="no-cases">
            {t('cases.noneForPerson')}
          </p>
        ) : (
          <ul className="list" data-testid="case-list">
            {list.data.items.map((c) => (
              <CaseRow key={c.id} kase={c} />
            ))}
          </ul>
        ))}
      {canCreate && !opening && (
        <div className="actions">
          <button type="button" className="button" onClick={() => setOpening(true)} data-testid="open-case">
            {t('cases.open')}
          </button>
        </div>
      )}
      {canCreate && opening && (
        <form className="card form" onSubmit={open} noValidate data-testid="case-form">
          {submit.error !== null && (
            <div className="notice notice-error" role="alert" data-testid="error">
              <p>{summaryMessage(submit.error)}</p>
            </div>
          )}
          <Field name="ppksCode" label={t('cases.ppks')} error={errors.ppksCode}>
            {(props) => (
              <select {...props} value={code} onChange={(e) => setCode(e.target.value)} data-testid="case-ppks">
                <option value="">{t('assessment.choose')}</option>
                {(ppks.status === 'done' ? ppks.data : []).map((p) => (
                  <option key={p.code} value={p.code}>
                    {en ? p.nameEn : p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="need" label={t('cases.need')} error={errors.need}>
            {(props) => <textarea {...props} rows={3} maxLength={1000} value={need} onChange={(e) => setNeed(e.target.value)} data-testid="case-need" />}
          </Field>
          <div className="actions">
            <button type="submit" className="button" disabled={submit.busy || !code || need.trim().length < 3} data-testid="create-case">
              {t('cases.openSubmit')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setOpening(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
