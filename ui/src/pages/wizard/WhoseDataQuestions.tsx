// Asked once for an incident with personal data: whose data it is (the notice to the people is
// addressed and worded for them) and what happened to it — 漏えい, 滅失 or 毀損, each explained in
// plain words, since the legal terms mean little to an office.
import { Checkbox, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type AffectedData, DATA_SUBJECT_GROUP_VALUES as SUBJECT_GROUPS, HARM_VALUES as HARMS } from '../../bindings';
import { toggled } from './listOrder';

export function WhoseDataQuestions({
  answers,
  onChange,
}: {
  answers: Pick<AffectedData, 'whose' | 'harm'>;
  onChange: (patch: Partial<AffectedData>) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Stack gap={6}>
        <div>
          <Text size="sm" fw={500}>
            {t('facts.whose.title')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('facts.whose.help')}
          </Text>
        </div>
        <Group gap="lg">
          {SUBJECT_GROUPS.map((group) => (
            <Checkbox
              key={group}
              label={t(`facts.whose.${group}`)}
              checked={answers.whose.includes(group)}
              onChange={(e) => onChange({ whose: toggled(SUBJECT_GROUPS, answers.whose, group, e.currentTarget.checked) })}
              data-testid={`data-whose-${group}`}
            />
          ))}
        </Group>
      </Stack>
      <Stack gap={6}>
        <Text size="sm" fw={500}>
          {t('facts.harm.title')}
        </Text>
        {HARMS.map((harm) => (
          <Checkbox
            key={harm}
            label={t(`facts.harm.${harm}`)}
            description={t(`facts.harm.${harm}Help`)}
            checked={answers.harm.includes(harm)}
            onChange={(e) => onChange({ harm: toggled(HARMS, answers.harm, harm, e.currentTarget.checked) })}
            data-testid={`data-harm-${harm}`}
          />
        ))}
      </Stack>
    </Stack>
  );
}
