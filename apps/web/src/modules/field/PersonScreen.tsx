import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { useFormatDate, useFormatDateTime } from '../../hooks/useFormat';
import { useLive } from '../../offline/useLive';
import { useFieldDb } from './FieldApp';
import { fieldPaths } from './fieldPaths';
import { PersonCases } from './PersonCases';

const SHOWN = ['sex', 'birthDate', 'nikMasked', 'nikMissingReason', 'villageCode', 'rt', 'rw', 'address', 'phone'] as const;

export function PersonScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const db = useFieldDb();
  const formatDate = useFormatDate();
  const formatTime = useFormatDateTime();
  const view = useLive(async () => {
    const rec = (await db.records.get(['person', id])) ?? null;
    const queued = await db.outbox.where('personId').equals(id).toArray();
    const conflicts = await db.conflicts.where('entityId').equals(id).toArray();
    const visits = (await db.visits.where('personId').equals(id).toArray()).sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
    // The village's name from the reference data kept on the phone (works offline).
    const village = typeof rec?.data.villageCode === 'string' ? await db.areas.get(rec.data.villageCode) : undefined;
    return { rec, pending: queued.length, failed: queued.some((q) => q.status === 'failed'), conflicts, visits, villageName: village?.name ?? null };
  }, [db, id]);
  if (!view) return <p className="loading">{t('common.loading')}</p>;
  const { rec, pending, failed, conflicts, visits, villageName } = view;
  if (!rec) {
    return (
      <div className="page field-page">
        <Link href={fieldPaths.home} className="back-link">
          ← {t('field.title')}
        </Link>
        <p className="notice">{t('field.person.notHere')}</p>
      </div>
    );
  }
  const d = rec.data;
  const value = (k: (typeof SHOWN)[number]) => {
    const v = d[k];
    if (v === null || v === undefined || v === '') return null;
    if (k === 'sex') return t(`field.form.sex${String(v)}`);
    if (k === 'birthDate') return formatDate(String(v));
    if (k === 'nikMissingReason') return t(`field.form.reason.${String(v)}`);
    if (k === 'villageCode' && villageName) return `${villageName} (${String(v)})`;
    return String(v);
  };
  return (
    <div className="page field-page">
      <Link href={fieldPaths.home} className="back-link">
        ← {t('field.title')}
      </Link>
      <header>
        <h1 className="page-title" data-testid="field-person-title">
          {String(d.fullName ?? '')}
        </h1>
        <p className="badges">
          {pending > 0 && (
            <span className="badge badge-muted" data-testid="person-pending">
              {t('field.person.pendingCount', { count: pending })}
            </span>
          )}
          {failed && <span className="badge badge-warn">{t('field.person.failedBadge')}</span>}
          {conflicts.length > 0 && (
            <Link href={fieldPaths.conflicts} className="konflik-badge" data-testid="konflik-badge">
              {t('field.conflict.badge')}
            </Link>
          )}
          {rec.server === null && <span className="badge">{t('field.person.notYetOnServer')}</span>}
        </p>
      </header>
      <dl className="facts card">
        {SHOWN.map((k) => {
          const v = value(k);
          return v === null ? null : (
            <div key={k} className="fact" data-testid={`fact-${k}`}>
              <dt>{t(`field.form.${k}`)}</dt>
              <dd>{v}</dd>
            </div>
          );
        })}
        {rec.server === null && Boolean(d.nik) && (
          <div className="fact">
            <dt>{t('field.form.nik')}</dt>
            <dd>{t('field.person.nikWaiting')}</dd>
          </div>
        )}
      </dl>
      <div className="actions stack">
        <Link href={fieldPaths.visitNew(id)} className="button button-block" data-testid="field-add-visit">
          {t('field.visit.add')}
        </Link>
        <Link href={fieldPaths.personEdit(id)} className="button button-secondary button-block" data-testid="field-edit">
          {t('field.person.edit')}
        </Link>
      </div>
      <PersonCases personId={id} />
      <section aria-labelledby="visits-title">
        <h2 id="visits-title" className="section-title">
          {t('field.visit.listTitle')}
        </h2>
        {visits.length === 0 && <p className="hint">{t('field.visit.none')}</p>}
        <ul className="plain-list">
          {visits.map((v) => (
            <li key={v.id} className="card visit-row" data-testid="field-visit">
              <p className="meta">
                {t(`field.visit.kind.${v.kind}`)} · {formatTime(v.occurredAt)}
                {v.blobKeys.length > 0 && ` · ${t('field.visit.photos', { count: v.blobKeys.length })}`}
                {!v.synced && <span className="badge badge-muted">{t('field.person.pendingBadge')}</span>}
              </p>
              <p className="visit-note">{v.note}</p>
            </li>
          ))}
        </ul>
        <p className="hint">{t('field.visit.windowHint')}</p>
      </section>
    </div>
  );
}
