import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { useFormatDate } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { getUnit } from './org.api';

/** `/ipsm/:id`: one IPSM unit with its current board (pengurus) for the term. */
export default function UnitPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const state = useLoad(() => getUnit(id), [id]);
  return (
    <div className="page">
      <Link href="/ipsm" className="back-link">
        ← {t('org.backToList')}
      </Link>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {state.status === 'done' && (
        <>
          <section className="record-header">
            <p className="eyebrow">{t(`org.level.${state.data.level}`, { defaultValue: state.data.level })}</p>
            <h1 data-testid="unit-name">{state.data.name}</h1>
            <p className="meta">
              {state.data.areaName}
              {state.data.address ? ` · ${state.data.address}` : ''}
            </p>
          </section>
          <section className="card" data-testid="board">
            <h2>{t('org.board')}</h2>
            {!state.data.currentBoard ? (
              <p className="meta">{t('org.noBoard')}</p>
            ) : (
              <>
                <p>
                  {t('org.term', { from: state.data.currentBoard.termStart, to: state.data.currentBoard.termEnd })} ·{' '}
                  {state.data.currentBoard.chosenBy}
                  {state.data.currentBoard.chosenOn ? ` · ${formatDate(state.data.currentBoard.chosenOn)}` : ''}
                </p>
                {state.data.currentBoard.sk.number && (
                  <p className="meta">
                    {t('org.sk')}: {state.data.currentBoard.sk.number}
                    {state.data.currentBoard.sk.issuer ? ` · ${state.data.currentBoard.sk.issuer}` : ''}
                  </p>
                )}
                <dl className="facts">
                  {state.data.currentBoard.positions.map((p) => (
                    <div key={p.id} data-testid="board-position">
                      <dt>{p.title ?? t(`org.position.${p.position}`, { defaultValue: p.position })}</dt>
                      <dd>{p.name}</dd>
                    </div>
                  ))}
                </dl>
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}
