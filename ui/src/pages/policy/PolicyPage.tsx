// 方針: the company's incident-response policy as the owner keeps it — company profile, response
// organisation, levels and categories, procedures, first-response checklists and where to report —
// plus carrying the policy to and from other company files as a template.
import { useCallback, useEffect, useState } from 'react';
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../../api';
import type { EditablePolicy, ErrorReport } from '../../bindings';
import { useNewerElsewhere } from '../../companyChanges';
import { NewerElsewhere } from '../../components/ChangedElsewhere';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ReviewCard } from '../../components/Readiness';
import type { PolicySection } from '../../navigation';
import { useContactOptions } from '../../components/ContactListPicker';
import { AuthoritiesSection } from './AuthoritiesSection';
import { CompanySection } from './CompanySection';
import { LevelsSection } from './LevelsSection';
import { ProceduresSection } from './ProceduresSection';
import { RolesSection } from './RolesSection';
import { ReloadPolicyContext } from './useEditor';

/** `section` opens the page at that part (all of them are on the company tab, shown first). */
export function PolicyPage({ section }: { section?: PolicySection }) {
  const { t } = useTranslation();
  const [policy, setPolicy] = useState<EditablePolicy | null>(null);
  const [error, setError] = useState<ErrorReport | null>(null);
  const contacts = useContactOptions();
  const reload = useCallback(() => api.editablePolicy().then(setPolicy, (e) => setError(asErrorReport(e))), []);
  useEffect(() => {
    void reload();
  }, [reload]);
  // Another PC changed the policy: said in the window's corner; the editors keep what is typed meanwhile.
  const [newerElsewhere, seenNewer] = useNewerElsewhere(['policy'], policy, api.editablePolicy);
  /** Bumped to draw every editor afresh, as when the page was first opened. */
  const [generation, setGeneration] = useState(0);
  const reloadAfresh = useCallback(() => {
    seenNewer();
    void reload().then(() => setGeneration((g) => g + 1));
  }, [reload, seenNewer]);

  return (
    <Stack gap="md">
      <Title order={2}>{t('policy.title')}</Title>
      <Text size="sm">{t('policy.help')}</Text>
      <ReviewCard part="policy" />
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {policy && (
        <ReloadPolicyContext.Provider value={{ reload: reloadAfresh, generation }}>
          <Tabs defaultValue="company" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="company" data-testid="tab-company">
                {t('policy.tab.company')}
              </Tabs.Tab>
              <Tabs.Tab value="roles" data-testid="tab-roles">
                {t('policy.tab.roles')}
              </Tabs.Tab>
              <Tabs.Tab value="levels" data-testid="tab-levels">
                {t('policy.tab.levels')}
              </Tabs.Tab>
              <Tabs.Tab value="procedures" data-testid="tab-procedures">
                {t('policy.tab.procedures')}
              </Tabs.Tab>
              <Tabs.Tab value="authorities" data-testid="tab-authorities">
                {t('policy.tab.authorities')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="company" pt="md">
              <CompanySection onPolicyReplaced={() => void reload()} section={section} />
            </Tabs.Panel>
            <Tabs.Panel value="roles" pt="md">
              <RolesSection policy={policy} onChange={setPolicy} contacts={contacts} />
            </Tabs.Panel>
            <Tabs.Panel value="levels" pt="md">
              <LevelsSection policy={policy} onChange={setPolicy} />
            </Tabs.Panel>
            <Tabs.Panel value="procedures" pt="md">
              <ProceduresSection policy={policy} onChange={setPolicy} />
            </Tabs.Panel>
            <Tabs.Panel value="authorities" pt="md">
              <AuthoritiesSection policy={policy} onChange={setPolicy} />
            </Tabs.Panel>
          </Tabs>
        </ReloadPolicyContext.Provider>
      )}
      {newerElsewhere && <NewerElsewhere title={t('changedElsewhere.newerPolicy')} onReload={reloadAfresh} />}
    </Stack>
  );
}
