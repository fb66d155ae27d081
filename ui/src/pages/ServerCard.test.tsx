import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../i18n';

const api = vi.hoisted(() => ({
  recentServers: vi.fn(),
  chooseServerCaFile: vi.fn(),
  connectToServer: vi.fn(),
  openKeptCopy: vi.fn(),
  forgetServer: vi.fn(),
}));
vi.mock('../api', async (original) => ({ ...(await original<typeof import('../api')>()), api }));

import { ServerCard } from './ServerCard';

const nas = { host: 'office-nas.local', port: 5433, database: 'sakura', user: 'somu', ca_file: '/home/somu/ca.crt' };

function renderCard(openServer: string | null = null) {
  const onConnected = vi.fn();
  render(
    <MantineProvider>
      <ServerCard openServer={openServer} onConnected={onConnected} />
    </MantineProvider>,
  );
  return onConnected;
}

const connectButton = () => screen.getByRole('button', { name: '接続する' });

describe('connecting to a company on a server', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    api.recentServers.mockResolvedValue([]);
  });
  afterEach(cleanup);

  it('asks for every field and the CA certificate before it connects, and sends the password only then', async () => {
    api.chooseServerCaFile.mockResolvedValue('/home/somu/ca.crt');
    api.connectToServer.mockResolvedValue(null);
    const onConnected = renderCard();
    fireEvent.click(await screen.findByRole('button', { name: 'サーバーに接続…' }));
    fireEvent.change(screen.getByLabelText(/サーバーの名前/), { target: { value: 'office-nas.local' } });
    expect(screen.getByLabelText(/ポート番号/)).toHaveValue('5432');
    fireEvent.change(screen.getByLabelText(/ポート番号/), { target: { value: '５４３３' } });
    fireEvent.change(screen.getByLabelText(/データベース名/), { target: { value: 'sakura' } });
    fireEvent.change(screen.getByLabelText(/ユーザー名/), { target: { value: 'somu' } });
    fireEvent.change(screen.getByLabelText(/^パスワード/), { target: { value: 'p@ss word' } });
    expect(connectButton()).toBeDisabled();
    expect(screen.getByTestId('server-ca-file')).toHaveTextContent('まだ選んでいません');

    fireEvent.click(screen.getByRole('button', { name: 'ファイルを選ぶ…' }));
    await waitFor(() => expect(screen.getByTestId('server-ca-file')).toHaveTextContent('/home/somu/ca.crt'));
    expect(connectButton()).toBeEnabled();
    fireEvent.click(connectButton());
    await waitFor(() => expect(onConnected).toHaveBeenCalled());
    expect(api.connectToServer).toHaveBeenCalledWith(nas, 'p@ss word');
  });

  it('says why a connection failed in plain words, keeps the fields, and changes nothing', async () => {
    api.recentServers.mockResolvedValue([nas]);
    api.connectToServer.mockRejectedValue({
      code: 'server_connect_failed',
      message: 'cannot reach the server somu@office-nas.local:5433/sakura: password authentication failed',
    });
    const onConnected = renderCard();
    expect(await screen.findByText('somu@office-nas.local:5433/sakura')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '接続…' }));
    expect(screen.getByLabelText(/サーバーの名前/)).toHaveValue('office-nas.local');
    expect(screen.getByLabelText(/^パスワード/)).toHaveValue('');
    fireEvent.change(screen.getByLabelText(/^パスワード/), { target: { value: 'wrong' } });
    fireEvent.click(connectButton());
    expect(await screen.findByText(/サーバーに接続できませんでした。/)).toBeInTheDocument();
    expect(screen.getByText(/password authentication failed/)).toBeInTheDocument();
    expect(screen.getByLabelText(/データベース名/)).toHaveValue('sakura');
    expect(onConnected).not.toHaveBeenCalled();
  });

  it("offers this PC's copy when the server does not answer, and opens it with the password typed", async () => {
    api.recentServers.mockResolvedValue([nas]);
    api.connectToServer.mockRejectedValue({ code: 'server_connect_failed', message: 'cannot reach the server: timed out' });
    api.openKeptCopy.mockResolvedValue(null);
    const onConnected = renderCard();
    fireEvent.click(await screen.findByRole('button', { name: '接続…' }));
    expect(screen.queryByTestId('kept-copy-offer')).toBeNull();
    fireEvent.change(screen.getByLabelText(/^パスワード/), { target: { value: 'p@ss word' } });
    fireEvent.click(connectButton());
    expect(await screen.findByTestId('kept-copy-offer')).toHaveTextContent('このパソコンに保存してある控え');
    fireEvent.click(screen.getByRole('button', { name: '控えを開く（見るだけ）' }));
    await waitFor(() => expect(onConnected).toHaveBeenCalled());
    expect(api.openKeptCopy).toHaveBeenCalledWith(nas, 'p@ss word');
  });

  it('offers no copy when the server answered and refused', async () => {
    api.recentServers.mockResolvedValue([nas]);
    api.connectToServer.mockRejectedValue({ code: 'server_has_no_company', message: 'no company' });
    renderCard();
    fireEvent.click(await screen.findByRole('button', { name: '接続…' }));
    fireEvent.click(connectButton());
    await waitFor(() => expect(api.connectToServer).toHaveBeenCalled());
    await screen.findByTestId('error');
    expect(screen.queryByTestId('kept-copy-offer')).toBeNull();
  });

  it('marks the server company open now instead of offering to connect to it', async () => {
    api.recentServers.mockResolvedValue([nas]);
    renderCard('somu@office-nas.local:5433/sakura');
    expect(await screen.findByText('開いています')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '接続…' })).toBeNull();
  });

  it('takes a server off the list without connecting to it', async () => {
    api.recentServers.mockResolvedValue([nas]);
    api.forgetServer.mockResolvedValue([]);
    renderCard();
    fireEvent.click(await screen.findByRole('button', { name: /somu@office-nas.local:5433\/sakura を一覧から外す/ }));
    await waitFor(() => expect(screen.queryByText('somu@office-nas.local:5433/sakura')).toBeNull());
    expect(api.forgetServer).toHaveBeenCalledWith(nas);
    expect(api.connectToServer).not.toHaveBeenCalled();
  });
});
