// Step 2 — how serious: plain questions that map onto the company's own level definitions. The
// suggested level (and what it means in the policy) is shown; choosing another needs a reason,
// which goes into the timeline.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, Checkbox, Radio, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { type Happened, type SeverityAnswers, HAPPENED_VALUES } from '../../bindings';
import { useStepDraft } from './useStepDraft';
import { StepActions, type StepProps, useConfirmationBasis } from './StepActions';

const QUESTIONS = ['outsiders_affected', 'personal_data_involved', 'business_disrupted', 'staff_work_hindered'] as const;

export function StepSeverity({ detail, policy, act, goTo }: StepProps) {
  const { t } = useTranslation();
  const confirmation = useConfirmationBasis(detail, 'severity');
  const [fields, update] = useStepDraft(detail, 'severity', () => ({
    happened: detail.stage === 'near_miss' ? 'nothing_yet' : detail.stage === 'event' ? 'signs_only' : 'damage_confirmed',
    outsiders_affected: false,
    personal_data_involved: false,
    business_disrupted: false,
    staff_work_hindered: false,
    category: detail.category ?? '',
    level: detail.level,
    override_reason: detail.level_override_reason,
  }));
  const [suggested, setSuggested] = useState<number | null>(null);
  const [tried, setTried] = useState(false);
  // A new object only when an answer changes: a level is suggested again when an answer or the category does.
  const answers = useMemo<SeverityAnswers>(
    () => ({
      happened: fields.happened,
      outsiders_affected: fields.outsiders_affected,
      personal_data_involved: fields.personal_data_involved,
      business_disrupted: fields.business_disrupted,
      staff_work_hindered: fields.staff_work_hindered,
    }),
    [
      fields.happened,
      fields.outsiders_affected,
      fields.personal_data_involved,
      fields.business_disrupted,
      fields.staff_work_hindered,
    ],
  );

  useEffect(() => {
    if (!fields.category) return;
    // Only the answer to the latest answers is kept, whichever comes back first.
    let latest = true;
    void api.suggestLevel(answers, fields.category).then((level) => latest && setSuggested(level));
    return () => {
      latest = false;
    };
  }, [answers, fields.category]);

  const level = fields.level ?? suggested;
  const overridden = suggested !== null && level !== null && level !== suggested;
  const definition = policy.levels.find((l) => l.level === level);
  const needsReason = overridden && fields.override_reason.trim() === '';

  const next = async () => {
    setTried(true);
    if (!fields.category) return;
    // The suggestion shown may still be the one for the answers before the last click: the level
    // recorded is checked against the suggestion for the answers as they are now.
    const suggestedNow = await api.suggestLevel(answers, fields.category);
    setSuggested(suggestedNow);
    const chosen = fields.level ?? suggestedNow;
    const overriddenNow = chosen !== suggestedNow;
    if (overriddenNow && fields.override_reason.trim() === '') return;
    confirmation.after(
      await act(() =>
        api.recordSeverity(
          detail.id,
          {
            answers,
            category: fields.category,
            level: chosen,
            override_reason: overriddenNow ? fields.override_reason : '',
          },
          confirmation.basis(),
        ),
      ),
    );
  };

  return (
    <Stack gap="md">
      <Title order={3}>{t('wizard.step.severity.question')}</Title>
      <Radio.Group
        label={t('wizard.step.severity.happened')}
        value={fields.happened}
        onChange={(value) => update({ happened: value as Happened })}
      >
        <Stack gap={6} mt={6}>
          {HAPPENED_VALUES.map((value) => (
            <Radio
              key={value}
              value={value}
              label={t(`wizard.step.severity.happenedOption.${value}`)}
              data-testid={`happened-${value}`}
            />
          ))}
        </Stack>
      </Radio.Group>

      <Stack gap={6}>
        <Text fw={500} size="sm">
          {t('wizard.step.severity.impact')}
        </Text>
        {QUESTIONS.map((question) => (
          <Checkbox
            key={question}
            checked={fields[question]}
            onChange={(e) => update({ [question]: e.currentTarget.checked, level: null })}
            label={t(`wizard.step.severity.q.${question}`)}
            data-testid={`q-${question}`}
          />
        ))}
      </Stack>

      <Radio.Group
        label={t('wizard.step.severity.category')}
        value={fields.category}
        onChange={(value) => update({ category: value, level: null })}
        error={tried && !fields.category ? t('wizard.required') : undefined}
      >
        <Stack gap={6} mt={6}>
          {policy.categories.map((category) => (
            <Radio
              key={category.key}
              value={category.key}
              label={category.name}
              description={category.description}
              data-testid={`category-${category.key}`}
            />
          ))}
        </Stack>
      </Radio.Group>

      {level !== null && definition && (
        <Card withBorder padding="md" bg={level >= 3 ? 'red.0' : level === 2 ? 'orange.0' : 'gray.0'} data-testid="level-card">
          <Text size="sm" c="dimmed">
            {overridden ? t('wizard.step.severity.chosenLevel') : t('wizard.step.severity.suggestedLevel')}
          </Text>
          <Text fw={700} size="xl" data-testid="level-name">
            {definition.name}
          </Text>
          <Text size="sm">{definition.impact}</Text>
          {definition.responsible_role && (
            <Text size="sm" mt={4}>
              {t('wizard.step.severity.responsible', { role: definition.responsible_role })}
            </Text>
          )}
        </Card>
      )}

      <Select
        label={t('wizard.step.severity.override')}
        description={t('wizard.step.severity.overrideHelp')}
        data={policy.levels.map((l) => ({ value: String(l.level), label: l.name }))}
        value={level === null ? null : String(level)}
        onChange={(value) => update({ level: value === null ? null : Number(value) })}
        allowDeselect={false}
        maw={420}
        data-testid="level-select"
      />
      {overridden && (
        <Textarea
          label={t('wizard.step.severity.reason')}
          value={fields.override_reason}
          onChange={(e) => update({ override_reason: e.currentTarget.value })}
          error={tried && needsReason ? t('wizard.step.severity.reasonRequired') : undefined}
          autosize
          minRows={2}
          data-testid="level-reason"
        />
      )}
      {fields.happened === 'nothing_yet' && <Alert color="blue">{t('wizard.step.severity.nearMissHint')}</Alert>}
      <StepActions step={1} goTo={goTo} onNext={next} />
    </Stack>
  );
}
