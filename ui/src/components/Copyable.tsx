// A phone number, address or link shown with a button that copies it, for calling or pasting in
// a hurry.
import { ActionIcon, CopyButton, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CopyIcon } from './CopyIcon';

/** A phone number or address shown large, with a button that copies it. */
export function Copyable({
  label,
  value,
  large,
  emphasis,
}: {
  label: string;
  value: string;
  large?: boolean;
  emphasis?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed" w={90} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size={large ? 'xl' : 'md'} fw={emphasis ? 700 : 500} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
            <ActionIcon variant="subtle" onClick={copy} aria-label={t('common.copy')}>
              {copied ? <Text size="sm">✓</Text> : <CopyIcon />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
