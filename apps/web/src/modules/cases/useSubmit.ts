import { useState } from 'react';

/** Busy/error state of one small form: `run` sends, then calls `done`; errors stay for the form to show. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function run(send: () => Promise<unknown>, done: () => void) {
    setBusy(true);
    setError(null);
    try {
      await send();
      done();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
