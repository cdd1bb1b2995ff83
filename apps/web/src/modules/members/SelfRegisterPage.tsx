import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { localized, type LocalizedText } from '../../api/client';
import { AreaPicker, type PickedArea } from '../areas/AreaPicker';
import { FormActions, FormProblem, useSubmit } from './FormBits';
import { draftToInput, emptyMemberDraft, MemberFormFields, type MemberDraft } from './MemberFormFields';
import { selfRegister } from './memberAdmin.api';
import { useRegencyChoice } from './regency';
import './members.css';

const FIELDS = [
  'villageCode',
  'fullName',
  'sex',
  'birthDate',
  'nik',
  'phone',
  'address',
  'rw',
  'skNumber',
  'skDate',
  'skIssuer',
] as const;

/** The link's token, carried in the address fragment (never sent to the server with the page). */
function tokenFromHash(): string {
  return decodeURIComponent(location.hash.replace(/^#/, '')).trim();
}

function onHashChange(notify: () => void): () => void {
  window.addEventListener('hashchange', notify);
  return () => window.removeEventListener('hashchange', notify);
}

function Received({ message }: { message: LocalizedText }) {
  const { t } = useTranslation();
  return (
    <section className="card" data-testid="registration-received" role="status">
      <h2>{t('memberAdmin.selfRegister.receivedTitle')}</h2>
      <p className="notice notice-ok" data-testid="registration-message">
        {localized(message)}
      </p>
      <p className="meta">{t('memberAdmin.selfRegister.receivedNext')}</p>
    </section>
  );
}

/**
 * `/daftar-psm/:kabupaten#token` (public, no account): a PSM registers themself with a
 * link made by IPSM or Dinsos. The registration waits for Dinsos kab/kota to verify it.
 */
export default function SelfRegisterPage({ regencyCode }: { regencyCode: string }) {
  const token = useSyncExternalStore(onHashChange, tokenFromHash);
  // Another link opened in the same tab starts a fresh form.
  return <SelfRegistration key={token} regencyCode={regencyCode} token={token} />;
}

function SelfRegistration({ regencyCode, token }: { regencyCode: string; token: string }) {
  const { t } = useTranslation();
  const [regency] = useRegencyChoice(regencyCode);
  const [village, setVillage] = useState<PickedArea | null>(null);
  const [draft, setDraft] = useState<MemberDraft>(emptyMemberDraft);
  const [received, setReceived] = useState<LocalizedText | null>(null);
  const { busy, error, errors, onSubmit } = useSubmit(
    () => selfRegister({ ...draftToInput(village?.code ?? '', draft), token }),
    (answer) => {
      setReceived(answer.message);
      window.scrollTo(0, 0);
    },
  );

  return (
    <div className="page narrow-page">
      <h1>{t('memberAdmin.selfRegister.title')}</h1>
      {regency && regency.name !== regency.code && (
        <p className="lead" data-testid="self-register-regency">
          {regency.name}
        </p>
      )}
      {token.length < 20 ? (
        <p className="notice notice-error" role="alert" data-testid="link-incomplete">
          {t('memberAdmin.selfRegister.incomplete')}
        </p>
      ) : received ? (
        <Received message={received} />
      ) : (
        <>
          <p className="meta">{t('memberAdmin.selfRegister.intro')}</p>
          <form className="form" onSubmit={onSubmit} noValidate data-testid="self-register-form">
            <FormProblem error={error} fields={FIELDS} />
            <AreaPicker
              name="villageCode"
              testId="member-village"
              label={t('members.village')}
              hint={t('memberAdmin.selfRegister.villageHint')}
              value={village}
              onChange={setVillage}
              within={[regencyCode]}
              levels={['village']}
              error={errors.villageCode}
            />
            <MemberFormFields draft={draft} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} errors={errors} />
            <p className="meta">{t('memberAdmin.selfRegister.privacy')}</p>
            <FormActions busy={busy} label={t('memberAdmin.selfRegister.submit')} testId="self-register-submit" />
          </form>
        </>
      )}
    </div>
  );
}
