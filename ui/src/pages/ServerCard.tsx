// Companies kept on a server that several PCs share (the network edition): the servers connected
// to before, and the 「サーバーに接続」 dialog. The password is typed each time and never kept;
// the CA certificate is chosen in a file dialog, so the window never names a file itself.
import { useCallback, useEffect, useState } from 'react';
import { ActionIcon, Badge, Button, Card, Group, Modal, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../api';
import type { ErrorReport, ServerPlace } from '../bindings';
import { ErrorAlert } from '../components/ErrorAlert';

const DEFAULT_PORT = 5432;

const emptyPlace: ServerPlace = { host: '', port: DEFAULT_PORT, database: '', user: '', ca_file: '' };

/** How a place is shown in the list, as the server shows it: user@host:port/database. */
export function placeName(place: ServerPlace): string {
  return `${place.user}@${place.host}:${place.port}/${place.database}`;
}

export function ServerCard({ openServer, onConnected }: { openServer: string | null; onConnected: () => void }) {
  const { t } = useTranslation();
  const [recent, setRecent] = useState<ServerPlace[]>([]);
  const [listError, setListError] = useState<ErrorReport | null>(null);
  /** The dialog's fields while it is open; null when it is closed. */
  const [place, setPlace] = useState<ServerPlace | null>(null);

  const load = useCallback(() => {
    api.recentServers().then(setRecent, (e) => setListError(asErrorReport(e)));
  }, []);
  useEffect(load, [load]);

  return (
    <Card withBorder padding="lg" data-testid="server-card">
      <Group justify="space-between" mb="xs">
        <Title order={3}>{t('server.title')}</Title>
        <Button variant="default" onClick={() => setPlace(emptyPlace)}>
          {t('server.connect')}
        </Button>
      </Group>
      <Text size="sm" mb="sm">
        {t('server.help')}
      </Text>
      <ErrorAlert error={listError} onClose={() => setListError(null)} />
      <Stack gap="xs">
        {recent.map((server) => {
          const name = placeName(server);
          return (
            <Group key={name} justify="space-between" wrap="nowrap" data-testid="recent-server">
              <div style={{ minWidth: 0 }}>
                <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {server.database}
                </Text>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {name}
                </Text>
              </div>
              {openServer === name ? (
                <Badge variant="light">{t('files.openNow')}</Badge>
              ) : (
                <Group gap={6} wrap="nowrap">
                  <Button size="xs" variant="light" onClick={() => setPlace(server)}>
                    {t('server.connectAgain')}
                  </Button>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={t('server.forget', { name })}
                    title={t('server.forget', { name })}
                    onClick={() => api.forgetServer(server).then(setRecent, (e) => setListError(asErrorReport(e)))}
                  >
                    ×
                  </ActionIcon>
                </Group>
              )}
            </Group>
          );
        })}
      </Stack>
      {place && (
        <ConnectDialog
          initial={place}
          onClose={() => setPlace(null)}
          onConnected={() => {
            setPlace(null);
            load();
            onConnected();
          }}
        />
      )}
    </Card>
  );
}

function ConnectDialog({
  initial,
  onClose,
  onConnected,
}: {
  initial: ServerPlace;
  onClose: () => void;
  onConnected: () => void;
}) {
  const { t } = useTranslation();
  const [place, setPlace] = useState<ServerPlace>(initial);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ErrorReport | null>(null);
  const [busy, setBusy] = useState(false);
  const field = (key: 'host' | 'database' | 'user') => ({
    value: place[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setPlace({ ...place, [key]: e.currentTarget.value }),
  });
  const complete =
    place.host.trim() !== '' &&
    place.database.trim() !== '' &&
    place.user.trim() !== '' &&
    place.ca_file !== '' &&
    place.port > 0;

  const chooseCa = async () => {
    setError(null);
    try {
      const chosen = await api.chooseServerCaFile();
      if (chosen !== null) setPlace({ ...place, ca_file: chosen });
    } catch (e) {
      setError(asErrorReport(e));
    }
  };

  const attempt = async (open: () => Promise<null>) => {
    setBusy(true);
    setError(null);
    try {
      await open();
      setPassword('');
      onConnected();
    } catch (e) {
      setError(asErrorReport(e));
    } finally {
      setBusy(false);
    }
  };
  const connect = () => attempt(() => api.connectToServer(place, password));
  // The server did not answer: this PC's copy from its last connection can be read instead.
  const serverAway = error?.code === 'server_connect_failed' || error?.code === 'server_unreachable';
  const openKeptCopy = () => attempt(() => api.openKeptCopy(place, password));

  return (
    <Modal opened onClose={onClose} title={t('server.dialogTitle')} size="lg" closeOnClickOutside={!busy}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (complete && !busy) void connect();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('server.dialogHelp')}</Text>
          <Group grow align="flex-start">
            <TextInput label={t('server.host')} description={t('server.hostHelp')} required {...field('host')} data-autofocus />
            <TextInput
              label={t('server.port')}
              description={t('server.portHelp')}
              required
              inputMode="numeric"
              value={place.port === 0 ? '' : String(place.port)}
              onChange={(e) => {
                // Full-width digits, as a Japanese input method types them, count as digits.
                const digits = e.currentTarget.value
                  .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
                  .replace(/[^0-9]/g, '')
                  .slice(0, 5);
                setPlace({ ...place, port: Math.min(Number(digits), 65535) });
              }}
              maw={160}
            />
          </Group>
          <TextInput label={t('server.database')} required {...field('database')} />
          <TextInput label={t('server.user')} required autoComplete="username" {...field('user')} />
          <PasswordInput
            label={t('server.password')}
            description={t('server.passwordHelp')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <div>
            <Text size="sm" fw={500}>
              {t('server.caFile')}
            </Text>
            <Text size="xs" c="dimmed" mb={4}>
              {t('server.caFileHelp')}
            </Text>
            <Group wrap="nowrap">
              <Button variant="default" size="xs" onClick={() => void chooseCa()} style={{ flexShrink: 0 }}>
                {t('server.chooseCaFile')}
              </Button>
              <Text size="xs" style={{ overflowWrap: 'anywhere' }} data-testid="server-ca-file">
                {place.ca_file === '' ? t('server.noCaFile') : place.ca_file}
              </Text>
            </Group>
          </div>
          <ErrorAlert error={error} />
          {serverAway && (
            <Group justify="space-between" wrap="nowrap" data-testid="kept-copy-offer">
              <Text size="sm">{t('keptCopy.offer')}</Text>
              <Button
                variant="light"
                color="orange"
                onClick={() => void openKeptCopy()}
                disabled={busy}
                style={{ flexShrink: 0 }}
              >
                {t('keptCopy.open')}
              </Button>
            </Group>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!complete}>
              {t('server.connectNow')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
