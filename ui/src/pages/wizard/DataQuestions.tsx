// The questions about one body of personal data — the company's own, or a client's: which data
// items, how many people, what kind of data, and whether My Numbers were among it. An empty count
// means "not known", never 0; an item that contradicts an answer is said right under that answer
// (see reportingAnswers.ts).
import { Checkbox, Group, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Contradiction, MY_NUMBER_ANSWER_VALUES } from '../../bindings';
import { DataItemsChecklist } from './DataItemsChecklist';
import {
  contradictions,
  countProblems,
  countUnknown,
  credentialsNote,
  type Count,
  type DataAnswers,
  type MyNumberAnswer,
} from './reportingAnswers';

/** A count field where empty means "not known" (never 0). */
function CountInput({
  label,
  description,
  value,
  onChange,
  disabled,
  testId,
}: {
  label: string;
  description?: string;
  value: Count;
  onChange: (value: Count) => void;
  disabled?: boolean;
  testId: string;
}) {
  return (
    <NumberInput
      label={label}
      description={description}
      min={0}
      allowDecimal={false}
      allowNegative={false}
      thousandSeparator=","
      value={value ?? ''}
      onChange={(v) => onChange(typeof v === 'number' ? v : v === '' ? null : Number(v) || null)}
      disabled={disabled}
      data-testid={testId}
    />
  );
}

/** The questions about one body of personal data: the company's own, or a client's. */
export function DataQuestions({
  data,
  onChange,
  own,
  prefix,
}: {
  data: DataAnswers;
  onChange: (patch: Partial<DataAnswers>) => void;
  own: boolean;
  prefix: string;
}) {
  const { t } = useTranslation();
  const flag = (key: 'sensitive' | 'financial' | 'unlawful' | 'beingAcquired' | 'encrypted' | 'recovered') => (
    <Checkbox
      key={key}
      label={t(`facts.answers.${key}`)}
      description={t(`facts.answers.${key}Help`)}
      checked={data[key]}
      onChange={(e) => onChange({ [key]: e.currentTarget.checked })}
      data-testid={`${prefix}-${key}`}
    />
  );
  const problems = countProblems(data);
  const found = contradictions(data);
  const contradiction = (which: Contradiction) =>
    found.includes(which) && (
      <Text size="sm" c="red.8" data-testid={`${prefix}-contradiction`}>
        {t(`facts.contradiction.${which}`)}
      </Text>
    );
  return (
    <Stack gap="sm">
      <DataItemsChecklist data={data} onChange={onChange} prefix={prefix} />
      <Group grow align="flex-start">
        <CountInput
          label={t('facts.answers.atLeast')}
          description={t('facts.answers.atLeastHelp')}
          value={data.atLeast}
          onChange={(atLeast) => onChange({ atLeast })}
          disabled={data.unknown}
          testId={`${prefix}-at-least`}
        />
        <CountInput
          label={t('facts.answers.atMost')}
          description={t('facts.answers.atMostHelp')}
          value={data.atMost}
          onChange={(atMost) => onChange({ atMost })}
          disabled={data.unknown}
          testId={`${prefix}-at-most`}
        />
      </Group>
      <Checkbox
        label={t('facts.answers.unknown')}
        checked={data.unknown}
        onChange={(e) => onChange({ unknown: e.currentTarget.checked })}
        data-testid={`${prefix}-unknown`}
      />
      {countUnknown(data) && (
        <Text size="sm" c="orange.9" data-testid={`${prefix}-unknown-note`}>
          {t('facts.answers.unknownNote')}
        </Text>
      )}
      {problems.map((problem) => (
        <Text key={problem} size="sm" c="red.8" data-testid={`${prefix}-count-problem`}>
          {t(`facts.answers.${problem}`)}
        </Text>
      ))}
      {flag('sensitive')}
      {contradiction('health_not_sensitive')}
      {flag('financial')}
      {contradiction('card_not_financial')}
      {credentialsNote(data) && (
        <Text size="sm" c="orange.9" data-testid={`${prefix}-credentials-note`}>
          {t('facts.items.credentialsNote')}
        </Text>
      )}
      {flag('unlawful')}
      {own && flag('beingAcquired')}
      {flag('encrypted')}
      {flag('recovered')}
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('facts.answers.myNumbers')}
        </Text>
        <SegmentedControl
          w="fit-content"
          value={data.myNumbers}
          onChange={(v) => onChange({ myNumbers: v as MyNumberAnswer })}
          data={MY_NUMBER_ANSWER_VALUES.map((value) => ({ value, label: t(`facts.answers.myNumber.${value}`) }))}
          data-testid={`${prefix}-my-numbers`}
        />
        {data.myNumbers === 'unsure' && (
          <Text size="sm" c="orange.9">
            {t('facts.answers.myNumberUnsureNote')}
          </Text>
        )}
        {contradiction('my_number_not_involved')}
      </Stack>
      {data.myNumbers !== 'no' && (
        <Stack gap="xs" pl="md">
          {data.myNumbers === 'yes' && (
            <Group grow align="flex-start">
              <CountInput
                label={t('facts.answers.myNumberCount')}
                value={data.myNumberCount}
                onChange={(myNumberCount) => onChange({ myNumberCount })}
                testId={`${prefix}-my-number-count`}
              />
              <CountInput
                label={t('facts.answers.myNumberMax')}
                value={data.myNumberMax}
                onChange={(myNumberMax) => onChange({ myNumberMax })}
                testId={`${prefix}-my-number-max`}
              />
            </Group>
          )}
          <Checkbox
            label={t('facts.answers.myNumberPublic')}
            checked={data.myNumberPublic}
            onChange={(e) => onChange({ myNumberPublic: e.currentTarget.checked })}
            data-testid={`${prefix}-my-number-public`}
          />
        </Stack>
      )}
      <CountInput
        label={t('facts.answers.euSubjects')}
        value={data.euSubjects}
        onChange={(euSubjects) => onChange({ euSubjects })}
        testId={`${prefix}-eu-subjects`}
      />
    </Stack>
  );
}
