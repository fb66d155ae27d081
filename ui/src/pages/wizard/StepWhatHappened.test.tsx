import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncidentDetail } from '../../bindings';
import '../../i18n';

const api = vi.hoisted(() => ({
  preferences: vi.fn(),
  setAuthorName: vi.fn(),
  recordBasics: vi.fn(),
  saveWizardDraft: vi.fn(),
}));
vi.mock('../../api', async (original) => ({ ...(await original<typeof import('../../api')>()), api }));

import { occurredAt, StepWhatHappened } from './StepWhatHappened';

const discovered = '2026-11-20T10:15:00+09:00';

describe('when it happened', () => {
  it('is null while "not known" is ticked, whatever was typed', () => {
    expect(occurredAt({ occurredUnknown: true, occurredDate: '2026-11-25', occurredTime: '09:00' }, discovered)).toEqual({
      at: null,
      problem: null,
    });
  });

  it('is refused when it is later than the discovery', () => {
    const later = new Date(new Date(discovered).getTime() + 60_000);
    const date = `${later.getFullYear()}-${String(later.getMonth() + 1).padStart(2, '0')}-${String(later.getDate()).padStart(2, '0')}`;
    const time = `${String(later.getHours()).padStart(2, '0')}:${String(later.getMinutes()).padStart(2, '0')}`;
    expect(occurredAt({ occurredUnknown: false, occurredDate: date, occurredTime: time }, discovered).problem).toBe(
      'afterDiscovered',
    );
  });

  it('is taken as typed when it is before the discovery, and asked again when it is no date', () => {
    const earlier = occurredAt({ occurredUnknown: false, occurredDate: '2026-11-18', occurredTime: '17:30' }, discovered);
    expect(earlier.problem).toBeNull();
    expect(earlier.at).toMatch(/^2026-11-18T17:30:00[+-]\d\d:\d\d$/);
    expect(occurredAt({ occurredUnknown: false, occurredDate: '2026-11-31', occurredTime: '17:30' }, discovered).problem).toBe(
      'invalid',
    );
  });
});

const detail = {
  id: 3,
  case_kind: 'lost_device',
  title: 'ノートパソコンの盗難',
  discovered_at: discovered,
  occurred_at: null,
  discovered_by: '',
  description: '',
  wizard_draft: {},
  confirmations: { basics: 4, severity: null, interview: null, recovery: null },
} as unknown as IncidentDetail;

function renderStep(incident: IncidentDetail) {
  const act = vi.fn(async (work: () => Promise<IncidentDetail>) => await work());
  render(
    <MantineProvider>
      <StepWhatHappened detail={incident} policy={{ levels: [], categories: [] }} act={act} goTo={async () => {}} />
    </MantineProvider>,
  );
  return act;
}

describe('the first step', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    api.preferences.mockResolvedValue({ language: 'ja', author_name: '鈴木 花子', backups_kept: 20 });
    api.setAuthorName.mockResolvedValue(null);
    api.recordBasics.mockResolvedValue(detail);
    api.saveWizardDraft.mockResolvedValue(null);
  });

  it('signs with the name saved on this PC, not the one in a draft another PC left', async () => {
    const draft = {
      case_kind: 'lost_device',
      title: 'ノートパソコンの盗難',
      date: '2026-04-06',
      time: '15:30',
      discovered_by: '',
      description: '',
      occurredUnknown: true,
      occurredDate: '',
      occurredTime: '',
      author: '別のPCの 田中',
    };
    renderStep({ ...detail, wizard_draft: { what_happened: draft } } as unknown as IncidentDetail);
    await waitFor(() => expect(screen.getByTestId('field-author')).toHaveValue('鈴木 花子'));
    fireEvent.click(screen.getByTestId('wizard-next'));
    await waitFor(() => expect(api.setAuthorName).toHaveBeenCalledWith('鈴木 花子'));
  });

  it('starts a new incident with the time it happened not known, and sends null', async () => {
    renderStep(detail);
    await waitFor(() => expect(screen.getByTestId('field-author')).toHaveValue('鈴木 花子'));
    expect(screen.getByTestId('field-occurred-unknown')).toBeChecked();
    expect(screen.queryByTestId('field-occurred-date')).toBeNull();
    fireEvent.click(screen.getByTestId('wizard-next'));
    await waitFor(() => expect(api.recordBasics).toHaveBeenCalled());
    expect(api.recordBasics.mock.calls[0][1].occurred_at).toBeNull();
    // With the step's last confirmation as the form read it, so that a newer one refuses it.
    expect(api.recordBasics.mock.calls[0][2]).toBe(4);
  });

  it('says so under the field and sends nothing when it happened after it was noticed', async () => {
    renderStep(detail);
    await waitFor(() => expect(screen.getByTestId('field-author')).toHaveValue('鈴木 花子'));
    fireEvent.click(screen.getByTestId('field-occurred-unknown'));
    fireEvent.change(screen.getByTestId('field-occurred-date'), { target: { value: '2026-11-21' } });
    fireEvent.change(screen.getByTestId('field-occurred-time'), { target: { value: '08:00' } });
    expect(
      screen.getByText('気づいた日時より後になっています。起きたのは、気づいたときと同じか、それより前のはずです。'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('wizard-next'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.recordBasics).not.toHaveBeenCalled();
  });

  it('starts from the recorded time when one is known', async () => {
    renderStep({ ...detail, occurred_at: '2026-11-18T17:30:00+09:00' });
    await waitFor(() => expect(screen.getByTestId('field-author')).toHaveValue('鈴木 花子'));
    expect(screen.getByTestId('field-occurred-unknown')).not.toBeChecked();
    fireEvent.click(screen.getByTestId('wizard-next'));
    await waitFor(() => expect(api.recordBasics).toHaveBeenCalled());
    expect(new Date(api.recordBasics.mock.calls[0][1].occurred_at).getTime()).toBe(
      new Date('2026-11-18T17:30:00+09:00').getTime(),
    );
  });
});
