import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncidentDetail } from '../../bindings';

const api = vi.hoisted(() => ({ saveWizardDraft: vi.fn() }));
vi.mock('../../api', async (original) => ({ ...(await original<typeof import('../../api')>()), api }));

import { retryDraftSaves, useDraftSaveProblem, useStepDraft } from './useStepDraft';

const detail = { id: 7, wizard_draft: {} } as unknown as IncidentDetail;

describe('a wizard draft that cannot be saved', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    api.saveWizardDraft.mockReset();
  });
  afterEach(() => vi.useRealTimers());

  it('is said, kept and saved once saving works again', async () => {
    api.saveWizardDraft.mockRejectedValueOnce({ code: 'busy', message: 'busy' }).mockResolvedValue(null);
    const { result } = renderHook(() => ({
      draft: useStepDraft(detail, 0, () => ({ title: '' })),
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
    expect(api.saveWizardDraft).toHaveBeenLastCalledWith(7, 0, { title: 'サーバーが止まった' });
    expect(result.current.problem).toBe(false);
  });

  it('is tried again by itself after a few seconds', async () => {
    api.saveWizardDraft.mockRejectedValueOnce({ code: 'io', message: 'disk full' }).mockResolvedValue(null);
    const { result } = renderHook(() => ({
      draft: useStepDraft(detail, 1, () => ({ note: '' })),
      problem: useDraftSaveProblem(),
    }));
    act(() => result.current.draft[1]({ note: 'a' }));
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
