// Screens that change an incident run each command through here: the incident as the command
// answers replaces the one shown, and a refusal is kept to be explained.
import { useCallback, useState } from 'react';
import { asErrorReport } from './api';
import type { ErrorReport, IncidentDetail } from './bindings';

export type IncidentAction = (work: () => Promise<IncidentDetail>) => Promise<IncidentDetail | null>;

export function useIncidentAction(setDetail: (detail: IncidentDetail) => void) {
  const [error, setError] = useState<ErrorReport | null>(null);
  const act: IncidentAction = useCallback(
    async (work) => {
      setError(null);
      try {
        const updated = await work();
        setDetail(updated);
        return updated;
      } catch (e) {
        setError(asErrorReport(e));
        return null;
      }
    },
    [setDetail],
  );
  return { act, error, setError };
}
