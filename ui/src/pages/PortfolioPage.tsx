// 顧問先一覧: every client company file in the consultant's folders (and the recent files) with
// what needs attention, read one file at a time in the background (with progress, and a button to
// stop), never written. A protected file shows its name until its passphrase is given; a damaged
// or newer file shows why; an older one shows its readiness and that opening upgrades it. Rows
// open the file, and selected rows get a hand-over pack.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  PasswordInput,
  Progress,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../api';
import type { ClientReadiness, ClientRow, ErrorReport, PortfolioFiles } from '../bindings';
import { placeName } from './ServerCard';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDateTime } from '../datetime';
import { formatDue, urgency } from '../deadline';
import { useFileSwitched } from '../navigation';

type Sort = 'attention' | 'name' | 'modified';

function readinessOf(row: ClientRow): ClientReadiness | null {
  return row.state.kind === 'ready' || row.state.kind === 'older' ? row.state.readiness : null;
}

function nameOf(row: ClientRow): string {
  return readinessOf(row)?.company_name ?? row.file_name;
}

/** The passphrase field of a locked row. */
function Unlock({ row, onRow }: { row: ClientRow; onRow: (row: ClientRow) => void }) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  return (
    <Group gap="xs" wrap="nowrap">
      <PasswordInput
        size="xs"
        placeholder={t(row.server ? 'portfolio.serverPassword' : 'portfolio.passphrase')}
        value={passphrase}
        onChange={(e) => setPassphrase(e.currentTarget.value)}
        w={180}
        data-testid="portfolio-passphrase"
      />
      <Button
        size="compact-sm"
        variant="light"
        onClick={() => void api.unlockPortfolioFile(row.path, passphrase).then(onRow)}
        data-testid="portfolio-unlock"
      >
        {t('portfolio.unlock')}
      </Button>
    </Group>
  );
}

