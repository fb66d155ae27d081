// The scenario editor: a consultant or an owner writes an exercise scenario for this company —
// title, situation, kind of incident, length, and the injects with when each comes out — or
// starts from a built-in one. The core checks every rule when it is saved and says which one is
// broken; nothing is saved until all hold.
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Group, NumberInput, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../../api';
import type { ErrorReport, ExerciseStep, Inject, ScenarioSpec } from '../../bindings';
import { useNewerElsewhere } from '../../companyChanges';
import { lastChangeFinder, NewerElsewhere, SaveRefusal } from '../../components/ChangedElsewhere';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNavigate } from '../../navigation';
import { STEPS } from './ExerciseReference';

const BLANK: ScenarioSpec = {
  title: '',
  description: '',
  category: 'leak',
  duration_hours: 24,
  injects: [{ at_minutes: 0, text: '', question: '', step: null }],
};

const CATEGORIES = ['leak', 'tampering', 'malware', 'none'] as const;

export function ScenarioEditorPage({ id, from }: { id: number | null; from?: ScenarioSpec }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [spec, setSpec] = useState<ScenarioSpec | null>(id === null ? (from ?? BLANK) : null);
  const [error, setError] = useState<ErrorReport | null>(null);
  /** The scenario as stored when the editor read it: sent with the save, which is refused when
   * someone else saved the scenario since. */
  const [asRead, setAsRead] = useState<ScenarioSpec | null>(null);

  /** The scenario as stored now; null when it is not (or no longer) there. */
  const readStored = useCallback(async () => {
    const list = await api.exerciseScenarios();
    return list.find((s) => s.source.kind === 'company' && s.source.id === id)?.spec ?? null;
  }, [id]);
  const load = useCallback(() => {
    if (id === null) return;
    setError(null);
    readStored().then(
      (found) => {
        if (found) {
          setSpec(found);
          setAsRead(found);
        }
      },
      (e) => setError(asErrorReport(e)),
    );
  }, [id, readStored]);
  useEffect(load, [load]);
  // Another PC changed this scenario: said in the window's corner; the editor keeps what is typed.
  const [newerElsewhere, seenNewer] = useNewerElsewhere(['exercises'], asRead, async () => {
    const found = await readStored();
    // Deleted elsewhere: nothing to show; the save says it is gone.
    if (!found) throw new Error('no longer there');
    return found;
  });
  const loadLatest = () => {
    seenNewer();
    load();
  };

  if (!spec) return <ErrorAlert error={error} />;

  const setInject = (index: number, change: Partial<Inject>) =>
    setSpec({ ...spec, injects: spec.injects.map((inject, i) => (i === index ? { ...inject, ...change } : inject)) });
  const save = async () => {
    setError(null);
    try {
      await api.saveExerciseScenario(id, spec, asRead);
      navigate({ page: 'exercises' });
    } catch (e) {
      setError(asErrorReport(e));
    }
  };

  return (
    <Stack gap="md" maw={900} data-testid="scenario-editor">
      <Title order={2}>{t(id === null ? 'exercise.editor.titleNew' : 'exercise.editor.titleEdit')}</Title>
      <TextInput
        label={t('exercise.editor.title')}
        value={spec.title}
        onChange={(e) => setSpec({ ...spec, title: e.currentTarget.value })}
        maxLength={200}
        data-testid="scenario-title"
      />
      <Textarea
        label={t('exercise.editor.description')}
        value={spec.description}
        onChange={(e) => setSpec({ ...spec, description: e.currentTarget.value })}
        autosize
        minRows={2}
        data-testid="scenario-description"
      />
      <Group grow>
        <Select
          label={t('exercise.editor.category')}
          data={CATEGORIES.map((c) => ({ value: c, label: t(`exercise.category.${c}`) }))}
          value={spec.category ?? 'none'}
          onChange={(value) => setSpec({ ...spec, category: value === 'none' || value === null ? null : value })}
          allowDeselect={false}
        />
        <NumberInput
          label={t('exercise.editor.duration')}
          value={spec.duration_hours}
          onChange={(value) => setSpec({ ...spec, duration_hours: Number(value) || 0 })}
          min={1}
          max={720}
          allowDecimal={false}
          data-testid="scenario-duration"
        />
      </Group>

      <Title order={3}>{t('exercise.editor.injects')}</Title>
      <Text size="sm">{t('exercise.editor.injectsHelp')}</Text>
      {spec.injects.map((inject, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: injects have no identity but their place
        <Card key={index} withBorder padding="sm" data-testid={`scenario-inject-${index}`}>
          <Group align="flex-end" wrap="nowrap">
            <NumberInput
              label={t('exercise.editor.atHours')}
              value={Math.floor(inject.at_minutes / 60)}
              onChange={(value) => setInject(index, { at_minutes: (Number(value) || 0) * 60 + (inject.at_minutes % 60) })}
              min={0}
              max={720}
              allowDecimal={false}
              w={110}
              data-testid="inject-at-hours"
            />
            <NumberInput
              label={t('exercise.editor.atMinutes')}
              value={inject.at_minutes % 60}
              onChange={(value) =>
                setInject(index, { at_minutes: Math.floor(inject.at_minutes / 60) * 60 + (Number(value) || 0) })
              }
              min={0}
              max={59}
              allowDecimal={false}
              w={110}
              data-testid="inject-at-minutes"
            />
            <Select
              label={t('exercise.editor.step')}
              data={[
                { value: '', label: t('exercise.editor.noStep') },
                ...STEPS.map((s) => ({ value: s, label: t(`exercise.run.tabs.${s}`) })),
              ]}
              value={inject.step ?? ''}
              onChange={(value) => setInject(index, { step: value ? (value as ExerciseStep) : null })}
              allowDeselect={false}
              w={200}
            />
            <Button
              variant="subtle"
              color="red"
              size="compact-sm"
              disabled={spec.injects.length === 1}
              onClick={() => setSpec({ ...spec, injects: spec.injects.filter((_, i) => i !== index) })}
            >
              {t('exercise.editor.removeInject')}
            </Button>
          </Group>
          <Textarea
            mt="xs"
            label={t('exercise.editor.text')}
            value={inject.text}
            onChange={(e) => setInject(index, { text: e.currentTarget.value })}
            autosize
            minRows={2}
            data-testid="inject-text-input"
          />
          <TextInput
            mt="xs"
            label={t('exercise.editor.question')}
            value={inject.question}
            onChange={(e) => setInject(index, { question: e.currentTarget.value })}
            data-testid="inject-question-input"
          />
        </Card>
      ))}
      <Group>
        <Button
          variant="light"
          onClick={() => {
            const last = spec.injects.at(-1)?.at_minutes ?? 0;
            setSpec({ ...spec, injects: [...spec.injects, { at_minutes: last, text: '', question: '', step: null }] });
          }}
          data-testid="add-inject"
        >
          {t('exercise.editor.addInject')}
        </Button>
      </Group>
      <SaveRefusal
        error={error}
        onClose={() => setError(null)}
        findChange={lastChangeFinder('exercise_scenario', id)}
        onReload={loadLatest}
      />
      <Group>
        <Button onClick={() => void save()} data-testid="save-scenario">
          {t('exercise.editor.save')}
        </Button>
        <Button variant="default" onClick={() => navigate({ page: 'exercises' })}>
          {t('exercise.editor.cancel')}
        </Button>
      </Group>
      {newerElsewhere && <NewerElsewhere title={t('changedElsewhere.newerScenario')} onReload={loadLatest} />}
    </Stack>
  );
}
