import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { useLoad } from '../../hooks/useLoad';
import { useSession } from '../../session/SessionContext';
import { AreaPicker, type PickedArea } from '../areas/AreaPicker';
import { useAction } from '../programmes/formErrors';
import { listProgrammes } from '../programmes/programmes.api';
import { COMPLAINT_CATEGORIES } from './complaints.api';
import { complaintPath } from './paths';
import { fileStaffComplaint } from './staff.api';

/** Intake by a PSM or Dinsos staff at the desk or on a visit; the tracking code is shown once, for the filer. */
export function StaffIntake({ onFiled }: { onFiled: () => void }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const programmes = useLoad(() => listProgrammes(), []);
  const [village, setVillage] = useState<PickedArea | null>(null);
  const [f, setF] = useState({
    category: 'belum_terdaftar',
    programmeCode: '',
    description: '',
    subjectName: '',
    filerName: '',
    filerContact: '',
  });
  const [filed, setFiled] = useState<{ id: string; trackingCode: string } | null>(null);
  const { busy, error, errors, run } = useAction();
  const set = (patch: Partial<typeof f>) => setF((x) => ({ ...x, ...patch }));
  const within = (me?.grants ?? []).map((g) => g.areaCode).filter((c) => c !== 'ID');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const optional = (k: 'programmeCode' | 'subjectName' | 'filerName' | 'filerContact') =>
      f[k].trim() ? { [k]: f[k].trim() } : {};
    const res = await run(() =>
      fileStaffComplaint({
        category: f.category,
        villageCode: village?.code ?? '',
        description: f.description.trim(),
        ...optional('programmeCode'),
        ...optional('subjectName'),
        ...optional('filerName'),
        ...optional('filerContact'),
      }),
    );
    if (res) {
      setFiled({ id: res.id, trackingCode: res.trackingCode });
      onFiled();
    }
  };

  if (filed) {
    return (
      <section className="card" data-testid="staff-complaint-filed">
        <p>{t('complaints.keepCode')}</p>
        <p className="secret" data-testid="staff-tracking-code">
          {filed.trackingCode}
        </p>
        <CopyButton text={filed.trackingCode} />
        <p className="actions">
          <Link href={complaintPath(filed.id)} className="button">
            {t('complaintDesk.openFiled')}
          </Link>
          <button type="button" className="button button-secondary" onClick={() => setFiled(null)}>
            {t('complaintDesk.fileAnother')}
          </button>
        </p>
      </section>
    );
  }
  return (
    <details className="card">
      <summary data-testid="staff-complaint-new">{t('complaintDesk.intake')}</summary>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <Field name="category" label={t('complaints.category')} error={errors.category}>
          {(p) => (
            <select {...p} value={f.category} onChange={(e) => set({ category: e.target.value })}>
              {COMPLAINT_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`complaints.categories.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <AreaPicker
          name="villageCode"
          testId="staff-complaint-village"
          label={t('complaints.village')}
          value={village}
          onChange={setVillage}
          within={within.length ? within : null}
          levels={['village']}
          error={errors.villageCode}
        />
        <Field name="programmeCode" label={t('complaintDesk.programme')} error={errors.programmeCode}>
          {(p) => (
            <select {...p} value={f.programmeCode} onChange={(e) => set({ programmeCode: e.target.value })}>
              <option value="">—</option>
              {(programmes.status === 'done' ? programmes.data.items : []).map((x) => (
                <option key={x.code} value={x.code}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          name="description"
          label={t('complaints.description')}
          hint={t('complaints.descriptionHint')}
          error={errors.description}
        >
          {(p) => (
            <textarea
              {...p}
              rows={4}
              value={f.description}
              onChange={(e) => set({ description: e.target.value })}
              data-testid="staff-complaint-description"
            />
          )}
        </Field>
        <Field name="subjectName" label={t('complaintDesk.subject')} error={errors.subjectName}>
          {(p) => <input {...p} value={f.subjectName} onChange={(e) => set({ subjectName: e.target.value })} />}
        </Field>
        <Field name="filerName" label={t('complaintDesk.filer')} error={errors.filerName}>
          {(p) => <input {...p} value={f.filerName} onChange={(e) => set({ filerName: e.target.value })} />}
        </Field>
        <Field
          name="filerContact"
          label={t('complaints.filerContact')}
          hint={t('complaints.contactHint')}
          error={errors.filerContact}
        >
          {(p) => <input {...p} value={f.filerContact} onChange={(e) => set({ filerContact: e.target.value })} />}
        </Field>
        {error !== null && Object.keys(errors).length === 0 && <ErrorMessage error={error} />}
        <button type="submit" className="button" disabled={busy} data-testid="staff-complaint-submit">
          {t('complaints.submit')}
        </button>
      </form>
    </details>
  );
}
