import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileSwitchedContext } from '../navigation';
import '../i18n';

const api = vi.hoisted(() => ({
  recentFiles: vi.fn(),
  openFileState: vi.fn(),
  openRecentFile: vi.fn(),
  recentServers: vi.fn(),
}));
vi.mock('../api', async (original) => ({ ...(await original<typeof import('../api')>()), api }));

import { FilesPage } from './FilesPage';

describe('the company-file screen', () => {
  afterEach(cleanup);

  it('shows the recent file it opened, as it does a file chosen in a dialog', async () => {
    api.recentFiles.mockResolvedValue([
      { path: '/data/b.sonae', file_name: 'b.sonae', folder: '/data', exists: true, open: false },
    ]);
    api.openFileState.mockResolvedValue({ path: null, server: 'somu@nas:5432/sakura', problem: null, protected: false });
    api.recentServers.mockResolvedValue([]);
    api.openRecentFile.mockResolvedValue(null);
    const fileSwitched = vi.fn();
    render(
      <MantineProvider>
        <FileSwitchedContext.Provider value={fileSwitched}>
          <FilesPage />
        </FileSwitchedContext.Provider>
      </MantineProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: '開く' }));
    await waitFor(() => expect(fileSwitched).toHaveBeenCalled());
    expect(api.openRecentFile).toHaveBeenCalledWith('/data/b.sonae');
  });
});
