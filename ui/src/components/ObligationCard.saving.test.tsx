import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IncidentDetail, ObligationRecord } from '../bindings';
import '../i18n';

const api = vi.hoisted(() => ({ updateObligation: vi.fn(), homeSummary: vi.fn() }));
vi.mock('../api', async (original) => ({ ...(await original<typeof import('../api')>()), api }));

import { ObligationCard } from './ObligationCard';
import { obligationRecord } from './obligationRecord.fixture';

const incidentWith = (obligation: ObligationRecord) => ({ obligations: [obligation] }) as unknown as IncidentDetail;

describe('a report marked on its card', () => {
  afterEach(cleanup);

  it('is sent with the record as the card read it, and next with the record it saved', async () => {
    const read = obligationRecord({});
    const sent = obligationRecord({ status: 'sent', sent_on: '2026-12-07', reference_number: 'R-1' });
    api.updateObligation.mockResolvedValueOnce(incidentWith(sent));
    api.updateObligation.mockResolvedValueOnce(incidentWith({ ...sent, reference_number: 'R-2' }));
    const act = vi.fn(async (work: () => Promise<IncidentDetail>) => await work());
    const { rerender } = render(
      <MantineProvider>
        <ObligationCard incidentId={4} dayOne="2026-12-01" obligation={read} act={act} />
      </MantineProvider>,
    );
    fireEvent.click(screen.getByText('提出済み'));
    fireEvent.change(screen.getByTestId('sent-on'), { target: { value: '2026-12-07' } });
    fireEvent.change(screen.getByTestId('reference'), { target: { value: 'R-1' } });
    fireEvent.click(screen.getByTestId('save-obligation'));
    await waitFor(() => expect(api.updateObligation).toHaveBeenCalledTimes(1));
    const [, , update, asRead] = api.updateObligation.mock.calls[0];
    expect(update).toMatchObject({ status: 'sent', sent_on: '2026-12-07', reference_number: 'R-1' });
    expect(asRead).toEqual({
      status: 'not_started',
      sent_on: null,
      reference_number: '',
      waived_reason: '',
      preliminary_sent_on: null,
      preliminary_reference: '',
    });

    // The page hands the card the incident as saved; the next change is based on that record.
    rerender(
      <MantineProvider>
        <ObligationCard incidentId={4} dayOne="2026-12-01" obligation={sent} act={act} />
      </MantineProvider>,
    );
    fireEvent.change(screen.getByTestId('reference'), { target: { value: 'R-2' } });
    fireEvent.click(screen.getByTestId('save-obligation'));
    await waitFor(() => expect(api.updateObligation).toHaveBeenCalledTimes(2));
    expect(api.updateObligation.mock.calls[1][3]).toMatchObject({
      status: 'sent',
      sent_on: '2026-12-07',
      reference_number: 'R-1',
    });
  });
});
