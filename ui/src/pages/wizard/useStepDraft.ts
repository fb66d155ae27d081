// What the user types in a wizard step is kept in the company file as they type (shortly after
// each change, and when the step is left), so closing the window mid-step loses nothing. The
// step starts from that draft if there is one, otherwise from what was last confirmed.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import type { IncidentDetail } from '../../bindings';

const SAVE_DELAY_MS = 300;

export function useStepDraft<T extends object>(
  detail: IncidentDetail,
  step: number,
  confirmed: () => T,
): [T, (change: Partial<T>) => void] {
  const [value, setValue] = useState<T>(() => {
    const draft = detail.wizard_draft[String(step)];
    return draft && typeof draft === 'object' ? { ...confirmed(), ...(draft as Partial<T>) } : confirmed();
  });
  const pending = useRef<T | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const id = detail.id;

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const fields = pending.current;
    pending.current = null;
    if (fields) void api.saveWizardDraft(id, step, fields).catch(() => {});
  }, [id, step]);

  useEffect(() => flush, [flush]);

  const update = useCallback(
    (change: Partial<T>) => {
      setValue((current) => {
        const next = { ...current, ...change };
        pending.current = next;
        return next;
      });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, SAVE_DELAY_MS);
    },
    [flush],
  );

  return [value, update];
}
