// What the user types in a wizard step is kept in the company file as they type (shortly after
// each change, and when the step is left), so closing the window mid-step loses nothing. The
// step starts from that draft if there is one, otherwise from what was last confirmed.
//
// A save that fails (the file locked by a long task, a full disk) is never dropped: the draft
// stays pending, is tried again after a few seconds, and the wizard says it could not be saved
// (useDraftSaveProblem) with a button that tries again at once (retryDraftSaves).
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { api } from '../../api';
import type { IncidentDetail, StepDraft } from '../../bindings';

/** A wizard step that keeps a draft, and the fields of its form. */
export type DraftStep = StepDraft['step'];
export type DraftFields<S extends DraftStep> = Extract<StepDraft, { step: S }>['fields'];

const SAVE_DELAY_MS = 300;
const RETRY_DELAY_MS = 3000;

/** The saves that failed and wait to be tried again, each as its retry. */
const failedSaves = new Set<() => void>();
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

/** Whether a draft could not be saved and is waiting to be tried again. */
export function useDraftSaveProblem(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => failedSaves.size > 0,
  );
}

/** Tries every failed draft save again now. */
export function retryDraftSaves() {
  for (const retry of [...failedSaves]) retry();
}

export function useStepDraft<S extends DraftStep, T extends DraftFields<S> = DraftFields<S>>(
  detail: IncidentDetail,
  step: S,
  confirmed: () => T,
): [T, (change: Partial<T>) => void] {
  const [value, setValue] = useState<T>(() => (detail.wizard_draft[step] as T | null) ?? confirmed());
  const pending = useRef<T | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const id = detail.id;

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const fields = pending.current;
    pending.current = null;
    if (!fields) return;
    api.saveWizardDraft(id, { step, fields } as StepDraft).then(
      () => {
        if (failedSaves.delete(flush)) notify();
      },
      () => {
        // Keep it unless something newer is already waiting, and try again.
        pending.current ??= fields;
        failedSaves.add(flush);
        notify();
        timer.current = setTimeout(flush, RETRY_DELAY_MS);
      },
    );
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
