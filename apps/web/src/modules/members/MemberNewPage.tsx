import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { memberPath, navigate } from '../../router';
import { useSession } from '../../session/SessionContext';
import { AreaPicker, type PickedArea } from '../areas/AreaPicker';
import { grantAreas, soleVillage } from '../persons/scope';
import { createMember } from './members.api';
import type { MemberInput } from './members.types';

interface Draft {
  village: PickedArea | null;
  fullName: string;
  sex: 'L' | 'P' | '';
  birthDate: string;
  nik: string;
  phone: string;
  address: string;
  rw: string;
  livesInVillage: boolean;
  healthStatement: boolean;
  skNumber: string;
  skDate: string;
  skIssuer: string;
}

const opt = (s: string) => (s.trim() ? s.trim() : undefined);

/** Only what was filled in is sent; the server checks the rest and names the field. */
function toInput(d: Draft): MemberInput {
  const input: MemberInput = {
    villageCode: d.village?.code ?? '',
    fullName: d.fullName.trim(),
    sex: d.sex as 'L' | 'P',
    birthDate: d.birthDate,
    nik: d.nik.replace(/\s/g, ''),
    livesInVillage: d.livesInVillage,
    healthStatement: d.healthStatement,
  };
  const extra = { phone: opt(d.phone), address: opt(d.address), rw: opt(d.rw), skNumber: opt(d.skNumber), skDate: opt(d.skDate), skIssuer: opt(d.skIssuer) };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (input as unknown as Record<string, string>)[k] = v;
  return input;
}

/** `/psm/baru`: an IPSM or Dinsos operator registers a PSM; it lands as "diajukan" for Dinsos to verify. */
export default function MemberNewPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [draft, setDraft] = useState<Draft>(() => ({
    village: soleVillage(me),
    fullName: '',
    sex: '',
    birthDate: '',
    nik: '',
    phone: '',
    address: '',
    rw: '',
    livesInVillage: true,
    healthStatement: false,
    skNumber: '',
    skDate: '',
    skIssuer: '',
  }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const errors = fieldErrors(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await createMember(toInput(draft));
      navigate(memberPath(created.id), { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const text = (name: keyof Draft & keyof MemberInput, label: string, type = 'text', extra: Record<string, unknown> = {}) => (
    <Field name={name} label={label} error={errors[name]}>
      {(props) => (
        <input
          {...props}
          {...extra}
          type={type}
          value={draft[name] as string}
          onChange={(e) => set({ [name]: e.target.value } as Partial<Draft>)}
          data-testid={`member-${name}`}
        />
      )}
    </Field>
  );

  return (
    <div className="page narrow-page">
      <Link href="/psm" className="back-link">
        ← {t('members.backToList')}
      </Link>
      <h1>{t('members.newTitle')}</h1>
      <p className="meta">{t('members.form.intro')}</p>
      {error !== null && (
        <div className="notice notice-error" role="alert" data-testid="error">
          <p>{summaryMessage(error)}</p>
        </div>
      )}
      <form className="form" onSubmit={(e) => void submit(e)} noValidate data-testid="member-form">
        <AreaPicker
          name="villageCode"
          testId="member-village"
          label={t('members.village')}
          value={draft.village}
          onChange={(village) => set({ village })}
          within={grantAreas(me)}
          levels={['village']}
          error={errors.villageCode}
        />
        {text('fullName', t('members.fullName'), 'text', { autoComplete: 'off', maxLength: 200 })}
        <fieldset className="choice-group" data-field="sex">
          <legend className="field-label">{t('members.sex')}</legend>
          <div className="choices">
            {(['L', 'P'] as const).map((s) => (
              <label key={s} className="choice">
                <input type="radio" name="sex" value={s} checked={draft.sex === s} onChange={() => set({ sex: s })} data-testid={`member-sex-${s}`} />
                {t(`persons.sexValue.${s}`)}
              </label>
            ))}
          </div>
          {errors.sex && <p className="field-error">{errors.sex}</p>}
        </fieldset>
        {text('birthDate', t('members.birthDate'), 'date')}
        {text('nik', t('members.nik'), 'text', { inputMode: 'numeric', autoComplete: 'off', maxLength: 20 })}
        {text('phone', t('members.phone'), 'tel')}
        {text('address', t('members.address'))}
        {text('rw', t('members.rw'), 'text', { inputMode: 'numeric', maxLength: 3 })}
        <label className="choice">
          <input type="checkbox" checked={draft.livesInVillage} onChange={(e) => set({ livesInVillage: e.target.checked })} data-testid="member-livesInVillage" />
          {t('members.form.livesInVillage')}
        </label>
        <label className="choice">
          <input type="checkbox" checked={draft.healthStatement} onChange={(e) => set({ healthStatement: e.target.checked })} data-testid="member-healthStatement" />
          {t('members.form.healthStatement')}
        </label>
        <h2>{t('members.sk')}</h2>
        {text('skNumber', t('members.skNumber'))}
        {text('skDate', t('members.skDate'), 'date')}
        {text('skIssuer', t('members.skIssuer'))}
        <div className="actions">
          <button type="submit" className="button" disabled={busy} data-testid="save-member">
            {busy ? t('common.saving') : t('members.form.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
