import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { useSession } from '../../session/SessionContext';
import { AreaPicker, type PickedArea } from '../areas/AreaPicker';
import { grantAreas } from '../persons/scope';
import { FormActions, FormProblem, useSubmit } from './FormBits';
import { today } from './MemberBits';
import { transferMember } from './memberAdmin.api';
import type { Member } from './members.types';

const FIELDS = ['toVillageCode', 'movedOn', 'reason', 'version'] as const;

/**
 * Moves a PSM to another village as a recorded transfer (never an edit of the
 * village): destination, date and the basis (e.g. the SK of the move).
 */
export function TransferForm({
  member,
  onSaved,
  onCancel,
}: {
  member: Member;
  onSaved: (m: Member) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [village, setVillage] = useState<PickedArea | null>(null);
  const [movedOn, setMovedOn] = useState(today());
  const [reason, setReason] = useState('');
  const { busy, error, errors, onSubmit } = useSubmit(
    () =>
      transferMember(member.id, { toVillageCode: village?.code ?? '', movedOn, reason: reason.trim(), version: member.version }),
    onSaved,
  );

  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="transfer-form">
      <p className="meta">{t('memberAdmin.transfer.intro', { village: member.villageName })}</p>
      <FormProblem error={error} fields={FIELDS.filter((f) => f !== 'version')} />
      <AreaPicker
        name="toVillageCode"
        testId="transfer-village"
        label={t('memberAdmin.transfer.to')}
        value={village}
        onChange={setVillage}
        within={grantAreas(me)}
        levels={['village']}
        error={errors.toVillageCode}
      />
      <Field name="movedOn" label={t('memberAdmin.transfer.date')} error={errors.movedOn}>
        {(props) => (
          <input
            {...props}
            type="date"
            value={movedOn}
            onChange={(e) => setMovedOn(e.target.value)}
            data-testid="transfer-date"
          />
        )}
      </Field>
      <Field
        name="reason"
        label={t('memberAdmin.transfer.basis')}
        hint={t('memberAdmin.transfer.basisHint')}
        error={errors.reason}
      >
        {(props) => (
          <textarea
            {...props}
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="transfer-basis"
          />
        )}
      </Field>
      <FormActions busy={busy} label={t('memberAdmin.transfer.submit')} testId="transfer-submit" onCancel={onCancel} />
    </form>
  );
}
