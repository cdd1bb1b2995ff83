import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { FormActions, FormProblem, useSubmit } from './FormBits';
import { today } from './MemberBits';
import { addAward, type AwardInput } from './memberAdmin.api';
import { AWARD_LEVELS, type AwardLevel, type Member, type Warning } from './members.types';

const FIELDS = ['level', 'awardType', 'skNumber', 'awardedOn'] as const;

/** Records an award (level, type, SK number, date); the server's warnings come back with the saved record. */
export function AwardForm({
  member,
  onSaved,
  onCancel,
}: {
  member: Member;
  onSaved: (m: Member, warnings: Warning[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [level, setLevel] = useState<AwardLevel>('kabkota');
  const [awardType, setAwardType] = useState('');
  const [skNumber, setSkNumber] = useState('');
  const [awardedOn, setAwardedOn] = useState(today());
  const { busy, error, errors, onSubmit } = useSubmit(
    () => {
      const body: AwardInput = { level, awardType: awardType.trim(), awardedOn };
      if (skNumber.trim()) body.skNumber = skNumber.trim();
      return addAward(member.id, body);
    },
    ({ warnings, ...saved }) => onSaved(saved, warnings),
  );

  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="award-form">
      <FormProblem error={error} fields={FIELDS} />
      <Field name="awardType" label={t('memberAdmin.award.type')} hint={t('memberAdmin.award.typeHint')} error={errors.awardType}>
        {(props) => (
          <input
            {...props}
            value={awardType}
            maxLength={200}
            onChange={(e) => setAwardType(e.target.value)}
            data-testid="award-type"
          />
        )}
      </Field>
      <Field name="level" label={t('memberAdmin.award.level')} error={errors.level}>
        {(props) => (
          <select {...props} value={level} onChange={(e) => setLevel(e.target.value as AwardLevel)} data-testid="award-level">
            {AWARD_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`members.awardLevel.${l}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="skNumber" label={t('memberAdmin.award.skNumber')} error={errors.skNumber}>
        {(props) => (
          <input
            {...props}
            value={skNumber}
            maxLength={100}
            onChange={(e) => setSkNumber(e.target.value)}
            data-testid="award-sk"
          />
        )}
      </Field>
      <Field name="awardedOn" label={t('memberAdmin.award.date')} error={errors.awardedOn}>
        {(props) => (
          <input
            {...props}
            type="date"
            value={awardedOn}
            max={today()}
            onChange={(e) => setAwardedOn(e.target.value)}
            data-testid="award-date"
          />
        )}
      </Field>
      <FormActions busy={busy} label={t('memberAdmin.award.submit')} testId="award-submit" onCancel={onCancel} />
    </form>
  );
}
