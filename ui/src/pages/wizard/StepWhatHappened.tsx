// Step 1 — what happened: the case in plain words, when and by whom it was noticed, when it
// happened if anyone knows (the drafts print it; no deadline counts from it), and what the person
// saw. Also asks once for the name of whoever is recording, the author of the log.
import { useEffect, useState } from 'react';
import { Card, Checkbox, Group, SimpleGrid, Stack, Text, TextInput, Textarea, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { type CaseKind, CASE_KIND_VALUES } from '../../bindings';
import { clockOffset, fromLocalParts, localParts } from '../../datetime';
import { useStepDraft } from './useStepDraft';
import { StepActions, type StepProps, useConfirmationBasis } from './StepActions';

export const CASES = CASE_KIND_VALUES;

type Fields = {
  case_kind: CaseKind;
  title: string;
  date: string;
  time: string;
  discovered_by: string;
  description: string;
  /** 発生日時: not known (the default), or the date and time typed. */
  occurredUnknown: boolean;
  occurredDate: string;
  occurredTime: string;
  /** Who is recording; kept with the draft so a resumed step still has it. */
  author: string;
};

export function StepWhatHappened({ detail, act }: StepProps) {
  const { t } = useTranslation();
  const [fields, update] = useStepDraft(detail, 'what_happened', () => {
    const { date, time } = localParts(detail.discovered_at);
    const occurred = detail.occurred_at ? localParts(detail.occurred_at) : { date: '', time: '' };
    return {
      case_kind: detail.case_kind,
      title: detail.title,
      date,
      time,
      discovered_by: detail.discovered_by,
      description: detail.description,
      occurredUnknown: detail.occurred_at === null,
      occurredDate: occurred.date,
      occurredTime: occurred.time,
      author: '',
    };
  });
  const confirmation = useConfirmationBasis(detail, 'basics');
  const [tried, setTried] = useState(false);
  const author = fields.author;
  // Only when the step opens (not again if the field is cleared): the name saved on this PC fills
  // the field, over a name in the draft. The draft is the incident's, shared by every PC of a
  // company on a server; the name is the person's at this PC.
  useEffect(() => {
    void api.preferences().then((p) => p.author_name && update({ author: p.author_name }));
  }, [update]);

  const discoveredAt = fromLocalParts(fields.date, fields.time);
  const occurred = occurredAt(fields, discoveredAt);
  const missing = {
    title: fields.title.trim() === '',
    when: discoveredAt === null,
    author: author.trim() === '',
  };

  const next = async () => {
    setTried(true);
    if (missing.title || missing.when || missing.author || !discoveredAt || occurred.problem) return;
    await api.setAuthorName(author);
    confirmation.after(
      await act(() =>
        api.recordBasics(
          detail.id,
          {
            case_kind: fields.case_kind,
            title: fields.title,
            discovered_at: discoveredAt,
            occurred_at: occurred.at,
            discovered_by: fields.discovered_by,
            description: fields.description,
          },
          confirmation.basis(),
        ),
      ),
    );
  };

  return (
    <Stack gap="md">
      <Title order={3}>{t('wizard.step.what.question')}</Title>
      <SimpleGrid cols={3} spacing="sm">
        {CASES.map((kind) => (
          <UnstyledButton key={kind} onClick={() => update({ case_kind: kind })} data-testid={`case-${kind}`}>
            <Card
              withBorder
              padding="sm"
              h="100%"
              bg={fields.case_kind === kind ? 'blue.0' : undefined}
              style={{ borderColor: fields.case_kind === kind ? 'var(--mantine-color-blue-6)' : undefined }}
              aria-pressed={fields.case_kind === kind}
            >
              <Text fw={600}>{t(`case.${kind}.name`)}</Text>
              <Text size="xs" c="dimmed">
                {t(`case.${kind}.hint`)}
              </Text>
            </Card>
          </UnstyledButton>
        ))}
      </SimpleGrid>

      <TextInput
        label={t('wizard.step.what.title')}
        description={t('wizard.step.what.titleHelp')}
        value={fields.title}
        onChange={(e) => update({ title: e.currentTarget.value })}
        error={tried && missing.title ? t('wizard.required') : undefined}
        data-testid="field-title"
        required
      />
      <Group grow align="flex-start">
        <TextInput
          label={t('wizard.step.what.date')}
          description={t('wizard.dateFormat')}
          value={fields.date}
          onChange={(e) => update({ date: e.currentTarget.value })}
          error={tried && missing.when ? t('wizard.invalidDateTime') : undefined}
          data-testid="field-date"
        />
        <TextInput
          label={t('wizard.step.what.time')}
          description={t('wizard.timeFormat')}
          value={fields.time}
          onChange={(e) => update({ time: e.currentTarget.value })}
          data-testid="field-time"
        />
        <TextInput
          label={t('wizard.step.what.discoveredBy')}
          description={t('wizard.step.what.discoveredByHelp')}
          value={fields.discovered_by}
          onChange={(e) => update({ discovered_by: e.currentTarget.value })}
          data-testid="field-discovered-by"
        />
      </Group>
      <Text size="xs" c="dimmed" mt={-8} data-testid="clock-note">
        {t('wizard.step.what.clockNote', { offset: clockOffset() })}
      </Text>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('wizard.step.what.occurred')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('wizard.step.what.occurredHelp')}
        </Text>
        <Checkbox
          label={t('wizard.step.what.occurredUnknown')}
          checked={fields.occurredUnknown}
          onChange={(e) => update({ occurredUnknown: e.currentTarget.checked })}
          data-testid="field-occurred-unknown"
          mt={4}
        />
        {!fields.occurredUnknown && (
          <Group grow align="flex-start" maw={520}>
            <TextInput
              label={t('wizard.step.what.occurredDate')}
              description={t('wizard.dateFormat')}
              value={fields.occurredDate}
              onChange={(e) => update({ occurredDate: e.currentTarget.value })}
              error={
                occurred.problem === 'afterDiscovered'
                  ? t('wizard.step.what.occurredAfterDiscovered')
                  : tried && occurred.problem === 'invalid'
                    ? t('wizard.invalidDateTime')
                    : undefined
              }
              data-testid="field-occurred-date"
            />
            <TextInput
              label={t('wizard.step.what.occurredTime')}
              description={t('wizard.timeFormat')}
              value={fields.occurredTime}
              onChange={(e) => update({ occurredTime: e.currentTarget.value })}
              data-testid="field-occurred-time"
            />
          </Group>
        )}
      </Stack>
      <Textarea
        label={t('wizard.step.what.description')}
        description={t('wizard.step.what.descriptionHelp')}
        autosize
        minRows={4}
        maxRows={14}
        value={fields.description}
        onChange={(e) => update({ description: e.currentTarget.value })}
        data-testid="field-description"
      />
      <TextInput
        label={t('wizard.step.what.author')}
        description={t('wizard.step.what.authorHelp')}
        value={author}
        onChange={(e) => update({ author: e.currentTarget.value })}
        error={tried && missing.author ? t('wizard.required') : undefined}
        data-testid="field-author"
        maw={360}
        required
      />
      <StepActions step={0} goTo={async () => {}} onNext={next} />
    </Stack>
  );
}

/**
 * 発生日時 as the core takes it: null when not known; otherwise the typed time, which must be a
 * real date and time and not after the discovery (the core refuses that too).
 */
export function occurredAt(
  fields: Pick<Fields, 'occurredUnknown' | 'occurredDate' | 'occurredTime'>,
  discoveredAt: string | null,
): { at: string | null; problem: 'invalid' | 'afterDiscovered' | null } {
  if (fields.occurredUnknown) return { at: null, problem: null };
  const at = fromLocalParts(fields.occurredDate, fields.occurredTime);
  if (at === null) return { at: null, problem: 'invalid' };
  if (discoveredAt !== null && new Date(at).getTime() > new Date(discoveredAt).getTime())
    return { at, problem: 'afterDiscovered' };
  return { at, problem: null };
}
