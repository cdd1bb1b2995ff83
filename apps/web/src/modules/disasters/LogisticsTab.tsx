import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { useFormatDateTime, useFormatNumber } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { listBalances, listItems, listMovements, listPosts, listVictims } from './disasters.api';
import type { AidItem, AidPost, Incident, StockBalance, StockMovement, Victim } from './disasters.types';
import { ItemForm, PostForm } from './LogisticsSetup';
import { IssueForm, ReceiveForm } from './StockForms';
import '../dashboard/charts.css';

interface LogisticsData {
  posts: AidPost[];
  items: AidItem[];
  balances: StockBalance[];
  movements: StockMovement[];
  victims: Victim[];
}

function Balances({ rows }: { rows: StockBalance[] }) {
  const { t } = useTranslation();
  const n = useFormatNumber();
  if (rows.length === 0) return <p className="hint">{t('disasters.logistics.noBalances')}</p>;
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="balances">
        <thead>
          <tr>
            <th scope="col">{t('disasters.logistics.post')}</th>
            <th scope="col">{t('disasters.logistics.item')}</th>
            <th scope="col">{t('disasters.logistics.received')}</th>
            <th scope="col">{t('disasters.logistics.issued')}</th>
            <th scope="col">{t('disasters.logistics.balance')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr
              key={`${b.postId}-${b.itemId}`}
              data-testid="balance-row"
              data-low={b.lowStock}
              className={b.lowStock ? 'is-low' : undefined}
            >
              <th scope="row">{b.postName}</th>
              <td>{b.itemName}</td>
              <td>{n(b.received)}</td>
              <td>{n(b.issued)}</td>
              <td data-testid="balance-value" data-value={b.balance}>
                {n(b.balance)} {b.unit}
                {b.lowStock && (
                  <span className="badge badge-warn" data-testid="low-stock">
                    {t('disasters.logistics.low')}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Movements({ rows }: { rows: StockMovement[] }) {
  const { t } = useTranslation();
  const n = useFormatNumber();
  const formatTime = useFormatDateTime();
  if (rows.length === 0) return null;
  return (
    <>
      <h3>{t('disasters.logistics.movements')}</h3>
      <ul className="plain-list history-list" data-testid="movements">
        {rows.map((m) => (
          <li key={m.id} className="history-item" data-testid="movement" data-kind={m.kind}>
            {formatTime(m.occurredAt)} ·{' '}
            {m.kind === 'received' ? t('disasters.logistics.received') : t('disasters.logistics.issued')} {n(m.quantity)} {m.unit}{' '}
            {m.itemName}
            {m.donor ? ` · ${m.donor}` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Aid logistics: balances per post (low-stock warning), stock received and issued, posts and items. */
export function LogisticsTab({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const [round, setRound] = useState(0);
  const again = () => setRound((r) => r + 1);
  const data = useLoad(async (): Promise<LogisticsData> => {
    const [posts, items, balances, movements, victims] = await Promise.all([
      listPosts(incident.id),
      listItems(incident.id),
      listBalances(incident.id),
      listMovements(incident.id),
      listVictims(incident.id),
    ]);
    return {
      posts: posts.items,
      items: items.items,
      balances: balances.items,
      movements: movements.items,
      victims: victims.items,
    };
  }, [incident.id, round]);
  // The last answer stays on screen while a refresh loads, so the forms keep their messages.
  const last = useRef<LogisticsData | null>(null);
  if (data.status === 'done') last.current = data.data;
  const can = (a: string) => incident.actions.includes(a);
  if (data.status === 'error') return <ErrorMessage error={data.error} onRetry={data.retry} />;
  if (!last.current) return <Loading />;
  const { posts, items, balances, movements, victims } = last.current;
  const ready = posts.length > 0 && items.length > 0;
  return (
    <section aria-labelledby="logistics-title">
      <h2 id="logistics-title" className="section-title">
        {t('disasters.logistics.balances')}
      </h2>
      <Balances rows={balances} />
      {can('stock') && !ready && <p className="hint">{t('disasters.logistics.needPostItem')}</p>}
      {can('stock') && ready && (
        <div className="form-pair">
          <ReceiveForm incident={incident} posts={posts} items={items} onSaved={again} />
          <IssueForm incident={incident} posts={posts} items={items} victims={victims} onSaved={again} />
        </div>
      )}
      <Movements rows={movements} />
      <div className="form-pair">
        {can('posts') && <PostForm incident={incident} onSaved={again} />}
        {can('items') && <ItemForm incident={incident} onSaved={again} />}
      </div>
    </section>
  );
}
