import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CompanyDetails, ObligationRecord } from '../bindings';
import { NavigationContext } from '../navigation';
import '../i18n';

const api = vi.hoisted(() => ({ homeSummary: vi.fn() }));
vi.mock('../api', async (original) => ({ ...(await original<typeof import('../api')>()), api }));

import { ObligationCard } from './ObligationCard';
import { obligationRecord } from './obligationRecord.fixture';

const details = (phone: string, email: string): CompanyDetails => ({
  address: '',
  representative: '',
  corporate_number: '',
  business_type: '',
  insurance_policy_number: '',
  inquiry_desk: { name: 'お客様相談窓口', phone, email, hours: '' },
  date_style: 'western',
  eu_representative: '',
});

const obligation = (authority: ObligationRecord['authority']) => obligationRecord({ authority });

function renderCard(authority: ObligationRecord['authority'], navigate = vi.fn()) {
  render(
    <MantineProvider>
      <NavigationContext.Provider value={navigate}>
        <ObligationCard incidentId={4} dayOne="2026-04-06" obligation={obligation(authority)} act={vi.fn()} />
      </NavigationContext.Provider>
    </MantineProvider>,
  );
  return navigate;
}

describe('the notice to the people', () => {
  beforeEach(() => vi.clearAllMocks());

  it('says when the company has no inquiry desk, and leads to where it is set', async () => {
    api.homeSummary.mockResolvedValue({ company: { details: details('', '') } });
    const navigate = renderCard('data_subjects');
    expect(await screen.findByTestId('inquiry-desk-missing')).toHaveTextContent(
      'お知らせに載せる問い合わせ窓口が設定されていません。',
    );
    fireEvent.click(screen.getByTestId('inquiry-desk-set'));
    expect(navigate).toHaveBeenCalledWith({ page: 'policy', section: 'company-details' });
  });

  it('says nothing once the desk has a phone or an email', async () => {
    for (const [phone, email] of [
      ['03-1234-5678', ''],
      ['', 'support@example.jp'],
    ]) {
      api.homeSummary.mockResolvedValue({ company: { details: details(phone, email) } });
      renderCard('data_subjects');
      await waitFor(() => expect(api.homeSummary).toHaveBeenCalled());
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(screen.queryByTestId('inquiry-desk-missing')).toBeNull();
      expect(screen.getByTestId('pdf-data-subject-notice-preliminary')).toBeInTheDocument();
      cleanup();
    }
  });

  it('is the only draft that asks for the desk; the My Number report has both stages', async () => {
    api.homeSummary.mockResolvedValue({ company: { details: details('', '') } });
    renderCard('ppc_my_number');
    expect(screen.getByTestId('pdf-ppc-my-number-draft-preliminary')).toBeInTheDocument();
    expect(screen.getByTestId('pdf-ppc-my-number-draft-final')).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByTestId('inquiry-desk-missing')).toBeNull();
    expect(api.homeSummary).not.toHaveBeenCalled();
  });
});
