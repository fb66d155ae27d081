// The automatic backups of the open company file (one each time it is opened, the oldest dropped
// beyond the number kept), and putting one back. Restoring first keeps the current file as a
// backup of its own, so it can be undone the same way.
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Card, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../api';
import type { BackupInfo, ErrorReport } from '../bindings';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDateTime } from '../datetime';

export function BackupsPage() {
  const { t, i18n } = useTranslation();
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [kept, setKept] = useState<number>(20);
  const [error, setError] = useState<ErrorReport | null>(null);
  const [restored, setRestored] = useState(false);

  const load = useCallback(() => api.listBackups().then(setBackups, (e) => setError(asErrorReport(e))), []);
  useEffect(() => {
    void load();
    void api.preferences().then((p) => setKept(p.backups_kept));
  }, [load]);

  const restore = async (backup: BackupInfo) => {
    setError(null);
    try {
      await api.restoreBackup(backup.path);
      setRestored(true);
      await load();
    } catch (e) {
      setError(asErrorReport(e));
    }
  };

  return (
    <Stack gap="md">
      <Title order={2}>{t('backups.title')}</Title>
      <Text size="sm">{t('backups.help')}</Text>
      <Group align="flex-end">
        <NumberInput
          label={t('backups.kept')}
          min={1}
          max={1000}
          allowDecimal={false}
          value={kept}
          onChange={(value) => setKept(typeof value === 'number' ? value : Number(value) || 1)}
          w={200}
        />
        <Button variant="default" onClick={() => void api.setBackupsKept(kept).then((p) => setKept(p.backups_kept))}>
          {t('backups.saveKept')}
        </Button>
      </Group>
      {restored && <Text c="green.8">{t('backups.restored')}</Text>}
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {backups?.length === 0 && <Text c="dimmed">{t('backups.none')}</Text>}
      {backups?.map((backup) => (
        <Card key={backup.path} withBorder padding="sm" data-testid="backup" data-reason={backup.reason}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <div>
              <Group gap="xs">
                <Text fw={600}>{formatDateTime(backup.taken_at, i18n.language)}</Text>
                <Badge variant="light">{t(`backups.reason.${backup.reason}`)}</Badge>
                <Text size="xs" c="dimmed">
                  {Math.max(1, Math.round(backup.size_bytes / 1024)).toLocaleString()} KB
                </Text>
              </Group>
              {backup.contents.state === 'intact' ? (
                <Text size="sm">
                  {t('backups.contents', {
                    name: backup.contents.company_name,
                    contacts: backup.contents.contacts,
                    incidents: backup.contents.incidents,
                    open: backup.contents.open_incidents,
                  })}
                </Text>
              ) : backup.contents.state === 'locked' ? (
                <Text size="sm" c="orange.8" data-testid="backup-locked">
                  {t('backups.locked')}
                </Text>
              ) : (
                <Text size="sm" c="red.8">
                  {t('backups.unusable', { reason: backup.contents.reason })}
                </Text>
              )}
            </div>
            {backup.contents.state === 'intact' && (
              <ConfirmButton
                variant="default"
                question={t('backups.restoreConfirm', { date: formatDateTime(backup.taken_at, i18n.language) })}
                confirmLabel={t('backups.restore')}
                onConfirm={() => restore(backup)}
                testId="restore"
              >
                {t('backups.restore')}
              </ConfirmButton>
            )}
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
