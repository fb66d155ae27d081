import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HomeSummary, OpenFileState } from './bindings';
import i18n from './i18n';

const summary: HomeSummary = {
  company: {
    name: '株式会社テスト <script>alert(1)</script>',
    language: 'ja',
    sector: 'general',
    prefecture: '東京都',
    privacy_mark: true,
    isms_certified: false,
    handles_personal_data: true,
    handles_my_number: false,
    handles_eu_data: false,
    stale_contact_months: 12,
    cyber_insurance: false,
    insurer_contact_id: null,
    eu_establishment: null,
    eu_targeting: null,
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
  },
  open_incidents: [
    {
      id: 7,
      title: 'ファイルサーバーが暗号化された',
      discovered_at: '2026-08-03T09:00:00+09:00',
      level: 3,
      category: 'malware',
      stage: 'incident',
      status: 'open',
      next_deadline: '2000-01-01',
      next_deadline_is_target: false,
    },
  ],
  open_incident_count: 1,
  stale_contacts: [{ id: 3, name: '山田 太郎', organization: 'ABCシステム', last_confirmed_on: null }],
  stale_contact_count: 1,
  contact_count: 14,
  readiness: {
    intervals: { policy_review_months: 12, bcp_review_months: 12, exercise_months: 12 },
    items: [],
    follow_ups: [],
  },
};

const fileState: OpenFileState = {
  path: '/home/user/.local/share/sonae/company.sonae',
  server: null,
  signed_in: null,
  kept_copy: null,
  problem: null,
  protected: false,
  upgraded_from: null,
  reassessed: [],
};

const api = vi.hoisted(() => ({
  preferences: vi.fn(),
  openFileState: vi.fn(),
  homeSummary: vi.fn(),
  setLanguage: vi.fn(),
  reportingTexts: vi.fn(),
}));
vi.mock('./api', async (original) => ({ ...(await original<typeof import('./api')>()), api }));

import { App } from './App';

describe('App', () => {
  beforeEach(async () => {
    vi.clearAllMocks();
    await i18n.changeLanguage('ja');
    api.preferences.mockResolvedValue({ language: 'ja' });
    api.openFileState.mockResolvedValue(fileState);
    api.homeSummary.mockResolvedValue(summary);
    api.reportingTexts.mockResolvedValue({ 'authority.ppc': '個人情報保護委員会' });
    api.setLanguage.mockImplementation(async (language: string) => ({ language }));
  });

  it('shows the company, its open incident with an overdue warning, and contacts to confirm', async () => {
    render(<App />);
    expect(await screen.findByTestId('company-name')).toHaveTextContent('株式会社テスト <script>alert(1)</script>');
    expect(screen.getByText('ファイルサーバーが暗号化された')).toBeInTheDocument();
    expect(screen.getByText('期限を過ぎています')).toBeInTheDocument();
    expect(screen.getByText('山田 太郎')).toBeInTheDocument();
    expect(screen.getByText('一度も確認されていません')).toBeInTheDocument();
    expect(screen.getByText('プライバシーマーク取得')).toBeInTheDocument();
    expect(screen.queryByTestId('more-open-incidents')).toBeNull();
    expect(screen.queryByTestId('more-stale-contacts')).toBeNull();
  });

  it('says how many more there are when a home list is cut short', async () => {
    api.homeSummary.mockResolvedValue({ ...summary, open_incident_count: 23, stale_contact_count: 4001 });
    render(<App />);
    expect(await screen.findByTestId('more-open-incidents')).toHaveTextContent('ほかに 22 件');
    expect(screen.getByTestId('more-stale-contacts')).toHaveTextContent('ほかに 4000 件');
  });

  it('switches to English and remembers the choice', async () => {
    render(<App />);
    await screen.findByText('対応中のインシデント');
    fireEvent.click(screen.getByText('English'));
    await waitFor(() => expect(screen.getByText('Open incidents')).toBeInTheDocument());
    expect(screen.getByText('Contacts to confirm')).toBeInTheDocument();
    expect(api.setLanguage).toHaveBeenCalledWith('en');
  });

  it('starts in the saved language', async () => {
    api.preferences.mockResolvedValue({ language: 'en' });
    render(<App />);
    expect(await screen.findByText('Open incidents')).toBeInTheDocument();
  });

  it('explains a refused company file instead of the home screen', async () => {
    api.openFileState.mockResolvedValue({
      path: '/tmp/new.sonae',
      problem: { code: 'newer_version', message: '/tmp/new.sonae: written by a newer Sonae (schema version 9)' },
    });
    render(<App />);
    expect(await screen.findByText('会社ファイルを開けませんでした')).toBeInTheDocument();
    expect(screen.getByText('新しい版のSonaeで作られたファイルです。')).toBeInTheDocument();
    expect(screen.getByText(/schema version 9/)).toBeInTheDocument();
    expect(api.homeSummary).not.toHaveBeenCalled();
  });

  it('says on home that the server did not answer, and reads again when asked, without calling the company refused', async () => {
    api.openFileState.mockResolvedValue({ ...fileState, path: null, server: 'somu@nas:5432/sakura' });
    api.homeSummary.mockRejectedValueOnce({
      code: 'server_unreachable',
      message: 'the connection to the server was lost (db error)',
    });
    render(<App />);
    expect(await screen.findByText(/サーバーとの接続が切れました。/)).toBeInTheDocument();
    expect(screen.queryByText('会社ファイルを開けませんでした')).toBeNull();
    fireEvent.click(screen.getByTestId('home-retry'));
    expect(await screen.findByText('対応中のインシデント')).toBeInTheDocument();
    expect(screen.getByTestId('open-server')).toHaveTextContent('somu@nas:5432/sakura');
    expect(screen.queryByText(/サーバーとの接続が切れました。/)).toBeNull();
  });

  it('names on home the person signed in to a server company and what they may change', async () => {
    api.openFileState.mockResolvedValue({
      ...fileState,
      path: null,
      server: 'takahashi@nas:5432/sakura',
      signed_in: { login: 'takahashi', name: '情シス 高橋', access: 'staff' },
    });
    render(<App />);
    const signedIn = await screen.findByTestId('signed-in');
    expect(signedIn).toHaveTextContent('情シス 高橋 さん（担当者）として接続しています。');
    expect(signedIn).toHaveTextContent('方針・BCP・会社の設定は見るだけです。');
  });

  it('says on every screen that the copy kept on this PC is shown, of which server and when', async () => {
    api.openFileState.mockResolvedValue({
      ...fileState,
      path: null,
      kept_copy: { server: 'somu@nas:5432/sakura', taken_at: '2026-12-07T09:30:00+09:00' },
    });
    render(<App />);
    const banner = await screen.findByTestId('kept-copy-banner');
    expect(banner).toHaveTextContent('サーバーにつながらないため、このパソコンの控えを表示しています');
    expect(banner).toHaveTextContent('somu@nas:5432/sakura の、2026年12月7日');
    expect(banner).toHaveTextContent('変更はできません。');
  });

  it('names no one on home for a company file', async () => {
    render(<App />);
    expect(await screen.findByText('対応中のインシデント')).toBeInTheDocument();
    expect(screen.queryByTestId('signed-in')).toBeNull();
  });
});
