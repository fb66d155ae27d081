import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { describe, expect, it, vi } from 'vitest';
import type { IncidentSummary } from '../bindings';
import '../i18n';

const many: IncidentSummary[] = Array.from({ length: 120 }, (_, n) => ({
  id: n + 1,
  title: n === 77 ? 'ランサムウェアによる暗号化' : `メールの誤送信 ${n + 1}`,
  discovered_at: '2025-05-01T10:00:00+09:00',
  level: 2,
  category: 'leak',
  stage: 'incident',
  status: 'closed',
  next_deadline: null,
  next_deadline_is_target: false,
}));

const api = vi.hoisted(() => ({ listIncidents: vi.fn() }));
vi.mock('../api', async (original) => ({ ...(await original<typeof import('../api')>()), api }));

import { IncidentListPage } from './IncidentListPage';

describe('a long incident list', () => {
  it('draws 50 rows at a time and searches all of them', async () => {
    api.listIncidents.mockResolvedValue(many);
    render(
      <MantineProvider>
        <IncidentListPage />
      </MantineProvider>,
    );
    await screen.findByTestId('incident-table');
    expect(screen.getAllByTestId(/^incident-row-/)).toHaveLength(50);
    fireEvent.click(screen.getByText('さらに表示（残り70件）'));
    expect(screen.getAllByTestId(/^incident-row-/)).toHaveLength(100);
    fireEvent.change(screen.getByTestId('incident-search'), { target: { value: 'ランサム' } });
    await waitFor(() => expect(screen.getAllByTestId(/^incident-row-/)).toHaveLength(1));
    expect(screen.getByText('ランサムウェアによる暗号化')).toBeInTheDocument();
  });
});
