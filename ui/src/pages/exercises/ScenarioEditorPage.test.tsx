import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExerciseScenario, ScenarioSpec } from '../../bindings';
import { CompanyChangesContext, type SeenChanges } from '../../companyChanges';
import '../../i18n';

const api = vi.hoisted(() => ({ exerciseScenarios: vi.fn(), saveExerciseScenario: vi.fn(), lastChange: vi.fn() }));
vi.mock('../../api', async (original) => ({ ...(await original<typeof import('../../api')>()), api }));

import { ScenarioEditorPage } from './ScenarioEditorPage';

const read: ScenarioSpec = {
  title: '取引先からの不審な請求書メール',
  description: '経理担当が添付ファイルを開いた後の1日を追う。',
  category: 'malware',
  duration_hours: 24,
  injects: [{ at_minutes: 0, text: '経理担当から「請求書が開けない」と連絡が来る。', question: '', step: null }],
};
const listed = (spec: ScenarioSpec): ExerciseScenario[] => [{ source: { kind: 'company', id: 7 }, spec }];

const page = (seen: SeenChanges) => (
  <MantineProvider>
    <CompanyChangesContext.Provider value={seen}>
      <ScenarioEditorPage id={7} />
    </CompanyChangesContext.Provider>
  </MantineProvider>
);

describe('the scenario editor on a company others edit too', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    api.exerciseScenarios.mockResolvedValue(listed(read));
    api.saveExerciseScenario.mockResolvedValue(listed(read));
  });
  afterEach(cleanup);

  it('sends the scenario as it read it, and says who saved it first when that was someone else', async () => {
    api.saveExerciseScenario.mockRejectedValueOnce({ code: 'changed_elsewhere', message: 'the scenario was changed' });
    api.lastChange.mockResolvedValue({ author: '情シス 高橋', at: '2026-12-07T13:05:00+09:00' });
    render(page({}));
    await waitFor(() => expect(screen.getByTestId('scenario-title')).toHaveValue(read.title));
    fireEvent.change(screen.getByTestId('scenario-title'), { target: { value: '請求書メールと偽の振込先' } });
    fireEvent.click(screen.getByTestId('save-scenario'));
    expect(await screen.findByTestId('changed-by')).toHaveTextContent('情シス 高橋 さんが');
    expect(api.saveExerciseScenario.mock.calls[0][2]).toEqual(read);
    expect(api.lastChange).toHaveBeenCalledWith('exercise_scenario', 7);
    expect(screen.getByTestId('scenario-title')).toHaveValue('請求書メールと偽の振込先');
  });

  it('says in the corner when another PC changed it, and shows the latest when asked', async () => {
    const { rerender } = render(page({}));
    await waitFor(() => expect(screen.getByTestId('scenario-title')).toHaveValue(read.title));
    fireEvent.change(screen.getByTestId('scenario-title'), { target: { value: '請求書メールと偽の振込先' } });
    const theirs = { ...read, duration_hours: 48 };
    api.exerciseScenarios.mockResolvedValue(listed(theirs));
    rerender(page({ exercises: 1 }));
    expect(await screen.findByText('ほかのパソコンで、この訓練シナリオが変更されました')).toBeInTheDocument();
    expect(screen.getByTestId('scenario-title')).toHaveValue('請求書メールと偽の振込先');
    await act(async () => fireEvent.click(screen.getByTestId('load-newer')));
    await waitFor(() => expect(screen.getByTestId('scenario-title')).toHaveValue(read.title));
    expect(screen.queryByTestId('newer-elsewhere')).toBeNull();
    fireEvent.click(screen.getByTestId('save-scenario'));
    await waitFor(() => expect(api.saveExerciseScenario).toHaveBeenCalled());
    expect(api.saveExerciseScenario.mock.calls[0][2]).toEqual(theirs);
  });
});
