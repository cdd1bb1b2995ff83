import { useEffect, useState } from 'react';
import type { PickedArea } from '../areas/AreaPicker';
import { fetchArea } from '../areas/areas.api';

/**
 * The regency a per-regency screen starts on (from the address, else the user's sole
 * regency), with its name fetched for the picker; the user may pick another.
 */
export function useRegencyChoice(initialCode: string | null) {
  const [regency, setRegency] = useState<PickedArea | null>(() =>
    initialCode ? { code: initialCode, name: initialCode, level: 'regency' } : null,
  );
  const unnamed = regency && regency.name === regency.code ? regency.code : null;
  useEffect(() => {
    if (!unnamed) return;
    let current = true;
    fetchArea(unnamed).then(
      (area) =>
        current && setRegency((r) => (r?.code === area.code ? { code: area.code, name: area.name, level: 'regency' } : r)),
      () => undefined, // the code stays shown; the settings call reports a wrong code
    );
    return () => {
      current = false;
    };
  }, [unnamed]);
  return [regency, setRegency] as const;
}
