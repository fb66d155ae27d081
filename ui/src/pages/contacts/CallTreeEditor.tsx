// 連絡網: who is called first, second, … when something happens. The order is edited here as a
// list and saved at once; people can be added from the contact table and taken out again.
import { useEffect, useState } from 'react';
import { ActionIcon, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../../api';
import type { ContactListItem, ErrorReport } from '../../bindings';
import { ErrorAlert } from '../../components/ErrorAlert';

export function CallTreeEditor({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const [everyone, setEveryone] = useState<ContactListItem[]>([]);
  const [order, setOrder] = useState<ContactListItem[]>([]);
  const [changed, setChanged] = useState(false);
  const [error, setError] = useState<ErrorReport | null>(null);

  useEffect(() => {
    api.listContacts({ text: '', tag: null, only_stale: false, offset: 0, limit: 0 }).then(
      (page) => {
        setEveryone(page.items);
        setOrder(page.items.filter((c) => c.call_order !== null).sort((a, b) => (a.call_order ?? 0) - (b.call_order ?? 0)));
      },
      (e) => setError(asErrorReport(e)),
    );
  }, []);

  const change = (next: ContactListItem[]) => {
    setOrder(next);
    setChanged(true);
  };
  const move = (index: number, by: -1 | 1) => {
    const next = [...order];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    change(next);
  };
  const candidates = everyone
    .filter((c) => !order.some((o) => o.id === c.id))
    .map((c) => ({ value: String(c.id), label: c.organization ? `${c.name}（${c.organization}）` : c.name }));

  const save = async () => {
    setError(null);
    try {
      await api.setCallOrder(order.map((c) => c.id));
      setChanged(false);
      onSaved();
    } catch (e) {
      setError(asErrorReport(e));
    }
  };

  return (
    <Card withBorder padding="lg" data-testid="call-tree">
      <Title order={3}>{t('callTree.title')}</Title>
      <Text size="sm" mb="sm">
        {t('callTree.help')}
      </Text>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <Stack gap={6}>
        {order.length === 0 && <Text c="dimmed">{t('callTree.empty')}</Text>}
        {order.map((contact, index) => (
          <Group key={contact.id} gap="xs" wrap="nowrap">
            <Text w={28} ta="right" fw={600}>
              {index + 1}.
            </Text>
            <Text style={{ flex: 1 }}>
              {contact.name}
              <Text span size="sm" c="dimmed">
                {' '}
                {contact.title} {(contact.emergency_phone ?? contact.phone)?.number ?? ''}
              </Text>
            </Text>
            <ActionIcon variant="default" aria-label={t('steps.up')} disabled={index === 0} onClick={() => move(index, -1)}>
              ↑
            </ActionIcon>
            <ActionIcon
              variant="default"
              aria-label={t('steps.down')}
              disabled={index === order.length - 1}
              onClick={() => move(index, 1)}
            >
              ↓
            </ActionIcon>
            <ActionIcon
              variant="default"
              aria-label={t('steps.remove')}
              onClick={() => change(order.filter((c) => c.id !== contact.id))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
      </Stack>
      <Group mt="sm" align="flex-end">
        <Select
          label={t('callTree.add')}
          placeholder={t('callTree.addPlaceholder')}
          searchable
          limit={50}
          value={null}
          data={candidates}
          onChange={(value) => {
            const contact = everyone.find((c) => String(c.id) === value);
            if (contact) change([...order, contact]);
          }}
          w={320}
        />
        <Button disabled={!changed} onClick={() => void save()} data-testid="save-call-tree">
          {t('callTree.save')}
        </Button>
      </Group>
    </Card>
  );
}
