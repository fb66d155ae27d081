// 訓練: start a tabletop exercise from a scenario, reopen the ones held, and keep the company's
// own scenarios — write one, start from a built-in one, export one for another client, import one.
import { useEffect, useState } from 'react';
import { Badge, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../../api';
import { useChangesTo } from '../../companyChanges';
import type { ErrorReport, ExerciseRunSummary, ExerciseScenario, ScenarioSource, ScenarioSpec } from '../../bindings';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDue } from '../../deadline';
import { useNavigate } from '../../navigation';

/** A scenario's source as one string, for a select's value. */
function sourceKey(source: ScenarioSource): string {
  return source.kind === 'builtin' ? `builtin:${source.key}` : `company:${source.id}`;
}

export function ExercisesPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [scenarios, setScenarios] = useState<ExerciseScenario[] | null>(null);
  const [runs, setRuns] = useState<ExerciseRunSummary[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [facilitator, setFacilitator] = useState('');
  const [error, setError] = useState<ErrorReport | null>(null);
  // What went wrong with a scenario shows beside the scenarios, where the user is looking.
  const [scenarioError, setScenarioError] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // Read again when another PC changed a scenario or ran an exercise.
  const changedElsewhere = useChangesTo('exercises');
  // biome-ignore lint/correctness/useExhaustiveDependencies: changedElsewhere is bumped to read again
  useEffect(() => {
    api.exerciseScenarios().then(
      (list) => {
        setScenarios(list);
        setChosen((current) => current ?? (list[0] ? sourceKey(list[0].source) : null));
      },
      (e) => setError(asErrorReport(e)),
    );
    api.exerciseRuns().then(setRuns, (e) => setError(asErrorReport(e)));
  }, [changedElsewhere]);

  const attempt = async (work: () => Promise<void>, onError = setError) => {
    setError(null);
    setScenarioError(null);
    setNotice(null);
    try {
      await work();
    } catch (e) {
      onError(asErrorReport(e));
    }
  };
  const start = () =>
    attempt(async () => {
      const scenario = scenarios?.find((s) => sourceKey(s.source) === chosen);
      if (!scenario) return;
      const id = await api.startExercise(scenario.source, facilitator);
      navigate({ page: 'exercise', id });
    });
  const importScenario = () =>
    attempt(async () => {
      const list = await api.importExerciseScenario();
      if (list) {
        setScenarios(list);
        setNotice(t('exercise.scenarios.imported'));
      }
    }, setScenarioError);
  const exportScenario = (scenario: ExerciseScenario) =>
    attempt(async () => {
      const path = await api.exportExerciseScenario(scenario.source, `${scenario.spec.title}.json`);
      if (path) setNotice(t('exercise.scenarios.exported', { path }));
    }, setScenarioError);
  const deleteScenario = (id: number, asListed: ScenarioSpec) =>
    attempt(async () => setScenarios(await api.deleteExerciseScenario(id, asListed)), setScenarioError);

  return (
    <Stack gap="md" maw={900} data-testid="exercises-page">
      <Title order={2}>{t('exercise.title')}</Title>
      <Text size="sm">{t('exercise.help')}</Text>
      <ErrorAlert error={error} onClose={() => setError(null)} />

      <Card withBorder padding="lg">
        <Title order={3} mb="sm">
          {t('exercise.start.title')}
        </Title>
        <Stack gap="sm">
          <Select
            label={t('exercise.start.scenario')}
            data={(scenarios ?? []).map((s) => ({
              value: sourceKey(s.source),
              label: `${s.spec.title}${s.source.kind === 'company' ? ` (${t('exercise.scenarios.own')})` : ''}`,
            }))}
            value={chosen}
            onChange={setChosen}
            allowDeselect={false}
            data-testid="exercise-scenario"
          />
          <TextInput
            label={t('exercise.start.facilitator')}
            description={t('exercise.start.facilitatorHelp')}
            value={facilitator}
            onChange={(e) => setFacilitator(e.currentTarget.value)}
            maxLength={200}
            data-testid="exercise-facilitator"
          />
          <Group>
            <Button onClick={() => void start()} disabled={!chosen} data-testid="start-exercise">
              {t('exercise.start.button')}
            </Button>
          </Group>
        </Stack>
      </Card>

      <Card withBorder padding="lg">
        <Title order={3} mb="sm">
          {t('exercise.runs.title')}
        </Title>
        {runs && runs.length === 0 && <Text c="dimmed">{t('exercise.runs.none')}</Text>}
        <Stack gap="xs">
          {runs?.map((run) => (
            <Group key={run.id} justify="space-between" wrap="nowrap" data-testid={`exercise-run-${run.id}`}>
              <div>
                <Group gap="xs">
                  <Badge color="grape" variant="filled">
                    {t('exercise.practice')}
                  </Badge>
                  <Text fw={600}>{run.title}</Text>
                </Group>
                <Text size="sm" c="dimmed">
                  {formatDue(run.started_at.slice(0, 10), i18n.language)}
                  {t('common.separator')}
                  {run.ended_at
                    ? t('exercise.runs.ended', { date: formatDue(run.ended_at.slice(0, 10), i18n.language) })
                    : t('exercise.runs.underWay')}
                  {run.open_follow_ups > 0 &&
                    `${t('common.separator')}${t('exercise.runs.openFollowUps', { count: run.open_follow_ups })}`}
                </Text>
              </div>
              <Button variant="light" size="compact-sm" onClick={() => navigate({ page: 'exercise', id: run.id })}>
                {t('exercise.runs.open')}
              </Button>
            </Group>
          ))}
        </Stack>
      </Card>

      <Card withBorder padding="lg">
        <Title order={3} mb="xs">
          {t('exercise.scenarios.title')}
        </Title>
        <Text size="sm" mb="sm">
          {t('exercise.scenarios.help')}
        </Text>
        {notice && (
          <Text size="sm" c="green.8" mb="xs" style={{ overflowWrap: 'anywhere' }} data-testid="scenario-notice">
            {notice}
          </Text>
        )}
        <Stack gap="sm">
          {scenarios?.map((scenario) => {
            const { spec, source } = scenario;
            return (
              <Group
                key={sourceKey(source)}
                justify="space-between"
                align="flex-start"
                wrap="nowrap"
                data-testid={`scenario-${sourceKey(source).replace(':', '-')}`}
              >
                <div>
                  <Group gap="xs">
                    <Badge variant="light" color={source.kind === 'builtin' ? 'gray' : 'blue'}>
                      {t(source.kind === 'builtin' ? 'exercise.scenarios.builtin' : 'exercise.scenarios.own')}
                    </Badge>
                    <Text fw={600}>{spec.title}</Text>
                  </Group>
                  <Text size="sm" c="dimmed">
                    {t(`exercise.category.${spec.category ?? 'none'}`)}
                    {t('common.separator')}
                    {t('exercise.scenarios.injects', { count: spec.injects.length, hours: spec.duration_hours })}
                  </Text>
                </div>
                <Group gap={4} wrap="nowrap">
                  {source.kind === 'company' ? (
                    <>
                      <Button
                        variant="default"
                        size="compact-sm"
                        onClick={() => navigate({ page: 'exerciseScenario', id: source.id })}
                      >
                        {t('exercise.scenarios.edit')}
                      </Button>
                      <ConfirmButton
                        variant="subtle"
                        color="red"
                        size="compact-sm"
                        question={t('exercise.scenarios.deleteConfirm', { title: spec.title })}
                        confirmLabel={t('exercise.scenarios.delete')}
                        onConfirm={() => deleteScenario(source.id, spec)}
                        testId={`delete-scenario-${source.id}`}
                      >
                        {t('exercise.scenarios.delete')}
                      </ConfirmButton>
                    </>
                  ) : (
                    <Button
                      variant="default"
                      size="compact-sm"
                      onClick={() => navigate({ page: 'exerciseScenario', id: null, from: spec })}
                    >
                      {t('exercise.scenarios.copy')}
                    </Button>
                  )}
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    onClick={() => void exportScenario(scenario)}
                    data-testid={`export-scenario-${sourceKey(source).replace(':', '-')}`}
                  >
                    {t('exercise.scenarios.export')}
                  </Button>
                </Group>
              </Group>
            );
          })}
        </Stack>
        <ErrorAlert error={scenarioError} onClose={() => setScenarioError(null)} />
        <Group mt="md">
          <Button variant="light" onClick={() => navigate({ page: 'exerciseScenario', id: null })} data-testid="new-scenario">
            {t('exercise.scenarios.new')}
          </Button>
          <Button variant="default" onClick={() => void importScenario()} data-testid="import-scenario">
            {t('exercise.scenarios.import')}
          </Button>
        </Group>
      </Card>
    </Stack>
  );
}
