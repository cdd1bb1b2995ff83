import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';

/** The short person form of a victim registration (VictimPersonSchema). */
export interface PersonValues {
  fullName: string;
  sex: '' | 'L' | 'P';
  birthDate: string;
  nik: string;
  nikMissingReason: string;
  villageCode: string;
  phone: string;
}

export const emptyPerson = (villageCode: string): PersonValues => ({
  fullName: '',
  sex: '',
  birthDate: '',
  nik: '',
  nikMissingReason: 'belum_rekam',
  villageCode,
  phone: '',
});

const REASONS = ['tidak_punya', 'belum_rekam', 'tidak_diketahui'] as const;

export function personBody(p: PersonValues, id?: string): Record<string, unknown> {
  const nik = p.nik.replace(/\D/g, '');
  return {
    ...(id ? { id } : {}),
    villageCode: p.villageCode,
    fullName: p.fullName.trim(),
    ...(nik ? { nik } : { nikMissingReason: p.nikMissingReason }),
    ...(p.sex ? { sex: p.sex } : {}),
    ...(p.birthDate ? { birthDate: p.birthDate } : {}),
    ...(p.phone.trim() ? { phone: p.phone.trim() } : {}),
  };
}

/** What the phone can check before queueing (the server checks again on sync). */
export function personErrors(p: PersonValues, t: (k: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  if (p.fullName.trim().length < 2) out['person.fullName'] = t('disasters.victim.required');
  const nik = p.nik.replace(/\D/g, '');
  if (nik && nik.length !== 16) out['person.nik'] = t('disasters.victim.nikInvalid');
  if (!nik && !p.nikMissingReason) out['person.nikMissingReason'] = t('disasters.victim.nikOrReason');
  if (!p.villageCode) out['person.villageCode'] = t('disasters.victim.required');
  return out;
}

export function PersonFields({
  value,
  onChange,
  villages,
  errors,
  onNameBlur,
}: {
  value: PersonValues;
  onChange: (p: PersonValues) => void;
  villages: { code: string; name: string }[];
  errors: Record<string, string>;
  onNameBlur?: () => void;
}) {
  const { t } = useTranslation();
  const set = (k: keyof PersonValues) => (e: { target: { value: string } }) => onChange({ ...value, [k]: e.target.value });
  return (
    <>
      <Field name="person.fullName" label={t('disasters.victim.fullName')} error={errors['person.fullName']}>
        {(p) => (
          <input
            {...p}
            value={value.fullName}
            onChange={set('fullName')}
            onBlur={onNameBlur}
            autoComplete="off"
            maxLength={200}
            data-testid="in-fullName"
          />
        )}
      </Field>
      <Field name="person.villageCode" label={t('disasters.victim.village')} error={errors['person.villageCode']}>
        {(p) => (
          <select {...p} value={value.villageCode} onChange={set('villageCode')} data-testid="in-personVillage">
            {villages.map((v) => (
              <option key={v.code} value={v.code}>
                {v.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="field">
        <legend className="field-label">{t('disasters.victim.sex')}</legend>
        <div className="choices">
          {(['L', 'P'] as const).map((s) => (
            <label key={s} className="choice">
              <input
                type="radio"
                name="victim-sex"
                value={s}
                checked={value.sex === s}
                onChange={set('sex')}
                data-testid={`in-sex-${s}`}
              />
              {t(`disasters.victim.sex${s}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field name="person.birthDate" label={t('disasters.victim.birthDate')} error={errors['person.birthDate']}>
        {(p) => (
          <input
            {...p}
            type="date"
            value={value.birthDate}
            onChange={set('birthDate')}
            onBlur={onNameBlur}
            data-testid="in-birthDate"
          />
        )}
      </Field>
      <Field name="person.nik" label={t('disasters.victim.nik')} error={errors['person.nik'] ?? errors.nik}>
        {(p) => (
          <input
            {...p}
            inputMode="numeric"
            autoComplete="off"
            maxLength={16}
            value={value.nik}
            onChange={set('nik')}
            data-testid="in-nik"
          />
        )}
      </Field>
      {!value.nik.trim() && (
        <Field
          name="person.nikMissingReason"
          label={t('disasters.victim.nikMissingReason')}
          error={errors['person.nikMissingReason']}
        >
          {(p) => (
            <select {...p} value={value.nikMissingReason} onChange={set('nikMissingReason')} data-testid="in-nikMissingReason">
              {REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`disasters.victim.reason.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field name="person.phone" label={t('disasters.victim.phone')} error={errors['person.phone']}>
        {(p) => <input {...p} type="tel" value={value.phone} onChange={set('phone')} maxLength={20} data-testid="in-phone" />}
      </Field>
    </>
  );
}
