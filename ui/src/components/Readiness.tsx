// The readiness calendar on screen: the home screen's card of what is due, and the line on the
// policy and BCP pages that says when each was last reviewed, records 「見直した」 and sets how
// often it is due.
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Card, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../api';
import type {
  ErrorReport,
  Readiness,
  ReadinessIntervals,
  ReadinessItem,
  ReadinessState,
  ReadinessTask,
  ReviewedPart,
} from '../bindings';
import { formatDue } from '../deadline';
import { type View, useNavigate } from '../navigation';
import { ErrorAlert } from './ErrorAlert';

const STATE_COLOR: Record<ReadinessState, string> = { overdue: 'red', due_soon: 'orange', done: 'teal' };

/** Where a task stands, as a coloured word: overdue, due soon, up to date. */
export function ReadinessStateBadge({ state, testId }: { state: ReadinessState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLOR[state]} variant="light" data-testid={testId}>
      {t(`readiness.state.${state}`)}
    </Badge>
  );
}

const INTERVAL_OF: Record<ReadinessTask, keyof ReadinessIntervals> = {
  policy_review: 'policy_review_months',
  bcp_review: 'bcp_review_months',
  exercise: 'exercise_months',
};

/** Where each task is done. */
const TASK_PAGE: Record<ReadinessTask, View> = {
  policy_review: { page: 'policy' },
  bcp_review: { page: 'bcp' },
  exercise: { page: 'exercises' },
};

/** When it was last done and when it is next due, in words. */
function ItemDates({ item }: { item: ReadinessItem }) {
  const { t, i18n } = useTranslation();
  const never = t(`readiness.never.${item.task}`);
  return (
    <Text size="sm" c="dimmed">
      {item.last_done ? t('readiness.lastDone', { date: formatDue(item.last_done, i18n.language) }) : never}
      {item.due_on && `${t('common.separator')}${t('readiness.dueOn', { date: formatDue(item.due_on, i18n.language) })}`}
    </Text>
  );
}

/** The home screen's card: the tasks due within a month or overdue, each with where to do it. */
export function ReadinessCard({ readiness }: { readiness: Readiness }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { i18n } = useTranslation();
  const due = readiness.items.filter((item) => item.state !== 'done');
  return (
    <Card withBorder padding="lg" data-testid="readiness">
      <Title order={3} mb="sm">
        {t('readiness.title')}
      </Title>
      {due.length === 0 && readiness.follow_ups.length === 0 ? (
        <Text c="dimmed">{t('readiness.allDone')}</Text>
      ) : (
        <Stack gap="sm">
          {readiness.follow_ups.map(({ follow_up, state }) => (
            <Group key={follow_up.id} justify="space-between" wrap="nowrap" data-testid={`readiness-follow-up-${follow_up.id}`}>
              <div>
                <Group gap="xs">
                  <Text fw={600}>{t('readiness.followUp', { text: follow_up.text })}</Text>
                  <ReadinessStateBadge state={state} />
                </Group>
                <Text size="sm" c="dimmed">
                  {t('readiness.followUpDue', { owner: follow_up.owner, date: formatDue(follow_up.due_on, i18n.language) })}
                </Text>
              </div>
              <Button
                variant="light"
                size="compact-sm"
                style={{ flexShrink: 0 }}
                onClick={() => navigate({ page: 'exercise', id: follow_up.run_id })}
              >
                {t('readiness.openFollowUp')}
              </Button>
            </Group>
          ))}
          {due.map((item) => (
            <Group key={item.task} justify="space-between" wrap="nowrap" data-testid={`readiness-${item.task}`}>
              <div>
                <Group gap="xs">
                  <Text fw={600}>{t(`readiness.task.${item.task}`)}</Text>
                  <ReadinessStateBadge state={item.state} />
                </Group>
                <ItemDates item={item} />
              </div>
              <Button
                variant="light"
                size="compact-sm"
                style={{ flexShrink: 0 }}
                onClick={() => navigate(TASK_PAGE[item.task])}
                data-testid={`readiness-open-${item.task}`}
              >
                {t(`readiness.open.${item.task}`)}
              </Button>
            </Group>
          ))}
        </Stack>
      )}
      <Button
        variant="subtle"
        size="compact-sm"
        mt="sm"
        px={0}
        onClick={() => navigate({ page: 'readiness' })}
        data-testid="open-summary"
      >
        {t('readiness.openSummary')}
      </Button>
    </Card>
  );
}

/** Changes one interval when the field is left with another valid number. */
function IntervalInput({
  task,
  readiness,
  onSaved,
  onError,
}: {
  task: ReadinessTask;
  readiness: Readiness;
  onSaved: (r: Readiness) => void;
  onError: (e: ErrorReport) => void;
}) {
  const { t } = useTranslation();
  const key = INTERVAL_OF[task];
  const [months, setMonths] = useState<number | string>(readiness.intervals[key]);
  const save = () => {
    const value = Number(months);
    if (value === readiness.intervals[key]) return;
    api.setReadinessIntervals({ ...readiness.intervals, [key]: value }).then(onSaved, (e) => {
      setMonths(readiness.intervals[key]);
      onError(asErrorReport(e));
    });
  };
  return (
    <NumberInput
      label={t(`readiness.interval.${task}`)}
      value={months}
      onChange={setMonths}
      onBlur={save}
      min={1}
      max={120}
      allowDecimal={false}
      w={220}
      data-testid={`interval-${task}`}
    />
  );
}

/** On the policy or BCP page: when it was last reviewed, 「見直した」, and how often it is due. */
export function ReviewCard({ part }: { part: ReviewedPart }) {
  const { t } = useTranslation();
  const [readiness, setReadiness] = useState<Readiness | null>(null);
  const [error, setError] = useState<ErrorReport | null>(null);
  const [busy, setBusy] = useState(false);
  const reload = useCallback(() => api.readiness().then(setReadiness, (e) => setError(asErrorReport(e))), []);
  useEffect(() => {
    void reload();
  }, [reload]);
  if (!readiness) return <ErrorAlert error={error} onClose={() => setError(null)} />;
  const task: ReadinessTask = part === 'policy' ? 'policy_review' : 'bcp_review';
  const item = readiness.items.find((i) => i.task === task);
  const reviewed = async () => {
    setBusy(true);
    try {
      setReadiness(await api.markReviewed(part));
    } catch (e) {
      setError(asErrorReport(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="md" data-testid={`review-${part}`}>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <Group justify="space-between" align="flex-end">
        <div>
          {item && (
            <>
              <Group gap="xs">
                <Text fw={600}>{t(`readiness.task.${task}`)}</Text>
                <ReadinessStateBadge state={item.state} testId={`review-state-${part}`} />
              </Group>
              <ItemDates item={item} />
            </>
          )}
          <Text size="sm" mt={4}>
            {t(`readiness.reviewHelp.${part}`)}
          </Text>
        </div>
        <Button onClick={() => void reviewed()} loading={busy} data-testid={`mark-reviewed-${part}`}>
          {t('readiness.markReviewed')}
        </Button>
      </Group>
      <Group mt="sm" gap="lg">
        <IntervalInput task={task} readiness={readiness} onSaved={setReadiness} onError={setError} />
        {part === 'bcp' && <IntervalInput task="exercise" readiness={readiness} onSaved={setReadiness} onError={setError} />}
      </Group>
    </Card>
  );
}
