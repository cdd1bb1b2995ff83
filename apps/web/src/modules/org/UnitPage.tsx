import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { useLoad } from '../../hooks/useLoad';
import { unitPath } from '../../router';
import { BoardDetails, BoardHistory } from './board/BoardCard';
import { canManage, listBoards, type Unit } from './org.api';
import { UnitFrame } from './UnitFrame';

/** The current board with the edit actions the server offers, then the boards of past terms. */
function Boards({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const state = useLoad(() => listBoards(unit.id), [unit.id]);
  const current = unit.currentBoard;
  return (
    <>
      <section className="card" data-testid="board" aria-labelledby="board-title">
        <h2 id="board-title">{t('org.board')}</h2>
        {current ? <BoardDetails board={current} /> : <p className="meta">{t('org.noBoard')}</p>}
        {canManage(unit) && (
          <div className="actions">
            <Link href={`${unitPath(unit.id)}/pengurus/baru`} className="button" data-testid="new-board">
              {t('ipsm.board.new')}
            </Link>
            {current && canManage(current) && (
              <Link href={`${unitPath(unit.id)}/pengurus/ubah`} className="button button-secondary" data-testid="edit-board">
                {t('ipsm.board.edit')}
              </Link>
            )}
          </div>
        )}
      </section>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {state.status === 'done' && <BoardHistory boards={state.data.items.filter((b) => b.status === 'ended')} />}
    </>
  );
}

/** `/ipsm/:id`: one IPSM unit with its current board (pengurus) and the history of past boards. */
export default function UnitPage({ id }: { id: string }) {
  return (
    <UnitFrame id={id} tab="board">
      {(unit) => <Boards unit={unit} />}
    </UnitFrame>
  );
}
