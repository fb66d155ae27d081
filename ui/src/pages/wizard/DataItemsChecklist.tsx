// The data items of one body of personal data (what the PPC report and the notice to the people
// must name): twelve common ones and その他 with the office's own words. An item that disagrees
// with an interview answer (health data when "no medical information" was answered) is pointed
// out by the core, not here.
import { Checkbox, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DATA_ITEM_VALUES, type DataItems } from '../../bindings';
import { toggled } from './listOrder';

export function DataItemsChecklist({
  data,
  onChange,
  prefix,
}: {
  data: DataItems;
  onChange: (patch: Partial<DataItems>) => void;
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
        {DATA_ITEM_VALUES.map((item) => (
          <Checkbox
            key={item}
            label={t(`facts.item.${item}`)}
            checked={data.items.includes(item)}
            onChange={(e) => onChange({ items: toggled(DATA_ITEM_VALUES, data.items, item, e.currentTarget.checked) })}
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
