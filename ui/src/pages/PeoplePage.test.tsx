import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../i18n';
import type { ServerPerson } from '../bindings';
import { CompanyChangesContext, type SeenChanges } from '../companyChanges';

const api = vi.hoisted(() => ({
  serverPeople: vi.fn(),
  addServerPerson: vi.fn(),
  changeServerPerson: vi.fn(),
  setServerPersonPassword: vi.fn(),
}));
vi.mock('../api', async (original) => ({ ...(await original<typeof import('../api')>()), api }));

import { PeoplePage } from './PeoplePage';

const sato: ServerPerson = { login: 'sakura-sato', name: '総務 佐藤', access: 'administrator' };
const takahashi: ServerPerson = { login: 'sakura-takahashi', name: '情シス 高橋', access: 'staff' };

function renderPage(signedIn: ServerPerson | null) {
  const onChanged = vi.fn();
  render(
    <MantineProvider>
      <PeoplePage signedIn={signedIn} onChanged={onChanged} />
    </MantineProvider>,
  );
  return onChanged;
}

describe('people and rights', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    api.serverPeople.mockResolvedValue([takahashi, sato]);
  });
  afterEach(cleanup);

  it('lets a 管理者 add a person with a right and a first password', async () => {
    const kimura: ServerPerson = { login: 'sakura-kimura', name: '社長 木村', access: 'read_only' };
    api.addServerPerson.mockResolvedValue([takahashi, kimura, sato]);
    const onChanged = renderPage(sato);
    await screen.findByTestId('person-sakura-takahashi');
    const form = within(screen.getByTestId('add-person'));
    const add = form.getByRole('button', { name: '追加する' });
    expect(add).toBeDisabled();
    fireEvent.change(form.getByLabelText('名前'), { target: { value: '社長 木村' } });
    fireEvent.change(form.getByLabelText(/^ユーザー名/), { target: { value: 'sakura-kimura' } });
    fireEvent.change(form.getByLabelText(/^最初のパスワード/), { target: { value: '見るだけ-2026' } });
    fireEvent.click(add);
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.addServerPerson).toHaveBeenCalledWith('sakura-kimura', '社長 木村', 'staff', '見るだけ-2026');
    expect(await screen.findByTestId('people-done')).toHaveTextContent('社長 木村 さんを追加しました。');
    expect(screen.getByTestId('person-sakura-kimura')).toBeInTheDocument();
  });

  it('says why the server refused, in plain words', async () => {
    api.changeServerPerson.mockRejectedValue({ code: 'last_administrator', message: 'the company would have no 管理者 left' });
    renderPage(sato);
    const row = within(await screen.findByTestId('person-sakura-sato'));
    fireEvent.change(row.getByLabelText('名前'), { target: { value: '総務 佐藤 課長' } });
    fireEvent.click(row.getByRole('button', { name: '保存' }));
    expect(await screen.findByText(/管理者がいなくなってしまうため/)).toBeInTheDocument();
    expect(api.changeServerPerson).toHaveBeenCalledWith('sakura-sato', '総務 佐藤 課長', 'administrator');
  });

  it('shows a 担当者 the people and their rights, with nothing to change', async () => {
    renderPage(takahashi);
    const row = await screen.findByTestId('person-sakura-sato');
    expect(row).toHaveTextContent('総務 佐藤');
    expect(row).toHaveTextContent('管理者');
    expect(screen.queryByTestId('add-person')).toBeNull();
    expect(screen.queryByRole('button', { name: '保存' })).toBeNull();
  });

  it('shows what a 管理者 on another PC changed, keeping what is typed in a row here', async () => {
    const page = (seen: SeenChanges) => (
      <MantineProvider>
        <CompanyChangesContext.Provider value={seen}>
          <PeoplePage signedIn={sato} onChanged={() => {}} />
        </CompanyChangesContext.Provider>
      </MantineProvider>
    );
    const { rerender } = render(page({}));
    const satoRow = within(await screen.findByTestId('person-sakura-sato'));
    fireEvent.change(satoRow.getByLabelText('名前'), { target: { value: '総務部長 佐藤' } });

    // 高橋 was made 閲覧 and renamed on another PC; 佐藤 too, while his row here is being typed in.
    api.serverPeople.mockResolvedValue([
      { ...takahashi, name: '情シス 高橋 健太', access: 'read_only' },
      { ...sato, name: '総務 佐藤 花子' },
    ]);
    rerender(page({ contacts: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.serverPeople).toHaveBeenCalledTimes(1);
    rerender(page({ contacts: 1, people: 2 }));
    const takahashiRow = within(screen.getByTestId('person-sakura-takahashi'));
    await waitFor(() => expect(takahashiRow.getByLabelText('名前')).toHaveValue('情シス 高橋 健太'));
    expect(takahashiRow.getByRole('textbox', { name: '権限' })).toHaveValue('閲覧');
    expect(satoRow.getByLabelText('名前')).toHaveValue('総務部長 佐藤');
  });
});
