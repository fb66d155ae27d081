import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Facts, IncidentDetail, InterviewState, Replied, ReportingDetails } from '../../bindings';
import '../../i18n';

const api = vi.hoisted(() => ({ interview: vi.fn(), recordInterview: vi.fn(), saveWizardDraft: vi.fn() }));
vi.mock('../../api', async (original) => ({ ...(await original<typeof import('../../api')>()), api }));

import { StepReporting } from './StepReporting';

const NO_DETAILS: ReportingDetails = {
  data: { own: { items: [], other: null }, client: { items: [], other: null }, whose: [], harm: [] },
  malware_name: '',
  how_found: '',
  infection_route: '',
  technical: { os: '', systems: '', pc_count: null, prefecture: '', addresses_seen: '', log_times: '' },
};

const facts = {
  malware: false,
  unauthorized_access: false,
  personal_data: { involved: true },
  entrusted_data: null,
} as unknown as Facts;

const detail = {
  id: 9,
  case_kind: 'lost_device',
  stage: 'incident',
  facts: null,
  details: NO_DETAILS,
  interview_replies: [],
  obligations: [],
  wizard_draft: {},
  confirmations: { basics: 4, severity: null, interview: null, recovery: null },
} as unknown as IncidentDetail;

/** The core's answer while the encryption of a stolen laptop is still open. */
const encryptionOpen: InterviewState = {
  answered: [{ question: 'crime', kind: 'yes_no', reply: 'yes', for_documents: false }],
  next: { question: 'encrypted', kind: 'yes_no', reply: null, for_documents: false },
  facts,
  assessment: {
    rules: '2024-04-01',
    obligations: [{ authority: 'ppc', duty: 'mandatory', grounds: [], deadlines: [{ stage: 'final', due_by: '2026-12-18' }] }],
  },
  open: ['personal_data.high_level_encryption', 'personal_data.recovered_unviewed'],
  unsettled: [{ authority: 'ppc', ways: [['personal_data.high_level_encryption'], ['personal_data.recovered_unviewed']] }],
  lifted: [],
  contradictions: [],
};

function renderStep() {
  const act = vi.fn(async (work: () => Promise<IncidentDetail>) => await work());
  render(
    <MantineProvider>
      <StepReporting detail={detail} policy={{ levels: [], categories: [] }} act={act} goTo={async () => {}} />
    </MantineProvider>,
  );
}

const lastReplies = (): Replied[] => api.interview.mock.calls.at(-1)?.[1];

describe('the reporting interview', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    api.interview.mockResolvedValue(encryptionOpen);
    api.saveWizardDraft.mockResolvedValue(null);
  });

  it("asks the core's next question in the words of the case, with 「分からない」 among the answers", async () => {
    renderStep();
    const title = await screen.findByTestId('question-title');
    expect(title.textContent).toContain('BitLocker');
    expect(screen.getByTestId('reply-unknown')).toBeInTheDocument();
    expect(screen.getByLabelText('分からない')).toBeInTheDocument();
  });

  it('sends the choice on Enter, and shows what would lift the report still standing', async () => {
    renderStep();
    await screen.findByTestId('question-title');
    expect(screen.getByTestId('live-ppc').textContent).toContain('暗号化されていて');
    expect(screen.getByTestId('unsettled').textContent).toContain('全部を取り戻し');
    const yes = screen.getByLabelText('はい');
    fireEvent.click(yes);
    fireEvent.keyDown(yes, { key: 'Enter' });
    await waitFor(() => expect(lastReplies()).toEqual([{ question: 'encrypted', reply: 'yes' }]));
  });

  it('asks an answered question again from the list of answers, with its answer chosen', async () => {
    renderStep();
    const answer = await screen.findByTestId('answer-crime');
    expect(answer.textContent).toContain('はい');
    fireEvent.click(screen.getByTestId('change-answer'));
    expect(await screen.findByTestId('question-title')).toHaveTextContent('盗まれた可能性');
    expect(screen.getByLabelText('はい')).toBeChecked();
    fireEvent.click(screen.getByLabelText('いいえ'));
    fireEvent.click(screen.getByTestId('interview-next'));
    await waitFor(() => expect(lastReplies()).toEqual([{ question: 'crime', reply: 'no' }]));
  });

  it('takes a count typed and refuses one that is not a number of people', async () => {
    api.interview.mockResolvedValue({
      ...encryptionOpen,
      next: { question: 'people_at_least', kind: 'count', reply: null, for_documents: true },
    });
    renderStep();
    const field = await screen.findByTestId('reply-count-value');
    expect(screen.getByTestId('for-documents')).toHaveTextContent('報告書に人数を書く欄');
    fireEvent.change(field, { target: { value: '0' } });
    expect(screen.getByTestId('interview-next')).toBeDisabled();
    fireEvent.change(field, { target: { value: '1200' } });
    fireEvent.click(screen.getByTestId('interview-next'));
    await waitFor(() => expect(lastReplies()).toEqual([{ question: 'people_at_least', reply: { count: 1200 } }]));
  });
});