export function PortfolioPage() {
  const { t, i18n } = useTranslation();
  const fileSwitched = useFileSwitched();
  const [files, setFiles] = useState<PortfolioFiles | null>(null);
  const [rows, setRows] = useState<ClientRow[]>([]);
  const [reading, setReading] = useState<{ done: number; total: number } | null>(null);
  const [sort, setSort] = useState<Sort>('attention');
  const [onlyAttention, setOnlyAttention] = useState(false);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [packs, setPacks] = useState<{ done: number; total: number; saved: string[] } | null>(null);
  const [error, setError] = useState<ErrorReport | null>(null);
  const stop = useRef(false);

  /** Reads the rows one file at a time; the second look comes from memory and is instant. */
  const read = useCallback(async (list: PortfolioFiles) => {
    stop.current = false;
    setRows([]);
    setReading({ done: 0, total: list.files.length });
    const read: ClientRow[] = [];
    for (const path of list.files) {
      if (stop.current) break;
      try {
        read.push(await api.portfolioRow(path));
      } catch (e) {
        setError(asErrorReport(e));
      }
      setRows([...read]);
      setReading({ done: read.length, total: list.files.length });
    }
    setReading(null);
  }, []);

  const load = useCallback(
    (list: PortfolioFiles) => {
      setFiles(list);
      void read(list);
    },
    [read],
  );
  useEffect(() => {
    api.portfolioFiles().then(load, (e) => setError(asErrorReport(e)));
    return () => {
      stop.current = true;
    };
  }, [load]);

  const replaceRow = (row: ClientRow) => setRows((current) => current.map((r) => (r.path === row.path ? row : r)));
  const addFolder = async () => {
    setError(null);
    try {
      const list = await api.addClientFolder();
      if (list) load(list);
    } catch (e) {
      setError(asErrorReport(e));
    }
  };
  const removeFolder = async (folder: string) => load(await api.removeClientFolder(folder));
  const open = async (path: string) => {
    setError(null);
    try {
      await api.openPortfolioFile(path);
      fileSwitched();
    } catch (e) {
      setError(asErrorReport(e));
    }
  };
  const savePacks = async () => {
    setError(null);
    try {
      const folder = await api.choosePackFolder();
      if (!folder) return;
      const saved: string[] = [];
      setPacks({ done: 0, total: selected.length, saved });
      for (const path of selected) {
        saved.push(await api.saveHandoverPack(path));
        setPacks({ done: saved.length, total: selected.length, saved: [...saved] });
      }
    } catch (e) {
      setError(asErrorReport(e));
    }
  };

  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const filtered = rows.filter(
      (row) => (!onlyAttention || row.attention > 0) && (!needle || `${nameOf(row)} ${row.path}`.toLowerCase().includes(needle)),
    );
    const by: Record<Sort, (a: ClientRow, b: ClientRow) => number> = {
      attention: (a, b) => b.attention - a.attention || nameOf(a).localeCompare(nameOf(b)),
      name: (a, b) => nameOf(a).localeCompare(nameOf(b)),
      modified: (a, b) => (b.modified ?? '').localeCompare(a.modified ?? ''),
    };
    return [...filtered].sort(by[sort]);
  }, [rows, sort, onlyAttention, search]);

  const date = (on: string | null) => (on ? formatDue(on, i18n.language) : t('portfolio.never'));

  return (
    <Stack gap="md" data-testid="portfolio-page">
      <Title order={2}>{t('portfolio.title')}</Title>
      <Text size="sm">{t('portfolio.help')}</Text>
      <ErrorAlert error={error} onClose={() => setError(null)} />

      <Card withBorder padding="md">
        <Group justify="space-between" mb="xs">
          <Title order={4}>{t('portfolio.folders')}</Title>
          <Button variant="light" size="compact-sm" onClick={() => void addFolder()} data-testid="add-client-folder">
            {t('portfolio.addFolder')}
          </Button>
        </Group>
        {files && files.folders.length === 0 && <Text c="dimmed">{t('portfolio.noFolders')}</Text>}
        {files?.folders.map((folder) => (
          <Group key={folder} justify="space-between" wrap="nowrap">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {folder}
            </Text>
            <Button variant="subtle" color="red" size="compact-sm" onClick={() => void removeFolder(folder)}>
              {t('portfolio.removeFolder')}
            </Button>
          </Group>
        ))}
      </Card>

      {reading && (
        <Group data-testid="portfolio-progress">
          <Text size="sm">{t('portfolio.reading', { done: reading.done, total: reading.total })}</Text>
          <Progress value={reading.total ? (reading.done / reading.total) * 100 : 0} w={240} />
          <Button size="compact-sm" variant="default" onClick={() => (stop.current = true)}>
            {t('portfolio.stop')}
          </Button>
        </Group>
      )}

      <Group>
        <SegmentedControl
          value={sort}
          onChange={(value) => setSort(value as Sort)}
          data={[
            { value: 'attention', label: t('portfolio.sort.attention') },
            { value: 'name', label: t('portfolio.sort.name') },
            { value: 'modified', label: t('portfolio.sort.modified') },
          ]}
          data-testid="portfolio-sort"
        />
        <Switch
          label={t('portfolio.onlyAttention')}
          checked={onlyAttention}
          onChange={(e) => setOnlyAttention(e.currentTarget.checked)}
        />
        <TextInput
          placeholder={t('portfolio.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={220}
        />
        <Button variant="light" disabled={selected.length === 0} onClick={() => void savePacks()} data-testid="save-packs">
          {t('portfolio.savePacks', { count: selected.length })}
        </Button>
      </Group>
      {packs && (
        <Text size="sm" c="green.8" data-testid="packs-saved" style={{ overflowWrap: 'anywhere' }}>
          {t('portfolio.packsSaved', { done: packs.done, total: packs.total })} {packs.saved.join(' / ')}
        </Text>
      )}

      <Table striped highlightOnHover verticalSpacing="xs" data-testid="portfolio-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th>{t('portfolio.col.company')}</Table.Th>
            <Table.Th>{t('portfolio.col.incidents')}</Table.Th>
            <Table.Th>{t('portfolio.col.contacts')}</Table.Th>
            <Table.Th>{t('portfolio.col.exercise')}</Table.Th>
            <Table.Th>{t('portfolio.col.policy')}</Table.Th>
            <Table.Th>{t('portfolio.col.roles')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((row, index) => {
            const readiness = readinessOf(row);
            const due = readiness?.nearest_deadline ?? null;
            // A 速報's target is shown amber, a legal deadline red (docs/rules.md §3.3).
            const pressing = due && urgency(due, new Date()) !== 'later';
            const dueColor = pressing ? (readiness?.nearest_deadline_is_target ? 'yellow.9' : 'red.8') : undefined;
            return (
              <Table.Tr key={row.path} data-testid={`portfolio-row-${index}`} data-path={row.path}>
                <Table.Td>
                  <Checkbox
                    aria-label={t('portfolio.select')}
                    checked={selected.includes(row.path)}
                    disabled={!readiness}
                    onChange={(e) =>
                      setSelected((current) =>
                        e.currentTarget.checked ? [...current, row.path] : current.filter((p) => p !== row.path),
                      )
                    }
                  />
                </Table.Td>
                <Table.Td>
                  <Text fw={600}>{nameOf(row)}</Text>
                  {row.server ? (
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <Badge color="violet" variant="light" style={{ flexShrink: 0 }}>
                        {t('portfolio.onServer')}
                      </Badge>
                      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }} data-testid="portfolio-server">
                        {t('portfolio.copyOf', {
                          server: placeName(row.server),
                          when: row.modified ? formatDateTime(row.modified, i18n.language) : '—',
                        })}
                      </Text>
                    </Group>
                  ) : (
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {row.path}
                      {row.modified && ` · ${t('portfolio.modified', { when: formatDateTime(row.modified, i18n.language) })}`}
                    </Text>
                  )}
                  {row.state.kind === 'older' && (
                    <Badge color="blue" variant="light" mt={2}>
                      {t('portfolio.older')}
                    </Badge>
                  )}
                  {row.state.kind === 'locked' && (
                    <Stack gap={2} mt={4}>
                      <Badge color="gray" variant="light">
                        {t(row.state.wrong ? 'portfolio.wrongPassphrase' : 'portfolio.locked')}
                      </Badge>
                      <Unlock row={row} onRow={replaceRow} />
                    </Stack>
                  )}
                  {row.state.kind === 'problem' && (
                    <Text size="sm" c="red.8" data-testid="portfolio-problem">
                      {i18n.exists(`errors.${row.state.code}`) ? t(`errors.${row.state.code}`) : row.state.message}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {readiness && (
                    <>
                      <Text size="sm">{t('portfolio.openIncidents', { count: readiness.open_incidents })}</Text>
                      {due && (
                        <Text size="sm" c={dueColor} fw={dueColor ? 700 : undefined} data-testid="portfolio-deadline">
                          {t('portfolio.deadline', { date: formatDue(due, i18n.language) })}
                        </Text>
                      )}
                    </>
                  )}
                </Table.Td>
                <Table.Td>
                  {readiness && (
                    <Text size="sm" c={readiness.stale_contacts > 0 ? 'orange.8' : undefined}>
                      {readiness.stale_contacts}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {readiness && (
                    <>
                      <Text size="sm" c={readiness.exercise_state === 'overdue' ? 'red.8' : undefined}>
                        {date(readiness.last_exercise)}
                      </Text>
                      {readiness.overdue_follow_ups > 0 && (
                        <Text size="xs" c="red.8">
                          {t('portfolio.overdueFollowUps', { count: readiness.overdue_follow_ups })}
                        </Text>
                      )}
                    </>
                  )}
                </Table.Td>
                <Table.Td>
                  {readiness && (
                    <Text size="sm" c={readiness.policy_review_state === 'overdue' ? 'red.8' : undefined}>
                      {date(readiness.policy_reviewed_on)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{readiness && <Text size="sm">{readiness.roles_without_holder}</Text>}</Table.Td>
                <Table.Td>
                  {/* A server company opens on its server, with the password given above. */}
                  {(readiness || (row.state.kind === 'locked' && !row.server)) && (
                    <Button size="compact-sm" variant="light" onClick={() => void open(row.path)} data-testid="portfolio-open">
                      {t('portfolio.open')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {files && files.files.length === 0 && <Text c="dimmed">{t('portfolio.noFiles')}</Text>}
    </Stack>
  );
}
