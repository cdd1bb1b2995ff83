import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { useLoad } from '../../hooks/useLoad';
import { useSession } from '../../session/SessionContext';
import { DPIA_TEMPLATE, listOffices, listPurposes, ROPA_JSON, ROPA_PDF } from './privacy.api';
import { Download, PrivacyTabs } from './PrivacyBits';
import { OfficeForm } from './OfficeForm';

/** The DPO contacts per office, each editable; a new one for the user's own area. */
function Offices() {
  const { t } = useTranslation();
  const { me } = useSession();
  const offices = useLoad(() => listOffices(), []);
  const [editing, setEditing] = useState<string | null>(null);
  const ownArea = me?.grants[0]?.areaCode ?? 'ID';
  if (offices.status === 'loading') return <Loading />;
  if (offices.status === 'error') return <ErrorMessage error={offices.error} onRetry={offices.retry} />;
  const items = offices.data.items;
  const done = () => {
    setEditing(null);
    offices.retry();
  };
  return (
    <section className="card" data-testid="offices">
      <h2>{t('privacy.office.title')}</h2>
      <p className="meta">{t('privacy.office.intro')}</p>
      <ul className="list">
        {items.map((o) => (
          <li key={o.areaCode} className="privacy-item" data-testid="office" data-area={o.areaCode}>
            <p>
              <strong>{o.officeName}</strong> <span className="code">{o.areaCode}</span>
            </p>
            <p data-testid="office-dpo">
              {o.dpoName} · <a href={`mailto:${o.dpoEmail}`}>{o.dpoEmail}</a>
              {o.dpoPhone ? ` · ${o.dpoPhone}` : ''}
            </p>
            {editing === o.areaCode ? (
              <OfficeForm office={o} defaultArea={o.areaCode} onSaved={done} />
            ) : (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setEditing(o.areaCode)}
                data-testid="office-edit"
              >
                {t('privacy.office.edit')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {editing === '' ? (
        <OfficeForm office={null} defaultArea={ownArea} onSaved={done} />
      ) : (
        <button type="button" className="button button-secondary" onClick={() => setEditing('')} data-testid="office-new">
          {t('privacy.office.new')}
        </button>
      )}
    </section>
  );
}

function Purposes() {
  const { t } = useTranslation();
  const purposes = useLoad(() => listPurposes(), []);
  if (purposes.status === 'loading') return <Loading />;
  if (purposes.status === 'error') return <ErrorMessage error={purposes.error} onRetry={purposes.retry} />;
  return (
    <section className="card" data-testid="purposes">
      <h2>{t('privacy.purpose.title')}</h2>
      <p className="meta">{t('privacy.purpose.intro')}</p>
      <ul className="list">
        {purposes.data.items.map((p) => (
          <li key={p.code} className="privacy-item" data-testid="purpose" data-code={p.code}>
            <p>
              <strong>{localized(p.label)}</strong> <span className="code">{p.code}</span>
              {!p.active && <span className="badge badge-muted">{t('privacy.purpose.inactive')}</span>}
            </p>
            <p className="meta">
              {p.legalBasis} · {p.legalReference}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** `/privasi/tata-kelola`: record of processing, DPIA template, DPO contacts and the purpose registry. */
export default function GovernancePage() {
  const { t } = useTranslation();
  return (
    <div className="page privacy-page">
      <h1>{t('privacy.title')}</h1>
      <PrivacyTabs current="governance" />
      <section className="card">
        <h2>{t('privacy.documents.title')}</h2>
        <p className="meta">{t('privacy.documents.intro')}</p>
        <div className="actions">
          <Download href={ROPA_PDF} label={t('privacy.documents.ropaPdf')} testId="ropa-pdf" />
          <Download href={ROPA_JSON} label={t('privacy.documents.ropaJson')} testId="ropa-json" />
          <Download href={DPIA_TEMPLATE} label={t('privacy.documents.dpia')} testId="dpia" />
        </div>
      </section>
      <Offices />
      <Purposes />
    </div>
  );
}
