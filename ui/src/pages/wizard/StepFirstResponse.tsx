// Step 4 — first response: the checklist for the case and the procedure for this level.
import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { TaskList } from '../../components/TaskList';
import { StepActions, type StepProps } from './StepActions';

export function StepFirstResponse({ detail, act, goTo }: StepProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Title order={3}>{t('wizard.step.firstResponse.question')}</Title>
      <Text size="sm">{t('wizard.step.firstResponse.help')}</Text>
      <TaskList tasks={detail.tasks} onToggle={(task, done) => void act(() => api.setTaskDone(detail.id, task.id, done))} />
      <StepActions step={3} goTo={goTo} onNext={() => goTo(4)} />
    </Stack>
  );
}
