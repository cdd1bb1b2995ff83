import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, summaryMessage } from '../../api/client';
import { Link } from '../../components/Link';
import { memberPath, navigate } from '../../router';
import { useSession } from '../../session/SessionContext';
import { AreaPicker, type PickedArea } from '../areas/AreaPicker';
import { grantAreas, soleVillage } from '../persons/scope';
import { draftToInput, emptyMemberDraft, MemberFormFields, type MemberDraft } from './MemberFormFields';
import { createMember } from './members.api';

/** `/psm/baru`: an IPSM or Dinsos operator registers a PSM; it lands as "diajukan" for Dinsos to verify. */
export default function MemberNewPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [village, setVillage] = useState<PickedArea | null>(() => soleVillage(me));
  const [draft, setDraft] = useState<MemberDraft>(emptyMemberDraft);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await createMember(draftToInput(village?.code ?? '', draft));
      navigate(memberPath(created.id), { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

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
          value={village}
          onChange={setVillage}
          within={grantAreas(me)}
          levels={['village']}
          error={errors.villageCode}
        />
        <MemberFormFields draft={draft} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} errors={errors} />
        <div className="actions">
          <button type="submit" className="button" disabled={busy} data-testid="save-member">
            {busy ? t('common.saving') : t('members.form.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
