import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions, FormProblem, useSubmit } from './FormBits';
import { MemberFormFields } from './MemberFormFields';
import { draftChanges, EDITABLE_FIELDS, memberToDraft } from './memberEdit';
import { updateMember } from './memberAdmin.api';
import type { Member, Warning } from './members.types';

/**
 * Edits a PSM's identity, residence and SK desa/kelurahan in place on the member page.
 * The village is not here: a move is a recorded transfer. A record changed by someone
 * else meanwhile is refused by the server (409) with a message to reload.
 */
export function MemberEditForm({
  member,
  onSaved,
  onCancel,
}: {
  member: Member;
  onSaved: (m: Member, warnings: Warning[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [initial] = useState(() => memberToDraft(member));
  const [draft, setDraft] = useState(initial);
  const { busy, error, errors, onSubmit } = useSubmit(
    () => updateMember(member.id, draftChanges(initial, draft, member.version)),
    ({ warnings, ...saved }) => onSaved(saved, warnings),
  );

  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="member-edit-form">
      <h2>{t('memberAdmin.edit.title')}</h2>
      <p className="meta">{t('memberAdmin.edit.intro', { village: member.villageName })}</p>
      <FormProblem error={error} fields={EDITABLE_FIELDS} />
      {error !== null && 'version' in errors && (
        <div className="actions">
          <button type="button" className="button button-secondary" onClick={() => location.reload()} data-testid="member-reload">
            {t('memberAdmin.edit.reload')}
          </button>
        </div>
      )}
      <MemberFormFields draft={draft} onChange={(p) => setDraft((d) => ({ ...d, ...p }))} errors={errors} withNik={false} />
      <FormActions busy={busy} label={t('memberAdmin.edit.submit')} testId="member-edit-submit" onCancel={onCancel} />
    </form>
  );
}
