// Saving from an editor section: one call at a time, the refusal shown until the next try, and a
// short "saved" note after success.
import { createContext, useContext, useState } from 'react';
import { asErrorReport } from '../../api';
import type { ErrorReport } from '../../bindings';

/** `reload` reads the policy again and draws every editor afresh from it: what "load the latest"
 * does after a save was refused because someone else changed the entry first. Editors are keyed
 * by `generation`, which it bumps, so that they start again from the entries as they are now. */
export const ReloadPolicyContext = createContext<{ reload: () => void; generation: number }>({
  reload: () => {},
  generation: 0,
});

export function useReloadPolicy(): { reload: () => void; generation: number } {
  return useContext(ReloadPolicyContext);
}

/** The last change of the entry `isIt` picks from a policy just saved: the new basis of its editor. */
export function lastChangeOf<T extends { last_change_id: number | null }>(
  entries: T[],
  isIt: (entry: T) => boolean,
): number | null {
  return entries.find(isIt)?.last_change_id ?? null;
}

export function useSave() {
  const [error, setError] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const save = async (work: () => Promise<void>) => {
    setError(null);
    setSaved(false);
    setBusy(true);
    try {
      await work();
      setSaved(true);
    } catch (e) {
      setError(asErrorReport(e));
    } finally {
      setBusy(false);
    }
  };
  return { error, saved, busy, save, clearError: () => setError(null) };
}
