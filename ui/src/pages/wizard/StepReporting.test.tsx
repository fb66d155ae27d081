import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Facts, IncidentDetail } from '../../bindings';
import '../../i18n';

const api = vi.hoisted(() => ({ recordFacts: vi.fn(), saveWizardDraft: vi.fn() }));
vi.mock('../../api', async (original) => ({ ...(await original<typeof import('../../api')>()), api }));

import { StepReporting } from './StepReporting';
import { NO_DETAILS, NOT_INVOLVED } from './reportingAnswers';

const suggested: Facts = {
  discovered_at: '2026-11-20T10:15:00+09:00',
  occurred_at: null,
  stage: 'incident',
  category: 'leak',
  unauthorized_access: false,
  malware: false,
  crime_suspected: true,
  communications_secrecy: false,
  personal_data: { ...NOT_INVOLVED, involved: true, entrusted_by_client_notified: false },
  entrusted_data: null,
  organization: { privacy_mark: false, isms_certified: false, cyber_insurance: false, gdpr_applies: false, sector: 'general' },
};

const detail = {
  id: 9,
  case_kind: 'lost_device',
  discovered_at: suggested.discovered_at,
  stage: 'incident',
  facts: null,
  suggested_facts: suggested,
  details: NO_DETAILS,
  obligations: [],
  wizard_draft: {},
} as unknown as IncidentDetail;

function renderStep(incident: IncidentDetail = detail) {
  const act = vi.fn(async (work: () => Promise<IncidentDetail>) => await work());
  render(
    <MantineProvider>
      <StepReporting detail={incident} policy={{ levels: [], categories: [] }} act={act} goTo={async () => {}} />
    </MantineProvider>,
  );
}

const tick = (testId: string) => fireEvent.click(screen.getByTestId(testId));

describe('the data items on the reporting step', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    api.recordFacts.mockResolvedValue(detail);
    api.saveWizardDraft.mockResolvedValue(null);
  });

  it('tick the answer they give, and point out an answer unticked afterwards until it is fixed', () => {
    renderStep();
    tick('own-item-health');
    expect(screen.getByTestId('own-sensitive')).toBeChecked();
    expect(screen.queryByTestId('own-contradiction')).toBeNull();
    tick('own-sensitive');
    expect(screen.getByTestId('own-contradiction')).toHaveTextContent('病歴・健康情報');
    expect(screen.getByTestId('assess')).toBeDisabled();
    tick('own-item-health');
    expect(screen.queryByTestId('own-contradiction')).toBeNull();
    expect(screen.getByTestId('assess')).toBeEnabled();
  });

  it('say a word about IDs and passwords when money is unticked, without blocking', () => {
    renderStep();
    tick('own-item-credentials');
    expect(screen.getByTestId('own-financial')).toBeChecked();
    expect(screen.queryByTestId('own-credentials-note')).toBeNull();
    tick('own-financial');
    expect(screen.getByTestId('own-credentials-note')).toBeInTheDocument();
    expect(screen.getByTestId('assess')).toBeEnabled();
  });

  it('send the ticked items and the other item\u2019s text with the facts', async () => {
    renderStep();
    for (const item of ['name', 'address', 'phone']) tick(`own-item-${item}`);
    tick('own-item-other');
    fireEvent.change(screen.getByTestId('own-item-other-text'), { target: { value: '会員番号' } });
    tick('assess');
    await waitFor(() => expect(api.recordFacts).toHaveBeenCalled());
    const [, facts, details] = api.recordFacts.mock.calls[0];
    expect(details.data.own).toEqual({ items: ['name', 'address', 'phone'], other: '会員番号' });
    expect(facts.personal_data.involved).toBe(true);
  });

  it('ask once whose data it is and what happened to it, and send both', async () => {
    renderStep();
    tick('data-whose-customers');
    tick('data-harm-leak');
    tick('assess');
    await waitFor(() => expect(api.recordFacts).toHaveBeenCalled());
    const [, , details] = api.recordFacts.mock.calls[0];
    expect(details.data.whose).toEqual(['customers']);
    expect(details.data.harm).toEqual(['leak']);
  });

  it('leave out whose data and the harm when no personal data is involved', () => {
    renderStep();
    tick('fact-personal');
    expect(screen.queryByTestId('data-whose-customers')).toBeNull();
    expect(screen.queryByTestId('own-item-name')).toBeNull();
  });

  it('ask the IPA form\u2019s details once malware is ticked, and send them', async () => {
    renderStep();
    expect(screen.queryByTestId('ipa-malware-name')).toBeNull();
    tick('fact-malware');
    fireEvent.change(screen.getByTestId('ipa-malware-name'), { target: { value: 'Emotet' } });
    fireEvent.change(screen.getByTestId('ipa-infection-route'), { target: { value: 'メールの添付ファイル' } });
    tick('assess');
    await waitFor(() => expect(api.recordFacts).toHaveBeenCalled());
    const [, facts, details] = api.recordFacts.mock.calls[0];
    expect(facts.malware).toBe(true);
    expect([details.malware_name, details.how_found, details.infection_route]).toEqual(['Emotet', '', 'メールの添付ファイル']);
  });
});
