// What the team works from during an exercise, as tabs: the company's real call tree with a
// reached / not reached mark per call, the procedures of the scenario's category, the authority
// directory (practice: nothing is marked sent) and the BCP's damaged targets with their owners.
import { Badge, Button, Card, Group, List, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  type Contact,
  type ExerciseReference as Reference,
  type ExerciseRun,
  type ExerciseStep,
  EXERCISE_STEP_VALUES,
} from '../../bindings';
import { Copyable } from '../../components/Copyable';
import { formatTime } from '../../datetime';

export const STEPS = EXERCISE_STEP_VALUES;

/** One person or organisation to call, with their numbers and the mark of the last practised call. */
function ContactToCall({
  contact,
  run,
  onMark,
}: {
  contact: Contact;
  run: ExerciseRun;
  onMark: (contactId: number, reached: boolean) => void;
}) {
  const { t } = useTranslation();
  const mark = run.calls.find((c) => c.contact_id === contact.id);
  const ended = run.ended_at !== null;
  return (
    <Card withBorder padding="sm" data-testid={`exercise-call-${contact.id}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text fw={700}>{contact.name}</Text>
          <Text size="sm" c="dimmed">
            {[contact.title, contact.organization].filter(Boolean).join(t('common.separator'))}
          </Text>
        </div>
        {!ended && (
          <Group gap="xs" wrap="nowrap">
            <Button color="green" size="xs" onClick={() => onMark(contact.id, true)} data-testid="exercise-reached">
              {t('exercise.run.reached')}
            </Button>
            <Button variant="default" size="xs" onClick={() => onMark(contact.id, false)} data-testid="exercise-not-reached">
              {t('exercise.run.notReached')}
            </Button>
          </Group>
        )}
      </Group>
      <Stack gap={2} mt={4}>
        {contact.phones.map((phone) => (
          <Copyable key={phone.number} label={phone.label} value={phone.number} emphasis={phone.emergency} />
        ))}
      </Stack>
      {mark && (
        <Text size="sm" fw={600} c={mark.reached ? 'green.8' : 'orange.8'} data-testid="exercise-call-mark">
          {t(`exercise.run.lastMark.${mark.reached ? 'reached' : 'not_reached'}`, { time: formatTime(mark.marked_at) })}
        </Text>
      )}
    </Card>
  );
}

export function ExerciseReference({
  reference,
  run,
  step,
  onStep,
  onMark,
}: {
  reference: Reference;
  run: ExerciseRun;
  step: ExerciseStep;
  onStep: (step: ExerciseStep) => void;
  onMark: (contactId: number, reached: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <Tabs value={step} onChange={(value) => value && onStep(value as ExerciseStep)} keepMounted={false}>
      <Tabs.List>
        {STEPS.map((s) => (
          <Tabs.Tab key={s} value={s} data-testid={`exercise-tab-${s}`}>
            {t(`exercise.run.tabs.${s}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>

      <Tabs.Panel value="calls" pt="sm">
        <Text size="sm" mb="sm">
          {t('exercise.run.callsHelp')}
        </Text>
        {reference.call_tree.length === 0 && <Text c="orange.8">{t('exercise.run.noCallTree')}</Text>}
        <Stack gap="xs">
          {reference.call_tree.map((contact) => (
            <ContactToCall key={contact.id} contact={contact} run={run} onMark={onMark} />
          ))}
        </Stack>
      </Tabs.Panel>

      <Tabs.Panel value="first_response" pt="sm">
        {reference.procedures.length === 0 && <Text>{t('exercise.run.noProcedures')}</Text>}
        <Stack gap="sm">
          {reference.procedures.map((procedure) => (
            <Card key={procedure.level} withBorder padding="sm">
              <Text fw={700} mb={4}>
                {procedure.category_name} — {t('exercise.run.level', { level: procedure.level })}
              </Text>
              <List type="ordered" spacing={2}>
                {procedure.steps.map((step) => (
                  <List.Item key={step.text}>
                    {step.text}
                    {step.role && (
                      <Badge ml="xs" variant="light" size="sm">
                        {step.role}
                      </Badge>
                    )}
                  </List.Item>
                ))}
              </List>
            </Card>
          ))}
        </Stack>
      </Tabs.Panel>

      <Tabs.Panel value="reporting" pt="sm">
        <Text size="sm" mb="sm" fw={600} c="grape.8">
          {t('exercise.run.reportingHelp')}
        </Text>
        <Stack gap="xs">
          {reference.authorities.map((desk) => (
            <Card key={desk.key} withBorder padding="sm">
              <Text fw={700}>{desk.name}</Text>
              <Text size="sm">{desk.purpose}</Text>
              {desk.phone && <Copyable label="TEL" value={desk.phone} />}
              {desk.url && <Copyable label="URL" value={desk.url} />}
            </Card>
          ))}
        </Stack>
      </Tabs.Panel>

      <Tabs.Panel value="recovery" pt="sm">
        <Text size="sm" mb="sm">
          {t('exercise.run.recoveryHelp')}
        </Text>
        <Stack gap="sm">
          {reference.targets.map((target) => (
            <Card key={target.name} withBorder padding="sm">
              <Text fw={700}>{target.name}</Text>
              <Text size="sm">
                {target.recovery_contact || target.recovery_role
                  ? t('exercise.run.recoveryOwner', {
                      name: [target.recovery_role, target.recovery_contact?.name].filter(Boolean).join(t('common.separator')),
                    })
                  : t('exercise.run.noOwner')}
              </Text>
              {target.target_recovery_time && (
                <Text size="sm" c="dimmed">
                  {t('exercise.run.recoveryTime', { time: target.target_recovery_time })}
                </Text>
              )}
              <Stack gap="xs" mt="xs">
                {[target.recovery_contact, ...target.related_contacts]
                  .filter((c): c is Contact => c !== null)
                  .map((contact) => (
                    <ContactToCall key={contact.id} contact={contact} run={run} onMark={onMark} />
                  ))}
              </Stack>
            </Card>
          ))}
        </Stack>
      </Tabs.Panel>
    </Tabs>
  );
}
