import { useTranslation } from 'react-i18next';
import { Link } from '../../../components/Link';
import { useLive } from '../../../offline/useLive';
import { useFieldDb } from '../../field/FieldApp';
import { fieldPaths } from '../../field/fieldPaths';
import { SyncPanel } from '../../field/SyncPanel';
import { localEvents, pendingProofs } from './localDistributions';
import { useProofUploads } from './useProofUploads';
import './fieldDistributions.css';

/** The distributions whose recipient lists are on this phone (usable with no signal). */
export function FieldDistributionsScreen() {
  const { t } = useTranslation();
  const db = useFieldDb();
  useProofUploads(db);
  const events = useLive(() => localEvents(db), [db]);
  const proofs = useLive(() => pendingProofs(db), [db]);
  return (
    <div className="page field-page">
      <Link href={fieldPaths.home} className="back-link">
        ← {t('distributionUi.field.back')}
      </Link>
      <h1 className="page-title">{t('distributionUi.field.title')}</h1>
      <SyncPanel />
      {Boolean(proofs) && (
        <p className="notice notice-warn" data-testid="proofs-waiting">
          {t('distributionUi.field.proofsWaiting', { count: proofs })}
        </p>
      )}
      <ul className="plain-list person-rows" data-testid="field-distribution-list">
        {events?.map((e) => (
          <li key={e.id}>
            <Link href={fieldPaths.distribution(e.id)} className="person-row" data-testid="field-distribution">
              <span className="person-row-name">
                {e.programmeName} · {e.place}
              </span>
              <span className="person-row-meta">
                {e.heldOn}
                {e.periodLabel ? ` · ${e.periodLabel}` : ''} ·{' '}
                {t('distributionUi.field.progress', { done: e.checkedIn, total: e.expected })}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {events && events.length === 0 && <p className="hint">{t('distributionUi.field.none')}</p>}
    </div>
  );
}

/** A short entry on the field home when distributions are on the phone. */
export function FieldDistributionsLink() {
  const { t } = useTranslation();
  const db = useFieldDb();
  const count = useLive(async () => (await localEvents(db)).length, [db]);
  if (!count) return null;
  return (
    <div className="page field-page field-distributions-entry">
      <Link
        href={fieldPaths.distributions}
        className="button button-secondary button-block"
        data-testid="field-distributions-link"
      >
        {t('distributionUi.field.open', { count })}
      </Link>
    </div>
  );
}
