// The window: header with the company and the language switch, navigation of the areas, and the
// page. It loads the user's language first so the first frame is already right.
import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  Anchor,
  AppShell,
  Burger,
  Button,
  Group,
  MantineProvider,
  NavLink,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from './api';
import { ErrorAlert } from './components/ErrorAlert';
import { formatDateTime } from './datetime';
import { CompanyChangesContext, changesTo, EVERY_PART, useWatchCompanyChanges } from './companyChanges';
import type { ErrorReport, HomeSummary, Language, OpenFileState } from './bindings';
import { addReportingTexts } from './i18n';
import { FileSwitchedContext, NavigationContext, type View } from './navigation';
import { theme } from './theme';
import { BackupsPage } from './pages/BackupsPage';
import { ContactEditorPage } from './pages/contacts/ContactEditorPage';
import { ContactsImportPage } from './pages/contacts/ContactsImportPage';
import { ContactsPage } from './pages/contacts/ContactsPage';
import { BcpPage } from './pages/bcp/BcpPage';
import { ReadinessPage } from './pages/ReadinessPage';
import { ExerciseRunPage } from './pages/exercises/ExerciseRunPage';
import { ExercisesPage } from './pages/exercises/ExercisesPage';
import { ScenarioEditorPage } from './pages/exercises/ScenarioEditorPage';
import { FilesPage } from './pages/FilesPage';
import { PolicyPage } from './pages/policy/PolicyPage';
import { PortfolioPage } from './pages/PortfolioPage';
import { HistoryPage } from './pages/HistoryPage';
import { PeoplePage } from './pages/PeoplePage';
import { HomePage } from './pages/HomePage';
import { IncidentDetailPage } from './pages/IncidentDetailPage';
import { IncidentListPage } from './pages/IncidentListPage';
import { NearMissPage } from './pages/NearMissPage';
import { ProblemPage } from './pages/ProblemPage';
import { WizardPage } from './pages/wizard/WizardPage';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'ready'; file: OpenFileState }
  | { kind: 'problem'; problem: ErrorReport; path: string | null };

/**
 * Switches the interface to a language, with the assessment's texts in it. Kept outside the
 * component on the i18next instance itself, so the start-up effect need not depend on the `i18n`
 * react-i18next hands out, which is new on every language change.
 */
async function applyLanguage(language: Language) {
  addReportingTexts(language, await api.reportingTexts(language));
  await i18next.changeLanguage(language);
}

// The menu stays beside the page down to a narrow window (in CSS pixels, so a desktop set to large
// text, which shrinks the window's CSS width, still gets it at 1280×800 and 150 %); narrower, it
// folds behind a menu button.
const MENU_BESIDE_FROM = 520;

