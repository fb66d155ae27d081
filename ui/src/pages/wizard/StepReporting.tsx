// Step 5 — personal data and reporting: the assessment's facts asked plainly, then who must or
// should be told, why and by when. It starts from what the earlier steps said (personal data may
// have leaked, the kind of case); an empty count means "not known yet", which never makes a duty
// disappear. The facts can be revised later; the obligations follow and the revision is logged.
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { type Facts, type IncidentCategory, INCIDENT_CATEGORY_VALUES, OWNERSHIP_VALUES } from '../../bindings';
import { ObligationCard } from '../../components/ObligationCard';
import { useStepDraft } from './useStepDraft';
import { StepActions, type StepProps } from './StepActions';
import { DataQuestions } from './DataQuestions';
import { IpaQuestions } from './IpaQuestions';
import { TechnicalQuestions } from './TechnicalQuestions';
import { WhoseDataQuestions } from './WhoseDataQuestions';
import {
  answersFromFacts,
  blocksAssessing,
  completeDraft,
  dataShown,
  detailsFromAnswers,
  factsFromAnswers,
  malwareInvolved,
  technicalAsked,
  type DataAnswers,
  type Ownership,
  type ReportingAnswers,
} from './reportingAnswers';

const INCIDENT_FLAGS = ['unauthorized_access', 'malware', 'crime_suspected'] as const;

