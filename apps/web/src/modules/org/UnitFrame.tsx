import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';
import { useLoad } from '../../hooks/useLoad';
import { unitPath } from '../../router';
import { getUnit, type Unit } from './org.api';
import './org.css';

export type UnitTab = 'board' | 'announcements' | 'events' | 'library';

const TAB_PATHS: Record<UnitTab, string> = { board: '', announcements: '/pengumuman', events: '/kegiatan', library: '/pustaka' };

/** Links to the unit's sections; on a phone they scroll sideways rather than wrap. */
function UnitTabs({ unitId, current }: { unitId: string; current: UnitTab }) {
  const { t } = useTranslation();
  return (
    <nav className="tabs unit-tabs" aria-label={t('ipsm.tabs.label')}>
      {(Object.keys(TAB_PATHS) as UnitTab[]).map((tab) => (
        <Link
          key={tab}
          href={`${unitPath(unitId)}${TAB_PATHS[tab]}`}
          className="tab"
          aria-current={tab === current ? 'page' : undefined}
          data-testid={`unit-tab-${tab}`}
        >
          {t(`ipsm.tabs.${tab}`)}
        </Link>
      ))}
    </nav>
  );
}

/** The header of an IPSM unit (name, level, area) with its section tabs. */
export function UnitHeader({ unit, tab }: { unit: Unit; tab: UnitTab }) {
  const { t } = useTranslation();
  return (
    <>
      <section className="record-header">
        <p className="eyebrow">{t(`org.level.${unit.level}`, { defaultValue: unit.level })}</p>
        <h1 data-testid="unit-name">{unit.name}</h1>
        <p className="meta">
          {unit.areaName}
          {unit.address ? ` · ${unit.address}` : ''}
        </p>
      </section>
      <UnitTabs unitId={unit.id} current={tab} />
    </>
  );
}

/**
 * Loads unit `id` and shows its header and tabs above the section in `children`
 * (which receives the unit: its `actions` decide what may be edited).
 */
export function UnitFrame({
  id,
  tab,
  children,
}: {
  id: string;
  tab: UnitTab;
  children: (unit: Unit, reload: () => void) => ReactNode;
}) {
  const { t } = useTranslation();
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
          <UnitHeader unit={state.data} tab={tab} />
          {children(state.data, state.retry)}
        </>
      )}
    </div>
  );
}
