// The window: header with the company and the language switch, navigation of the areas that
// work, and the page. It loads the user's language first so the first frame is already right.
import { useEffect, useState } from 'react';
import { AppShell, Group, MantineProvider, NavLink, SegmentedControl, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from './api';
import type { ErrorReport, HomeSummary, Language, OpenFileState } from './bindings';
import { theme } from './theme';
import { HomePage } from './pages/HomePage';
import { ProblemPage } from './pages/ProblemPage';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'ready'; summary: HomeSummary; file: OpenFileState }
  | { kind: 'problem'; problem: ErrorReport; path: string | null };

export function App() {
  const { t, i18n } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });

  // Runs once at start: the saved language first, then the file's state and its overview.
  useEffect(() => {
    const load = async () => {
      try {
        const [preferences, file] = await Promise.all([api.preferences(), api.openFileState()]);
        await i18n.changeLanguage(preferences.language);
        if (file.problem) {
          setLoaded({ kind: 'problem', problem: file.problem, path: file.path });
          return;
        }
        setLoaded({ kind: 'ready', summary: await api.homeSummary(), file });
      } catch (error) {
        setLoaded({ kind: 'problem', problem: asErrorReport(error), path: null });
      }
    };
    void load();
    // Only at start: react-i18next hands out a new `i18n` wrapper on every language change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  const switchLanguage = async (language: string) => {
    const saved = await api.setLanguage(language as Language);
    await i18n.changeLanguage(saved.language);
  };

  return (
    <MantineProvider theme={theme}>
      <AppShell header={{ height: 64 }} navbar={{ width: 220, breakpoint: 'xs' }} padding="lg">
        <AppShell.Header>
          <Group h="100%" px="lg" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Title order={3} c="blue.8">
                {t('app.name')}
              </Title>
              <Text size="sm" c="dimmed" visibleFrom="sm">
                {t('app.tagline')}
              </Text>
            </Group>
            <SegmentedControl
              aria-label={t('language.label')}
              data-testid="language-switch"
              value={i18n.language}
              onChange={(value) => void switchLanguage(value)}
              data={[
                { value: 'ja', label: t('language.ja') },
                { value: 'en', label: t('language.en') },
              ]}
            />
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" aria-label={t('nav.main')}>
          <NavLink label={t('nav.home')} active href="#home" />
        </AppShell.Navbar>
        <AppShell.Main>
          {loaded.kind === 'loading' && <Text c="dimmed">{t('app.loading')}</Text>}
          {loaded.kind === 'problem' && <ProblemPage problem={loaded.problem} path={loaded.path} />}
          {loaded.kind === 'ready' && <HomePage summary={loaded.summary} path={loaded.file.path} />}
        </AppShell.Main>
      </AppShell>
    </MantineProvider>
  );
}
