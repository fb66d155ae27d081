// 変更履歴: who changed what in the policy, the contacts and the continuity plan, and what it was
// before. Each record lists only the fields that changed, with the old and the new value.
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../api';
import { EVERY_PART, useChangesTo } from '../companyChanges';
import type { ChangedEntity, ChangeRecord, ErrorReport } from '../bindings';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDateTime } from '../datetime';
import { keyedByContent } from '../listKeys';
import { CHANGED_ENTITIES, changedFields, formatValue, listChange } from './history';

const PAGE = 100;

export function HistoryPage() {
  const { t, i18n } = useTranslation();
  const [entity, setEntity] = useState<ChangedEntity | null>(null);
  const [records, setRecords] = useState<ChangeRecord[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<ErrorReport | null>(null);

  const load = useCallback(
    async (offset: number) => {
      try {
        const page = await api.changeHistory(entity, offset, PAGE);
        setRecords((before) => (offset === 0 ? page : [...before, ...page]));
        setMore(page.length === PAGE);
      } catch (e) {
        setError(asErrorReport(e));
      }
    },
    [entity],
  );
  // The first page, and again whenever the filter changes (load changes with it) or another PC
  // changed something.
  const changedElsewhere = useChangesTo(...EVERY_PART);
  // biome-ignore lint/correctness/useExhaustiveDependencies: changedElsewhere is bumped to read again
  useEffect(() => {
    void load(0);
  }, [load, changedElsewhere]);

  // A field's name: the plan's own names for the ジギョケイ entries, else the history's.
  const label = (entity: ChangedEntity, key: string) =>
    entity === 'jigyokei' && i18n.exists(`jigyokei.field.${key}`)
      ? t(`jigyokei.field.${key}`)
      : i18n.exists(`history.field.${key}`)
        ? t(`history.field.${key}`)
        : key;

  return (
    <Stack gap="md" maw={1000}>
      <Title order={2}>{t('history.title')}</Title>
      <Text size="sm">{t('history.help')}</Text>
      <Select
        label={t('history.filter')}
        placeholder={t('history.all')}
        clearable
        value={entity}
        onChange={(value) => setEntity(CHANGED_ENTITIES.find((kind) => kind === value) ?? null)}
        data={CHANGED_ENTITIES.map((value) => ({ value, label: t(`history.entity.${value}`) }))}
        w={280}
        data-testid="history-filter"
      />
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {records.length === 0 && <Text c="dimmed">{t('history.none')}</Text>}
      {records.map((record) => {
        const fields = changedFields(record);
        return (
          <Card key={record.id} withBorder padding="sm" data-testid="change-record">
            <Group gap="xs" mb={fields.length ? 'xs' : 0}>
              <Text fw={600}>{formatDateTime(record.at, i18n.language)}</Text>
              <Badge variant="light">{t(`history.entity.${record.entity}`)}</Badge>
              <Badge variant="outline" color={record.action === 'delete' ? 'red' : record.action === 'create' ? 'teal' : 'blue'}>
                {t(`history.action.${record.action}`)}
              </Badge>
              <Text style={{ overflowWrap: 'anywhere' }}>{record.label}</Text>
              <Text size="sm" c="dimmed">
                {record.author ? t('history.by', { author: record.author }) : t('history.noAuthor')}
              </Text>
            </Group>
            {fields.length > 0 && (
              <Table withRowBorders={false} verticalSpacing={2} fz="sm">
                <Table.Tbody>
                  {fields.map((field) => {
                    const change = record.action === 'update' ? listChange(field.before, field.after) : null;
                    return (
                      <Table.Tr key={field.key}>
                        <Table.Td w={160} c="dimmed" style={{ verticalAlign: 'top' }} data-testid="change-field">
                          {label(record.entity, field.key)}
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', verticalAlign: 'top' }}>
                          {change ? (
                            <ListChange change={change} />
                          ) : (
                            <>
                              {record.action !== 'create' && (
                                <Text span size="sm" td={record.action === 'update' ? 'line-through' : undefined} c="dimmed">
                                  {formatValue(field.before, t)}
                                </Text>
                              )}
                              {record.action === 'update' && ' → '}
                              {record.action !== 'delete' && (
                                <Text span size="sm">
                                  {formatValue(field.after, t)}
                                </Text>
                              )}
                            </>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )}
          </Card>
        );
      })}
      {more && (
        <Button variant="default" onClick={() => void load(records.length)}>
          {t('history.more')}
        </Button>
      )}
    </Stack>
  );
}

/** A list that changed, as the entries removed and added (or a note that only the order changed). */
function ListChange({ change }: { change: { removed: unknown[]; added: unknown[] } }) {
  const { t } = useTranslation();
  if (change.removed.length === 0 && change.added.length === 0) {
    return <Text size="sm">{t('history.reordered')}</Text>;
  }
  return (
    <>
      {keyedByContent(change.removed).map(({ key, item }) => (
        <Text key={key} size="sm" c="red.8" td="line-through">
          − {formatValue(item, t)}
        </Text>
      ))}
      {keyedByContent(change.added).map(({ key, item }) => (
        <Text key={key} size="sm" c="teal.8">
          + {formatValue(item, t)}
        </Text>
      ))}
    </>
  );
}
