import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CompanyProfile } from '../../bindings';
import '../../i18n';

const api = vi.hoisted(() => ({
  homeSummary: vi.fn(),
  listContacts: vi.fn(),
  updateCompanyProfile: vi.fn(),
  lastChange: vi.fn(),
}));
vi.mock('../../api', async (original) => ({ ...(await original<typeof import('../../api')>()), api }));

import { CompanySection } from './CompanySection';

const profile: CompanyProfile = {
  name: '株式会社さくら商事',
  language: 'ja',
  sector: 'general',
  prefecture: '東京都',
  privacy_mark: false,
  isms_certified: false,
  handles_personal_data: true,
  handles_my_number: false,
  handles_eu_data: false,
  stale_contact_months: 12,
  cyber_insurance: false,
  insurer_contact_id: null,
  eu_establishment: false,
  eu_targeting: false,
  details: {
    address: '',
    representative: '',
    corporate_number: '',
    business_type: '',
    insurance_policy_number: '',
    inquiry_desk: { name: '', phone: '', email: '', hours: '' },
    date_style: 'western',
    eu_representative: '',
  },
};

async function renderSection() {
  render(
    <MantineProvider>
      <CompanySection onPolicyReplaced={() => {}} />
    </MantineProvider>,
  );
  await screen.findByTestId('company-details');
}

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('the company details for documents', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    api.homeSummary.mockResolvedValue({ company: profile });
    api.listContacts.mockResolvedValue({ total: 0, items: [] });
    api.updateCompanyProfile.mockImplementation(async (p: CompanyProfile) => p);
  });

  it('are saved with the profile, the inquiry desk and the date style included', async () => {
    await renderSection();
    type('profile-address', '東京都港区芝公園1-2-3');
    type('profile-representative', '代表取締役 山田太郎');
    type('profile-corporate-number', '7000-0120-50002');
    type('profile-business-type', '小売業');
    type('profile-desk-name', 'お客様相談窓口');
    type('profile-desk-phone', '0120-000-000');
    fireEvent.click(screen.getByText('和暦（令和8年12月25日）'));
    fireEvent.click(screen.getByTestId('save-profile'));
    await waitFor(() => expect(api.updateCompanyProfile).toHaveBeenCalled());
    const saved: CompanyProfile = api.updateCompanyProfile.mock.calls[0][0];
    expect(saved.details).toEqual({
      address: '東京都港区芝公園1-2-3',
      representative: '代表取締役 山田太郎',
      corporate_number: '7000-0120-50002',
      business_type: '小売業',
      insurance_policy_number: '',
      inquiry_desk: { name: 'お客様相談窓口', phone: '0120-000-000', email: '', hours: '' },
      date_style: 'japanese',
      eu_representative: '',
    });
  });

  it('say a mistyped corporate number under its field and are not sent', async () => {
    await renderSection();
    type('profile-corporate-number', '7000012050003');
    fireEvent.blur(screen.getByTestId('profile-corporate-number'));
    expect(screen.getByText(/打ち間違っているようです/)).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('save-profile'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.updateCompanyProfile).not.toHaveBeenCalled();
  });

  it('show the core\u2019s refusal of the corporate number under the field too', async () => {
    api.updateCompanyProfile.mockRejectedValue({ code: 'invalid_corporate_number', message: 'check digit' });
    await renderSection();
    fireEvent.click(screen.getByTestId('save-profile'));
    expect(
      await screen.findByText('法人番号が正しくありません。13桁の数字で、打ち間違いがないか確かめてください。'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('error')).toBeNull();
  });

  it('ask for the insurance policy number only with cyber insurance', async () => {
    await renderSection();
    expect(screen.queryByTestId('profile-insurance-policy-number')).toBeNull();
    fireEvent.click(screen.getByTestId('profile-cyber-insurance'));
    expect(screen.getByTestId('profile-insurance-policy-number')).toBeInTheDocument();
  });

  it('open at the details when another screen sends the user there', async () => {
    // jsdom does not scroll; the element asked to scroll into view is what counts.
    const scrolled = vi.fn();
    Element.prototype.scrollIntoView = scrolled;
    render(
      <MantineProvider>
        <CompanySection onPolicyReplaced={() => {}} section="company-details" />
      </MantineProvider>,
    );
    await screen.findByTestId('company-details');
    await waitFor(() => expect(scrolled).toHaveBeenCalled());
    expect(scrolled.mock.contexts[0]).toBe(screen.getByTestId('company-details'));
  });

  it('send the profile as read, and say who saved it first when that was someone else', async () => {
    api.updateCompanyProfile.mockRejectedValueOnce({ code: 'changed_elsewhere', message: 'changed after it was opened' });
    api.lastChange.mockResolvedValue({ author: '情シス 高橋', at: '2026-12-07T13:05:00+09:00' });
    await renderSection();
    type('profile-address', '東京都港区芝公園1-2-3');
    fireEvent.click(screen.getByTestId('save-profile'));
    expect(await screen.findByTestId('changed-by')).toHaveTextContent('情シス 高橋 さんが');
    expect(api.updateCompanyProfile.mock.calls[0][1]).toEqual(profile);
    expect(screen.getByTestId('profile-address')).toHaveValue('東京都港区芝公園1-2-3');

    // Read again: the form shows the profile as stored, and the next save is sent as read so.
    const theirs = { ...profile, handles_my_number: true };
    api.homeSummary.mockResolvedValue({ company: theirs });
    fireEvent.click(screen.getByTestId('reload-latest'));
    await waitFor(() => expect(screen.getByTestId('profile-address')).toHaveValue(''));
    fireEvent.click(screen.getByTestId('save-profile'));
    await waitFor(() => expect(api.updateCompanyProfile).toHaveBeenCalledTimes(2));
    expect(api.updateCompanyProfile.mock.calls[1]).toEqual([theirs, theirs]);
  });
});
