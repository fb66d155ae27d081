// Every incident: open ones with the soonest deadline first, then the rest, newest first; search
// by words of the title and filters by status and level.
import { useEffect, useMemo, useState } from 'react';
import { Badge, Button, Group, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../api';
import { useChangesTo } from '../companyChanges';
import type { ErrorReport, IncidentSummary } from '../bindings';
import { DeadlineBadge } from '../components/DeadlineBadge';
import { ErrorAlert } from '../components/ErrorAlert';
import { deadlineInstant, formatDue } from '../deadline';
import { useNavigate } from '../navigation';
import { StartIncidentButton } from './HomePage';

type StatusFilter = 'all' | 'open' | 'closed';

/** Rows drawn at a time: a file with thousands of incidents still opens its list at once. */
const PAGE_SIZE = 50;

/** Open incidents first, soonest deadline first (none last); then closed ones, newest first. */
export function sortIncidents(incidents: IncidentSummary[]): IncidentSummary[] {
  const due = (i: IncidentSummary) => (i.next_deadline ? deadlineInstant(i.next_deadline).getTime() : Infinity);
  return [...incidents].sort((a, b) => {
    if (a.status !== b.status) return a.status === 'open' ? -1 : 1;
    if (a.status === 'open' && due(a) !== due(b)) return due(a) - due(b);
    return b.discovered_at.localeCompare(a.discovered_at);
  });
}

/** Incidents whose title contains every word of the query (case and width insensitive). */
export function filterIncidents(
  incidents: IncidentSummary[],
  query: string,
  status: StatusFilter,
  level: string | null,
): IncidentSummary[] {
  const words = query.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean);
  return incidents.filter(
    (i) =>
      (status === 'all' || i.status === status) &&
      (level === null || String(i.level) === level) &&
      words.every((w) => i.title.normalize('NFKC').toLowerCase().includes(w)),
  );
}

export function IncidentListPage({ onlyOpen = false }: { onlyOpen?: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [incidents, setIncidents] = useState<IncidentSummary[] | null>(null);
  const [error, setError] = useState<ErrorReport | null>(null);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>(onlyOpen ? 'open' : 'all');
  const [level, setLevel] = useState<string | null>(null);
  const [rowsShown, setRowsShown] = useState(PAGE_SIZE);
  /** Sets a filter; the matches of a new filter start again from the first page of rows. */
  const filter =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setRowsShown(PAGE_SIZE);
    };
  const filterByQuery = filter(setQuery);
  const filterByStatus = filter(setStatus);
  const filterByLevel = filter(setLevel);

  // Read again when another PC changed an incident.
  const changedElsewhere = useChangesTo('incidents');
  // biome-ignore lint/correctness/useExhaustiveDependencies: changedElsewhere is bumped to read again
  useEffect(() => {
    api.listIncidents().then(
      (list) => setIncidents(sortIncidents(list)),
      (e) => setError(asErrorReport(e)),
    );
  }, [changedElsewhere]);

  const matching = useMemo(() => filterIncidents(incidents ?? [], query, status, level), [incidents, query, status, level]);
  const shown = matching.slice(0, rowsShown);
  const now = new Date();

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t('incidents.title')}</Title>
        <StartIncidentButton />
      </Group>
      <ErrorAlert error={error} />
      <Group>
        <TextInput
          placeholder={t('incidents.search')}
          value={query}
          onChange={(e) => filterByQuery(e.currentTarget.value)}
          w={320}
          data-testid="incident-search"
        />
        <SegmentedControl
          value={status}
          onChange={(value) => filterByStatus(value as StatusFilter)}
          data={(['all', 'open', 'closed'] as const).map((value) => ({ value, label: t(`incidents.status.${value}`) }))}
        />
        <Select
          placeholder={t('incidents.anyLevel')}
          data={[0, 1, 2, 3].map((l) => ({ value: String(l), label: t('incident.level', { level: l }) }))}
          value={level}
          onChange={filterByLevel}
          clearable
          w={160}
        />
      </Group>
      {incidents && shown.length === 0 && <Text c="dimmed">{t('incidents.none')}</Text>}
      {shown.length > 0 && (
        <Table highlightOnHover verticalSpacing="sm" data-testid="incident-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('incidents.column.title')}</Table.Th>
              <Table.Th w={110}>{t('incidents.column.level')}</Table.Th>
              <Table.Th w={150}>{t('incidents.column.discovered')}</Table.Th>
              <Table.Th w={230}>{t('incidents.column.deadline')}</Table.Th>
              <Table.Th w={90}>{t('incidents.column.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((incident) => {
              const due = incident.status === 'open' ? incident.next_deadline : null;
              return (
                <Table.Tr
                  key={incident.id}
                  onClick={() => navigate({ page: 'incident', id: incident.id })}
                  style={{ cursor: 'pointer' }}
                  data-testid={`incident-row-${incident.id}`}
                >
                  <Table.Td>
                    <Text fw={600}>{incident.title || t('wizard.newIncident')}</Text>
                    <Text size="xs" c="dimmed">
                      {t(`incident.category.${incident.category ?? 'none'}`)}
                      {t('common.separator')}
                      {t(`incident.stage.${incident.stage}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {incident.level === null ? t('incident.levelUnset') : t('incident.level', { level: incident.level })}
                  </Table.Td>
                  <Table.Td>{formatDue(incident.discovered_at.slice(0, 10), i18n.language)}</Table.Td>
                  <Table.Td>
                    {due ? (
                      <Group gap={4}>
                        <Text size="sm">{formatDue(due, i18n.language)}</Text>
                        <DeadlineBadge due={due} now={now} target={incident.next_deadline_is_target} />
                      </Group>
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={incident.status === 'open' ? 'orange' : 'gray'} variant="light">
                      {t(`incidents.status.${incident.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {matching.length > shown.length && (
        <Button
          variant="default"
          onClick={() => setRowsShown(rowsShown + PAGE_SIZE)}
          w="fit-content"
          data-testid="more-incidents"
        >
          {t('incidents.more', { count: matching.length - shown.length })}
        </Button>
      )}
      <Button variant="subtle" onClick={() => navigate({ page: 'nearMisses' })} w="fit-content">
        {t('nearMisses.link')}
      </Button>
    </Stack>
  );
}
