// Shown instead of the home screen when the company file was refused (damaged, newer version,
// not a Sonae file). The file is never touched; the page says what is wrong and what to do.
import { Alert, Code, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ErrorReport } from '../bindings';
import { UnlockFile } from '../components/UnlockFile';
import { useFileSwitched } from '../navigation';

const KNOWN_CODES = ['not_found', 'not_a_company_file', 'newer_version', 'corrupt', 'io'];

export function ProblemPage({ problem, path }: { problem: ErrorReport; path: string | null }) {
  const { t } = useTranslation();
  const fileSwitched = useFileSwitched();
  // A protected file is not refused: it waits for its passphrase (a wrong one is said there).
  if (problem.code === 'passphrase_required') return <UnlockFile path={path} onOpened={fileSwitched} />;
  const code = KNOWN_CODES.includes(problem.code) ? problem.code : 'other';
  return (
    <Stack maw={760}>
      <Title order={2}>{t('problem.title')}</Title>
      <Alert color="red" title={t(`problem.code.${code}`)} data-testid="problem">
        <Text>{t('problem.untouched')}</Text>
      </Alert>
      {path && <Text size="sm">{t('problem.path', { path })}</Text>}
      <Text size="sm" c="dimmed">
        {t('problem.details')}
      </Text>
      <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {problem.message}
      </Code>
    </Stack>
  );
}
