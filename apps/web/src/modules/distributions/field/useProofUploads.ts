import { useEffect } from 'react';
import { useOnline } from '../../../hooks/useOnline';
import type { FieldDb } from '../../../offline/db';
import { isSyncing, subscribeSyncing } from '../../../offline/sync';
import { uploadProofs } from './localDistributions';

/** Sends waiting proof photos whenever a sync finishes (the check-ins they belong to have landed by then). */
export function useProofUploads(db: FieldDb): void {
  const online = useOnline();
  useEffect(() => {
    if (!online) return;
    let busy = false;
    const run = () => {
      if (busy || isSyncing()) return;
      busy = true;
      void uploadProofs(db).finally(() => {
        busy = false;
      });
    };
    run();
    return subscribeSyncing(run);
  }, [db, online]);
}