export function StepReporting({ detail, act, goTo }: StepProps) {
  const { t } = useTranslation();
  const start = (detail.facts ?? detail.suggested_facts) as Facts;
  const startAnswers = () => answersFromFacts(start, detail.details);
  const [draft, update] = useStepDraft(detail, 'reporting', startAnswers);
  const answers = completeDraft(draft, startAnswers());
  const [dirty, setDirty] = useState(false);
  const change = (patch: Partial<ReportingAnswers>) => {
    setDirty(true);
    update(patch);
  };
  const changeData = (which: 'own' | 'client') => (patch: Partial<DataAnswers>) =>
    change({ [which]: { ...answers[which], ...patch } });

  const { own: showOwn, client: showClient } = dataShown(answers);
  // Recorded as "nothing happened yet", but answered with an attack, malware or personal data:
  // usually an incident, which the near-miss stage would keep from every mandatory report.
  const nearMissLooksLikeIncident =
    detail.stage === 'near_miss' && (answers.unauthorized_access || malwareInvolved(answers) || answers.personal);

  const assess = async () => {
    const facts = factsFromAnswers(answers, detail, start.organization);
    const saved = await act(() => api.recordFacts(detail.id, facts, detailsFromAnswers(answers)));
    if (saved) setDirty(false);
  };

  const organization = [
    start.organization.privacy_mark && t('company.privacyMark'),
    start.organization.isms_certified && t('company.isms'),
    start.organization.cyber_insurance && t('company.cyberInsurance'),
    t(start.organization.gdpr_applies ? 'facts.answers.gdprApplies' : 'facts.answers.gdprNotApplying'),
    t(`company.sector.${start.organization.sector}`),
  ].filter(Boolean);
  const obligations = detail.obligations.filter((o) => o.current || o.status !== 'not_started');
  const assessed = detail.facts !== null;
  const crimeLabel = detail.case_kind === 'lost_device' ? t('facts.answers.stolen') : t('facts.crime_suspected');

  return (
    <Stack gap="md">
      <Title order={3}>{t('wizard.step.reporting.question')}</Title>
      {detail.stage === 'near_miss' && (
        <Alert color="gray" data-testid="near-miss-note">
          {t('facts.answers.nearMissNote')}
        </Alert>
      )}
      {nearMissLooksLikeIncident && (
        <Alert color="orange" data-testid="near-miss-warning">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('facts.answers.nearMissWarning')}</Text>
            <Button size="xs" variant="light" color="orange" onClick={() => void goTo(1)} data-testid="back-to-step-2">
              {t('facts.answers.nearMissBack')}
            </Button>
          </Stack>
        </Alert>
      )}
      <Select
        label={t('wizard.step.reporting.category')}
        data={INCIDENT_CATEGORY_VALUES.map((value) => ({ value, label: t(`facts.category.${value}`) }))}
        value={answers.category}
        onChange={(value) => value && change({ category: value as IncidentCategory })}
        allowDeselect={false}
        maw={420}
        data-testid="fact-category"
      />
      <Stack gap={6}>
        {INCIDENT_FLAGS.map((flag) => (
          <Checkbox
            key={flag}
            label={flag === 'crime_suspected' ? crimeLabel : t(`facts.${flag}`)}
            checked={answers[flag]}
            onChange={(e) => change({ [flag]: e.currentTarget.checked })}
            data-testid={`fact-${flag}`}
          />
        ))}
      </Stack>
      {start.organization.sector === 'telecom' && (
        <Checkbox
          label={t('facts.communicationsSecrecy')}
          description={t('facts.communicationsSecrecyHelp')}
          checked={answers.communicationsSecrecy}
          onChange={(e) => change({ communicationsSecrecy: e.currentTarget.checked })}
          data-testid="fact-communications_secrecy"
        />
      )}
      {malwareInvolved(answers) && <IpaQuestions answers={answers} onChange={change} />}
      {technicalAsked(answers) && (
        <TechnicalQuestions value={answers.technical} onChange={(technical) => change({ technical })} />
      )}
      <Checkbox
        size="md"
        fw={600}
        label={t('facts.personal')}
        checked={answers.personal}
        onChange={(e) => change({ personal: e.currentTarget.checked })}
        data-testid="fact-personal"
      />
      {answers.personal && (
        <Stack gap="md" pl="lg" style={{ borderLeft: '3px solid var(--mantine-color-blue-2)' }}>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('facts.answers.ownership')}
            </Text>
            <SegmentedControl
              w="fit-content"
              value={answers.ownership}
              onChange={(v) => change({ ownership: v as Ownership })}
              data={OWNERSHIP_VALUES.map((value) => ({ value, label: t(`facts.answers.owner.${value}`) }))}
              data-testid="fact-ownership"
            />
          </Stack>
          <WhoseDataQuestions answers={answers} onChange={change} />
          {showOwn && (
            <Stack gap="xs" data-testid="own-data">
              {showClient && <Title order={5}>{t('facts.answers.ownTitle')}</Title>}
              <DataQuestions data={answers.own} onChange={changeData('own')} own prefix="own" />
            </Stack>
          )}
          {showClient && (
            <Stack gap="xs" data-testid="client-data">
              <Title order={5}>{t('facts.answers.clientTitle')}</Title>
              <DataQuestions data={answers.client} onChange={changeData('client')} own={false} prefix="client" />
              <Checkbox
                label={t('facts.answers.clientNotified')}
                description={t('facts.answers.clientNotifiedHelp')}
                checked={answers.clientNotified}
                onChange={(e) => change({ clientNotified: e.currentTarget.checked })}
                data-testid="client-notified"
              />
            </Stack>
          )}
        </Stack>
      )}
      <Text size="xs" c="dimmed">
        {t('wizard.step.reporting.organization', { list: organization.join(t('common.separator')) })}
      </Text>
      <Group>
        <Button
          onClick={() => void assess()}
          variant={assessed && !dirty ? 'default' : 'filled'}
          disabled={blocksAssessing(answers)}
          data-testid="assess"
        >
          {assessed ? t('wizard.step.reporting.reassess') : t('wizard.step.reporting.assess')}
        </Button>
        {assessed && dirty && (
          <Text size="sm" c="orange.8">
            {t('wizard.step.reporting.changedSinceAssessed')}
          </Text>
        )}
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
                dayOne={detail.day_one}
                obligation={obligation}
                act={act}
                incident={detail}
              />
            ))
          )}
        </Stack>
      )}
      <StepActions step={4} goTo={goTo} onNext={assessed ? () => goTo(5) : undefined} />
    </Stack>
  );
}
