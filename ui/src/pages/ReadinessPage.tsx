// 備えの点検: one screen an owner or a consultant reads in a minute — what is due, roles nobody
// holds or stands in for, procedures without steps, BCP targets nobody owns or can call, contacts
// not confirmed, the last exercise — each part with a button to where it is fixed, and the same
// as a one-page PDF.
import { useEffect, useState } from 'react';
import { Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../api';
import { EVERY_PART, useChangesTo } from '../companyChanges';
import type { ErrorReport, ReadinessSummary } from '../bindings';
import { DocumentActions } from '../components/DocumentActions';
import { ErrorAlert } from '../components/ErrorAlert';
import { ReadinessStateBadge } from '../components/Readiness';
import { formatDue } from '../deadline';
import { type View, useNavigate } from '../navigation';

/** One part of the summary: its lines, or that nothing needs fixing, and where to fix it. */
function Part({ id, title, lines, fixAt }: { id: string; title: string; lines: string[]; fixAt: View }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card withBorder padding="md" data-testid={`summary-${id}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={4} mb={6}>
            {title}
          </Title>
          {lines.length === 0 ? (
            <Text c="dimmed">{t('summary.none')}</Text>
          ) : (
            <List spacing={4}>
              {lines.map((line) => (
                <List.Item key={line}>{line}</List.Item>
              ))}
            </List>
          )}
        </div>
        {lines.length > 0 && (
          <Button
            variant="light"
            size="compact-sm"
            style={{ flexShrink: 0 }}
            onClick={() => navigate(fixAt)}
            data-testid={`summary-fix-${id}`}
          >
            {t('summary.fix')}
          </Button>
        )}
      </Group>
    </Card>
  );
}

export function ReadinessPage() {
  const { t, i18n } = useTranslation();
  const [summary, setSummary] = useState<ReadinessSummary | null>(null);
  const [error, setError] = useState<ErrorReport | null>(null);
  // Read again when another PC changed any part of the company.
  const changedElsewhere = useChangesTo(...EVERY_PART);
  // biome-ignore lint/correctness/useExhaustiveDependencies: changedElsewhere is bumped to read again
  useEffect(() => {
    api.readinessSummary().then(setSummary, (e) => setError(asErrorReport(e)));
  }, [changedElsewhere]);
  const date = (on: string) => formatDue(on, i18n.language);

  return (
    <Stack gap="md" maw={900} data-testid="readiness-page">
      <Title order={2}>{t('summary.title')}</Title>
      <Text size="sm">{t('summary.help')}</Text>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {summary && (
        <>
          <Card withBorder padding="md" data-testid="summary-calendar">
            <Title order={4} mb={6}>
              {t('readiness.title')}
            </Title>
            <Stack gap={4}>
              {summary.calendar.map((item) => (
                <Group key={item.task} gap="xs">
                  <Text>{t(`readiness.task.${item.task}`)}</Text>
                  <ReadinessStateBadge state={item.state} />
                  <Text size="sm" c="dimmed">
                    {item.due_on ? t('readiness.dueOn', { date: date(item.due_on) }) : t(`readiness.never.${item.task}`)}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Card>
          <Part
            id="roles"
            title={t('summary.roles')}
            fixAt={{ page: 'policy' }}
            lines={[
              ...summary.roles_without_holder.map((name) => t('summary.roleWithoutHolder', { name })),
              ...summary.roles_without_deputy.map((name) => t('summary.roleWithoutDeputy', { name })),
            ]}
          />
          <Part
            id="procedures"
            title={t('summary.procedures')}
            fixAt={{ page: 'policy' }}
            lines={summary.procedures_without_steps.map((gap) =>
              t('summary.procedureGap', { category: gap.category, level: gap.level }),
            )}
          />
          <Part
            id="targets"
            title={t('summary.targets')}
            fixAt={{ page: 'bcp' }}
            lines={[
              ...summary.targets_without_owner.map((name) => t('summary.targetWithoutOwner', { name })),
              ...summary.targets_without_contacts.map((name) => t('summary.targetWithoutContacts', { name })),
            ]}
          />
          <Part
            id="contacts"
            title={t('summary.contacts')}
            fixAt={{ page: 'contacts', onlyStale: true }}
            lines={
              summary.stale_contact_count > 0
                ? [t('summary.stale', { months: summary.stale_contact_months, count: summary.stale_contact_count })]
                : []
            }
          />
          <Card withBorder padding="md" data-testid="summary-exercise">
            <Title order={4} mb={6}>
              {t('summary.exercise')}
            </Title>
            {summary.last_exercise ? (
              <Stack gap={2}>
                <Text>{t('summary.exerciseHeld', { date: date(summary.last_exercise.held_on) })}</Text>
                {summary.last_exercise.scenario && (
                  <Text size="sm">{t('summary.exerciseScenario', { scenario: summary.last_exercise.scenario })}</Text>
                )}
                {summary.last_exercise.unreachable.trim() && (
                  <Text size="sm">{t('summary.exerciseUnreachable', { text: summary.last_exercise.unreachable })}</Text>
                )}
                {summary.last_exercise.follow_ups.trim() && (
                  <Text size="sm">{t('summary.exerciseFollowUps', { text: summary.last_exercise.follow_ups })}</Text>
                )}
              </Stack>
            ) : (
              <Text c="dimmed">{t('summary.noExercise')}</Text>
            )}
          </Card>
          <Part
            id="follow-ups"
            title={t('summary.followUps')}
            fixAt={{ page: 'exercises' }}
            lines={summary.open_follow_ups.map((f) =>
              t('summary.followUpLine', { text: f.text, owner: f.owner, date: date(f.due_on) }),
            )}
          />
          <DocumentActions document="readiness-summary" />
        </>
      )}
    </Stack>
  );
}
