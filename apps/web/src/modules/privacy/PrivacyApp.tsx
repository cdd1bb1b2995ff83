import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { useCanNavigate } from '../../session/SessionContext';
import BreachDetailPage from './BreachDetailPage';
import BreachesPage from './BreachesPage';
import GovernancePage from './GovernancePage';
import RequestDetailPage from './RequestDetailPage';
import RequestNewPage from './RequestNewPage';
import RequestsPage from './RequestsPage';
import RetentionPage from './RetentionPage';
import './privacy.css';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The DPO's screens under `/privasi` (record ids are UUIDs; no NIK or name in a URL). */
function dpoScreen(path: string): ReactNode | null {
  const id = (prefix: string) => new RegExp(`^/privasi/${prefix}/(${UUID})$`, 'i').exec(path)?.[1]?.toLowerCase();
  let m: string | undefined;
  if (path === '/privasi') return <RequestsPage />;
  if (path === '/privasi/insiden') return <BreachesPage />;
  if (path === '/privasi/retensi') return <RetentionPage />;
  if (path === '/privasi/tata-kelola') return <GovernancePage />;
  if ((m = id('permintaan'))) return <RequestDetailPage id={m} />;
  if ((m = id('insiden'))) return <BreachDetailPage id={m} />;
  return null;
}

function Forbidden() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('privacy.title')}</h1>
      <p className="notice">{t('privacy.onlyDpo')}</p>
      <Link href="/privasi/permintaan/baru" className="button">
        {t('privacy.request.new')}
      </Link>
    </div>
  );
}

/**
 * Personal-data duties (UU PDP, issue 11). Staff holding `privacy.request` record a
 * person's request; the data protection officer (`privacy.manage`) handles requests,
 * breaches, retention and the records of processing.
 */
export default function PrivacyApp({ path }: { path: string }) {
  const isDpo = useCanNavigate('privacy.manage');
  const clean = path.replace(/\/+$/, '') || '/privasi';
  if (clean === '/privasi/permintaan/baru') return <RequestNewPage />;
  // Staff without the DPO's permission land on the intake form.
  if (!isDpo) return clean === '/privasi' ? <RequestNewPage /> : <Forbidden />;
  return dpoScreen(clean) ?? <Forbidden />;
}
