// Asked when malware is involved: what the IPA's virus report form wants beyond the facts — the
// malware's name or what it showed, how it was found, how it presumably got in. Each is optional;
// what is left empty prints as 調査中 in the draft.
import { Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReportingDetails } from '../../bindings';

export function IpaQuestions({
  answers,
  onChange,
}: {
  answers: Pick<ReportingDetails, 'malware_name' | 'how_found' | 'infection_route'>;
  onChange: (patch: Partial<ReportingDetails>) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" pl="lg" style={{ borderLeft: '3px solid var(--mantine-color-gray-3)' }} data-testid="ipa-details">
      <div>
        <Text size="sm" fw={500}>
          {t('facts.ipa.title')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('facts.ipa.help')}
        </Text>
      </div>
      <TextInput
        label={t('facts.ipa.malwareName')}
        placeholder={t('facts.ipa.malwareNameExample')}
        value={answers.malware_name}
        onChange={(e) => onChange({ malware_name: e.currentTarget.value })}
        data-testid="ipa-malware-name"
      />
      <Textarea
        label={t('facts.ipa.howFound')}
        placeholder={t('facts.ipa.howFoundExample')}
        autosize
        minRows={2}
        value={answers.how_found}
        onChange={(e) => onChange({ how_found: e.currentTarget.value })}
        data-testid="ipa-how-found"
      />
      <Textarea
        label={t('facts.ipa.infectionRoute')}
        placeholder={t('facts.ipa.infectionRouteExample')}
        autosize
        minRows={2}
        value={answers.infection_route}
        onChange={(e) => onChange({ infection_route: e.currentTarget.value })}
        data-testid="ipa-infection-route"
      />
    </Stack>
  );
}
