// Asks for the passphrase of a protected company file that Sonae was asked to open (at start, or
// from the company-file screen). The file stays as it is until the right passphrase is given.
import { useState } from 'react';
import { Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../api';
import type { ErrorReport } from '../bindings';
import { ErrorAlert } from './ErrorAlert';

export function UnlockFile({ path, onOpened }: { path: string | null; onOpened: () => void }) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<ErrorReport | null>(null);
  const [busy, setBusy] = useState(false);

  const unlock = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.unlockCompanyFile(passphrase);
      onOpened();
    } catch (e) {
      setError(asErrorReport(e));
      setPassphrase('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="lg" maw={640} data-testid="unlock-file">
      <Title order={3} mb="xs">
        {t('protection.unlockTitle')}
      </Title>
      {path && (
        <Text size="sm" mb="sm" style={{ overflowWrap: 'anywhere' }}>
          {t('problem.path', { path })}
        </Text>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void unlock();
        }}
      >
        <Stack gap="sm">
          <PasswordInput
            label={t('protection.passphrase')}
            value={passphrase}
            onChange={(e) => setPassphrase(e.currentTarget.value)}
            autoFocus
            data-testid="unlock-passphrase"
          />
          <ErrorAlert error={error} onClose={() => setError(null)} />
          <Group>
            <Button type="submit" loading={busy} disabled={passphrase === ''} data-testid="unlock-open">
              {t('protection.unlock')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t('protection.unlockHelp')}
          </Text>
        </Stack>
      </form>
    </Card>
  );
}
