// An ordered list of steps, each a text and optionally the role that does it: procedures,
// first-response checklists. Steps are added, edited, moved up and down and removed here; the
// caller saves the whole list at once, so a half-edited list is never written.
import { ActionIcon, Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRowKeys } from '../listKeys';

export interface EditableStep {
  text: string;
  role_id: number | null;
}

export function StepListEditor({
  steps,
  roles,
  onChange,
  testId,
}: {
  steps: EditableStep[];
  roles: { id: number; name: string }[];
  onChange: (steps: EditableStep[]) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const rowKeys = useRowKeys(steps.length);
  const update = (index: number, change: Partial<EditableStep>) =>
    onChange(steps.map((step, i) => (i === index ? { ...step, ...change } : step)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...steps];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    rowKeys.swapped(index, index + by);
    onChange(next);
  };
  const remove = (index: number) => {
    rowKeys.removed(index);
    onChange(steps.filter((_, i) => i !== index));
  };
  const add = () => {
    rowKeys.added();
    onChange([...steps, { text: '', role_id: null }]);
  };
  const roleOptions = roles.map((role) => ({ value: String(role.id), label: role.name }));

  return (
    <Stack gap="xs" data-testid={testId}>
      {steps.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('steps.none')}
        </Text>
      )}
      {steps.map((step, index) => (
        <Group key={rowKeys.keys[index]} align="flex-start" wrap="nowrap" gap="xs" data-testid={`${testId}-step`}>
          <Text w={24} ta="right" pt={6} c="dimmed">
            {index + 1}.
          </Text>
          <Textarea
            style={{ flex: 1 }}
            autosize
            minRows={1}
            aria-label={t('steps.text', { n: index + 1 })}
            value={step.text}
            error={step.text.trim() === '' ? t('steps.empty') : undefined}
            onChange={(e) => update(index, { text: e.currentTarget.value })}
          />
          <Select
            w={200}
            aria-label={t('steps.role', { n: index + 1 })}
            placeholder={t('steps.noRole')}
            clearable
            data={roleOptions}
            value={step.role_id === null ? null : String(step.role_id)}
            onChange={(value) => update(index, { role_id: value === null ? null : Number(value) })}
          />
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('steps.up')}
            disabled={index === 0}
            onClick={() => move(index, -1)}
          >
            ↑
          </ActionIcon>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('steps.down')}
            disabled={index === steps.length - 1}
            onClick={() => move(index, 1)}
          >
            ↓
          </ActionIcon>
          <ActionIcon variant="default" color="red" size="lg" aria-label={t('steps.remove')} onClick={() => remove(index)}>
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button variant="light" size="xs" onClick={add} data-testid={`${testId}-add`}>
          {t('steps.add')}
        </Button>
      </Group>
    </Stack>
  );
}
