import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { useFormatDate } from '../../hooks/useFormat';
import { useSession } from '../../session/SessionContext';
import { AreaPicker } from '../areas/AreaPicker';
import { grantAreas } from '../persons/scope';
import { FormActions, FormProblem, useSubmit } from './FormBits';
import { createRegistrationLink, selfRegistrationUrl } from './memberAdmin.api';
import { RegistrationLinkList } from './RegistrationLinkList';
import type { RegistrationLink } from './members.types';
import { useRegencyChoice } from './regency';
import { soleRegencyCode } from './regencyScope';
import './members.css';

/** The link just made: shown once (the server keeps only its hash), to copy or share. */
function CreatedLink({ link, regencyName }: { link: RegistrationLink; regencyName: string }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const url = selfRegistrationUrl(location.origin, link);
  const canShare = typeof navigator.share === 'function';
  return (
    <section className="card" data-testid="created-link">
      <h2>{t('memberAdmin.link.created', { regency: regencyName })}</h2>
      <p className="notice notice-warn">{t('memberAdmin.link.onceOnly')}</p>
      <p className="link-box" data-testid="registration-url">
        {url}
      </p>
      <p className="meta" data-testid="link-expiry">
        {t('memberAdmin.link.expires', { date: formatDate(link.expiresAt) })}
      </p>
      <div className="actions">
        <CopyButton text={url} testId="copy-link" />
        {canShare && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void navigator.share({ title: t('memberAdmin.link.shareTitle'), url }).catch(() => undefined)}
          >
            {t('memberAdmin.link.share')}
          </button>
        )}
      </div>
    </section>
  );
}

/**
 * `/psm/tautan-pendaftaran`: IPSM or Dinsos (member.create) makes a self-registration
 * link for a regency; PSM who open it register themselves and land in the
 * verification queue of the regency's Dinsos. Below, the links made so far, to revoke.
 */
export default function RegistrationLinkPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [regency, setRegency] = useRegencyChoice(soleRegencyCode(me));
  const [validDays, setValidDays] = useState('30');
  const [note, setNote] = useState('');
  const [created, setCreated] = useState<{ link: RegistrationLink; regencyName: string } | null>(null);
  // Counts the links made here, so the list below reloads to show the new one.
  const [made, setMade] = useState(0);
  const { busy, error, errors, onSubmit } = useSubmit(
    () =>
      createRegistrationLink({
        regencyCode: regency?.code ?? '',
        validDays: Number(validDays),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    (link) => {
      setCreated({ link, regencyName: regency?.name ?? link.regencyCode });
      setMade((n) => n + 1);
    },
  );

  return (
    <div className="page narrow-page">
      <Link href="/psm" className="back-link">
        ← {t('members.backToList')}
      </Link>
      <h1>{t('memberAdmin.link.title')}</h1>
      <p className="meta">{t('memberAdmin.link.intro')}</p>
      <form className="card form" onSubmit={onSubmit} noValidate data-testid="link-form">
        <FormProblem error={error} fields={['regencyCode', 'validDays', 'note']} />
        <AreaPicker
          name="regencyCode"
          testId="link-regency"
          label={t('memberAdmin.regency')}
          value={regency}
          onChange={setRegency}
          within={grantAreas(me)}
          levels={['regency']}
          error={errors.regencyCode}
        />
        <Field
          name="validDays"
          label={t('memberAdmin.link.validDays')}
          hint={t('memberAdmin.link.validDaysHint')}
          error={errors.validDays}
        >
          {(props) => (
            <input
              {...props}
              type="number"
              inputMode="numeric"
              min={1}
              max={365}
              value={validDays}
              onChange={(e) => setValidDays(e.target.value)}
              data-testid="link-days"
            />
          )}
        </Field>
        <Field name="note" label={t('memberAdmin.link.note')} hint={t('memberAdmin.link.noteHint')} error={errors.note}>
          {(props) => (
            <input {...props} maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} data-testid="link-note" />
          )}
        </Field>
        <FormActions busy={busy} label={t('memberAdmin.link.create')} testId="create-link" />
      </form>
      {created && <CreatedLink key={created.link.id} link={created.link} regencyName={created.regencyName} />}
      <RegistrationLinkList refresh={made} />
    </div>
  );
}
