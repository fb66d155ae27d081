// Company files: the one open now, the recent ones, another one on disk, and a new one for a new
// client (from a built-in template or from another client's policy). Sonae keeps one file per
// company, so this is where a consultant moves between clients.
import { useEffect, useState } from 'react';
import { Badge, Button, Card, Group, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../api';
import type { ErrorReport, PolicySource, RecentFile } from '../bindings';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFileSwitched } from '../navigation';

export function FilesPage() {
  const { t } = useTranslation();
  const fileSwitched = useFileSwitched();
  const [recent, setRecent] = useState<RecentFile[]>([]);
  const [error, setError] = useState<ErrorReport | null>(null);
  const [companyName, setCompanyName] = useState('');
  const [source, setSource] = useState<PolicySource>('builtin_ja');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.recentFiles().then(setRecent, (e) => setError(asErrorReport(e)));
  }, []);

  /** Runs a switch; a cancelled dialog (null) changes nothing. */
  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    setBusy(true);
    try {
      const result = await work();
      if (result !== null) fileSwitched();
    } catch (e) {
      setError(asErrorReport(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md" maw={900}>
      <Title order={2}>{t('files.title')}</Title>
      <Text size="sm">{t('files.help')}</Text>
      <ErrorAlert error={error} onClose={() => setError(null)} />

      <Card withBorder padding="lg">
        <Group justify="space-between" mb="sm">
          <Title order={3}>{t('files.recent')}</Title>
          <Button variant="default" loading={busy} onClick={() => void run(api.openCompanyFile)} data-testid="open-other-file">
            {t('files.openOther')}
          </Button>
        </Group>
        <Stack gap="xs">
          {recent.map((file) => (
            <Group key={file.path} justify="space-between" wrap="nowrap" data-testid="recent-file">
              <div style={{ minWidth: 0 }}>
                <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {file.file_name}
                </Text>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {file.folder}
                </Text>
              </div>
              {file.open ? (
                <Badge variant="light">{t('files.openNow')}</Badge>
              ) : file.exists ? (
                <Button size="xs" variant="light" disabled={busy} onClick={() => void run(() => api.openRecentFile(file.path))}>
                  {t('files.open')}
                </Button>
              ) : (
                <Badge color="gray" variant="outline">
                  {t('files.missing')}
                </Badge>
              )}
            </Group>
          ))}
        </Stack>
      </Card>

      <Card withBorder padding="lg">
        <Title order={3} mb="xs">
          {t('files.new')}
        </Title>
        <Text size="sm" mb="sm">
          {t('files.newHelp')}
        </Text>
        <Stack gap="sm">
          <TextInput
            label={t('files.companyName')}
            value={companyName}
            onChange={(e) => setCompanyName(e.currentTarget.value)}
            required
            data-testid="new-company-name"
          />
          <Radio.Group label={t('files.source')} value={source} onChange={(v) => setSource(v as PolicySource)}>
            <Stack gap={6} mt={6}>
              <Radio value="builtin_ja" label={t('files.sourceBuiltinJa')} data-testid="source-builtin_ja" />
              <Radio value="builtin_en" label={t('files.sourceBuiltinEn')} data-testid="source-builtin_en" />
              <Radio value="company_file" label={t('files.sourceCompanyFile')} data-testid="source-company_file" />
            </Stack>
          </Radio.Group>
          <Group>
            <Button
              loading={busy}
              disabled={companyName.trim() === ''}
              onClick={() => void run(() => api.createCompanyFile(companyName, source))}
              data-testid="create-company-file"
            >
              {t('files.create')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
