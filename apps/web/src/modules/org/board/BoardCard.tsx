import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../../../hooks/useFormat';
import { fileUrl, type Board } from '../org.api';

/** One board (pengurus) for a term: how it was chosen, its SK and its positions. */
export function BoardDetails({ board }: { board: Board }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <>
      <p data-testid="board-term">
        <strong>{t('org.term', { from: board.termStart, to: board.termEnd })}</strong>
        {board.endedOn ? ` · ${t('ipsm.board.endedOn', { date: formatDate(board.endedOn) })}` : ''}
      </p>
      <p className="meta" data-testid="board-chosen">
        {t('ipsm.board.chosenBy')}: {t(`ipsm.board.musyawarah.${board.chosenBy}`, { defaultValue: board.chosenBy })}
        {board.chosenOn ? ` · ${formatDate(board.chosenOn)}` : ''}
      </p>
      {board.sk.number && (
        <p className="meta" data-testid="board-sk">
          {t('org.sk')}: {board.sk.number}
          {board.sk.date ? ` · ${formatDate(board.sk.date)}` : ''}
          {board.sk.issuer ? ` · ${board.sk.issuer}` : ''}
        </p>
      )}
      {board.minutesFileId && (
        <p>
          <a href={fileUrl(board.minutesFileId)} target="_blank" rel="noopener" data-testid="board-minutes">
            {t('ipsm.board.minutesView')}
          </a>
        </p>
      )}
      {board.positions.length === 0 ? (
        <p className="meta">{t('ipsm.board.noPositions')}</p>
      ) : (
        <dl className="facts">
          {board.positions.map((p) => (
            <div key={p.id} data-testid="board-position" data-position={p.position}>
              <dt>{p.title ?? t(`org.position.${p.position}`, { defaultValue: p.position })}</dt>
              <dd>{p.name}</dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}

/** Past boards, newest first; kept as they were (not editable). */
export function BoardHistory({ boards }: { boards: Board[] }) {
  const { t } = useTranslation();
  return (
    <section className="card" data-testid="board-history" aria-labelledby="board-history-title">
      <h2 id="board-history-title">{t('ipsm.board.history')}</h2>
      {boards.length === 0 ? (
        <p className="meta">{t('ipsm.board.noHistory')}</p>
      ) : (
        <ul className="list">
          {boards.map((b) => (
            <li key={b.id} className="row" data-testid="past-board" data-term={`${b.termStart}-${b.termEnd}`}>
              <div className="row-main">
                <BoardDetails board={b} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
