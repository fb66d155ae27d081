// How long the incident list takes to answer a search in a large company file: the list screen
// loads every incident once (the core's `list_incidents`, benchmarked in sonae-core's large_file
// bench) and filters it here as the user types. 10,000 incidents, one open in fifty, titled like
// the large file of the core benchmarks. Run by `make bench` (`npx vitest bench --run`).
import { bench, describe } from 'vitest';
import type { IncidentSummary } from '../bindings';
import { filterIncidents, sortIncidents } from './IncidentListPage';

const CASES = ['メールの誤送信', 'ノートPCの紛失', 'ランサムウェア感染', 'Webサイト改ざん', '不審なログイン'];

const incidents: IncidentSummary[] = Array.from({ length: 10_000 }, (_, n) => ({
  id: n + 1,
  title: `${CASES[n % CASES.length]} ${n}`,
  discovered_at: `2025-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}T10:00:00+09:00`,
  level: n % 4,
  category: 'leak',
  stage: 'incident',
  status: n % 50 === 0 ? 'open' : 'closed',
  next_deadline: n % 50 === 0 ? '2026-12-01' : null,
  next_deadline_is_target: false,
}));
const sorted = sortIncidents(incidents);

describe('incident list, 10,000 incidents', () => {
  bench('sort on load', () => {
    sortIncidents(incidents);
  });
  bench('search by one word 「誤送信」', () => {
    filterIncidents(sorted, '誤送信', 'all', null);
  });
  bench('search by two words, half-width 「ﾉｰﾄ 紛失」', () => {
    filterIncidents(sorted, 'ﾉｰﾄ 紛失', 'all', null);
  });
  bench('search with the open and level filters', () => {
    filterIncidents(sorted, 'ランサム', 'open', '2');
  });
});
