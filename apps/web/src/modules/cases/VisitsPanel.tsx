import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { useFormatDateTime } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { VisitForm } from './VisitForm';
import { VisitPhotos } from './VisitPhotos';
import { listVisits, type Visit } from './visits.api';

function VisitRow({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <li className="row" data-testid="visit" data-kind={visit.kind} data-photos={visit.fileIds.length}>
      <span className="row-main">
        <span className="row-name">{t(`visits.kind.${visit.kind}`)}</span>
        <span className="meta">
          {formatDateTime(visit.occurredAt)} · {visit.authorLabel}
          {visit.lat !== null && ` · ${t('visits.gps')}`}
        </span>
        <span data-testid="visit-note-text">{visit.note}</span>
        <VisitPhotos fileIds={visit.fileIds} />
      </span>
    </li>
  );
}

/** Visits and notes of a person (only those of `caseId` when given), newest first, with the form when `canRecord`. */
export function VisitsPanel({
  personId,
  caseId,
  canRecord,
  onChanged,
}: {
  personId: string;
  caseId?: string;
  canRecord: boolean;
  onChanged?: () => void;
}) {
  const { t } = useTranslation();
  const [reloadKey, setReloadKey] = useState(0);
  const state = useLoad(() => listVisits(personId), [personId, reloadKey]);
  const visits = state.status === 'done' ? state.data.filter((v) => !caseId || v.caseId === caseId) : [];
  return (
    <div className="page" data-testid="visits">
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {state.status === 'done' &&
        (visits.length === 0 ? (
          <p className="meta">{t('visits.none')}</p>
        ) : (
          <ul className="list">
            {visits.map((v) => (
              <VisitRow key={v.id} visit={v} />
            ))}
          </ul>
        ))}
      {canRecord && (
        <VisitForm
          personId={personId}
          {...(caseId ? { caseId } : {})}
          onSaved={() => {
            setReloadKey((k) => k + 1);
            onChanged?.();
          }}
        />
      )}
    </div>
  );
}
