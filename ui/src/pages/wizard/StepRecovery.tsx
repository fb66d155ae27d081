// Step 6 — recovery and prevention, then close. Closing is refused while a mandatory report is
// neither sent nor explicitly decided against; the refusal says which.
import { Alert, Button, Group, Stack, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { Recovery } from '../../bindings';
import { ConfirmButton } from '../../components/ConfirmButton';
import { useNavigate } from '../../navigation';
import { useStepDraft } from './useStepDraft';
import { StepActions, type StepProps, useConfirmationBasis } from './StepActions';

const FIELDS: (keyof Recovery)[] = [
  'cause',
  'secondary_damage',
  'subject_response',
  'publication',
  'measures_taken',
  'measures_planned',
  'lessons',
];

export function StepRecovery({ detail, act, goTo }: StepProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [fields, update] = useStepDraft(detail, 'recovery', () => detail.recovery);
  const confirmation = useConfirmationBasis(detail, 'recovery');
  const openMandatory = detail.obligations.filter(
    (o) => o.current && o.duty === 'mandatory' && (o.status === 'not_started' || o.status === 'drafted'),
  );
  const unsaved = FIELDS.some((field) => fields[field] !== detail.recovery[field]);

  const save = async () => confirmation.after(await act(() => api.recordRecovery(detail.id, fields, confirmation.basis())));
  const close = async () => {
    if (unsaved && !(await save())) return;
    const closed = await act(() => api.closeIncident(detail.id));
    if (closed) navigate({ page: 'incident', id: detail.id });
  };

  return (
    <Stack gap="md">
      <Title order={3}>{t('wizard.step.recovery.question')}</Title>
      {FIELDS.map((field) => (
        <Textarea
          key={field}
          label={t(`recovery.${field}`)}
          description={t(`recovery.${field}Help`)}
          value={fields[field]}
          onChange={(e) => update({ [field]: e.currentTarget.value })}
          autosize
          minRows={2}
          maxRows={12}
          data-testid={`recovery-${field}`}
        />
      ))}
      {openMandatory.length > 0 && (
        <Alert color="orange" data-testid="close-blocked">
          {t('wizard.step.recovery.openMandatory', {
            list: openMandatory.map((o) => t(`reporting.authority.${o.authority}`)).join(t('common.listSeparator')),
          })}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={() => void save()} disabled={!unsaved} data-testid="save-recovery">
          {t('wizard.step.recovery.save')}
        </Button>
        <ConfirmButton
          color="green"
          question={t('wizard.step.recovery.closeConfirm')}
          confirmLabel={t('wizard.step.recovery.close')}
          onConfirm={close}
          disabled={detail.status === 'closed'}
          testId="close-incident"
        >
          {t('wizard.step.recovery.close')}
        </ConfirmButton>
      </Group>
      <StepActions step={5} goTo={goTo} />
    </Stack>
  );
}
