import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { summaryMessage } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { useFormatDate, useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { listRegistrationLinks, revokeRegistrationLink } from './memberAdmin.api';
import type { RegistrationLinkListItem } from './members.types';

/** One link: made by whom and when, until when, how often used; revocable while it works. */
function LinkRow({ link, onRevoked }: { link: RegistrationLinkListItem; onRevoked: (l: RegistrationLinkListItem) => void }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const formatDateTime = useFormatDateTime();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function revoke() {
    setBusy(true);
    setError(null);
    try {
      onRevoked(await revokeRegistrationLink(link.id));
      setConfirming(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="history-item" data-testid="registration-link" data-id={link.id} data-state={link.state}>
      <p className="history-head">
        <strong>{link.note ?? link.regencyName}</strong>
        <span className={link.state === 'berlaku' ? 'badge' : 'badge badge-muted'} data-testid="link-state">
          {t(`memberAdmin.links.state.${link.state}`)}
        </span>
      </p>
      <p className="meta">
        {link.note ? `${link.regencyName} · ` : ''}
        {t('memberAdmin.links.created', { date: formatDateTime(link.createdAt), by: link.createdBy ?? '—' })}
      </p>
      <p className="meta">
        {t('memberAdmin.links.expires', { date: formatDate(link.expiresAt) })} ·{' '}
        <span data-testid="link-uses">{t('memberAdmin.links.uses', { uses: link.uses, max: link.maxUses })}</span>
      </p>
      {link.revokedAt && (
        <p className="meta" data-testid="link-revoked">
          {t('memberAdmin.links.revoked', { date: formatDateTime(link.revokedAt), by: link.revokedBy ?? '—' })}
        </p>
      )}
      {error !== null && (
        <p className="notice notice-error" role="alert" data-testid="link-error">
          {summaryMessage(error)}
        </p>
      )}
      {link.state !== 'dicabut' && !confirming && (
        <div className="actions">
          <button type="button" className="button button-secondary" onClick={() => setConfirming(true)} data-testid="revoke-link">
            {t('memberAdmin.links.revoke')}
          </button>
        </div>
      )}
      {confirming && (
        <div className="notice notice-warn" data-testid="revoke-confirm">
          <p>{t('memberAdmin.links.confirm')}</p>
          <div className="actions">
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void revoke()}
              data-testid="revoke-link-confirm"
            >
              {busy ? t('common.saving') : t('memberAdmin.links.revokeConfirm')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

/**
 * The self-registration links of the user's regencies, newest first. The link itself
 * cannot be shown again (only its hash is kept); a leaked or unwanted one is revoked.
 * `refresh` changes when a new link was made, to list it.
 */
export function RegistrationLinkList({ refresh }: { refresh: number }) {
  const { t } = useTranslation();
  const state = useLoad(() => listRegistrationLinks(), [refresh]);
  const [revoked, setRevoked] = useState<Record<string, RegistrationLinkListItem>>({});

  return (
    <section className="card" data-testid="registration-links-list">
      <h2>{t('memberAdmin.links.title')}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {state.status === 'done' && state.data.items.length === 0 && (
        <p className="meta" data-testid="no-links">
          {t('memberAdmin.links.none')}
        </p>
      )}
      {state.status === 'done' && state.data.items.length > 0 && (
        <ol className="history-list">
          {state.data.items.map((l) => (
            <LinkRow key={l.id} link={revoked[l.id] ?? l} onRevoked={(r) => setRevoked((prev) => ({ ...prev, [r.id]: r }))} />
          ))}
        </ol>
      )}
    </section>
  );
}
