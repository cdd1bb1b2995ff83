import { useTranslation } from 'react-i18next';
import { apiFetch, localized } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { useLoad } from '../../hooks/useLoad';
import { currentLanguage } from '../../i18n';
import type { PrivacyOffice, PublicPrivacy } from '../privacy/privacy.types';

function OfficeContact({ office }: { office: PrivacyOffice }) {
  return (
    <li className="card" data-testid="public-dpo" data-area={office.areaCode}>
      <p>
        <strong>{office.officeName}</strong>
      </p>
      {office.address && <p className="meta">{office.address}</p>}
      <p>
        {office.dpoName} · <a href={`mailto:${office.dpoEmail}`}>{office.dpoEmail}</a>
        {office.dpoPhone ? (
          <>
            {' · '}
            <a href={`tel:${office.dpoPhone.replace(/[^+0-9]/g, '')}`}>{office.dpoPhone}</a>
          </>
        ) : null}
      </p>
    </li>
  );
}

/**
 * `/kebijakan-privasi` (no sign-in): the plain-language privacy notice with the data
 * protection officers' contacts (UU PDP Pasal 53–54), the person's rights and the
 * declared purposes of processing.
 */
export default function PrivacyNoticePage() {
  const { t } = useTranslation();
  const notice = useLoad(() => apiFetch<PublicPrivacy>('/api/v1/public/privacy'), []);
  if (notice.status === 'loading') return <Loading />;
  if (notice.status === 'error') return <ErrorMessage error={notice.error} onRetry={notice.retry} />;
  const { offices, summary, rights, purposes } = notice.data;
  return (
    <div className="page" data-testid="privacy-notice">
      <h1>{t('privacy.public.title')}</h1>
      {summary[currentLanguage()].map((line) => (
        <p key={line}>{line}</p>
      ))}
      <section aria-labelledby="dpo-title">
        <h2 id="dpo-title">{t('privacy.public.contact')}</h2>
        {offices.length === 0 ? (
          <p className="notice">{t('privacy.public.noOffice')}</p>
        ) : (
          <ul className="cards">
            {offices.map((o) => (
              <OfficeContact key={o.areaCode} office={o} />
            ))}
          </ul>
        )}
        <p className="meta">{t('privacy.public.howToAsk')}</p>
      </section>
      <section aria-labelledby="rights-title">
        <h2 id="rights-title">{t('privacy.public.rights')}</h2>
        <ul>
          {rights.map((r) => (
            <li key={r.id}>{localized(r)}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="purposes-title">
        <h2 id="purposes-title">{t('privacy.public.purposes')}</h2>
        <ul>
          {purposes.map((p) => (
            <li key={p.code}>
              {localized(p.label)} <span className="meta">({p.legalBasis})</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
