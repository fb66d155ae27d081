/**
 * What every wizard step shares: the props it receives and the row of buttons at its bottom.
 * Kept apart from WizardPage so that the steps do not import the page that imports them.
 */
import { useRef } from 'react';
import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail, StepConfirmations, WizardPolicy } from '../../bindings';
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

/**
 * The step's last confirmation as its form was opened: sent with the form's confirmation, which is
 * refused when someone else confirmed the step since (on another PC). `after` moves it on with
 * the incident this form's own confirmation answered.
 */
export function useConfirmationBasis(detail: IncidentDetail, step: keyof StepConfirmations) {
  const basis = useRef(detail.confirmations[step]);
  return {
    basis: () => basis.current,
    after: (updated: IncidentDetail | null) => {
      if (updated) basis.current = updated.confirmations[step];
      return updated;
    },
  };
}

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
