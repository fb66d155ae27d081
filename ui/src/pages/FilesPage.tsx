// Company files: the one open now, the recent ones, another one on disk, and a new one for a new
// client (from a built-in template or from another client's policy). Sonae keeps one file per
// company, so this is where a consultant moves between clients.
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Card, Group, PasswordInput, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../api';
import type { ErrorReport, OpenFileState, PolicySource, RecentFile } from '../bindings';
import { ErrorAlert } from '../components/ErrorAlert';
import { UnlockFile } from '../components/UnlockFile';
import { useFileSwitched } from '../navigation';
import { ProtectionCard } from './ProtectionCard';
import { ServerCard } from './ServerCard';

export function FilesPage() {
  const { t } = useTranslation();
  const fileSwitched = useFileSwitched();
  const [recent, setRecent] = useState<RecentFile[]>([]);
  const [error, setError] = useState<ErrorReport | null>(null);
  const [companyName, setCompanyName] = useState('');
  const [source, setSource] = useState<PolicySource>('builtin_ja');
  const [busy, setBusy] = useState(false);
  /** A file asked for was protected: its passphrase is asked for before anything else changes. */
  const [locked, setLocked] = useState(false);
  const [openFile, setOpenFile] = useState<OpenFileState | null>(null);
  /** The company file chosen to take the policy from is protected: its passphrase is asked for. */
  const [sourceLocked, setSourceLocked] = useState(false);
  const [sourcePassphrase, setSourcePassphrase] = useState('');
  /** The passphrase given for it did not open it (said under the field, where the user looks). */
  const [sourceWrong, setSourceWrong] = useState(false);

  const load = useCallback(() => {
    api.recentFiles().then(setRecent, (e) => setError(asErrorReport(e)));
    api.openFileState().then(setOpenFile, (e) => setError(asErrorReport(e)));
  }, []);
  useEffect(load, [load]);

  /** Runs a switch; a cancelled dialog (null) changes nothing, anything else is the file opened. */
  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    setLocked(false);
    setBusy(true);
    try {
      const result = await work();
      if (result !== null) fileSwitched();
    } catch (e) {
      const report = asErrorReport(e);
      if (report.code === 'passphrase_required') setLocked(true);
      else if (report.code === 'source_passphrase_required') setSourceLocked(true);
      else if (report.code === 'wrong_passphrase' && sourceLocked) setSourceWrong(true);
      else setError(report);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md" maw={900}>
      <Title order={2}>{t('files.title')}</Title>
      <Text size="sm">{t('files.help')}</Text>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {locked && <UnlockFile path={null} onOpened={fileSwitched} />}

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
                <Button
                  size="xs"
                  variant="light"
                  disabled={busy}
                  onClick={() => void run(() => api.openRecentFile(file.path).then(() => file.path))}
                >
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

      <ServerCard openServer={openFile?.server ?? null} onConnected={fileSwitched} />

      {openFile?.problem === null && openFile.path !== null && (
        <ProtectionCard isProtected={openFile.protected} onChanged={load} />
      )}

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
          <Radio.Group
            label={t('files.source')}
            value={source}
            onChange={(v) => {
              setSource(v as PolicySource);
              setSourceLocked(false);
              setSourceWrong(false);
              setSourcePassphrase('');
            }}
          >
            <Stack gap={6} mt={6}>
              <Radio value="builtin_ja" label={t('files.sourceBuiltinJa')} data-testid="source-builtin_ja" />
              <Radio value="builtin_en" label={t('files.sourceBuiltinEn')} data-testid="source-builtin_en" />
              <Radio value="company_file" label={t('files.sourceCompanyFile')} data-testid="source-company_file" />
            </Stack>
          </Radio.Group>
          {sourceLocked && (
            <PasswordInput
              label={t('files.sourcePassphrase')}
              description={t('files.sourcePassphraseHelp')}
              value={sourcePassphrase}
              onChange={(e) => {
                setSourcePassphrase(e.currentTarget.value);
                setSourceWrong(false);
              }}
              error={sourceWrong ? t('errors.wrong_passphrase') : null}
              autoFocus
              maw={480}
              data-testid="source-passphrase"
            />
          )}
          <Group>
            <Button
              loading={busy}
              disabled={companyName.trim() === '' || (sourceLocked && sourcePassphrase === '')}
              onClick={() => {
                const passphrase = sourceLocked ? sourcePassphrase : null;
                setSourcePassphrase('');
                void run(() => api.createCompanyFile(companyName, source, passphrase));
              }}
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
