// Asked when malware or an intrusion is involved: what the IPA and JPCERT/CC forms want to know
// about the machines and the attack — the operating systems, the systems affected, how many PCs,
// the prefecture, and for JPCERT/CC the addresses seen and the times in the logs. Every field is
// optional: an office that cannot tell leaves it empty and the draft says 調査中.
import { NumberInput, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TechnicalDetails } from '../../bindings';

export function TechnicalQuestions({
  value,
  onChange,
}: {
  value: TechnicalDetails;
  onChange: (value: TechnicalDetails) => void;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<TechnicalDetails>) => onChange({ ...value, ...patch });
  return (
    <Stack gap="xs" pl="lg" style={{ borderLeft: '3px solid var(--mantine-color-gray-3)' }} data-testid="technical-details">
      <div>
        <Text size="sm" fw={500}>
          {t('facts.technical.title')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('facts.technical.help')}
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('facts.technical.os')}
          placeholder={t('facts.technical.osExample')}
          value={value.os}
          onChange={(e) => set({ os: e.currentTarget.value })}
          data-testid="technical-os"
        />
        <TextInput
          label={t('facts.technical.systems')}
          placeholder={t('facts.technical.systemsExample')}
          value={value.systems}
          onChange={(e) => set({ systems: e.currentTarget.value })}
          data-testid="technical-systems"
        />
        <NumberInput
          label={t('facts.technical.pcCount')}
          min={1}
          max={100000}
          allowDecimal={false}
          allowNegative={false}
          value={value.pc_count ?? ''}
          onChange={(v) => set({ pc_count: typeof v === 'number' ? v : null })}
          data-testid="technical-pc-count"
        />
        <TextInput
          label={t('facts.technical.prefecture')}
          description={t('facts.technical.prefectureHelp')}
          placeholder={t('facts.technical.prefectureExample')}
          value={value.prefecture}
          onChange={(e) => set({ prefecture: e.currentTarget.value })}
          data-testid="technical-prefecture"
        />
      </SimpleGrid>
      <Textarea
        label={t('facts.technical.addressesSeen')}
        placeholder={t('facts.technical.addressesSeenExample')}
        autosize
        minRows={2}
        value={value.addresses_seen}
        onChange={(e) => set({ addresses_seen: e.currentTarget.value })}
        data-testid="technical-addresses"
      />
      <Textarea
        label={t('facts.technical.logTimes')}
        placeholder={t('facts.technical.logTimesExample')}
        autosize
        minRows={2}
        value={value.log_times}
        onChange={(e) => set({ log_times: e.currentTarget.value })}
        data-testid="technical-log-times"
      />
    </Stack>
  );
}
