// A refused action explained: the message for the error's code in the user's language, with the
// technical detail underneath for whoever has to look into it.
import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ErrorReport } from '../bindings';

export function ErrorAlert({ error, onClose }: { error: ErrorReport | null; onClose?: () => void }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const known = i18n.exists(`errors.${error.code}`);
  return (
    <Alert color="red" title={t('errors.title')} withCloseButton={!!onClose} onClose={onClose} data-testid="error">
      <Text size="sm">{known ? t(`errors.${error.code}`) : t('errors.other')}</Text>
      <Text size="xs" c="dimmed" mt={4} style={{ overflowWrap: 'anywhere' }}>
        {error.message}
      </Text>
    </Alert>
  );
}
