/**
 * What every wizard step shares: the props it receives and the row of buttons at its bottom.
 * Kept apart from WizardPage so that the steps do not import the page that imports them.
 */
import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail, WizardPolicy } from '../../bindings';
import type { IncidentAction } from '../../useIncidentAction';

/** What every step receives: the incident as stored, and how to act on it. */
export type StepProps = {
  detail: IncidentDetail;
  policy: WizardPolicy;
  /** Runs a command that answers with the incident, shows its error if it fails. */
  act: IncidentAction;
  /** Moves to another step (the incident remembers it). */
  goTo: (step: number) => Promise<void>;
};

/** The row of buttons at the bottom of a step. */
export function StepActions({
  step,
  goTo,
  onNext,
  nextLabel,
  busy,
}: {
  step: number;
  goTo: (step: number) => Promise<void>;
  onNext?: () => void | Promise<void>;
  nextLabel?: string;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mt="lg">
      {step > 0 ? (
        <Button variant="default" onClick={() => void goTo(step - 1)} data-testid="wizard-back">
          {t('wizard.back')}
        </Button>
      ) : (
        <span />
      )}
      {onNext && (
        <Button size="md" onClick={() => void onNext()} loading={busy} data-testid="wizard-next">
          {nextLabel ?? t('wizard.next')}
        </Button>
      )}
    </Group>
  );
}
