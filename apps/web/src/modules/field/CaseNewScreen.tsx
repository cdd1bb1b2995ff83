import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { openCase } from '../../offline/outbox';
import { useLive } from '../../offline/useLive';
import { navigate } from '../../router';
import { useFieldDb } from './FieldApp';
import { fieldPaths } from './fieldPaths';

/** Opens a PPKS case for a person on the phone (category and need); sent with the person when there is signal. */
export function CaseNewScreen({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const db = useFieldDb();
  const ppks = useLive(() => db.ppks.orderBy('code').toArray(), [db]);
  const [ppksCode, setPpksCode] = useState('');
  const [need, setNeed] = useState('');
  const [errors, setErrors] = useState<{ ppksCode?: string; need?: string }>({});
  const [busy, setBusy] = useState(false);
  const en = currentLanguage() === 'en';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next = {
      ...(ppksCode ? {} : { ppksCode: t('field.form.required') }),
      ...(need.trim().length >= 3 ? {} : { need: t('fieldOffline.case.needShort') }),
    };
    setErrors(next);
    if (Object.keys(next).length) return;
    setBusy(true);
    await openCase(db, personId, { ppksCode: Number(ppksCode), need: need.trim() });
    navigate(fieldPaths.person(personId), { replace: true });
  };

  return (
    <div className="page field-page">
      <Link href={fieldPaths.person(personId)} className="back-link">
        ← {t('common.cancel')}
      </Link>
      <h1 className="page-title">{t('fieldOffline.case.new')}</h1>
      <form className="form field-form" onSubmit={(e) => void submit(e)} noValidate>
        <Field name="ppksCode" label={t('fieldOffline.case.ppks')} error={errors.ppksCode}>
          {(props) => (
            <select {...props} value={ppksCode} onChange={(e) => setPpksCode(e.target.value)} data-testid="c-ppks">
              <option value="">{t('field.form.choose')}</option>
              {(ppks ?? []).map((p) => (
                <option key={p.code} value={p.code}>
                  {en ? p.nameEn : p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="need" label={t('fieldOffline.case.need')} error={errors.need}>
          {(props) => (
            <textarea {...props} rows={3} value={need} onChange={(e) => setNeed(e.target.value)} data-testid="c-need" />
          )}
        </Field>
        <p className="hint">{t('field.form.savedLocally')}</p>
        <button type="submit" className="button button-block" disabled={busy} data-testid="c-save">
          {t('common.save')}
        </button>
      </form>
    </div>
  );
}