export function App() {
  const { t, i18n } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [view, setView] = useState<View>({ page: 'home' });
  const [menuOpen, setMenuOpen] = useState(false);
  const menuFolded = useMediaQuery(`(max-width: ${MENU_BESIDE_FROM / 16 - 0.01}em)`);
  const [summary, setSummary] = useState<HomeSummary | null>(null);

  const loadFile = useCallback(async () => {
    try {
      const file = await api.openFileState();
      setSummary(null);
      setLoaded(file.problem ? { kind: 'problem', problem: file.problem, path: file.path } : { kind: 'ready', file });
    } catch (error) {
      setLoaded({ kind: 'problem', problem: asErrorReport(error), path: null });
    }
  }, []);

  // Runs once at start (loadFile never changes): the saved language first, then the file's state.
  useEffect(() => {
    const load = async () => {
      try {
        await applyLanguage((await api.preferences()).language);
      } finally {
        await loadFile();
      }
    };
    void load();
  }, [loadFile]);

  // Another company file was opened: start again from its home screen.
  const fileSwitched = useCallback(() => {
    setView({ page: 'home' });
    void loadFile();
  }, [loadFile]);

  // The home screen is read afresh each time it is shown. While a long task (a passphrase
  // conversion, a restore) has the file, it says so and asks again every second.
  const [homeBusy, setHomeBusy] = useState(false);
  /** The server of a company on a server did not answer the home screen's read: said on home, with
   * a button to read again (the next read connects again), instead of the refused-file page. */
  const [homeLost, setHomeLost] = useState<ErrorReport | null>(null);
  const [homeTries, setHomeTries] = useState(0);
  // On a server company, home is read again when another PC changed anything.
  const seenChanges = useWatchCompanyChanges(loaded.kind === 'ready' ? loaded.file.server : null);
  const homeChanges = changesTo(seenChanges, EVERY_PART);
  // biome-ignore lint/correctness/useExhaustiveDependencies: homeTries and homeChanges are bumped to read home again
  useEffect(() => {
    if (loaded.kind !== 'ready' || view.page !== 'home') return;
    let shown = true;
    let retry: number | undefined;
    const read = () =>
      api.homeSummary().then(
        (summary) => {
          if (!shown) return;
          setHomeBusy(false);
          setHomeLost(null);
          setSummary(summary);
        },
        (error) => {
          if (!shown) return;
          const problem = asErrorReport(error);
          if (problem.code === 'busy') {
            setHomeBusy(true);
            retry = window.setTimeout(read, 1000);
          } else if (problem.code === 'server_unreachable') {
            setHomeLost(problem);
          } else {
            setLoaded({ kind: 'problem', problem, path: null });
          }
        },
      );
    void read();
    return () => {
      shown = false;
      window.clearTimeout(retry);
    };
  }, [loaded, view, homeTries, homeChanges]);

  /** The server stopped answering: this PC's copy of the company is opened instead, to read. */
  const openKeptCopy = async () => {
    try {
      await api.openKeptCopyOfOpenServer();
      setHomeLost(null);
      fileSwitched();
    } catch (error) {
      setHomeLost(asErrorReport(error));
    }
  };

  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  // The notice that opening upgraded the file is shown until the user closes it, once.
  const dismissUpgrade = async () => {
    await api.dismissUpgradeNotice();
    setLoaded((current) => (current.kind === 'ready' ? { ...current, file: { ...current.file, upgraded_from: null } } : current));
  };

  const switchLanguage = async (language: string) => {
    const saved = await api.setLanguage(language as Language);
    await applyLanguage(saved.language);
  };

  const navigate = useCallback((next: View) => {
    setView(next);
    window.scrollTo(0, 0);
  }, []);

  type Area =
    | 'home'
    | 'incidents'
    | 'contacts'
    | 'policy'
    | 'bcp'
    | 'exercises'
    | 'readiness'
    | 'nearMisses'
    | 'history'
    | 'people'
    | 'backups'
    | 'files'
    | 'portfolio';
  const areas: { page: Area; label: string }[] = [
    { page: 'home', label: t('nav.home') },
    { page: 'incidents', label: t('nav.incidents') },
    { page: 'contacts', label: t('nav.contacts') },
    { page: 'policy', label: t('nav.policy') },
    { page: 'bcp', label: t('nav.bcp') },
    { page: 'exercises', label: t('nav.exercises') },
    { page: 'readiness', label: t('nav.readiness') },
    { page: 'nearMisses', label: t('nav.nearMisses') },
    { page: 'history', label: t('nav.history') },
    { page: 'people', label: t('nav.people') },
    { page: 'backups', label: t('nav.backups') },
    { page: 'files', label: t('nav.files') },
    { page: 'portfolio', label: t('nav.portfolio') },
  ];
  // With no usable file open, only what can fix that is offered: a backup, or another file.
  // 人と権限 only for a company on a server (not its kept copy): a company file has no people.
  const offered =
    loaded.kind === 'ready'
      ? areas.filter((a) => a.page !== 'people' || loaded.file.server !== null)
      : areas.filter((a) => a.page === 'home' || a.page === 'backups' || a.page === 'files' || a.page === 'portfolio');
  const activeArea =
    view.page === 'incident' || view.page === 'wizard'
      ? 'incidents'
      : view.page === 'contact' || view.page === 'contactsImport'
        ? 'contacts'
        : view.page === 'exercise' || view.page === 'exerciseScenario'
          ? 'exercises'
          : view.page;

  return (
    <MantineProvider theme={theme}>
      <NavigationContext.Provider value={navigate}>
        <FileSwitchedContext.Provider value={fileSwitched}>
          <CompanyChangesContext.Provider value={seenChanges}>
            <AppShell
              header={{ height: 64 }}
              navbar={{ width: 200, breakpoint: MENU_BESIDE_FROM, collapsed: { mobile: !menuOpen } }}
              padding="lg"
            >
              <AppShell.Header>
                <Group h="100%" px="lg" justify="space-between" wrap="nowrap">
                  <Group gap="sm" wrap="nowrap">
                    {menuFolded && (
                      <Burger
                        opened={menuOpen}
                        onClick={() => setMenuOpen((open) => !open)}
                        aria-label={t('nav.menu')}
                        data-testid="menu-button"
                      />
                    )}
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
                {loaded.kind !== 'loading' &&
                  offered.map((area) => (
                    <NavLink
                      key={area.page}
                      label={area.label}
                      active={activeArea === area.page}
                      onClick={() => {
                        setMenuOpen(false);
                        navigate({ page: area.page });
                      }}
                      data-testid={`nav-${area.page}`}
                    />
                  ))}
              </AppShell.Navbar>
              <AppShell.Main>
                {loaded.kind === 'ready' && loaded.file.kept_copy && (
                  <Alert color="orange" mb="md" title={t('keptCopy.bannerTitle')} data-testid="kept-copy-banner">
                    <Group justify="space-between" wrap="nowrap" align="flex-start">
                      <Text size="sm">
                        {t('keptCopy.banner', {
                          server: loaded.file.kept_copy.server,
                          at: formatDateTime(loaded.file.kept_copy.taken_at, i18n.language),
                        })}
                      </Text>
                      <Button
                        size="xs"
                        variant="light"
                        color="orange"
                        onClick={() => navigate({ page: 'files' })}
                        style={{ flexShrink: 0 }}
                      >
                        {t('keptCopy.reconnect')}
                      </Button>
                    </Group>
                  </Alert>
                )}
                {loaded.kind === 'ready' && loaded.file.upgraded_from !== null && (
                  <Alert
                    color="blue"
                    mb="md"
                    withCloseButton
                    closeButtonLabel={t('upgrade.dismiss')}
                    onClose={() => void dismissUpgrade()}
                    data-testid="upgrade-notice"
                  >
                    <Group justify="space-between" wrap="nowrap" align="flex-start">
                      <Stack gap={4}>
                        <Text size="sm">{t('upgrade.notice')}</Text>
                        {loaded.file.reassessed.length > 0 && (
                          <>
                            <Text size="sm" fw={500}>
                              {t('upgrade.reassessed', { count: loaded.file.reassessed.length })}
                            </Text>
                            {loaded.file.reassessed.map((incident) => (
                              <Anchor
                                key={incident.id}
                                size="sm"
                                onClick={() => navigate({ page: 'incident', id: incident.id })}
                                data-testid="reassessed-incident"
                              >
                                {incident.title}
                              </Anchor>
                            ))}
                          </>
                        )}
                      </Stack>
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => navigate({ page: 'backups' })}
                        data-testid="upgrade-show-backups"
                      >
                        {t('upgrade.showBackups')}
                      </Button>
                    </Group>
                  </Alert>
                )}
                {loaded.kind === 'loading' && <Text c="dimmed">{t('app.loading')}</Text>}
                {loaded.kind === 'problem' && view.page === 'home' && <ProblemPage problem={loaded.problem} path={loaded.path} />}
                {loaded.kind === 'ready' && view.page === 'home' && homeBusy && (
                  <Alert color="yellow" data-testid="busy">
                    {t('errors.busy')}
                  </Alert>
                )}
                {loaded.kind === 'ready' && view.page === 'home' && homeLost && (
                  <Stack gap="sm" maw={760}>
                    <ErrorAlert error={homeLost} />
                    <Group>
                      <Button onClick={() => setHomeTries((n) => n + 1)} data-testid="home-retry">
                        {t('app.readAgain')}
                      </Button>
                      <Button variant="light" color="orange" onClick={() => void openKeptCopy()} data-testid="open-kept-copy">
                        {t('keptCopy.openFromHome')}
                      </Button>
                    </Group>
                  </Stack>
                )}
                {loaded.kind === 'ready' && view.page === 'home' && !homeBusy && !homeLost && summary && (
                  <HomePage
                    summary={summary}
                    path={loaded.file.path}
                    server={loaded.file.server}
                    signedIn={loaded.file.signed_in}
                  />
                )}
                {loaded.kind === 'ready' && view.page === 'incidents' && <IncidentListPage onlyOpen={view.onlyOpen} />}
                {loaded.kind === 'ready' && view.page === 'incident' && <IncidentDetailPage key={view.id} id={view.id} />}
                {loaded.kind === 'ready' && view.page === 'wizard' && <WizardPage key={view.id} id={view.id} />}
                {loaded.kind === 'ready' && view.page === 'nearMisses' && <NearMissPage />}
                {loaded.kind === 'ready' && view.page === 'contacts' && <ContactsPage onlyStale={view.onlyStale} />}
                {loaded.kind === 'ready' && view.page === 'contact' && <ContactEditorPage key={view.id ?? 'new'} id={view.id} />}
                {loaded.kind === 'ready' && view.page === 'contactsImport' && <ContactsImportPage />}
                {loaded.kind === 'ready' && view.page === 'policy' && <PolicyPage section={view.section} />}
                {loaded.kind === 'ready' && view.page === 'bcp' && <BcpPage />}
                {loaded.kind === 'ready' && view.page === 'readiness' && <ReadinessPage />}
                {loaded.kind === 'ready' && view.page === 'exercises' && <ExercisesPage />}
                {loaded.kind === 'ready' && view.page === 'exercise' && <ExerciseRunPage key={view.id} id={view.id} />}
                {loaded.kind === 'ready' && view.page === 'exerciseScenario' && (
                  <ScenarioEditorPage key={view.id ?? 'new'} id={view.id} from={view.from} />
                )}
                {loaded.kind === 'ready' && view.page === 'history' && <HistoryPage />}
                {loaded.kind === 'ready' && view.page === 'people' && (
                  <PeoplePage signedIn={loaded.file.signed_in} onChanged={() => void loadFile()} />
                )}
                {loaded.kind !== 'loading' && view.page === 'backups' && <BackupsPage />}
                {loaded.kind !== 'loading' && view.page === 'files' && <FilesPage />}
                {loaded.kind !== 'loading' && view.page === 'portfolio' && <PortfolioPage />}
              </AppShell.Main>
            </AppShell>
          </CompanyChangesContext.Provider>
        </FileSwitchedContext.Provider>
      </NavigationContext.Provider>
    </MantineProvider>
  );
}
