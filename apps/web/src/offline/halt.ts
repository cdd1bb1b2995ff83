import { ApiError, type Problem } from '../api/client';

/** Why a sync run stopped early (kept in meta for the sync panel). */
export interface SyncError {
  kind: 'network' | 'session' | 'server';
  status: number;
  problem: Problem | null;
  at: number;
}

/** Stops the run: the network is gone, the session ended, or the server failed. */
export class Halt extends Error {
  constructor(readonly reason: SyncError) {
    super(reason.kind);
  }
}

export function haltOf(error: unknown): Halt {
  if (error instanceof Halt) return error;
  if (error instanceof ApiError) {
    const kind = error.kind === 'network' ? 'network' : error.status === 401 ? 'session' : 'server';
    return new Halt({ kind, status: error.status, problem: error.problem, at: Date.now() });
  }
  return new Halt({ kind: 'network', status: 0, problem: null, at: Date.now() });
}
