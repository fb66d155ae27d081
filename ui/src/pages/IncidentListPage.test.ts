import { describe, expect, it } from 'vitest';
import type { IncidentSummary } from '../bindings';
import { filterIncidents, sortIncidents } from './IncidentListPage';

const incident = (id: number, patch: Partial<IncidentSummary>): IncidentSummary => ({
  id,
  title: `件名${id}`,
  discovered_at: '2026-11-01T09:00:00+09:00',
  level: 2,
  category: 'leak',
  stage: 'incident',
  status: 'open',
  next_deadline: null,
  next_deadline_is_target: false,
  ...patch,
});

describe('the incident list', () => {
  it('puts open incidents first, soonest deadline first (a 72-hour instant counts by its time), closed ones last', () => {
    const list = [
      incident(1, { status: 'closed', discovered_at: '2026-11-20T09:00:00+09:00' }),
      incident(2, { next_deadline: null }),
      incident(3, { next_deadline: '2026-12-21' }),
      incident(4, { next_deadline: '2026-11-24T10:00:00+09:00' }),
      incident(5, { next_deadline: '2026-11-24' }),
    ];
    expect(sortIncidents(list).map((i) => i.id)).toEqual([4, 5, 3, 2, 1]);
  });

  it('finds titles by every word, ignoring full- and half-width differences', () => {
    const list = [
      incident(1, { title: 'ＵＳＢメモリの紛失' }),
      incident(2, { title: 'USB メモリ 盗難', status: 'closed' }),
      incident(3, { title: 'ランサムウェア', level: 3 }),
    ];
    expect(filterIncidents(list, 'usb', 'all', null).map((i) => i.id)).toEqual([1, 2]);
    expect(filterIncidents(list, 'usb 盗難', 'all', null).map((i) => i.id)).toEqual([2]);
    expect(filterIncidents(list, '', 'open', null).map((i) => i.id)).toEqual([1, 3]);
    expect(filterIncidents(list, '', 'all', '3').map((i) => i.id)).toEqual([3]);
  });
});
