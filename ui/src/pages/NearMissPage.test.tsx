import { cleanup, render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../i18n';
import type { NearMiss } from '../bindings';
import { CompanyChangesContext, type SeenChanges } from '../companyChanges';

const api = vi.hoisted(() => ({ nearMisses: vi.fn() }));
vi.mock('../api', async (original) => ({ ...(await original<typeof import('../api')>()), api }));

import { NearMissPage } from './NearMissPage';

const nearMiss = (id: number, title: string): NearMiss => ({
  id,
  occurred_on: '2026-12-07',
  title,
  description: '',
  what_could_happen: '',
  measures: '',
  reported_by: '経理 中村',
});

const page = (seen: SeenChanges) => (
  <MantineProvider>
    <CompanyChangesContext.Provider value={seen}>
      <NearMissPage />
    </CompanyChangesContext.Provider>
  </MantineProvider>
);

describe('near misses', () => {
  afterEach(cleanup);

  it('shows one recorded on another PC without opening the page again, and not for other changes', async () => {
    const first = nearMiss(1, 'USBメモリを机に置き忘れた');
    const second = nearMiss(2, '宛先の候補から別の取引先を選びかけた');
    api.nearMisses.mockResolvedValueOnce([first]).mockResolvedValue([second, first]);
    const { rerender } = render(page({}));
    expect(await screen.findByText(first.title)).toBeInTheDocument();
    rerender(page({ contacts: 3 }));
    expect(api.nearMisses).toHaveBeenCalledTimes(1);
    rerender(page({ contacts: 3, incidents: 4 }));
    expect(await screen.findByText(second.title)).toBeInTheDocument();
    expect(api.nearMisses).toHaveBeenCalledTimes(2);
  });
});
