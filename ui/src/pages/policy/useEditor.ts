// Saving from an editor section: one call at a time, the refusal shown until the next try, and a
// short "saved" note after success.
import { useState } from 'react';
import { asErrorReport } from '../../api';
import type { ErrorReport } from '../../bindings';

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
