// One tabletop exercise as it is held: 「訓練」 on top at all times, the injects revealed so far
// with what the team did about each, the next one revealed by the facilitator or on a clock, the
// company's call tree, procedures, authorities and BCP to work from, the follow-ups found, and
// ending it — which writes the BCP's exercise record. An ended exercise reads the same and prints
// its report.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Card, Group, NumberInput, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../../api';
import type {
  ErrorReport,
  ExerciseReference as Reference,
  ExerciseRun,
  ExerciseStep,
  FollowUpInput,
  RevealedInject,
} from '../../bindings';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DocumentActions } from '../../components/DocumentActions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, formatTime } from '../../datetime';
import { formatDue } from '../../deadline';
import { useNavigate } from '../../navigation';
import { ExerciseReference } from './ExerciseReference';
import { scenarioTime } from './scenarioTime';

/** A revealed inject with the team's response, recorded when the facilitator presses the button. */
function InjectCard({
  revealed,
  ended,
  onSave,
  onStep,
}: {
  revealed: RevealedInject;
  ended: boolean;
  onSave: (position: number, response: string, minutes: number | null) => Promise<boolean>;
  onStep: (step: ExerciseStep) => void;
}) {
  const { t } = useTranslation();
  const { inject } = revealed;
  const [response, setResponse] = useState(revealed.response);
  const [minutes, setMinutes] = useState<number | string>(revealed.minutes_taken ?? '');
  const [saved, setSaved] = useState(false);
  const save = async () => {
    setSaved(await onSave(revealed.position, response, minutes === '' ? null : Number(minutes)));
  };
  return (
    <Card withBorder padding="md" data-testid={`inject-${revealed.position}`}>
      <Group gap="xs" mb={4}>
        <Badge color="grape" variant="light" size="lg">
          {scenarioTime(inject.at_minutes, t)}
        </Badge>
        {inject.step && (
          <Button variant="subtle" size="compact-xs" onClick={() => onStep(inject.step as ExerciseStep)}>
            {t('exercise.run.helpsWith', { step: t(`exercise.run.tabs.${inject.step}`) })}
          </Button>
        )}
      </Group>
      <Text fw={600} style={{ whiteSpace: 'pre-wrap' }} data-testid="inject-text">
        {inject.text}
      </Text>
      {inject.question && (
        <Text size="sm" c="grape.8" mt={4}>
          {t('exercise.run.question', { question: inject.question })}
        </Text>
      )}
      {ended ? (
        <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
          {revealed.response}
          {revealed.minutes_taken !== null && ` (${t('exercise.run.took', { minutes: revealed.minutes_taken })})`}
        </Text>
      ) : (
        <Group align="flex-end" mt="xs" wrap="nowrap">
          <Textarea
            label={t('exercise.run.response')}
            placeholder={t('exercise.run.responsePlaceholder')}
            value={response}
            onChange={(e) => {
              setResponse(e.currentTarget.value);
              setSaved(false);
            }}
            autosize
            minRows={2}
            style={{ flex: 1 }}
            data-testid="inject-response"
          />
          <NumberInput
            label={t('exercise.run.minutesTaken')}
            value={minutes}
            onChange={(value) => {
              setMinutes(value);
              setSaved(false);
            }}
            min={0}
            max={100000}
            allowDecimal={false}
            w={140}
            data-testid="inject-minutes"
          />
          <Button variant="light" onClick={() => void save()} data-testid="save-response">
            {saved ? t('exercise.run.responseSaved') : t('exercise.run.saveResponse')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

const EMPTY_FOLLOW_UP: FollowUpInput = { text: '', owner: '', due_on: '' };

export function ExerciseRunPage({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [run, setRun] = useState<ExerciseRun | null>(null);
  const [reference, setReference] = useState<Reference | null>(null);
  const [step, setStep] = useState<ExerciseStep>('calls');
  const [error, setError] = useState<ErrorReport | null>(null);
  const [followUp, setFollowUp] = useState<FollowUpInput>(EMPTY_FOLLOW_UP);
  const [participants, setParticipants] = useState('');
  const [whatWorked, setWhatWorked] = useState('');
  const [clockOn, setClockOn] = useState(false);
  const [clockMinutes, setClockMinutes] = useState<number | null>(null);
  const revealing = useRef(false);

  useEffect(() => {
    api.exerciseRun(id).then(
      (loaded) => {
        setRun(loaded);
        api.exerciseReference(loaded.category).then(setReference, (e) => setError(asErrorReport(e)));
      },
      (e) => setError(asErrorReport(e)),
    );
  }, [id]);

  /** Runs a write; answers whether it went through (the error shows otherwise). */
  const act = useCallback(async (work: () => Promise<ExerciseRun>) => {
    setError(null);
    try {
      setRun(await work());
      return true;
    } catch (e) {
      setError(asErrorReport(e));
      return false;
    }
  }, []);

  const revealNext = useCallback(async () => {
    if (revealing.current) return;
    revealing.current = true;
    try {
      await act(() => api.revealNextInject(id));
    } finally {
      revealing.current = false;
    }
  }, [act, id]);

  // On the clock, one real second is one minute of scenario time, counted from the last inject
  // revealed when the clock was switched on; the next inject comes out when its time is reached.
  const lastAt = run?.revealed.at(-1)?.inject.at_minutes ?? 0;
  const nextAt = run?.next_at_minutes ?? null;
  useEffect(() => {
    if (!clockOn) {
      setClockMinutes(null);
      return;
    }
    const origin = { real: Date.now(), scenario: lastAt };
    const tick = window.setInterval(() => {
      const minutes = origin.scenario + Math.floor((Date.now() - origin.real) / 1000);
      setClockMinutes(minutes);
      if (nextAt !== null && minutes >= nextAt) void revealNext();
    }, 1000);
    return () => window.clearInterval(tick);
  }, [clockOn, lastAt, nextAt, revealNext]);

  if (!run) return <ErrorAlert error={error} />;
  const ended = run.ended_at !== null;
  const unreachable = run.calls.filter((c) => !c.reached).map((c) => c.contact_name);

  const addFollowUp = async () => {
    if (await act(() => api.addExerciseFollowUp(id, followUp))) setFollowUp(EMPTY_FOLLOW_UP);
  };
  const setDone = (followUpId: number, done: boolean) =>
    act(async () => {
      await api.setFollowUpDone(followUpId, done);
      return api.exerciseRun(id);
    });
  const discard = async () => {
    setError(null);
    try {
      await api.discardExercise(id);
      navigate({ page: 'exercises' });
    } catch (e) {
      setError(asErrorReport(e));
    }
  };

  return (
    <Stack gap="md" maw={960} data-testid="exercise-run-page">
      <Alert color="grape" variant="filled" style={{ position: 'sticky', top: 72, zIndex: 10 }} data-testid="practice-banner">
        <Group gap="xs">
          <Badge color="white" c="grape.9" variant="filled">
            {t('exercise.practice')}
          </Badge>
          <Text size="sm" c="white">
            {t('exercise.practiceBanner')}
          </Text>
        </Group>
      </Alert>
      <Group justify="space-between">
        <Title order={2}>{run.title}</Title>
        <Button variant="subtle" onClick={() => navigate({ page: 'exercises' })}>
          {t('exercise.run.back')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('exercise.run.started', { time: formatDateTime(run.started_at, i18n.language) })}
        {run.facilitator && `${t('common.separator')}${t('exercise.run.facilitator', { name: run.facilitator })}`}
      </Text>
      {run.description && <Text size="sm">{run.description}</Text>}
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {ended && run.ended_at && (
        <Alert color="teal" data-testid="exercise-ended">
          {t('exercise.run.endedNotice', { date: formatDue(run.ended_at.slice(0, 10), i18n.language) })}
          {unreachable.length > 0 && (
            <Text size="sm" mt={4}>
              {t('exercise.run.unreachable', { names: unreachable.join(t('common.listSeparator')) })}
            </Text>
          )}
        </Alert>
      )}
      {ended && <DocumentActions document="exercise-report" exerciseId={run.id} />}

      <Title order={3}>{t('exercise.run.injects')}</Title>
      <Stack gap="sm">
        {run.revealed.map((revealed) => (
          <InjectCard
            key={revealed.position}
            revealed={revealed}
            ended={ended}
            onStep={setStep}
            onSave={(position, response, minutes) => act(() => api.recordInjectResponse(id, position, response, minutes))}
          />
        ))}
      </Stack>
      {!ended && (
        <Card withBorder padding="md">
          {run.remaining > 0 && nextAt !== null ? (
            <Group justify="space-between" wrap="nowrap">
              <div>
                <Text size="sm">{t('exercise.run.nextAt', { at: scenarioTime(nextAt, t), count: run.remaining })}</Text>
                {clockMinutes !== null && (
                  <Text size="sm" fw={600} data-testid="exercise-clock">
                    {t('exercise.run.elapsed', { at: scenarioTime(clockMinutes, t) })}
                  </Text>
                )}
                <Switch
                  mt="xs"
                  label={t('exercise.run.clock')}
                  description={t('exercise.run.clockHelp')}
                  checked={clockOn}
                  onChange={(e) => setClockOn(e.currentTarget.checked)}
                />
              </div>
              <Button color="grape" onClick={() => void revealNext()} data-testid="reveal-next">
                {t('exercise.run.revealNext')}
              </Button>
            </Group>
          ) : (
            <Text size="sm" data-testid="all-revealed">
              {t('exercise.run.allRevealed')}
            </Text>
          )}
        </Card>
      )}

      {ended && (
        <Card withBorder padding="md" data-testid="exercise-calls">
          <Title order={3} mb="xs">
            {t('exercise.run.callsMade')}
          </Title>
          {run.calls.length === 0 && <Text c="dimmed">{t('exercise.run.noCalls')}</Text>}
          {run.calls.map((call) => (
            <Text key={call.contact_name} c={call.reached ? 'green.8' : 'orange.8'}>
              {call.contact_name}
              {t('common.separator')}
              {t(`exercise.run.lastMark.${call.reached ? 'reached' : 'not_reached'}`, { time: formatTime(call.marked_at) })}
            </Text>
          ))}
        </Card>
      )}
      {reference && !ended && (
        <Card withBorder padding="md">
          <ExerciseReference
            reference={reference}
            run={run}
            step={step}
            onStep={setStep}
            onMark={(contactId, reached) => void act(() => api.markExerciseCall(id, contactId, reached))}
          />
        </Card>
      )}

      <Card withBorder padding="md" data-testid="exercise-follow-ups">
        <Title order={3} mb={4}>
          {t('exercise.run.followUps')}
        </Title>
        <Text size="sm" mb="sm">
          {t('exercise.run.followUpsHelp')}
        </Text>
        {run.follow_ups.length === 0 && <Text c="dimmed">{t('exercise.run.noFollowUps')}</Text>}
        <Stack gap="xs">
          {run.follow_ups.map((f) => (
            <Group key={f.id} justify="space-between" wrap="nowrap" data-testid={`follow-up-${f.id}`}>
              <div>
                <Text td={f.done_on ? 'line-through' : undefined}>{f.text}</Text>
                <Text size="sm" c="dimmed">
                  {f.owner}
                  {t('common.separator')}
                  {f.done_on
                    ? t('exercise.run.done', { date: formatDue(f.done_on, i18n.language) })
                    : t('exercise.run.due', { date: formatDue(f.due_on, i18n.language) })}
                </Text>
              </div>
              <Button variant="default" size="compact-sm" onClick={() => void setDone(f.id, f.done_on === null)}>
                {f.done_on ? t('exercise.run.reopen') : t('exercise.run.markDone')}
              </Button>
            </Group>
          ))}
        </Stack>
        {!ended && (
          <Group align="flex-end" mt="md" wrap="nowrap">
            <TextInput
              label={t('exercise.run.followUpText')}
              value={followUp.text}
              onChange={(e) => setFollowUp({ ...followUp, text: e.currentTarget.value })}
              style={{ flex: 1 }}
              data-testid="follow-up-text"
            />
            <TextInput
              label={t('exercise.run.owner')}
              value={followUp.owner}
              onChange={(e) => setFollowUp({ ...followUp, owner: e.currentTarget.value })}
              w={160}
              data-testid="follow-up-owner"
            />
            <TextInput
              label={t('exercise.run.dueOn')}
              placeholder="2026-12-31"
              value={followUp.due_on}
              onChange={(e) => setFollowUp({ ...followUp, due_on: e.currentTarget.value })}
              w={140}
              data-testid="follow-up-due"
            />
            <Button variant="light" onClick={() => void addFollowUp()} data-testid="add-follow-up">
              {t('exercise.run.addFollowUp')}
            </Button>
          </Group>
        )}
      </Card>

      {!ended && (
        <Card withBorder padding="md" data-testid="exercise-end">
          <Title order={3} mb={4}>
            {t('exercise.run.end.title')}
          </Title>
          <Text size="sm" mb="sm">
            {t('exercise.run.end.help')}
          </Text>
          <Stack gap="sm">
            <Textarea
              label={t('exercise.run.end.participants')}
              value={participants}
              onChange={(e) => setParticipants(e.currentTarget.value)}
              autosize
              minRows={2}
              data-testid="exercise-participants"
            />
            <Textarea
              label={t('exercise.run.end.whatWorked')}
              value={whatWorked}
              onChange={(e) => setWhatWorked(e.currentTarget.value)}
              autosize
              minRows={2}
              data-testid="exercise-what-worked"
            />
            <Group justify="space-between">
              <ConfirmButton
                color="grape"
                question={t('exercise.run.end.confirm')}
                confirmLabel={t('exercise.run.end.button')}
                onConfirm={async () => {
                  if (await act(() => api.endExercise(id, { participants, what_worked: whatWorked }))) window.scrollTo(0, 0);
                }}
                testId="end-exercise"
              >
                {t('exercise.run.end.button')}
              </ConfirmButton>
              <ConfirmButton
                variant="subtle"
                color="red"
                question={t('exercise.run.discardConfirm')}
                confirmLabel={t('exercise.run.discard')}
                onConfirm={discard}
                testId="discard-exercise"
              >
                {t('exercise.run.discard')}
              </ConfirmButton>
            </Group>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
