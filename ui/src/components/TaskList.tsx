// The case's first-response checklist and the policy's procedure for the category × level, each
// item tickable; a tick records the time and who did it.
import { Checkbox, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IncidentTask, TaskSource } from '../bindings';
import { formatTime } from '../datetime';

export function TaskList({
  tasks,
  onToggle,
  readOnly,
}: {
  tasks: IncidentTask[];
  onToggle: (task: IncidentTask, done: boolean) => void;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const sources: TaskSource[] = ['checklist', 'procedure'];
  return (
    <Stack gap="lg">
      {sources.map((source) => {
        const items = tasks.filter((task) => task.source === source);
        if (items.length === 0) return null;
        return (
          <Stack key={source} gap="xs" data-testid={`tasks-${source}`}>
            <Title order={4}>{t(`tasks.${source}`)}</Title>
            {items.map((task) => (
              <Checkbox
                key={task.id}
                size="md"
                checked={task.done_at !== null}
                disabled={readOnly}
                onChange={(e) => onToggle(task, e.currentTarget.checked)}
                data-testid={`task-${task.id}`}
                label={
                  <>
                    <Text span>{task.text}</Text>
                    {task.role_name && (
                      <Text span size="sm" c="dimmed">
                        {' '}
                        （{task.role_name}）
                      </Text>
                    )}
                  </>
                }
                description={
                  task.done_at ? t('tasks.doneBy', { time: formatTime(task.done_at), name: task.done_by || '—' }) : undefined
                }
              />
            ))}
          </Stack>
        );
      })}
    </Stack>
  );
}
