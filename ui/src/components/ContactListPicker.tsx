// An ordered list of people from the contact table: a role's holder and deputies, a BCP target's
// related contacts, the contacts an exercise reached. People are added by searching the table.
import { useEffect, useState } from 'react';
import { ActionIcon, Group, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { ContactRef } from '../bindings';

/** Every contact as a searchable option, loaded once per screen. */
export function useContactOptions(): { value: string; label: string }[] {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    api.listContacts({ text: '', tag: null, only_stale: false, offset: 0, limit: 0 }).then(
      (page) =>
        setOptions(
          page.items.map((c) => ({ value: String(c.id), label: c.organization ? `${c.name}（${c.organization}）` : c.name })),
        ),
      () => setOptions([]),
    );
  }, []);
  return options;
}

export function ContactListPicker({
  value,
  onChange,
  options,
  label,
  rankLabel,
  testId,
}: {
  value: ContactRef[];
  onChange: (next: ContactRef[]) => void;
  options: { value: string; label: string }[];
  label: string;
  /** A label for each position (e.g. 担当者 / 代行者 1), or none for a plain list. */
  rankLabel?: (index: number) => string;
  testId: string;
}) {
  const { t } = useTranslation();
  const move = (index: number, by: -1 | 1) => {
    const next = [...value];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    onChange(next);
  };
  const free = options.filter((o) => !value.some((c) => String(c.id) === o.value));
  return (
    <Stack gap={4} data-testid={testId}>
      {value.map((contact, index) => (
        <Group key={contact.id} gap="xs" wrap="nowrap">
          {rankLabel && (
            <Text size="sm" c="dimmed" w={90}>
              {rankLabel(index)}
            </Text>
          )}
          <Text style={{ flex: 1 }}>{contact.name}</Text>
          <ActionIcon variant="default" aria-label={t('steps.up')} disabled={index === 0} onClick={() => move(index, -1)}>
            ↑
          </ActionIcon>
          <ActionIcon
            variant="default"
            aria-label={t('steps.down')}
            disabled={index === value.length - 1}
            onClick={() => move(index, 1)}
          >
            ↓
          </ActionIcon>
          <ActionIcon
            variant="default"
            aria-label={t('steps.remove')}
            onClick={() => onChange(value.filter((c) => c.id !== contact.id))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Select
        aria-label={label}
        placeholder={label}
        searchable
        limit={50}
        value={null}
        data={free}
        nothingFoundMessage={t('picker.nothingFound')}
        onChange={(picked) => {
          const option = options.find((o) => o.value === picked);
          if (option) onChange([...value, { id: Number(option.value), name: option.label }]);
        }}
        data-testid={`${testId}-add`}
      />
    </Stack>
  );
}
