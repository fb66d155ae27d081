// ヒヤリハット: a short form for weaknesses and near misses, the list, and a training export that
// leaves out who reported each one.
import { useEffect, useState } from 'react';
import { Button, Card, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../api';
import { useChangesTo } from '../companyChanges';
import type { ErrorReport, NearMiss, NearMissInput } from '../bindings';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDue } from '../deadline';
import { today } from '../datetime';

const empty = (): NearMissInput => ({
  occurred_on: today(),
  title: '',
  description: '',
  what_could_happen: '',
  measures: '',
  reported_by: '',
});

export function NearMissPage() {
  const { t, i18n } = useTranslation();
  const [list, setList] = useState<NearMiss[]>([]);
  const [form, setForm] = useState<NearMissInput>(empty);
  const [error, setError] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  // Read again when another PC recorded one.
  const changedElsewhere = useChangesTo('incidents');
  // biome-ignore lint/correctness/useExhaustiveDependencies: changedElsewhere is bumped to read again
  useEffect(() => {
    api.nearMisses().then(setList, (e) => setError(asErrorReport(e)));
  }, [changedElsewhere]);

  const field = (key: keyof NearMissInput) => ({
    value: form[key],
    onChange: (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value }),
  });

  const add = async () => {
    setError(null);
    try {
      setList(await api.addNearMiss(form));
      setForm(empty());
    } catch (e) {
      setError(asErrorReport(e));
    }
  };

  const exportCsv = async () => {
    setError(null);
    try {
      setSaved(await api.exportNearMisses(t('nearMisses.fileName')));
    } catch (e) {
      setError(asErrorReport(e));
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t('nearMisses.title')}</Title>
        <Button variant="default" onClick={() => void exportCsv()} data-testid="export-near-misses">
          {t('nearMisses.export')}
        </Button>
      </Group>
      <Text size="sm">{t('nearMisses.help')}</Text>
      {saved && (
        <Text size="sm" c="green.8">
          {t('nearMisses.saved', { path: saved })}
        </Text>
      )}
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <Card withBorder padding="md">
        <Stack gap="xs">
          <Group grow align="flex-start">
            <TextInput label={t('nearMisses.occurredOn')} description={t('wizard.dateFormat')} {...field('occurred_on')} />
            <TextInput
              label={t('nearMisses.reportedBy')}
              description={t('nearMisses.reportedByHelp')}
              {...field('reported_by')}
            />
          </Group>
          <TextInput label={t('nearMisses.titleLabel')} required {...field('title')} data-testid="near-miss-title" />
          <Textarea label={t('nearMisses.description')} autosize minRows={2} {...field('description')} />
          <Textarea label={t('nearMisses.whatCouldHappen')} autosize minRows={2} {...field('what_could_happen')} />
          <Textarea label={t('nearMisses.measures')} autosize minRows={2} {...field('measures')} />
          <Group justify="flex-end">
            <Button onClick={() => void add()} disabled={!form.title.trim()} data-testid="add-near-miss">
              {t('nearMisses.add')}
            </Button>
          </Group>
        </Stack>
      </Card>
      {list.map((item) => (
        <Card key={item.id} withBorder padding="sm">
          <Text fw={600}>{item.title}</Text>
          <Text size="xs" c="dimmed">
            {formatDue(item.occurred_on, i18n.language)}
            {item.reported_by && `${t('common.separator')}${item.reported_by}`}
          </Text>
          {item.description && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {item.description}
            </Text>
          )}
          {item.what_could_happen && (
            <Text size="sm">
              {t('nearMisses.whatCouldHappen')}: {item.what_could_happen}
            </Text>
          )}
          {item.measures && (
            <Text size="sm">
              {t('nearMisses.measures')}: {item.measures}
            </Text>
          )}
        </Card>
      ))}
    </Stack>
  );
}
