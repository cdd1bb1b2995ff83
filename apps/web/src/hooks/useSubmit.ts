import { useState } from 'react';
import { fieldErrors } from '../api/client';

/**
 * Busy/error state of one small form: `run` sends, then calls `done` with the answer;
 * the error stays for the form to show (`errors` are the server's messages by field).
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function run<T>(send: () => Promise<T>, done?: (result: T) => void) {
    setBusy(true);
    setError(null);
    try {
      const result = await send();
      done?.(result);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run, errors: fieldErrors(error), clear: () => setError(null) };
}
