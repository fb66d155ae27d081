// 届出及び相談: where incidents are reported and advice is asked. The national desks the
// assessment names stay (their details can be corrected); local ones — the prefectural police
// cybercrime desk, the certification body, the insurer — are added here.
import { useState } from 'react';
import { ActionIcon, Badge, Button, Card, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { AuthorityInput, EditableAuthority, EditablePolicy } from '../../bindings';
import { ConfirmButton } from '../../components/ConfirmButton';
import { lastChangeFinder, SaveRefusal } from '../../components/ChangedElsewhere';
import { ErrorAlert } from '../../components/ErrorAlert';
import { lastChangeOf, useReloadPolicy, useSave } from './useEditor';

const EMPTY: AuthorityInput = { name: '', purpose: '', url: '', phone: '', email: '', hours: '', source: '' };

export function AuthoritiesSection({ policy, onChange }: { policy: EditablePolicy; onChange: (p: EditablePolicy) => void }) {
  const { t } = useTranslation();
  const { generation } = useReloadPolicy();
  const order = useSave();
  const move = (index: number, by: -1 | 1) => {
    const ids = policy.authorities.map((a) => a.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    void order.save(async () => onChange(await api.reorderAuthorities(ids)));
  };
  return (
    <Stack gap="md" maw={1000}>
      <Text size="sm">{t('policy.authorities.help')}</Text>
      <ErrorAlert error={order.error} onClose={order.clearError} />
      {policy.authorities.map((authority, index) => (
        <Group key={authority.id} align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={4} pt="md">
            <ActionIcon variant="default" aria-label={t('steps.up')} disabled={index === 0} onClick={() => move(index, -1)}>
              ↑
            </ActionIcon>
            <ActionIcon
              variant="default"
              aria-label={t('steps.down')}
              disabled={index === policy.authorities.length - 1}
              onClick={() => move(index, 1)}
            >
              ↓
            </ActionIcon>
          </Stack>
          <AuthorityCard key={`${authority.id}-${generation}`} authority={authority} onChange={onChange} />
        </Group>
      ))}
      <Title order={4} mt="md">
        {t('policy.authorities.add')}
      </Title>
      <Text size="sm">{t('policy.authorities.addHelp')}</Text>
      <AuthorityCard key={policy.authorities.length} authority={null} onChange={onChange} />
    </Stack>
  );
}

function AuthorityCard({ authority, onChange }: { authority: EditableAuthority | null; onChange: (p: EditablePolicy) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<AuthorityInput>(authority ?? EMPTY);
  const set = (change: Partial<AuthorityInput>) => setForm({ ...form, ...change });
  const { error, saved, busy, save, clearError } = useSave();
  const [basis, setBasis] = useState(authority?.last_change_id ?? null);
  const { reload } = useReloadPolicy();
  const testId = authority ? `authority-${authority.key}` : 'new-authority';
  return (
    <Card withBorder padding="md" style={{ flex: 1 }} data-testid={testId}>
      <Stack gap="xs">
        <Group grow align="flex-start">
          <TextInput
            label={t('policy.roles.name')}
            required
            value={form.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            data-testid={`${testId}-name`}
          />
          <TextInput
            label={t('history.field.purpose')}
            value={form.purpose}
            onChange={(e) => set({ purpose: e.currentTarget.value })}
          />
        </Group>
        <Group grow>
          <TextInput
            label={t('history.field.phone')}
            value={form.phone}
            onChange={(e) => set({ phone: e.currentTarget.value })}
            data-testid={`${testId}-phone`}
          />
          <TextInput
            label={t('history.field.email')}
            value={form.email}
            onChange={(e) => set({ email: e.currentTarget.value })}
          />
          <TextInput
            label={t('history.field.hours')}
            value={form.hours}
            onChange={(e) => set({ hours: e.currentTarget.value })}
          />
        </Group>
        <TextInput label={t('history.field.url')} value={form.url} onChange={(e) => set({ url: e.currentTarget.value })} />
        <Textarea
          label={t('history.field.source')}
          autosize
          minRows={1}
          value={form.source}
          onChange={(e) => set({ source: e.currentTarget.value })}
        />
        <SaveRefusal
          error={error}
          onClose={clearError}
          findChange={lastChangeFinder('authority', authority?.id ?? null)}
          onReload={reload}
        />
        <Group justify="space-between">
          <Group>
            <Button
              loading={busy}
              disabled={form.name.trim() === ''}
              onClick={() =>
                void save(async () => {
                  const next = await api.saveAuthority(authority?.id ?? null, form, basis);
                  setBasis(lastChangeOf(next.authorities, (a) => a.id === authority?.id));
                  onChange(next);
                })
              }
              data-testid={`${testId}-save`}
            >
              {authority ? t('contact.save') : t('policy.authorities.addButton')}
            </Button>
            {saved && authority && <Text c="green.8">{t('contacts.saved')}</Text>}
          </Group>
          {authority?.required && (
            <Badge variant="light" color="gray">
              {t('policy.authorities.required')}
            </Badge>
          )}
          {authority && !authority.required && (
            <ConfirmButton
              variant="subtle"
              color="red"
              question={t('policy.authorities.deleteConfirm', { name: authority.name })}
              confirmLabel={t('contact.delete')}
              onConfirm={() => save(async () => onChange(await api.deleteAuthority(authority.id, basis)))}
              testId={`${testId}-delete`}
            >
              {t('contact.delete')}
            </ConfirmButton>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
