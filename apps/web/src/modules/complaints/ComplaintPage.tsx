import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, localized, summaryMessage } from '../../api/client';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { useLoad } from '../../hooks/useLoad';
import { AreaPicker, type PickedArea } from '../areas/AreaPicker';
import { complaintForm, COMPLAINT_CATEGORIES, fileComplaint } from './complaints.api';
import '../dashboard/charts.css';

/**
 * `/pengaduan`: a complaint without an account. Anti-spam as the server asks: a one-use
 * form token, a small sum shown to the person, and a honeypot field hidden with CSS.
 */
export default function ComplaintPage() {
  const { t } = useTranslation();
  const [attempt, setAttempt] = useState(0);
  const form = useLoad(() => complaintForm(), [attempt]);
  const [category, setCategory] = useState('');
  const [village, setVillage] = useState<PickedArea | null>(null);
  const [description, setDescription] = useState('');
  const [filerName, setFilerName] = useState('');
  const [filerContact, setFilerContact] = useState('');
  const [answer, setAnswer] = useState('');
  const [website, setWebsite] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [filed, setFiled] = useState<{ trackingCode: string; message: string } | null>(null);
  const errors = fieldErrors(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (form.status !== 'done') return;
    setBusy(true);
    setError(null);
    try {
      const res = await fileComplaint({
        category,
        villageCode: village?.code ?? '',
        description: description.trim(),
        ...(filerName.trim() ? { filerName: filerName.trim() } : {}),
        ...(filerContact.trim() ? { filerContact: filerContact.trim() } : {}),
        formToken: form.data.formToken,
        answer: Number(answer),
        ...(website ? { website } : {}),
      });
      setFiled({ trackingCode: res.trackingCode, message: localized(res.message) });
    } catch (err) {
      setError(err);
      setAnswer('');
      setAttempt((n) => n + 1); // a token is good for one try: take a fresh one (and a new sum)
    } finally {
      setBusy(false);
    }
  }

  if (filed) {
    return (
      <div className="page narrow-page">
        <h1>{t('complaints.title')}</h1>
        <section className="card" data-testid="complaint-filed">
          <p className="notice notice-ok">{filed.message}</p>
          <p>{t('complaints.keepCode')}</p>
          <p className="secret" data-testid="tracking-code">
            {filed.trackingCode}
          </p>
          <CopyButton text={filed.trackingCode} />
          <p>
            <Link href="/pengaduan/lacak">{t('complaints.trackLink')}</Link>
          </p>
        </section>
      </div>
    );
  }

  return (
    <div className="page narrow-page">
      <h1>{t('complaints.title')}</h1>
      <p className="lead">{t('complaints.intro')}</p>
      <p>
        <Link href="/pengaduan/lacak">{t('complaints.trackLink')}</Link>
      </p>
      {form.status === 'loading' && <Loading />}
      {form.status === 'error' && <ErrorMessage error={form.error} onRetry={form.retry} />}
      {error !== null && (
        <div className="notice notice-error" role="alert" data-testid="error">
          <p>{summaryMessage(error)}</p>
        </div>
      )}
      <form className="form" onSubmit={(e) => void submit(e)} noValidate data-testid="complaint-form">
        <Field name="category" label={t('complaints.category')} error={errors.category}>
          {(props) => (
            <select {...props} value={category} onChange={(e) => setCategory(e.target.value)} data-testid="complaint-category">
              <option value="">{t('assessment.choose')}</option>
              {COMPLAINT_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`complaints.categories.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <AreaPicker name="villageCode" testId="complaint-village" label={t('complaints.village')} value={village} onChange={setVillage} within={null} levels={['village']} error={errors.villageCode} />
        <Field name="description" label={t('complaints.description')} hint={t('complaints.descriptionHint')} error={errors.description}>
          {(props) => <textarea {...props} rows={5} maxLength={4000} value={description} onChange={(e) => setDescription(e.target.value)} data-testid="complaint-description" />}
        </Field>
        <Field name="filerName" label={t('complaints.filerName')} hint={t('complaints.optional')} error={errors.filerName}>
          {(props) => <input {...props} autoComplete="name" value={filerName} onChange={(e) => setFilerName(e.target.value)} data-testid="complaint-name" />}
        </Field>
        <Field name="filerContact" label={t('complaints.filerContact')} hint={t('complaints.contactHint')} error={errors.filerContact}>
          {(props) => <input {...props} autoComplete="tel" value={filerContact} onChange={(e) => setFilerContact(e.target.value)} data-testid="complaint-contact" />}
        </Field>
        {/* Honeypot: people never see it (hidden with CSS, not `hidden`, so bots still fill it). */}
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="complaint-website">Website</label>
          <input id="complaint-website" name="website" tabIndex={-1} autoComplete="off" value={website} onChange={(e) => setWebsite(e.target.value)} data-testid="complaint-website" />
        </div>
        {form.status === 'done' && (
          <Field name="answer" label={localized(form.data.question)} hint={t('complaints.sumHint')} error={errors.answer ?? errors.formToken}>
            {(props) => <input {...props} inputMode="numeric" value={answer} onChange={(e) => setAnswer(e.target.value.replace(/\D/g, ''))} data-testid="complaint-answer" />}
          </Field>
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={busy || form.status !== 'done'} data-testid="complaint-submit">
            {busy ? t('common.saving') : t('complaints.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
