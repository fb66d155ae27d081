// Passphrase protection of the open company file: turn it on, change the passphrase, or turn it
// off. Changing or removing needs the current passphrase, so someone at a PC left open cannot
// quietly take the protection away. The file's backups are converted along with it.
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../api';
import type { ErrorReport } from '../bindings';
import { ErrorAlert } from '../components/ErrorAlert';

/** The shortest passphrase accepted (the core refuses shorter ones too). */
const MIN_LENGTH = 8;

export function ProtectionCard({ isProtected, onChanged }: { isProtected: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Counted as the core counts: characters of the composed (NFC) form, not UTF-16 units.
  const tooShort = next !== '' && [...next.normalize('NFC')].length < MIN_LENGTH;
  const mismatch = again !== '' && again !== next;
  const canSet = next !== '' && !tooShort && again === next && (!isProtected || current !== '');

  const apply = async (newPassphrase: string | null) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const converted = await api.setFilePassphrase(isProtected ? current : null, newPassphrase);
      setNotice(
        newPassphrase === null
          ? t('protection.removed', { count: converted })
          : isProtected
            ? t('protection.changed', { count: converted })
            : t('protection.protected', { count: converted }),
      );
      setCurrent('');
      setNext('');
      setAgain('');
      onChanged();
    } catch (e) {
      setError(asErrorReport(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="lg" data-testid="protection">
      <Group justify="space-between" mb="xs">
        <Title order={3}>{t('protection.title')}</Title>
        <Badge color={isProtected ? 'green' : 'gray'} variant="light" data-testid="protection-state">
          {isProtected ? t('protection.on') : t('protection.off')}
        </Badge>
      </Group>
      <Text size="sm" mb="sm">
        {t('protection.help')}
      </Text>
      <Alert color="orange" mb="sm" title={t('protection.warningTitle')}>
        <Text size="sm">{t('protection.warning')}</Text>
      </Alert>
      <Stack gap="sm" maw={480}>
        {isProtected && (
          <PasswordInput
            label={t('protection.current')}
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            data-testid="protection-current"
          />
        )}
        <PasswordInput
          label={isProtected ? t('protection.newPassphrase') : t('protection.passphrase')}
          description={t('protection.minLength', { count: MIN_LENGTH })}
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
          error={tooShort ? t('protection.tooShort', { count: MIN_LENGTH }) : null}
          data-testid="protection-new"
        />
        <PasswordInput
          label={t('protection.again')}
          value={again}
          onChange={(e) => setAgain(e.currentTarget.value)}
          error={mismatch ? t('protection.mismatch') : null}
          data-testid="protection-again"
        />
        <ErrorAlert error={error} onClose={() => setError(null)} />
        {notice && (
          <Alert color="green" data-testid="protection-notice">
            {notice}
          </Alert>
        )}
        <Group>
          <Button loading={busy} disabled={!canSet} onClick={() => void apply(next)} data-testid="protection-set">
            {isProtected ? t('protection.change') : t('protection.protect')}
          </Button>
          {isProtected && (
            <Button
              variant="default"
              color="red"
              loading={busy}
              disabled={current === ''}
              onClick={() => void apply(null)}
              data-testid="protection-remove"
            >
              {t('protection.remove')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
