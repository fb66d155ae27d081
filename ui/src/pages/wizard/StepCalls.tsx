// Step 3 — call now: the people the policy says to call for this level (the responsible roles'
// holders first, then their deputies, in call-tree order), numbers large and copyable, and a
// record of each call: reached at hh:mm, or no answer.
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../../api';
import type { CallOutcome, CallTarget, ErrorReport } from '../../bindings';
import { formatTime } from '../../datetime';
import { Copyable } from '../../components/Copyable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StepActions, type StepProps } from './StepActions';

export function StepCalls({ detail, act, goTo }: StepProps) {
  const { t } = useTranslation();
  const [targets, setTargets] = useState<CallTarget[] | null>(null);
  const [error, setError] = useState<ErrorReport | null>(null);
  const id = detail.id;

  const load = useCallback(() => api.callList(id).then(setTargets, (e) => setError(asErrorReport(e))), [id]);
  useEffect(() => {
    void load();
  }, [load]);

  /** Records a call; the list is read again to show it as the person's last call. */
  const record = async (contactId: number, outcome: CallOutcome) => {
    if (await act(() => api.recordCall(id, contactId, outcome))) await load();
  };

  if (error) return <ErrorAlert error={error} />;
  if (!targets) return <Loader />;

  return (
    <Stack gap="md">
      <Title order={3}>{t('wizard.step.calls.question')}</Title>
      <Text size="sm">{t('wizard.step.calls.help')}</Text>
      {targets.length === 0 && <Text c="orange.8">{t('wizard.step.calls.nobody')}</Text>}
      {targets.map((target) => (
        <Card key={target.contact_id} withBorder padding="md" data-testid={`call-${target.contact_id}`}>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div>
              <Group gap="xs">
                <Text fw={700} size="xl">
                  {target.name}
                </Text>
                {target.roles.map((role) => (
                  <Badge key={role} variant="light">
                    {role}
                  </Badge>
                ))}
                {target.deputy && <Badge color="gray">{t('wizard.step.calls.deputy')}</Badge>}
              </Group>
              <Text size="sm" c="dimmed">
                {[target.title, target.organization].filter(Boolean).join(t('common.separator'))}
              </Text>
            </div>
            <Group gap="xs" wrap="nowrap">
              <Button color="green" onClick={() => void record(target.contact_id, 'reached')} data-testid="reached">
                {t('wizard.step.calls.reached')}
              </Button>
              <Button variant="default" onClick={() => void record(target.contact_id, 'no_answer')} data-testid="no-answer">
                {t('wizard.step.calls.noAnswer')}
              </Button>
            </Group>
          </Group>
          <Stack gap={4} mt="sm">
            {target.phones.map((phone) => (
              <Copyable key={phone.number} label={phone.label} value={phone.number} large emphasis={phone.emergency} />
            ))}
            {target.emails.map((email) => (
              <Copyable key={email.address} label={email.label} value={email.address} />
            ))}
          </Stack>
          {target.last_call && (
            <Text mt="xs" fw={600} c={target.last_call.outcome === 'reached' ? 'green.8' : 'orange.8'} data-testid="last-call">
              {t(`wizard.step.calls.last.${target.last_call.outcome}`, { time: formatTime(target.last_call.at) })}
            </Text>
          )}
        </Card>
      ))}
      <StepActions step={2} goTo={goTo} onNext={() => goTo(3)} />
    </Stack>
  );
}
