import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { editRecord, registerPerson } from '../../offline/outbox';
import { useLive } from '../../offline/useLive';
import { navigate } from '../../router';
import { useSession } from '../../session/SessionContext';
import { useFieldDb } from './FieldApp';
import { fieldPaths } from './fieldPaths';

const REASONS = ['tidak_punya', 'belum_rekam', 'tidak_diketahui'] as const;
const isVillage = (code: string) => /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(code);

interface Values {
  fullName: string;
  sex: '' | 'L' | 'P';
  birthDate: string;
  villageCode: string;
  rt: string;
  rw: string;
  address: string;
  phone: string;
  nik: string;
  nikMissingReason: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The fields as the sync API takes them (empty optional fields left out, or cleared on edit). */
function toData(v: Values, before: Values | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = ['fullName', 'sex', 'birthDate', 'villageCode', 'rt', 'rw', 'address', 'phone'] as const;
  for (const k of keys) {
    const value = v[k].trim();
    if (before) {
      if (value !== before[k]) out[k] = value === '' ? null : value;
    } else if (value !== '') out[k] = value;
  }
  if (!before) {
    // One of the two, never both (an edited registration drops the other one).
    if (v.nik.trim()) Object.assign(out, { nik: v.nik.replace(/\D/g, ''), nikMissingReason: undefined });
    else Object.assign(out, { nik: undefined, nikMissingReason: v.nikMissingReason });
  }
  return out;
}

function PersonForm({ initial, isNew, onSave }: { initial: Values; isNew: boolean; onSave: (data: Record<string, unknown>) => Promise<void> }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const villages = [...new Set((me?.grants ?? []).map((g) => g.areaCode).filter(isVillage))];
  const [v, setV] = useState<Values>(() => ({ ...initial, villageCode: initial.villageCode || villages[0] || '' }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Values) => (e: { target: { value: string } }) => setV((p) => ({ ...p, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!v.fullName.trim()) errs.fullName = t('field.form.required');
    if (!isVillage(v.villageCode.trim())) errs.villageCode = t('field.form.villageInvalid');
    if (isNew && v.nik.trim() && v.nik.replace(/\D/g, '').length !== 16) errs.nik = t('field.form.nikInvalid');
    if (isNew && !v.nik.trim() && !v.nikMissingReason) errs.nikMissingReason = t('field.form.nikOrReason');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      await onSave(toData(v, isNew ? null : initial));
    } finally {
      setBusy(false);
    }
  };

  const text = (k: keyof Values, type = 'text', extra: Record<string, string> = {}) => (
    <div className={`field${errors[k] ? ' has-error' : ''}`}>
      <label className="field-label" htmlFor={`f-${k}`}>
        {t(`field.form.${k}`)}
      </label>
      <input id={`f-${k}`} type={type} value={v[k]} onChange={set(k)} data-testid={`f-${k}`} aria-invalid={errors[k] ? true : undefined} {...extra} />
      {errors[k] && (
        <p className="field-error" data-testid="field-error">
          {errors[k]}
        </p>
      )}
    </div>
  );

  return (
    <form className="form field-form" onSubmit={(e) => void submit(e)} noValidate>
      {text('fullName', 'text', { autoComplete: 'off' })}
      <fieldset className="field">
        <legend className="field-label">{t('field.form.sex')}</legend>
        <div className="choices">
          {(['L', 'P'] as const).map((s) => (
            <label key={s} className="choice">
              <input type="radio" name="sex" value={s} checked={v.sex === s} onChange={set('sex')} data-testid={`f-sex-${s}`} />
              {t(`field.form.sex${s}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {text('birthDate', 'date')}
      {isNew && (
        <>
          {text('nik', 'text', { inputMode: 'numeric', autoComplete: 'off', maxLength: '16' })}
          {!v.nik.trim() && (
            <div className={`field${errors.nikMissingReason ? ' has-error' : ''}`}>
              <label className="field-label" htmlFor="f-nikMissingReason">
                {t('field.form.nikMissingReason')}
              </label>
              <select id="f-nikMissingReason" value={v.nikMissingReason} onChange={set('nikMissingReason')} data-testid="f-nikMissingReason">
                <option value="">{t('field.form.choose')}</option>
                {REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`field.form.reason.${r}`)}
                  </option>
                ))}
              </select>
              {errors.nikMissingReason && <p className="field-error">{errors.nikMissingReason}</p>}
            </div>
          )}
        </>
      )}
      {villages.length > 1 ? (
        <div className="field">
          <label className="field-label" htmlFor="f-villageCode">
            {t('field.form.villageCode')}
          </label>
          <select id="f-villageCode" value={v.villageCode} onChange={set('villageCode')} data-testid="f-villageCode">
            {villages.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
      ) : villages.length === 1 && v.villageCode === villages[0] ? null : (
        text('villageCode', 'text', { inputMode: 'decimal', placeholder: '33.72.01.1001' })
      )}
      <div className="field-pair">
        {text('rt', 'text', { inputMode: 'numeric', maxLength: '3' })}
        {text('rw', 'text', { inputMode: 'numeric', maxLength: '3' })}
      </div>
      {text('address')}
      {text('phone', 'tel')}
      <p className="hint">{t('field.form.savedLocally')}</p>
      <button type="submit" className="button button-block" disabled={busy} data-testid="f-save">
        {t('common.save')}
      </button>
    </form>
  );
}

const empty: Values = { fullName: '', sex: '', birthDate: '', villageCode: '', rt: '', rw: '', address: '', phone: '', nik: '', nikMissingReason: '' };

export function PersonNewScreen() {
  const { t } = useTranslation();
  const db = useFieldDb();
  return (
    <div className="page field-page">
      <Link href={fieldPaths.home} className="back-link">
        ← {t('field.title')}
      </Link>
      <h1 className="page-title">{t('field.person.register')}</h1>
      <PersonForm
        initial={empty}
        isNew
        onSave={async (data) => {
          const id = await registerPerson(db, data);
          navigate(fieldPaths.person(id), { replace: true });
        }}
      />
    </div>
  );
}

export function PersonEditScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const db = useFieldDb();
  const rec = useLive(async () => (await db.records.get(['person', id])) ?? null, [db, id]);
  const queuedCreate = useLive(async () => (await db.outbox.where('personId').equals(id).toArray()).some((i) => i.kind === 'mutation' && i.op === 'create'), [db, id]);
  if (rec === undefined || queuedCreate === undefined) return <p className="loading">{t('common.loading')}</p>;
  if (rec === null) return <p className="notice">{t('field.person.notHere')}</p>;
  const d = rec.data;
  const initial: Values = {
    fullName: str(d.fullName),
    sex: d.sex === 'L' || d.sex === 'P' ? d.sex : '',
    birthDate: str(d.birthDate),
    villageCode: str(d.villageCode),
    rt: str(d.rt),
    rw: str(d.rw),
    address: str(d.address),
    phone: str(d.phone),
    nik: str(d.nik),
    nikMissingReason: str(d.nikMissingReason),
  };
  return (
    <div className="page field-page">
      <Link href={fieldPaths.person(id)} className="back-link">
        ← {str(d.fullName)}
      </Link>
      <h1 className="page-title">{t('field.person.edit')}</h1>
      <PersonForm
        initial={initial}
        isNew={queuedCreate}
        onSave={async (data) => {
          if (Object.keys(data).length) await editRecord(db, 'person', id, data);
          navigate(fieldPaths.person(id), { replace: true });
        }}
      />
    </div>
  );
}
