// The people of a company on a server and what each may change (管理者, 担当者, 閲覧). Everyone
// sees the list; a 管理者 adds people, changes their names and rights, takes them off and sets
// new passwords. The server itself refuses anyone else's change, so the page only explains.
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Card, Group, PasswordInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../api';
import { SERVER_ACCESS_VALUES, type ErrorReport, type ServerAccess, type ServerPerson } from '../bindings';
import { useChangesTo } from '../companyChanges';
import { ErrorAlert } from '../components/ErrorAlert';

/** The select's value for someone taken off the company. */
const TAKEN_OFF = 'taken_off';

export function PeoplePage({ signedIn, onChanged }: { signedIn: ServerPerson | null; onChanged: () => void }) {
  const { t } = useTranslation();
  const [people, setPeople] = useState<ServerPerson[] | null>(null);
  const [error, setError] = useState<ErrorReport | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Someone signed in who is not one of the people is the company's owner, who may manage them.
  const manages = signedIn === null || signedIn.access === 'administrator';

  // Read again when a 管理者 on another PC changed the people.
  const changedElsewhere = useChangesTo('people');
  // biome-ignore lint/correctness/useExhaustiveDependencies: changedElsewhere is bumped to read again
  useEffect(() => {
    api.serverPeople().then(setPeople, (e) => setError(asErrorReport(e)));
  }, [changedElsewhere]);

  /** Runs a change; on success shows `message` and the people as they are now. */
  const change = useCallback(
    async (work: () => Promise<ServerPerson[] | null>, message: string) => {
      setError(null);
      setDone(null);
      try {
        const after = await work();
        if (after) setPeople(after);
        setDone(message);
        onChanged();
        return true;
      } catch (e) {
        setError(asErrorReport(e));
        return false;
      }
    },
    [onChanged],
  );

  const accessOptions = [
    ...SERVER_ACCESS_VALUES.map((a) => ({ value: a, label: t(`server.access.${a}`) })),
    { value: TAKEN_OFF, label: t('people.takenOff') },
  ];

  return (
    <Stack gap="md" maw={960}>
      <Title order={2}>{t('people.title')}</Title>
      <Text size="sm">{t('people.help')}</Text>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {done && (
        <Text c="teal" size="sm" data-testid="people-done">
          {done}
        </Text>
      )}
      {people && (
        <Table striped data-testid="people">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('people.name')}</Table.Th>
              <Table.Th>{t('people.login')}</Table.Th>
              <Table.Th>{t('people.access')}</Table.Th>
              {manages && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.map((person) => (
              <PersonRow
                key={person.login}
                person={person}
                manages={manages}
                options={accessOptions}
                onChange={(name, access) =>
                  change(() => api.changeServerPerson(person.login, name, access), t('people.saved', { name }))
                }
                onPassword={(password) =>
                  change(
                    () => api.setServerPersonPassword(person.login, password),
                    t('people.passwordSet', { name: person.name }),
                  )
                }
              />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {manages && <AddPerson options={accessOptions.slice(0, -1)} onAdd={change} />}
    </Stack>
  );
}

function PersonRow({
  person,
  manages,
  options,
  onChange,
  onPassword,
}: {
  person: ServerPerson;
  manages: boolean;
  options: { value: string; label: string }[];
  onChange: (name: string, access: ServerAccess | null) => Promise<boolean>;
  onPassword: (password: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  // What is typed in the row; until then the row shows the person as last read, which another
  // 管理者's change may replace.
  const [typed, setTyped] = useState<{ name: string; access: string } | null>(null);
  const name = typed?.name ?? person.name;
  const access = typed?.access ?? person.access ?? TAKEN_OFF;
  const [password, setPassword] = useState<string | null>(null);
  const label = person.access ? t(`server.access.${person.access}`) : t('people.takenOff');
  if (!manages) {
    return (
      <Table.Tr data-testid={`person-${person.login}`}>
        <Table.Td>{person.name}</Table.Td>
        <Table.Td>{person.login}</Table.Td>
        <Table.Td>
          <Badge variant="light">{label}</Badge>
        </Table.Td>
      </Table.Tr>
    );
  }
  const changed = name !== person.name || access !== (person.access ?? TAKEN_OFF);
  return (
    <Table.Tr data-testid={`person-${person.login}`}>
      <Table.Td>
        <TextInput
          aria-label={t('people.name')}
          value={name}
          onChange={(e) => setTyped({ name: e.currentTarget.value, access })}
        />
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {person.login}
        </Text>
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={t('people.access')}
          data={options}
          value={access}
          onChange={(value) => value && setTyped({ name, access: value })}
          allowDeselect={false}
        />
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Button
            size="xs"
            disabled={!changed || name.trim() === ''}
            onClick={() =>
              void onChange(name, access === TAKEN_OFF ? null : (access as ServerAccess)).then((ok) => ok && setTyped(null))
            }
          >
            {t('people.save')}
          </Button>
          {password === null ? (
            <Button size="xs" variant="default" onClick={() => setPassword('')}>
              {t('people.newPassword')}
            </Button>
          ) : (
            <>
              <PasswordInput
                size="xs"
                aria-label={t('people.newPassword')}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                w={160}
              />
              <Button
                size="xs"
                variant="default"
                disabled={password.length === 0}
                onClick={() => void onPassword(password).then((ok) => ok && setPassword(null))}
              >
                {t('people.setPassword')}
              </Button>
            </>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function AddPerson({
  options,
  onAdd,
}: {
  options: { value: string; label: string }[];
  onAdd: (work: () => Promise<ServerPerson[] | null>, message: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [login, setLogin] = useState('');
  const [name, setName] = useState('');
  const [access, setAccess] = useState<ServerAccess>('staff');
  const [password, setPassword] = useState('');
  const complete = login.trim() !== '' && name.trim() !== '' && password !== '';
  const add = async () => {
    const added = await onAdd(() => api.addServerPerson(login, name, access, password), t('people.added', { name: name.trim() }));
    if (added) {
      setLogin('');
      setName('');
      setPassword('');
    }
  };
  return (
    <Card withBorder padding="lg" data-testid="add-person">
      <Title order={4} mb="xs">
        {t('people.addTitle')}
      </Title>
      <Text size="sm" mb="sm">
        {t('people.addHelp')}
      </Text>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput label={t('people.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <TextInput
            label={t('people.login')}
            description={t('people.loginHelp')}
            value={login}
            onChange={(e) => setLogin(e.currentTarget.value)}
          />
        </Group>
        <Group grow align="flex-start">
          <Select
            label={t('people.access')}
            data={options}
            value={access}
            onChange={(value) => value && setAccess(value as ServerAccess)}
            allowDeselect={false}
          />
          <PasswordInput
            label={t('people.password')}
            description={t('people.passwordHelp')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
        </Group>
        <Group justify="flex-end">
          <Button onClick={() => void add()} disabled={!complete}>
            {t('people.add')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
