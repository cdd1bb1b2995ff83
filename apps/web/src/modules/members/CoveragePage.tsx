import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { Pager } from '../../components/Pager';
import { useFormatNumber } from '../../hooks/useFormat';
import { useLoad } from '../../hooks/useLoad';
import { useSession } from '../../session/SessionContext';
import { grantAreas } from '../persons/scope';
import { coveragePath } from '../../router';
import { Bars, Figures } from '../dashboard/Bars';
import { parentCode } from '../dashboard/areaPath';
import { getCoverage } from './members.api';
import type { Coverage } from './members.types';

function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—';
}

function Summary({ c }: { c: Coverage }) {
  const { t } = useTranslation();
  const format = useFormatNumber();
  return (
    <>
      <Figures
        testId="coverage-figures"
        items={[
          { key: 'villagesTotal', label: t('coverage.villagesTotal'), value: format(c.villagesTotal) },
          { key: 'villagesWithActive', label: t('coverage.villagesWithActive'), value: format(c.villagesWithActive) },
          { key: 'share', label: t('coverage.share'), value: percent(c.villagesWithActive, c.villagesTotal) },
          { key: 'activeMembers', label: t('coverage.activeMembers'), value: format(c.activeMembers) },
          { key: 'withSk', label: t('coverage.withSk'), value: format(c.withSk) },
          { key: 'withKta', label: t('coverage.withKta'), value: format(c.withKta) },
          { key: 'withTraining', label: t('coverage.withTraining'), value: format(c.withTraining) },
        ]}
      />
      <section className="card">
        <h2>{t('coverage.distribution')}</h2>
        <p className="meta">{t('coverage.distributionHint')}</p>
        <Bars
          testId="coverage-distribution"
          bars={[
            { key: 'none', label: t('coverage.dist.none'), value: c.distribution.none },
            { key: 'one', label: t('coverage.dist.one'), value: c.distribution.one },
            { key: 'twoToFour', label: t('coverage.dist.twoToFour'), value: c.distribution.twoToFour },
            { key: 'fiveOrMore', label: t('coverage.dist.fiveOrMore'), value: c.distribution.fiveOrMore },
          ]}
        />
      </section>
    </>
  );
}

function Children({ c }: { c: Coverage }) {
  const { t } = useTranslation();
  const format = useFormatNumber();
  if (c.children.length === 0) return null;
  return (
    <section className="card">
      <h2>{t('coverage.children')}</h2>
      <div className="table-wrap">
        <table className="data-table" data-testid="coverage-children">
          <thead>
            <tr>
              <th scope="col">{t('coverage.area')}</th>
              <th scope="col">{t('coverage.villagesShort')}</th>
              <th scope="col">{t('coverage.withPsmShort')}</th>
              <th scope="col">{t('coverage.psmShort')}</th>
            </tr>
          </thead>
          <tbody>
            {c.children.map((ch) => (
              <tr key={ch.code} data-testid="coverage-child" data-code={ch.code}>
                <td>
                  <Link href={coveragePath(ch.code)} data-testid="drill">
                    {ch.name}
                  </Link>
                </td>
                <td>{format(ch.villagesTotal)}</td>
                <td data-testid="child-with-active">{format(ch.villagesWithActive)}</td>
                <td>{format(ch.activeMembers)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** `/psm/cakupan[/:code]`: PSM coverage of an area, drilled from nasional down to a desa. */
export default function CoveragePage({ code }: { code: string | null }) {
  const { t } = useTranslation();
  const { me } = useSession();
  // Without an area in the path: the user's own (first) area, or the nation.
  const area = code ?? grantAreas(me)?.[0] ?? 'ID';
  const [page, setPage] = useState(1);
  const state = useLoad(() => getCoverage(area, page), [area, page]);
  const up = parentCode(area);

  return (
    <div className="page">
      <Link href="/psm" className="back-link">
        ← {t('members.backToList')}
      </Link>
      <h1>{t('coverage.title')}</h1>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={state.retry} />}
      {state.status === 'done' && (
        <>
          <section className="record-header" data-testid="coverage-area" data-code={state.data.area.code}>
            <p className="eyebrow">{t(`coverage.level.${state.data.area.level}`, { defaultValue: state.data.area.level })}</p>
            <h2 data-testid="coverage-area-name">{state.data.area.name}</h2>
            {up && (
              <p className="section-links">
                <Link href={coveragePath(up === 'ID' ? null : up)} data-testid="coverage-up">
                  ↑ {t('coverage.up')}
                </Link>
              </p>
            )}
          </section>
          <Summary c={state.data} />
          <Children c={state.data} />
          <section className="card">
            <h2>{t('coverage.without', { count: state.data.villagesWithout.total })}</h2>
            {state.data.villagesWithout.items.length === 0 ? (
              <p className="meta" data-testid="without-empty">
                {t('coverage.withoutEmpty')}
              </p>
            ) : (
              <ul className="plain-list" data-testid="villages-without">
                {state.data.villagesWithout.items.map((v) => (
                  <li key={v.code} data-testid="village-without" data-code={v.code}>
                    {v.name} <span className="meta">· {v.districtName}</span>
                  </li>
                ))}
              </ul>
            )}
            <Pager page={state.data.villagesWithout.page} pageSize={state.data.villagesWithout.pageSize} total={state.data.villagesWithout.total} onPage={setPage} />
          </section>
        </>
      )}
    </div>
  );
}
