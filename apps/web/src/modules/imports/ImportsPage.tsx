import './imports.css';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { useFormatDateTime, useFormatNumber } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { useSession } from '../../session/SessionContext';
import { listImports } from './imports.api';
import { IMPORT_TARGETS } from './imports.types';
import { StatusBadge } from './StatusBadge';
import { importNewPath, importRunPath, TARGET_PERMISSION } from './targets';

/** `/impor`: start an import of the kinds the user may write, and the user's recent imports. */
export default function ImportsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const formatNumber = useFormatNumber();
  const formatDateTime = useFormatDateTime();
  const recent = useLoad(listImports, []);
  const allowed = IMPORT_TARGETS.filter((target) => me?.permissions.includes(TARGET_PERMISSION[target]));

  return (
    <div className="page imports-page">
      <div className="page-title">
        <h1>{t('imports.title')}</h1>
      </div>
      <p className="lead">{t('imports.lead')}</p>
      {allowed.length === 0 ? (
        <p className="notice">{t('imports.noTargets')}</p>
      ) : (
        <ul className="cards" data-testid="import-targets">
          {allowed.map((target) => (
            <li key={target}>
              <Link href={importNewPath(target)} className="card card-link" data-testid={`import-start-${target}`}>
                <Icon name="plus" className="card-icon" />
                <span>
                  <strong>{t(`imports.target.${target}`)}</strong>
                  <span className="hint">{t(`imports.targetHint.${target}`)}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}

      <h2>{t('imports.recent')}</h2>
      {recent.status === 'loading' && <Loading />}
      {recent.status === 'error' && <ErrorMessage error={recent.error} onRetry={recent.retry} />}
      {recent.status === 'done' &&
        (recent.data.items.length === 0 ? (
          <p className="hint">{t('imports.none')}</p>
        ) : (
          <ul className="list" data-testid="import-list">
            {recent.data.items.map((run) => (
              <li key={run.id} data-testid="import-row">
                <Link href={importRunPath(run.id)} className="row row-link">
                  <span className="row-main">
                    <span className="row-name">{t(`imports.target.${run.target}`)}</span>
                    <span className="row-meta">
                      {formatDateTime(run.createdAt)} ·{' '}
                      {t('imports.rowsTotal', { count: run.totalRows, n: formatNumber(run.totalRows) })}
                    </span>
                  </span>
                  <StatusBadge status={run.status} />
                  <Icon name="chevron" className="row-chevron" />
                </Link>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
