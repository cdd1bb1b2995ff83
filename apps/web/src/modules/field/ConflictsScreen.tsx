import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/client';
import { Link } from '../../components/Link';
import { useFormatDateTime } from '../../hooks/useFormat';
import type { LocalConflict } from '../../offline/db';
import { resolveConflict } from '../../offline/sync';
import { useLive } from '../../offline/useLive';
import { useFieldDb } from './FieldApp';
import { fieldPaths } from './fieldPaths';

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

function ConflictCard({ c, name }: { c: LocalConflict; name: string }) {
  const { t } = useTranslation();
  const db = useFieldDb();
  const formatTime = useFormatDateTime();
  const [other, setOther] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decide = async (resolution: 'server' | 'client' | 'other', value?: string) => {
    setBusy(true);
    setError(null);
    try {
      await resolveConflict(db, c.id, resolution, value);
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };
  return (
    <li className="card conflict" data-testid="conflict" data-field={c.field}>
      <p className="eyebrow">
        <span className="konflik-badge">{t('field.conflict.badge')}</span> {formatTime(c.createdAt)}
      </p>
      <h2 className="conflict-title">
        <Link href={fieldPaths.person(c.entityId)}>{name || t('field.conflict.unknownPerson')}</Link> · {t(`field.form.${c.field}`, { defaultValue: c.field })}
      </h2>
      <div className="conflict-values">
        <div className="conflict-value">
          <p className="meta">{t('field.conflict.serverBy', { who: c.serverBy ?? t('field.conflict.someone') })}</p>
          <p className="conflict-text" data-testid="conflict-server">
            {show(c.serverValue)}
          </p>
          <button type="button" className="button button-block" disabled={busy} onClick={() => void decide('server')} data-testid="keep-server">
            {t('field.conflict.keepThis')}
          </button>
        </div>
        <div className="conflict-value">
          <p className="meta">{t('field.conflict.clientBy', { who: c.clientBy })}</p>
          <p className="conflict-text" data-testid="conflict-client">
            {show(c.clientValue)}
          </p>
          <button type="button" className="button button-block" disabled={busy} onClick={() => void decide('client')} data-testid="keep-client">
            {t('field.conflict.keepThis')}
          </button>
        </div>
      </div>
      {other === null ? (
        <button type="button" className="button button-secondary button-block" disabled={busy} onClick={() => setOther(show(c.serverValue).replace(/^—$/, ''))} data-testid="other-value">
          {t('field.conflict.other')}
        </button>
      ) : (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void decide('other', other);
          }}
        >
          <label className="field-label" htmlFor={`other-${c.id}`}>
            {t('field.conflict.otherLabel')}
          </label>
          <input id={`other-${c.id}`} value={other} onChange={(e) => setOther(e.target.value)} data-testid="other-input" />
          <button type="submit" className="button button-block" disabled={busy} data-testid="other-save">
            {t('common.save')}
          </button>
        </form>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/** Same-field edits made in two places: both values and who made them, until a person decides. */
export function ConflictsScreen() {
  const { t } = useTranslation();
  const db = useFieldDb();
  const list = useLive(async () => {
    const items = await db.conflicts.orderBy('id').toArray();
    const recs = await db.records.bulkGet(items.map((c) => [c.entityType, c.entityId]));
    return items.map((c, i) => ({ c, name: String(recs[i]?.data.fullName ?? '') }));
  }, [db]);
  return (
    <div className="page field-page">
      <Link href={fieldPaths.home} className="back-link">
        ← {t('field.title')}
      </Link>
      <h1 className="page-title">{t('field.conflict.title')}</h1>
      <p className="lead">{t('field.conflict.lead')}</p>
      {list && list.length === 0 && (
        <p className="notice notice-ok" data-testid="no-conflicts">
          {t('field.conflict.none')}
        </p>
      )}
      <ul className="plain-list">
        {list?.map(({ c, name }) => (
          <ConflictCard key={c.id} c={c} name={name} />
        ))}
      </ul>
    </div>
  );
}
