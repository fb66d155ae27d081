// 事業継続計画: assumed incidents, the damaged targets with who recovers them and whom they call,
// and the exercises that check the plan (an exercise confirms the contacts it reached).
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { Button, Card, Group, Select, Stack, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../../api';
import type {
  ChangedEntity,
  ContactRef,
  EditableBcp,
  EditableExercise,
  EditableScenario,
  EditableTarget,
  ErrorReport,
} from '../../bindings';
import { useNewerElsewhere } from '../../companyChanges';
import { type FindOtherChange, lastChangeFinder, NewerElsewhere, SaveRefusal } from '../../components/ChangedElsewhere';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ContactListPicker, useContactOptions } from '../../components/ContactListPicker';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ReviewCard } from '../../components/Readiness';
import { formatDue } from '../../deadline';
import { today } from '../../datetime';
import { lastChangeOf, useSave } from '../policy/useEditor';
import { JigyokeiTab } from './JigyokeiTab';

type Options = { value: string; label: string }[];

/** Reads the plan again and draws every card afresh from it: "load the latest" after a save was
 * refused because someone else changed the entry first. */
const ReloadBcpContext = createContext<() => void>(() => {});

export function BcpPage() {
  const { t } = useTranslation();
  const [bcp, setBcp] = useState<EditableBcp | null>(null);
  const [roles, setRoles] = useState<Options>([]);
  const [error, setError] = useState<ErrorReport | null>(null);
  const contacts = useContactOptions();
  const load = useCallback(() => {
    api.editablePolicy().then(
      (p) => setRoles(p.roles.map((r) => ({ value: String(r.id), label: r.name }))),
      () => {},
    );
    return api.editableBcp().then(setBcp, (e) => setError(asErrorReport(e)));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const [tab, setTab] = useState<string | null>('targets');
  /** Bumped to draw every card afresh from the plan as it is now. */
  const [generation, setGeneration] = useState(0);
  // Another PC changed the plan: said in the window's corner; the cards keep what is typed meanwhile.
  const [newerElsewhere, seenNewer] = useNewerElsewhere(['bcp'], bcp, api.editableBcp);
  const reloadAfresh = useCallback(() => {
    seenNewer();
    void load().then(() => setGeneration((g) => g + 1));
  }, [load, seenNewer]);

  return (
    <Stack gap="md">
      <Title order={2}>{t('bcp.title')}</Title>
      <Text size="sm">{t('bcp.help')}</Text>
      <ReviewCard part="bcp" />
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {bcp && (
        <ReloadBcpContext.Provider value={reloadAfresh}>
          <Tabs key={generation} value={tab} onChange={setTab} keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="scenarios">{t('bcp.tab.scenarios')}</Tabs.Tab>
              <Tabs.Tab value="targets">{t('bcp.tab.targets')}</Tabs.Tab>
              <Tabs.Tab value="exercises" data-testid="tab-exercises">
                {t('bcp.tab.exercises')}
              </Tabs.Tab>
              <Tabs.Tab value="jigyokei" data-testid="tab-jigyokei">
                {t('jigyokei.tab')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="scenarios" pt="md">
              <Stack gap="md" maw={900}>
                {bcp.scenarios.map((scenario) => (
                  <ScenarioCard key={scenario.id} scenario={scenario} onChange={setBcp} />
                ))}
                <Title order={4}>{t('bcp.scenario.add')}</Title>
                <ScenarioCard key={bcp.scenarios.length} scenario={null} onChange={setBcp} />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="targets" pt="md">
              <Stack gap="md" maw={1000}>
                {bcp.targets.map((target) => (
                  <TargetCard key={target.id} target={target} roles={roles} contacts={contacts} onChange={setBcp} />
                ))}
                <Title order={4}>{t('bcp.target.add')}</Title>
                <TargetCard key={bcp.targets.length} target={null} roles={roles} contacts={contacts} onChange={setBcp} />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="exercises" pt="md">
              <Stack gap="md" maw={1000}>
                <Title order={4}>{t('bcp.exercise.add')}</Title>
                <Text size="sm">{t('bcp.exercise.help')}</Text>
                <ExerciseCard
                  key={bcp.exercises.length}
                  exercise={null}
                  scenarios={bcp.scenarios}
                  contacts={contacts}
                  onChange={setBcp}
                />
                {bcp.exercises.map((exercise) => (
                  <ExerciseCard
                    key={exercise.id}
                    exercise={exercise}
                    scenarios={bcp.scenarios}
                    contacts={contacts}
                    onChange={setBcp}
                  />
                ))}
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="jigyokei" pt="md">
              <JigyokeiTab />
            </Tabs.Panel>
          </Tabs>
        </ReloadBcpContext.Provider>
      )}
      {newerElsewhere && <NewerElsewhere title={t('changedElsewhere.newerBcp')} onReload={reloadAfresh} />}
    </Stack>
  );
}

/**
 * A card's saves and deletion of `entry` (null: a new one), each sent with the entry's last change
 * the card's text is based on, so that one made over someone else's change is refused. `entriesOf`
 * finds the entry's kind in the plan a save answers with, to take its new last change.
 */
function useEntrySave<E extends { id: number; last_change_id: number | null }>(
  entity: ChangedEntity,
  entry: E | null,
  entriesOf: (bcp: EditableBcp) => E[],
  onChange: (bcp: EditableBcp) => void,
) {
  const state = useSave();
  const [basis, setBasis] = useState(entry?.last_change_id ?? null);
  const run = (write: (basis: number | null) => Promise<EditableBcp>) =>
    state.save(async () => {
      const after = await write(basis);
      if (entry) setBasis(lastChangeOf(entriesOf(after), (e) => e.id === entry.id));
      onChange(after);
    });
  return { state, run, findChange: lastChangeFinder(entity, entry?.id ?? null) };
}

function SaveRow({
  saveLabel,
  onSave,
  onDelete,
  deleteQuestion,
  disabled,
  state,
  findChange,
  testId,
}: {
  saveLabel: string;
  onSave: () => void;
  onDelete?: () => Promise<void>;
  deleteQuestion?: string;
  disabled?: boolean;
  state: ReturnType<typeof useSave>;
  findChange: FindOtherChange;
  testId: string;
}) {
  const { t } = useTranslation();
  const reload = useContext(ReloadBcpContext);
  return (
    <>
      <SaveRefusal error={state.error} onClose={state.clearError} findChange={findChange} onReload={reload} />
      <Group justify="space-between">
        <Group>
          <Button loading={state.busy} disabled={disabled} onClick={onSave} data-testid={`${testId}-save`}>
            {saveLabel}
          </Button>
          {state.saved && onDelete && <Text c="green.8">{t('contacts.saved')}</Text>}
        </Group>
        {onDelete && deleteQuestion && (
          <ConfirmButton
            variant="subtle"
            color="red"
            question={deleteQuestion}
            confirmLabel={t('contact.delete')}
            onConfirm={onDelete}
            testId={`${testId}-delete`}
          >
            {t('contact.delete')}
          </ConfirmButton>
        )}
      </Group>
    </>
  );
}

function ScenarioCard({ scenario, onChange }: { scenario: EditableScenario | null; onChange: (b: EditableBcp) => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(scenario?.title ?? '');
  const [reason, setReason] = useState(scenario?.reason ?? '');
  const { state, run, findChange } = useEntrySave('bcp_scenario', scenario, (b) => b.scenarios, onChange);
  return (
    <Card withBorder padding="md">
      <Stack gap="xs">
        <TextInput label={t('bcp.scenario.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
        <Textarea
          label={t('bcp.scenario.reason')}
          autosize
          minRows={1}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <SaveRow
          state={state}
          saveLabel={scenario ? t('contact.save') : t('bcp.scenario.addButton')}
          disabled={title.trim() === ''}
          findChange={findChange}
          onSave={() => void run((basis) => api.saveScenario(scenario?.id ?? null, { title, reason }, basis))}
          onDelete={scenario ? () => run((basis) => api.deleteScenario(scenario.id, basis)) : undefined}
          deleteQuestion={t('bcp.deleteConfirm', { name: scenario?.title ?? '' })}
          testId={scenario ? `scenario-${scenario.id}` : 'new-scenario'}
        />
      </Stack>
    </Card>
  );
}

function TargetCard({
  target,
  roles,
  contacts,
  onChange,
}: {
  target: EditableTarget | null;
  roles: Options;
  contacts: Options;
  onChange: (b: EditableBcp) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(target?.name ?? '');
  const [role, setRole] = useState<string | null>(target?.recovery_role_id == null ? null : String(target.recovery_role_id));
  const [owner, setOwner] = useState<string | null>(target?.recovery_contact ? String(target.recovery_contact.id) : null);
  const [related, setRelated] = useState<ContactRef[]>(target?.related_contacts ?? []);
  const [hint, setHint] = useState(target?.related_contacts_hint ?? '');
  const [time, setTime] = useState(target?.target_recovery_time ?? '');
  const [steps, setSteps] = useState((target?.recovery_steps ?? []).join('\n'));
  const { state, run, findChange } = useEntrySave('bcp_target', target, (b) => b.targets, onChange);
  const input = () => ({
    name,
    recovery_role_id: role === null ? null : Number(role),
    recovery_contact_id: owner === null ? null : Number(owner),
    related_contact_ids: related.map((c) => c.id),
    related_contacts_hint: hint,
    target_recovery_time: time,
    recovery_steps: steps
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
  });
  return (
    <Card withBorder padding="md" data-testid={target ? `target-${target.id}` : 'new-target'}>
      <Stack gap="xs">
        <Group grow align="flex-start">
          <TextInput label={t('bcp.target.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <TextInput
            label={t('history.field.target_recovery_time')}
            placeholder={t('bcp.target.timePlaceholder')}
            value={time}
            onChange={(e) => setTime(e.currentTarget.value)}
          />
        </Group>
        <Group grow align="flex-start">
          <Select label={t('history.field.recovery_role')} clearable data={roles} value={role} onChange={setRole} />
          <Select
            label={t('history.field.recovery_contact')}
            clearable
            searchable
            limit={50}
            data={contacts}
            value={owner}
            onChange={setOwner}
          />
        </Group>
        <Text size="sm" fw={600}>
          {t('history.field.related_contacts')}
        </Text>
        <ContactListPicker
          value={related}
          onChange={setRelated}
          options={contacts}
          label={t('bcp.target.addRelated')}
          testId="related-contacts"
        />
        <Textarea
          label={t('history.field.related_contacts_hint')}
          autosize
          minRows={1}
          value={hint}
          onChange={(e) => setHint(e.currentTarget.value)}
        />
        <Textarea
          label={t('bcp.target.steps')}
          description={t('bcp.target.stepsHelp')}
          autosize
          minRows={2}
          value={steps}
          onChange={(e) => setSteps(e.currentTarget.value)}
        />
        <SaveRow
          state={state}
          saveLabel={target ? t('contact.save') : t('bcp.target.addButton')}
          disabled={name.trim() === ''}
          findChange={findChange}
          onSave={() => void run((basis) => api.saveTarget(target?.id ?? null, input(), basis))}
          onDelete={target ? () => run((basis) => api.deleteTarget(target.id, basis)) : undefined}
          deleteQuestion={t('bcp.deleteConfirm', { name: target?.name ?? '' })}
          testId={target ? `target-${target.id}` : 'new-target'}
        />
      </Stack>
    </Card>
  );
}

function ExerciseCard({
  exercise,
  scenarios,
  contacts,
  onChange,
}: {
  exercise: EditableExercise | null;
  scenarios: EditableScenario[];
  contacts: Options;
  onChange: (b: EditableBcp) => void;
}) {
  const { t, i18n } = useTranslation();
  const [heldOn, setHeldOn] = useState(exercise?.held_on ?? today());
  const [scenario, setScenario] = useState<string | null>(exercise?.scenario_id == null ? null : String(exercise.scenario_id));
  const [participants, setParticipants] = useState(exercise?.participants ?? '');
  const [worked, setWorked] = useState(exercise?.what_worked ?? '');
  const [unreachable, setUnreachable] = useState(exercise?.unreachable ?? '');
  const [followUps, setFollowUps] = useState(exercise?.follow_ups ?? '');
  const [confirmed, setConfirmed] = useState<ContactRef[]>(exercise?.confirmed_contacts ?? []);
  const { state, run, findChange } = useEntrySave('bcp_exercise', exercise, (b) => b.exercises, onChange);
  const input = () => ({
    held_on: heldOn,
    scenario_id: scenario === null ? null : Number(scenario),
    participants,
    what_worked: worked,
    unreachable,
    follow_ups: followUps,
    confirmed_contact_ids: confirmed.map((c) => c.id),
  });
  return (
    <Card withBorder padding="md" data-testid={exercise ? 'exercise' : 'new-exercise'}>
      <Stack gap="xs">
        {exercise && <Text fw={600}>{formatDue(exercise.held_on, i18n.language)}</Text>}
        <Group grow align="flex-start">
          <TextInput
            label={t('history.field.held_on')}
            placeholder="2026-11-22"
            value={heldOn}
            onChange={(e) => setHeldOn(e.currentTarget.value)}
            data-testid="exercise-date"
          />
          <Select
            label={t('history.field.scenario')}
            clearable
            data={scenarios.map((s) => ({ value: String(s.id), label: s.title }))}
            value={scenario}
            onChange={setScenario}
          />
        </Group>
        <Textarea
          label={t('history.field.participants')}
          autosize
          minRows={1}
          value={participants}
          onChange={(e) => setParticipants(e.currentTarget.value)}
        />
        <Textarea
          label={t('history.field.what_worked')}
          autosize
          minRows={1}
          value={worked}
          onChange={(e) => setWorked(e.currentTarget.value)}
        />
        <Textarea
          label={t('history.field.unreachable')}
          autosize
          minRows={1}
          value={unreachable}
          onChange={(e) => setUnreachable(e.currentTarget.value)}
        />
        <Textarea
          label={t('history.field.follow_ups')}
          autosize
          minRows={1}
          value={followUps}
          onChange={(e) => setFollowUps(e.currentTarget.value)}
        />
        <Text size="sm" fw={600}>
          {t('history.field.confirmed_contacts')}
        </Text>
        <ContactListPicker
          value={confirmed}
          onChange={setConfirmed}
          options={contacts}
          label={t('bcp.exercise.addConfirmed')}
          testId="exercise-confirmed"
        />
        <SaveRow
          state={state}
          saveLabel={exercise ? t('contact.save') : t('bcp.exercise.record')}
          findChange={findChange}
          onSave={() => void run((basis) => api.saveExercise(exercise?.id ?? null, input(), basis))}
          onDelete={exercise ? () => run((basis) => api.deleteExercise(exercise.id, basis)) : undefined}
          deleteQuestion={t('bcp.exercise.deleteConfirm')}
          testId={exercise ? `exercise-${exercise.id}` : 'new-exercise'}
        />
      </Stack>
    </Card>
  );
}
