import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import type { MemberInput } from './members.types';

/** What a registration form holds besides the village (picked separately: the scope differs). */
export interface MemberDraft {
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

export const emptyMemberDraft: MemberDraft = {
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
};

const opt = (s: string) => (s.trim() ? s.trim() : undefined);

/** Only what was filled in is sent; the server checks the rest and names the field. */
export function draftToInput(villageCode: string, d: MemberDraft): MemberInput {
  const input: MemberInput = {
    villageCode,
    fullName: d.fullName.trim(),
    sex: d.sex as 'L' | 'P',
    birthDate: d.birthDate,
    nik: d.nik.replace(/\s/g, ''),
    livesInVillage: d.livesInVillage,
    healthStatement: d.healthStatement,
  };
  const extra = {
    phone: opt(d.phone),
    address: opt(d.address),
    rw: opt(d.rw),
    skNumber: opt(d.skNumber),
    skDate: opt(d.skDate),
    skIssuer: opt(d.skIssuer),
  };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (input as unknown as Record<string, string>)[k] = v;
  return input;
}

type TextKey = 'fullName' | 'birthDate' | 'nik' | 'phone' | 'address' | 'rw' | 'skNumber' | 'skDate' | 'skIssuer';

/**
 * The identity, residence, health and SK fields of a PSM registration, shared by the
 * operator's form (`/psm/baru`), the public self-registration page and the edit form
 * on the member page.
 */
export function MemberFormFields({
  draft,
  onChange,
  errors,
  withNik = true,
}: {
  draft: MemberDraft;
  onChange: (patch: Partial<MemberDraft>) => void;
  errors: Record<string, string>;
  /** Off when editing: the NIK is set at registration and never shown again in clear. */
  withNik?: boolean;
}) {
  const { t } = useTranslation();
  const text = (name: TextKey, label: string, type = 'text', extra: Record<string, unknown> = {}) => (
    <Field name={name} label={label} error={errors[name]}>
      {(props) => (
        <input
          {...props}
          {...extra}
          type={type}
          value={draft[name]}
          onChange={(e) => onChange({ [name]: e.target.value })}
          data-testid={`member-${name}`}
        />
      )}
    </Field>
  );

  return (
    <>
      {text('fullName', t('members.fullName'), 'text', { autoComplete: 'off', maxLength: 200 })}
      <fieldset className="choice-group" data-field="sex">
        <legend className="field-label">{t('members.sex')}</legend>
        <div className="choices">
          {(['L', 'P'] as const).map((s) => (
            <label key={s} className="choice">
              <input
                type="radio"
                name="sex"
                value={s}
                checked={draft.sex === s}
                onChange={() => onChange({ sex: s })}
                data-testid={`member-sex-${s}`}
              />
              {t(`persons.sexValue.${s}`)}
            </label>
          ))}
        </div>
        {errors.sex && <p className="field-error">{errors.sex}</p>}
      </fieldset>
      {text('birthDate', t('members.birthDate'), 'date')}
      {withNik && text('nik', t('members.nik'), 'text', { inputMode: 'numeric', autoComplete: 'off', maxLength: 20 })}
      {text('phone', t('members.phone'), 'tel')}
      {text('address', t('members.address'))}
      {text('rw', t('members.rw'), 'text', { inputMode: 'numeric', maxLength: 3 })}
      <label className="choice">
        <input
          type="checkbox"
          checked={draft.livesInVillage}
          onChange={(e) => onChange({ livesInVillage: e.target.checked })}
          data-testid="member-livesInVillage"
        />
        {t('members.form.livesInVillage')}
      </label>
      <label className="choice">
        <input
          type="checkbox"
          checked={draft.healthStatement}
          onChange={(e) => onChange({ healthStatement: e.target.checked })}
          data-testid="member-healthStatement"
        />
        {t('members.form.healthStatement')}
      </label>
      <h2>{t('members.sk')}</h2>
      {text('skNumber', t('members.skNumber'))}
      {text('skDate', t('members.skDate'), 'date')}
      {text('skIssuer', t('members.skIssuer'))}
    </>
  );
}
