import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncidentDetail, SeverityAnswers, WizardPolicy } from '../../bindings';
import '../../i18n';

const api = vi.hoisted(() => ({
  suggestLevel: vi.fn(),
  recordSeverity: vi.fn(),
  saveWizardDraft: vi.fn(),
}));
vi.mock('../../api', async (original) => ({ ...(await original<typeof import('../../api')>()), api }));

import { StepSeverity } from './StepSeverity';

const detail = {
  id: 5,
  stage: 'incident',
  category: 'leak',
  level: null,
  level_override_reason: '',
  wizard_draft: {},
  confirmations: { basics: 4, severity: null, interview: null, recovery: null },
} as unknown as IncidentDetail;

const policy: WizardPolicy = {
  levels: [
    { level: 1, name: 'レベル1 軽微', impact: '社内だけ', responsible_role: null },
    { level: 2, name: 'レベル2 重大', impact: '社外に及ぶ', responsible_role: null },
  ],
  categories: [{ key: 'leak', name: '情報漏えい', description: '' }],
};

/** The suggestion the test's rules give: level 2 once personal information is involved. */
const suggestionFor = (answers: SeverityAnswers) => (answers.personal_data_involved ? 2 : 1);

/** Suggestions asked while `held` is set wait until `release` is called, as on a slow PC. */
let held = false;
let waiting: Array<() => void> = [];
function release() {
  held = false;
  for (const answer of waiting) answer();
  waiting = [];
}

function renderStep() {
  const act = vi.fn(async (work: () => Promise<IncidentDetail>) => await work());
  render(
    <MantineProvider>
      <StepSeverity detail={detail} policy={policy} act={act} goTo={async () => {}} />
    </MantineProvider>,
  );
}

describe('the second step', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    held = false;
    waiting = [];
    api.suggestLevel.mockImplementation((answers: SeverityAnswers) => {
      const level = suggestionFor(answers);
      return held ? new Promise((resolve) => waiting.push(() => resolve(level))) : Promise.resolve(level);
    });
    api.recordSeverity.mockResolvedValue(detail);
    api.saveWizardDraft.mockResolvedValue(null);
  });

  it('records the level the answers suggest when 次へ is clicked before the suggestion is shown', async () => {
    renderStep();
    await waitFor(() => expect(screen.getByTestId('level-name')).toHaveTextContent('レベル1 軽微'));
    held = true;
    fireEvent.click(screen.getByTestId('q-personal_data_involved'));
    fireEvent.click(screen.getByTestId('wizard-next'));
    release();
    await waitFor(() => expect(api.recordSeverity).toHaveBeenCalled());
    const [, severity] = api.recordSeverity.mock.calls[0];
    expect(severity.answers.personal_data_involved).toBe(true);
    expect(severity.level).toBe(2);
    expect(severity.override_reason).toBe('');
    expect(screen.getByTestId('level-name')).toHaveTextContent('レベル2 重大');
  });

  it('records the step when 次へ is clicked before any level was shown', async () => {
    held = true;
    renderStep();
    fireEvent.click(screen.getByTestId('wizard-next'));
    release();
    await waitFor(() => expect(api.recordSeverity).toHaveBeenCalled());
    expect(api.recordSeverity.mock.calls[0][1].level).toBe(1);
  });

  it('keeps a suggestion that comes back late from replacing the one for the latest answers', async () => {
    held = true;
    renderStep();
    fireEvent.click(screen.getByTestId('q-personal_data_involved'));
    await waitFor(() => expect(api.suggestLevel).toHaveBeenCalledTimes(2));
    // The answer for the latest answers first, the one for the first render after it.
    const [first, latest] = waiting;
    latest();
    first();
    waiting = [];
    held = false;
    await waitFor(() => expect(screen.getByTestId('level-name')).toHaveTextContent('レベル2 重大'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByTestId('level-name')).toHaveTextContent('レベル2 重大');
  });
});
