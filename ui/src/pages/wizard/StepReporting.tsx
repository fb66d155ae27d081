// Step 5 — personal data and reporting: the assessment's facts asked plainly, then who must or
// should be told, why and by when. The facts can be revised later; the obligations follow and
// the revision is logged.
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, NumberInput, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { Facts, IncidentCategory } from '../../bindings';
import { ObligationCard } from '../../components/ObligationCard';
import { useStepDraft } from './useStepDraft';
import { StepActions, type StepProps } from './WizardPage';

type Fields = Facts & { personal: boolean };

const CATEGORIES: IncidentCategory[] = ['leak', 'tampering', 'outage', 'malware', 'other'];
const PERSONAL_FLAGS = [
  'sensitive',
  'financial_damage_risk',
  'unlawful_purpose',
  'high_level_encryption',
  'recovered_unviewed',
  'entrusted_by_client_notified',
] as const;
const PERSONAL_COUNTS = ['subjects', 'my_number_subjects', 'eu_subjects'] as const;
const INCIDENT_FLAGS = ['unauthorized_access', 'malware', 'crime_suspected'] as const;

export function StepReporting({ detail, act, goTo }: StepProps) {
  const { t } = useTranslation();
  const start = (detail.facts ?? detail.suggested_facts) as Facts;
  const [fields, update] = useStepDraft<Fields>(detail, 4, () => ({
    ...start,
    personal: start.personal_data.subjects > 0,
  }));
  const [dirty, setDirty] = useState(false);
  const change = (patch: Partial<Fields>) => {
    setDirty(true);
    update(patch);
  };
  const setPersonal = (patch: Partial<Facts['personal_data']>) =>
    change({ personal_data: { ...fields.personal_data, ...patch } });

  const assess = async () => {
    const facts: Facts = {
      discovered_at: detail.discovered_at,
      occurred_at: fields.occurred_at,
      stage: fields.stage,
      category: fields.category,
      unauthorized_access: fields.unauthorized_access,
      malware: fields.malware,
      crime_suspected: fields.crime_suspected,
      personal_data: fields.personal
        ? fields.personal_data
        : { ...fields.personal_data, subjects: 0, my_number_subjects: 0, eu_subjects: 0 },
      entrusted_data: fields.entrusted_data,
      organization: fields.organization,
    };
    const saved = await act(() => api.recordFacts(detail.id, facts));
    if (saved) setDirty(false);
  };

  const organization = [
    fields.organization.privacy_mark && t('company.privacyMark'),
    fields.organization.isms_certified && t('company.isms'),
    t(`company.sector.${fields.organization.sector}`),
  ].filter(Boolean);
  const obligations = detail.obligations.filter((o) => o.current || o.status !== 'not_started');
  const assessed = detail.facts !== null;

  return (
    <Stack gap="md">
      <Title order={3}>{t('wizard.step.reporting.question')}</Title>
      <Select
        label={t('wizard.step.reporting.category')}
        data={CATEGORIES.map((value) => ({ value, label: t(`facts.category.${value}`) }))}
        value={fields.category}
        onChange={(value) => value && change({ category: value as IncidentCategory })}
        allowDeselect={false}
        maw={420}
        data-testid="fact-category"
      />
      <Stack gap={6}>
        {INCIDENT_FLAGS.map((flag) => (
          <Checkbox
            key={flag}
            label={t(`facts.${flag}`)}
            checked={fields[flag]}
            onChange={(e) => change({ [flag]: e.currentTarget.checked })}
            data-testid={`fact-${flag}`}
          />
        ))}
      </Stack>
      <Checkbox
        size="md"
        fw={600}
        label={t('facts.personal')}
        checked={fields.personal}
        onChange={(e) => change({ personal: e.currentTarget.checked })}
        data-testid="fact-personal"
      />
      {fields.personal && (
        <Stack gap="xs" pl="lg" style={{ borderLeft: '3px solid var(--mantine-color-blue-2)' }}>
          <Group grow align="flex-start">
            {PERSONAL_COUNTS.map((count) => (
              <NumberInput
                key={count}
                label={t(`facts.${count}`)}
                min={0}
                allowDecimal={false}
                allowNegative={false}
                thousandSeparator=","
                value={fields.personal_data[count]}
                onChange={(value) => setPersonal({ [count]: typeof value === 'number' ? value : Number(value) || 0 })}
                data-testid={`fact-${count}`}
              />
            ))}
          </Group>
          {PERSONAL_FLAGS.map((flag) => (
            <Checkbox
              key={flag}
              label={t(`facts.${flag}`)}
              checked={fields.personal_data[flag]}
              onChange={(e) => setPersonal({ [flag]: e.currentTarget.checked })}
              data-testid={`fact-${flag}`}
            />
          ))}
        </Stack>
      )}
      <Text size="xs" c="dimmed">
        {t('wizard.step.reporting.organization', { list: organization.join(t('common.separator')) })}
      </Text>
      <Group>
        <Button onClick={() => void assess()} variant={assessed && !dirty ? 'default' : 'filled'} data-testid="assess">
          {assessed ? t('wizard.step.reporting.reassess') : t('wizard.step.reporting.assess')}
        </Button>
        {assessed && dirty && <Text size="sm" c="orange.8">{t('wizard.step.reporting.changedSinceAssessed')}</Text>}
      </Group>

      {assessed && (
        <Stack gap="sm" data-testid="obligations">
          <Title order={4}>{t('wizard.step.reporting.whoToTell')}</Title>
          {obligations.length === 0 ? (
            <Alert color="green">{t('wizard.step.reporting.nobody')}</Alert>
          ) : (
            obligations.map((obligation) => (
              <ObligationCard
                key={`${obligation.id}-${obligation.status}`}
                incidentId={detail.id}
                obligation={obligation}
                act={act}
              />
            ))
          )}
        </Stack>
      )}
      <StepActions step={4} goTo={goTo} onNext={assessed ? () => goTo(5) : undefined} />
    </Stack>
  );
}
