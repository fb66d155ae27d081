// 対応体制: the roles of the response organisation, who holds each and who stands in.
import { useState } from 'react';
import { ActionIcon, Button, Card, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { ContactRef, EditablePolicy, EditableRole } from '../../bindings';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ContactListPicker } from '../../components/ContactListPicker';
import { lastChangeFinder, SaveRefusal } from '../../components/ChangedElsewhere';
import { ErrorAlert } from '../../components/ErrorAlert';
import { lastChangeOf, useReloadPolicy, useSave } from './useEditor';

type Options = { value: string; label: string }[];

export function RolesSection({
  policy,
  onChange,
  contacts,
}: {
  policy: EditablePolicy;
  onChange: (policy: EditablePolicy) => void;
  contacts: Options;
}) {
  const { t } = useTranslation();
  const { generation } = useReloadPolicy();
  const order = useSave();
  const adding = useSave();
  const [name, setName] = useState('');
  const move = (index: number, by: -1 | 1) => {
    const ids = policy.roles.map((r) => r.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    void order.save(async () => onChange(await api.reorderRoles(ids)));
  };

  return (
    <Stack gap="md" maw={900}>
      <Text size="sm">{t('policy.roles.help')}</Text>
      <ErrorAlert error={order.error} onClose={order.clearError} />
      {policy.roles.map((role, index) => (
        <Group key={role.id} align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={4} pt="md">
            <ActionIcon variant="default" aria-label={t('steps.up')} disabled={index === 0} onClick={() => move(index, -1)}>
              ↑
            </ActionIcon>
            <ActionIcon
              variant="default"
              aria-label={t('steps.down')}
              disabled={index === policy.roles.length - 1}
              onClick={() => move(index, 1)}
            >
              ↓
            </ActionIcon>
          </Stack>
          <RoleCard key={`${role.id}-${generation}`} role={role} contacts={contacts} onChange={onChange} />
        </Group>
      ))}
      <Card withBorder padding="md">
        <Title order={4} mb="xs">
          {t('policy.roles.add')}
        </Title>
        <ErrorAlert error={adding.error} onClose={adding.clearError} />
        <Group align="flex-end">
          <TextInput
            label={t('policy.roles.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            w={320}
            data-testid="new-role-name"
          />
          <Button
            disabled={name.trim() === ''}
            onClick={() =>
              void adding.save(async () => {
                onChange(await api.saveRole(null, { name, description: '' }, null));
                setName('');
              })
            }
            data-testid="add-role"
          >
            {t('policy.roles.addButton')}
          </Button>
        </Group>
      </Card>
    </Stack>
  );
}

function RoleCard({
  role,
  contacts,
  onChange,
}: {
  role: EditableRole;
  contacts: Options;
  onChange: (p: EditablePolicy) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(role.name);
  const [description, setDescription] = useState(role.description);
  const [people, setPeople] = useState<ContactRef[]>(role.holder ? [role.holder, ...role.deputies] : role.deputies);
  const { error, saved, busy, save, clearError } = useSave();
  /** The role's last change this card's text is based on. */
  const [basis, setBasis] = useState(role.last_change_id);
  const { reload } = useReloadPolicy();

  return (
    <Card withBorder padding="md" style={{ flex: 1 }} data-testid={`role-${role.key}`}>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput label={t('policy.roles.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Textarea
            label={t('history.field.description')}
            autosize
            minRows={1}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
        </Group>
        <Text size="sm" fw={600}>
          {t('policy.roles.people')}
        </Text>
        <ContactListPicker
          value={people}
          onChange={setPeople}
          options={contacts}
          label={t('policy.roles.addPerson')}
          rankLabel={(i) => (i === 0 ? t('policy.roles.holder') : t('policy.roles.deputy', { n: i }))}
          testId={`role-${role.key}-people`}
        />
        <SaveRefusal error={error} onClose={clearError} findChange={lastChangeFinder('role', role.id)} onReload={reload} />
        <Group justify="space-between">
          <Group>
            <Button
              loading={busy}
              onClick={() =>
                void save(async () => {
                  const named = await api.saveRole(role.id, { name, description }, basis);
                  const next = await api.setRoleHolders(
                    role.id,
                    people.map((p) => p.id),
                    lastChangeOf(named.roles, (r) => r.id === role.id),
                  );
                  setBasis(lastChangeOf(next.roles, (r) => r.id === role.id));
                  onChange(next);
                })
              }
              data-testid={`save-role-${role.key}`}
            >
              {t('contact.save')}
            </Button>
            {saved && <Text c="green.8">{t('contacts.saved')}</Text>}
          </Group>
          <ConfirmButton
            variant="subtle"
            color="red"
            question={t('policy.roles.deleteConfirm', { name: role.name })}
            confirmLabel={t('contact.delete')}
            onConfirm={() => save(async () => onChange(await api.deleteRole(role.id, basis)))}
            testId={`delete-role-${role.key}`}
          >
            {t('contact.delete')}
          </ConfirmButton>
        </Group>
      </Stack>
    </Card>
  );
}
