// The incident wizard: six screens of plain questions, from "something happened" to closing.
// It resumes where the incident was left, with whatever had been typed; each "next" confirms
// the step into the company file (and its timeline) before moving on.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Stack, Stepper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../../api';
import { useIncidentAction } from '../../useIncidentAction';
import type { IncidentDetail, StepConfirmations, WizardDrafts, WizardPolicy } from '../../bindings';
import { ConfirmButton } from '../../components/ConfirmButton';
import { useNewerElsewhere } from '../../companyChanges';
import { NewerElsewhere, SaveRefusal } from '../../components/ChangedElsewhere';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNavigate } from '../../navigation';
import { StepWhatHappened } from './StepWhatHappened';
import { StepSeverity } from './StepSeverity';
import { StepCalls } from './StepCalls';
import { StepFirstResponse } from './StepFirstResponse';
import { StepReporting } from './StepReporting';
import { StepRecovery } from './StepRecovery';
import type { StepProps } from './StepActions';
import { retryDraftSaves, useDraftSaveProblem } from './useStepDraft';

export const STEP_KEYS = ['what', 'severity', 'calls', 'firstResponse', 'reporting', 'recovery'] as const;

/** The steps whose answers a person confirms: their draft and their confirmation, by step. */
const CONFIRMED_STEPS: Partial<Record<number, { draft: keyof WizardDrafts; confirmation: keyof StepConfirmations }>> = {
  0: { draft: 'what_happened', confirmation: 'basics' },
  1: { draft: 'severity', confirmation: 'severity' },
  4: { draft: 'reporting', confirmation: 'interview' },
  5: { draft: 'recovery', confirmation: 'recovery' },
};

/** How far an incident has been taken: its step, its confirmed answers and its timeline. */
function progressOf(detail: IncidentDetail) {
  return { step: detail.wizard_step, confirmations: detail.confirmations, timeline: detail.timeline.map((e) => e.id) };
}

export function WizardPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [detail, setDetail] = useState<IncidentDetail | null>(null);
  const [policy, setPolicy] = useState<WizardPolicy | null>(null);
  const { act, error, setError } = useIncidentAction(setDetail);
  const draftNotSaved = useDraftSaveProblem();
  /** Bumped to draw the step afresh after loading the latest. */
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    Promise.all([api.incidentDetail(id), api.wizardPolicy()])
      .then(([loaded, loadedPolicy]) => {
        setDetail(loaded);
        setPolicy(loadedPolicy);
      })
      .catch((e) => setError(asErrorReport(e)));
  }, [id, setError]);

  // Another PC took the incident further (confirmed a step, recorded something): said in the
  // window's corner; the step keeps what is typed meanwhile. Drafts typed elsewhere do not count.
  const [newerElsewhere, seenNewer] = useNewerElsewhere(['incidents'], detail, () => api.incidentDetail(id), progressOf);

  /** Reads the incident as it is now and draws the step afresh from it. */
  const loadLatest = useCallback(() => {
    seenNewer();
    api.incidentDetail(id).then(
      (now) => {
        // The step starts from the answers now confirmed, not from this PC's draft of it.
        const draft = CONFIRMED_STEPS[now.wizard_step]?.draft;
        setDetail(draft ? { ...now, wizard_draft: { ...now.wizard_draft, [draft]: null } } : now);
        setError(null);
        setGeneration((g) => g + 1);
      },
      (e) => setError(asErrorReport(e)),
    );
  }, [id, setError, seenNewer]);

  const goTo = useCallback(
    async (step: number) => {
      await act(() => api.goToWizardStep(id, step));
    },
    [act, id],
  );

  if (!detail || !policy) {
    return error ? <ErrorAlert error={error} /> : <Loader />;
  }
  const props: StepProps = { detail, policy, act, goTo };
  const recorded = detail.timeline.length > 0;
  const step = detail.wizard_step;

  const discard = async () => {
    try {
      await api.discardIncident(id);
      navigate({ page: 'home' });
    } catch (e) {
      setError(asErrorReport(e));
    }
  };

  return (
    <Stack gap="md" data-testid="wizard">
      {draftNotSaved && (
        <Alert color="orange" data-testid="draft-not-saved">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{t('wizard.draftNotSaved')}</Text>
            <Button size="xs" variant="light" color="orange" onClick={retryDraftSaves} data-testid="draft-retry">
              {t('wizard.draftRetry')}
            </Button>
          </Group>
        </Alert>
      )}
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Title order={2}>{detail.title || t('wizard.newIncident')}</Title>
          <Text size="sm" c="dimmed">
            {t('wizard.savedAsYouType')}
          </Text>
        </div>
        <Group gap="xs" wrap="nowrap">
          {detail.level !== null && (
            <Badge size="lg" color={detail.level >= 3 ? 'red' : detail.level === 2 ? 'orange' : 'gray'}>
              {t('incident.level', { level: detail.level })}
            </Badge>
          )}
          {recorded ? (
            <Button variant="default" onClick={() => navigate({ page: 'incident', id })} data-testid="wizard-to-detail">
              {t('wizard.toDetail')}
            </Button>
          ) : (
            <ConfirmButton
              variant="subtle"
              color="red"
              question={t('wizard.discardConfirm')}
              confirmLabel={t('wizard.discard')}
              onConfirm={discard}
              testId="wizard-discard"
            >
              {t('wizard.discard')}
            </ConfirmButton>
          )}
        </Group>
      </Group>

      <Stepper
        active={step}
        onStepClick={(target) => void goTo(target)}
        allowNextStepsSelect={false}
        size="sm"
        data-testid="wizard-stepper"
      >
        {STEP_KEYS.map((key, index) => (
          <Stepper.Step
            key={key}
            label={t(`wizard.step.${key}.label`)}
            allowStepSelect={recorded && index !== step && index <= furthestReached(detail)}
            data-testid={`wizard-step-${index}`}
          />
        ))}
      </Stepper>

      <SaveRefusal
        error={error}
        onClose={() => setError(null)}
        findChange={async () => {
          // From the incident as it is now: the step's confirmation that came first, or else (a
          // report marked on another PC) the first entry recorded since this screen read it.
          const now = await api.incidentDetail(id);
          const confirmation = CONFIRMED_STEPS[step]?.confirmation;
          const entry = confirmation ? now.confirmations[confirmation] : null;
          const confirmedElsewhere = confirmation && entry !== detail.confirmations[confirmation];
          const seen = Math.max(0, ...detail.timeline.map((e) => e.id));
          return now.timeline.find((e) => (confirmedElsewhere ? e.id === entry : e.id > seen)) ?? null;
        }}
        onReload={loadLatest}
      />

      <div key={`${detail.id}-${step}-${generation}`}>
        {step === 0 && <StepWhatHappened {...props} />}
        {step === 1 && <StepSeverity {...props} />}
        {step === 2 && <StepCalls {...props} />}
        {step === 3 && <StepFirstResponse {...props} />}
        {step === 4 && <StepReporting {...props} />}
        {step === 5 && <StepRecovery {...props} />}
      </div>
      {/* A save refused for the same reason says so itself, with the same button. */}
      {newerElsewhere && error?.code !== 'changed_elsewhere' && (
        <NewerElsewhere title={t('changedElsewhere.newerIncident')} onReload={loadLatest} />
      )}
    </Stack>
  );
}

/** The furthest step whose predecessors are confirmed: a step may be revisited once reached. */
function furthestReached(detail: IncidentDetail): number {
  if (detail.timeline.length === 0) return 0;
  if (detail.level === null) return 1;
  if (detail.facts === null) return 4;
  return 5;
}
