import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncidentDetail, Recovery, WhatHappenedDraft } from '../../bindings';

const api = vi.hoisted(() => ({ saveWizardDraft: vi.fn() }));
vi.mock('../../api', async (original) => ({ ...(await original<typeof import('../../api')>()), api }));

import { retryDraftSaves, useDraftSaveProblem, useStepDraft } from './useStepDraft';

const detail = {
  id: 7,
  wizard_draft: { what_happened: null, severity: null, reporting: null, recovery: null },
} as unknown as IncidentDetail;

describe('a wizard draft that cannot be saved', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    api.saveWizardDraft.mockReset();
  });
  afterEach(() => vi.useRealTimers());

  it('is said, kept and saved once saving works again', async () => {
    api.saveWizardDraft.mockRejectedValueOnce({ code: 'busy', message: 'busy' }).mockResolvedValue(null);
    const { result } = renderHook(() => ({
      draft: useStepDraft(detail, 'what_happened', () => ({ title: '' }) as WhatHappenedDraft),
      problem: useDraftSaveProblem(),
    }));

    act(() => result.current.draft[1]({ title: 'サーバーが止まった' }));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(400);
    });
    expect(api.saveWizardDraft).toHaveBeenCalledTimes(1);
    expect(result.current.problem).toBe(true);
    expect(result.current.draft[0].title).toBe('サーバーが止まった');

    // "Try again": the same draft goes again, and the notice goes away.
    await act(async () => {
      retryDraftSaves();
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(api.saveWizardDraft).toHaveBeenCalledTimes(2);
    expect(api.saveWizardDraft).toHaveBeenLastCalledWith(7, { step: 'what_happened', fields: { title: 'サーバーが止まった' } });
    expect(result.current.problem).toBe(false);
  });

  it('is tried again by itself after a few seconds', async () => {
    api.saveWizardDraft.mockRejectedValueOnce({ code: 'io', message: 'disk full' }).mockResolvedValue(null);
    const { result } = renderHook(() => ({
      draft: useStepDraft(detail, 'recovery', () => ({ cause: '' }) as Recovery),
      problem: useDraftSaveProblem(),
    }));
    act(() => result.current.draft[1]({ cause: 'a' }));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(400);
    });
    expect(result.current.problem).toBe(true);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3100);
    });
    expect(api.saveWizardDraft).toHaveBeenCalledTimes(2);
    expect(result.current.problem).toBe(false);
  });
});
