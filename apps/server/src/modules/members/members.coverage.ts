import type { Queryable } from '../../platform/db/pool';
import { applyCoverageDeltas } from './members.store';

/**
 * What one member adds to the coverage rollup of its village: only active PSM
 * count, and SK / KTA / training are counted among active PSM.
 */
export interface CoverageFacts {
  villageCode: string;
  status: string;
  skNumber: string | null;
  ktaNumber: string | null;
  hasTraining: boolean;
}

export interface CoverageDelta {
  villageCode: string;
  active: number;
  withSk: number;
  withKta: number;
  withTraining: number;
}

export function contribution(m: CoverageFacts, sign: 1 | -1 = 1): CoverageDelta {
  const active = m.status === 'aktif' ? 1 : 0;
  return {
    villageCode: m.villageCode,
    active: sign * active,
    withSk: sign * (active && m.skNumber ? 1 : 0),
    withKta: sign * (active && m.ktaNumber ? 1 : 0),
    withTraining: sign * (active && m.hasTraining ? 1 : 0),
  };
}

/** Keeps `member_coverage` equal to a GROUP BY over `member`, in the caller's transaction. */
export async function recordCoverageChange(db: Queryable, before: CoverageFacts | null, after: CoverageFacts | null): Promise<void> {
  const deltas: CoverageDelta[] = [];
  if (before) deltas.push(contribution(before, -1));
  if (after) deltas.push(contribution(after, 1));
  await applyCoverageDeltas(db, deltas);
}
