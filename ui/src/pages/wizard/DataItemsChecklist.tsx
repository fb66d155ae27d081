// The data items of one body of personal data (what the PPC report and the notice to the people
// must name): twelve common ones and その他 with the office's own words. Ticking an item that
// answers a question ticks that answer too (tickItem).
import { Checkbox, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DATA_ITEMS, tickItem, type DataAnswers } from './reportingAnswers';

export function DataItemsChecklist({
  data,
  onChange,
  prefix,
}: {
  data: DataAnswers;
  onChange: (patch: Partial<DataAnswers>) => void;
  prefix: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <div>
        <Text size="sm" fw={500}>
          {t('facts.items.title')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('facts.items.help')}
        </Text>
      </div>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" verticalSpacing={6}>
        {DATA_ITEMS.map((item) => (
          <Checkbox
            key={item}
            label={t(`facts.item.${item}`)}
            checked={data.items.includes(item)}
            onChange={(e) => onChange(tickItem(data, item, e.currentTarget.checked))}
            data-testid={`${prefix}-item-${item}`}
          />
        ))}
        <Checkbox
          label={t('facts.item.other')}
          checked={data.other !== null}
          onChange={(e) => onChange({ other: e.currentTarget.checked ? '' : null })}
          data-testid={`${prefix}-item-other`}
        />
      </SimpleGrid>
      {data.other !== null && (
        <TextInput
          aria-label={t('facts.items.otherLabel')}
          placeholder={t('facts.items.otherPlaceholder')}
          value={data.other}
          onChange={(e) => onChange({ other: e.currentTarget.value })}
          maw={480}
          data-testid={`${prefix}-item-other-text`}
        />
      )}
    </Stack>
  );
}
