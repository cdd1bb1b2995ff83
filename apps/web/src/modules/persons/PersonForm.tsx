import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { AreaPicker, type PickedArea } from '../areas/AreaPicker';
import { NIK_MISSING_REASONS, type NikMissingReason, type Person, type PersonInput, type Sex } from './persons.types';

interface Draft {
  village: PickedArea | null;
  fullName: string;
  sex: Sex | '';
  birthDate: string;
  hasNik: boolean;
  nik: string;
  nikMissingReason: NikMissingReason | '';
  address: string;
  rw: string;
  rt: string;
  phone: string;
}

function draftOf(person: Person | null, village: PickedArea | null): Draft {
  return {
    village: person ? { code: person.villageCode, name: person.villageName, level: 'village' } : village,
    fullName: person?.fullName ?? '',
    sex: person?.sex ?? '',
    birthDate: person?.birthDate ?? '',
    hasNik: person ? person.nikMasked !== null || person.nikMissingReason === null : true,
    nik: '',
    nikMissingReason: person?.nikMissingReason ?? '',
    address: person?.address ?? '',
    rw: person?.rw ?? '',
    rt: person?.rt ?? '',
    phone: person?.phone ?? '',
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/**
 * Registration and edit of a person. The village is searched inside the user's own
 * areas; NIK or the reason there is none is required when registering. The server
 * validates everything again and answers per field (`errors`).
 */
export function PersonForm({
  person,
  villageWithin,
  defaultVillage,
  errors,
  busy,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  /** null: registering a new person. */
  person: Person | null;
  villageWithin: readonly string[] | null;
  defaultVillage: PickedArea | null;
  errors: Record<string, string>;
  busy: boolean;
  submitLabel: string;
  onSubmit: (input: PersonInput) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(person, defaultVillage));
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const creating = person === null;
  const nikOnRecord = person?.nikMasked ?? null;

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!draft.village) problems.villageCode = t('persons.form.chooseVillage');
    if (!draft.fullName.trim()) problems.fullName = t('persons.form.required');
    if (creating && draft.hasNik && !draft.nik.trim()) problems.nik = t('persons.form.nikRequired');
    if (!draft.hasNik && !nikOnRecord && !draft.nikMissingReason && creating)
      problems.nikMissingReason = t('persons.form.reasonRequired');
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;

    const input: PersonInput = {
      villageCode: draft.village!.code,
      fullName: draft.fullName.trim(),
      sex: draft.sex || null,
      birthDate: orNull(draft.birthDate),
      address: orNull(draft.address),
      phone: orNull(draft.phone),
      rw: orNull(draft.rw),
      rt: orNull(draft.rt),
    };
    if (draft.hasNik && draft.nik.trim()) input.nik = draft.nik.replace(/\s+/g, '');
    else if (!draft.hasNik && !nikOnRecord && draft.nikMissingReason && draft.nikMissingReason !== person?.nikMissingReason) {
      input.nikMissingReason = draft.nikMissingReason;
    }
    if (!creating) {
      // Send only what changed: edits to different fields from two places then merge.
      for (const key of Object.keys(input) as (keyof PersonInput)[]) {
        if (key === 'nik' || key === 'nikMissingReason') continue;
        if ((input[key] ?? null) === ((person as unknown as Record<string, unknown>)[key] ?? null)) delete input[key];
      }
    }
    onSubmit(input);
  }

  const all = { ...local, ...errors };
  return (
    <form className="card form person-form" onSubmit={submit} noValidate data-testid="person-form">
      <AreaPicker
        name="villageCode"
        testId="village-picker"
        label={t('persons.village')}
        hint={t('persons.form.villageHint')}
        value={draft.village}
        onChange={(village) => set({ village })}
        within={villageWithin}
        levels={['village']}
        error={all.villageCode}
      />
      <Field name="fullName" label={t('persons.fullName')} error={all.fullName}>
        {(props) => (
          <input
            {...props}
            autoComplete="off"
            value={draft.fullName}
            onChange={(e) => set({ fullName: e.target.value })}
            data-testid="full-name"
          />
        )}
      </Field>
      <fieldset className="choice-group" data-field="sex">
        <legend className="field-label">{t('persons.sex')}</legend>
        <div className="choices">
          {(['L', 'P'] as const).map((s) => (
            <label key={s} className="choice">
              <input
                type="radio"
                name="sex"
                value={s}
                checked={draft.sex === s}
                onChange={() => set({ sex: s })}
                data-testid={`sex-${s}`}
              />
              {t(`persons.sexValue.${s}`)}
            </label>
          ))}
        </div>
        {all.sex && (
          <p className="field-error" data-testid="field-error" data-for="sex">
            {all.sex}
          </p>
        )}
      </fieldset>
      <Field name="birthDate" label={t('persons.birthDate')} error={all.birthDate}>
        {(props) => (
          <input
            {...props}
            type="date"
            max={new Date().toISOString().slice(0, 10)}
            value={draft.birthDate}
            onChange={(e) => set({ birthDate: e.target.value })}
            data-testid="birth-date"
          />
        )}
      </Field>

      <fieldset className="choice-group nik-group" data-field="nik">
        <legend className="field-label">{t('persons.nik')}</legend>
        {nikOnRecord ? (
          <p className="meta">{t('persons.form.nikOnRecord', { nik: nikOnRecord })}</p>
        ) : (
          <div className="choices">
            <label className="choice">
              <input
                type="radio"
                name="hasNik"
                checked={draft.hasNik}
                onChange={() => set({ hasNik: true })}
                data-testid="has-nik"
              />
              {t('persons.form.hasNik')}
            </label>
            <label className="choice">
              <input
                type="radio"
                name="hasNik"
                checked={!draft.hasNik}
                onChange={() => set({ hasNik: false })}
                data-testid="no-nik"
              />
              {t('persons.form.noNik')}
            </label>
          </div>
        )}
        {draft.hasNik || nikOnRecord ? (
          <Field
            name="nik"
            label={nikOnRecord ? t('persons.form.newNik') : t('persons.form.nikInput')}
            hint={t('persons.form.nikHint')}
            error={all.nik}
          >
            {(props) => (
              <input
                {...props}
                inputMode="numeric"
                autoComplete="off"
                maxLength={20}
                value={draft.nik}
                onChange={(e) => set({ nik: e.target.value.replace(/[^\d\s]/g, '') })}
                data-testid="nik"
              />
            )}
          </Field>
        ) : (
          <Field name="nikMissingReason" label={t('persons.form.reason')} error={all.nikMissingReason}>
            {(props) => (
              <select
                {...props}
                value={draft.nikMissingReason}
                onChange={(e) => set({ nikMissingReason: e.target.value as NikMissingReason | '' })}
                data-testid="nik-reason"
              >
                <option value="">{t('persons.form.chooseReason')}</option>
                {NIK_MISSING_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`persons.nikMissing.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </fieldset>

      <Field name="address" label={t('persons.address')} error={all.address}>
        {(props) => (
          <textarea
            {...props}
            rows={2}
            value={draft.address}
            onChange={(e) => set({ address: e.target.value })}
            data-testid="address"
          />
        )}
      </Field>
      <div className="field-pair">
        <Field name="rt" label={t('persons.rt')} error={all.rt}>
          {(props) => (
            <input
              {...props}
              inputMode="numeric"
              maxLength={3}
              value={draft.rt}
              onChange={(e) => set({ rt: e.target.value.replace(/\D/g, '') })}
              data-testid="rt"
            />
          )}
        </Field>
        <Field name="rw" label={t('persons.rw')} error={all.rw}>
          {(props) => (
            <input
              {...props}
              inputMode="numeric"
              maxLength={3}
              value={draft.rw}
              onChange={(e) => set({ rw: e.target.value.replace(/\D/g, '') })}
              data-testid="rw"
            />
          )}
        </Field>
      </div>
      <Field name="phone" label={t('persons.phone')} error={all.phone}>
        {(props) => (
          <input
            {...props}
            type="tel"
            autoComplete="off"
            value={draft.phone}
            onChange={(e) => set({ phone: e.target.value })}
            data-testid="phone"
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="button" disabled={busy} data-testid="save-person">
          {busy ? t('common.saving') : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
