import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useOnline } from '../../hooks/useOnline';
import { getMeta } from '../../offline/db';
import { isSyncing, subscribeSyncing, syncNow, type SyncError } from '../../offline/sync';
import { useLive } from '../../offline/useLive';
import { useFieldDb } from './FieldApp';
import { fieldPaths } from './fieldPaths';
import { problemText } from './problemText';

/** What the PSM needs to trust the phone: signal, what waits to be sent, when it last synced, what went wrong. */
export function SyncPanel() {
  const { t } = useTranslation();
  const db = useFieldDb();
  const online = useOnline();
  const syncing = useSyncExternalStore(subscribeSyncing, isSyncing);
  const formatTime = useFormatDateTime();
  const pending = useLive(() => db.outbox.count(), [db]);
  const conflicts = useLive(() => db.conflicts.count(), [db]);
  const state = useLive(async () => ({ lastSyncAt: await getMeta<number>(db, 'lastSyncAt'), lastError: await getMeta<SyncError | null>(db, 'lastError') }), [db]);
  const error = state?.lastError;
  return (
    <section className="card sync-panel" aria-labelledby="sync-title" data-testid="sync-panel">
      <div className="sync-row">
        <h2 id="sync-title" className="sync-title">
          {t('field.sync.title')}
        </h2>
        <span className={`net-pill ${online ? 'is-online' : 'is-offline'}`} data-testid="field-online" data-online={online}>
          {online ? t('network.online') : t('network.offline')}
        </span>
      </div>
      <dl className="sync-facts">
        <div>
          <dt>{t('field.sync.pending')}</dt>
          <dd data-testid="field-pending-count">{pending ?? '…'}</dd>
        </div>
        <div>
          <dt>{t('field.sync.last')}</dt>
          <dd data-testid="field-last-sync">{state?.lastSyncAt ? formatTime(new Date(state.lastSyncAt).toISOString()) : t('field.sync.never')}</dd>
        </div>
      </dl>
      {error && (
        <p className="notice notice-warn sync-error" role="status" data-testid="field-sync-error">
          {error.kind === 'network' ? t('field.sync.errorNetwork') : error.kind === 'session' ? t('field.sync.errorSession') : problemText(error.problem, t('field.sync.errorServer'))}
          {error.kind === 'session' && (
            <>
              {' '}
              <Link href={`/masuk?next=${encodeURIComponent(fieldPaths.home)}`}>{t('field.sync.signIn')}</Link>
            </>
          )}
        </p>
      )}
      {Boolean(conflicts) && (
        <Link href={fieldPaths.conflicts} className="button button-warn button-block" data-testid="field-conflicts-link">
          <span className="konflik-badge">{t('field.conflict.badge')}</span> {t('field.conflict.open', { count: conflicts })}
        </Link>
      )}
      <button type="button" className="button button-block" data-testid="field-sync" disabled={syncing || !online} onClick={() => void syncNow(db)}>
        {syncing ? t('field.sync.running') : online ? t('field.sync.now') : t('field.sync.waitSignal')}
      </button>
    </section>
  );
}
