import { useState } from 'react';

/**
 * Busy and error state of one user action (a form submit, a button): `run` clears the
 * previous error, awaits the call and hands its answer to `onDone`.
 */
export function useAction<T>(onDone: (result: T) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function run(call: () => Promise<T>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      onDone(await call());
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
