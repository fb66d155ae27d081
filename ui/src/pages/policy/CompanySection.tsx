// The company profile (its name on every document, the facts that decide who must be told, and
// what the drafts print about the company), and the policy as a template file: exported for
// another client, or imported from one.
import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Divider,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import {
  type ChosenPolicyTemplate,
  type CompanyProfile,
  type ContactListItem,
  type ImportSummary,
  type Sector,
  SECTOR_VALUES,
} from '../../bindings';
import { contactLabel } from '../../components/ClientChoice';
import { ConfirmButton } from '../../components/ConfirmButton';
import { lastChangeFinder, SaveRefusal } from '../../components/ChangedElsewhere';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../datetime';
import type { PolicySection } from '../../navigation';
import { CompanyDetailsFields } from './CompanyDetailsFields';
import { corporateNumberProblem } from './corporateNumber';
import { useSave } from './useEditor';

/** A yes/no question that may not be answered yet. */
type Answer = 'yes' | 'no' | 'unanswered';
const toAnswer = (value: boolean | null): Answer => (value === null ? 'unanswered' : value ? 'yes' : 'no');
const fromAnswer = (answer: string): boolean | null => (answer === 'unanswered' ? null : answer === 'yes');

/** The EU questions of the GDPR's reach (art. 3), each yes / no / not answered yet. */
function EuQuestion({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: boolean | null;
  onChange: (v: boolean | null) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <SegmentedControl
        value={toAnswer(value)}
        onChange={(answer) => onChange(fromAnswer(answer))}
        data={(['yes', 'no', 'unanswered'] as Answer[]).map((answer) => ({
          value: answer,
          label: t(`company.answer.${answer}`),
        }))}
        data-testid={testId}
        w="fit-content"
      />
    </Stack>
  );
}

export function CompanySection({
  onPolicyReplaced,
  section,
}: {
  onPolicyReplaced: () => void;
  /** The part to scroll to once the profile is shown. */
  section?: PolicySection;
}) {
  const { t, i18n } = useTranslation();
  const [profile, setProfile] = useState<CompanyProfile | null>(null);
  const profileSave = useSave();
  const template = useSave();
  const [chosen, setChosen] = useState<ChosenPolicyTemplate | null>(null);
  const [imported, setImported] = useState<ImportSummary | null>(null);
  const [contacts, setContacts] = useState<ContactListItem[]>([]);
  const [tried, setTried] = useState(false);

  /** The profile as stored when the form read it or last saved it: sent with a save, which is
   * refused when someone else saved the profile since. */
  const [asRead, setAsRead] = useState<CompanyProfile | null>(null);
  const loadProfile = useCallback(() => {
    api.homeSummary().then(
      (s) => {
        setProfile(s.company);
        setAsRead(s.company);
      },
      () => {},
    );
  }, []);

  useEffect(() => {
    loadProfile();
    api.listContacts({ text: '', tag: null, only_stale: false, offset: 0, limit: 0 }).then(
      (page) => setContacts(page.items),
      () => {},
    );
  }, [loadProfile]);
  const loaded = profile !== null;
  useEffect(() => {
    if (loaded && section) document.getElementById(section)?.scrollIntoView?.({ block: 'start' });
  }, [loaded, section]);
  if (!profile) return null;
  const set = (change: Partial<CompanyProfile>) => setProfile({ ...profile, ...change });
  const refusedNumber = profileSave.error?.code === 'invalid_corporate_number';
  const saveProfile = () => {
    setTried(true);
    if (corporateNumberProblem(profile.details.corporate_number)) return;
    void profileSave.save(async () => {
      const saved = await api.updateCompanyProfile(profile, asRead);
      setProfile(saved);
      setAsRead(saved);
    });
  };

  return (
    <Stack gap="lg" maw={900}>
      <Card withBorder padding="lg">
        <Title order={3} mb="sm">
          {t('policy.company.title')}
        </Title>
        <Stack gap="sm">
          <TextInput
            label={t('files.companyName')}
            required
            value={profile.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            data-testid="profile-name"
          />
          <Group grow>
            <Select
              label={t('policy.company.sector')}
              value={profile.sector}
              onChange={(v) => v && set({ sector: v as Sector })}
              data={SECTOR_VALUES.map((value) => ({ value, label: t(`company.sector.${value}`) }))}
              allowDeselect={false}
            />
            <TextInput
              label={t('history.field.prefecture')}
              value={profile.prefecture}
              onChange={(e) => set({ prefecture: e.currentTarget.value })}
            />
          </Group>
          <Checkbox
            label={t('history.field.handles_personal_data')}
            checked={profile.handles_personal_data}
            onChange={(e) => set({ handles_personal_data: e.currentTarget.checked })}
          />
          <Checkbox
            label={t('company.myNumber')}
            checked={profile.handles_my_number}
            onChange={(e) => set({ handles_my_number: e.currentTarget.checked })}
          />
          <Checkbox
            label={t('company.euData')}
            checked={profile.handles_eu_data}
            onChange={(e) => set({ handles_eu_data: e.currentTarget.checked })}
          />
          <EuQuestion
            label={t('company.euEstablishment')}
            value={profile.eu_establishment}
            onChange={(v) => set({ eu_establishment: v })}
            testId="profile-eu-establishment"
          />
          <EuQuestion
            label={t('company.euTargeting')}
            value={profile.eu_targeting}
            onChange={(v) => set({ eu_targeting: v })}
            testId="profile-eu-targeting"
          />
          <Text size="xs" c="dimmed">
            {t(
              profile.eu_establishment === false && profile.eu_targeting === false
                ? 'company.gdprNotApplying'
                : 'company.gdprApplying',
            )}
          </Text>
          {profile.eu_establishment !== true && profile.eu_targeting !== false && (
            <Textarea
              label={t('company.euRepresentative')}
              description={t('company.euRepresentativeHelp')}
              value={profile.details.eu_representative}
              onChange={(e) => set({ details: { ...profile.details, eu_representative: e.currentTarget.value } })}
              autosize
              minRows={2}
              data-testid="profile-eu-representative"
            />
          )}
          <Checkbox
            label={t('company.cyberInsurance')}
            checked={profile.cyber_insurance}
            onChange={(e) => set({ cyber_insurance: e.currentTarget.checked })}
            data-testid="profile-cyber-insurance"
          />
          {profile.cyber_insurance && (
            <Select
              label={t('company.insurer')}
              placeholder={t('company.insurerPlaceholder')}
              searchable
              clearable
              value={profile.insurer_contact_id === null ? null : String(profile.insurer_contact_id)}
              onChange={(v) => set({ insurer_contact_id: v === null ? null : Number(v) })}
              data={contacts.map((c) => ({
                value: String(c.id),
                label: contactLabel(c),
              }))}
              maw={480}
              data-testid="profile-insurer"
            />
          )}
          <Checkbox
            label={t('company.privacyMark')}
            checked={profile.privacy_mark}
            onChange={(e) => set({ privacy_mark: e.currentTarget.checked })}
          />
          <Checkbox
            label={t('company.isms')}
            checked={profile.isms_certified}
            onChange={(e) => set({ isms_certified: e.currentTarget.checked })}
          />
          <NumberInput
            label={t('contacts.staleMonths')}
            min={1}
            max={120}
            allowDecimal={false}
            value={profile.stale_contact_months}
            onChange={(v) => set({ stale_contact_months: typeof v === 'number' ? v : 12 })}
            w={260}
          />
          <Divider my="xs" />
          <CompanyDetailsFields
            details={profile.details}
            onChange={(details) => {
              if (refusedNumber && details.corporate_number !== profile.details.corporate_number) profileSave.clearError();
              set({ details });
            }}
            cyberInsurance={profile.cyber_insurance}
            tried={tried}
            refusedNumber={refusedNumber}
          />
          {/* A refused corporate number is said under its field. */}
          <SaveRefusal
            error={refusedNumber ? null : profileSave.error}
            onClose={profileSave.clearError}
            findChange={lastChangeFinder('company', 1)}
            onReload={() => {
              profileSave.clearError();
              loadProfile();
            }}
          />
          <Group>
            <Button loading={profileSave.busy} onClick={saveProfile} data-testid="save-profile">
              {t('contact.save')}
            </Button>
            {profileSave.saved && <Text c="green.8">{t('contacts.saved')}</Text>}
          </Group>
        </Stack>
      </Card>

      <Card withBorder padding="lg">
        <Title order={3} mb="xs">
          {t('policy.template.title')}
        </Title>
        <Text size="sm" mb="sm">
          {t('policy.template.help')}
        </Text>
        <ErrorAlert error={template.error} onClose={template.clearError} />
        <Group>
          <Button
            variant="default"
            onClick={() =>
              void template.save(
                async () => void (await api.exportPolicyTemplate(t('policy.template.fileName', { name: profile.name }))),
              )
            }
            data-testid="export-template"
          >
            {t('policy.template.export')}
          </Button>
          <Button
            variant="default"
            onClick={() =>
              void template.save(async () => {
                setImported(null);
                setChosen(await api.choosePolicyTemplate());
              })
            }
            data-testid="choose-template"
          >
            {t('policy.template.choose')}
          </Button>
        </Group>
        {chosen && (
          <Alert color="blue" mt="md" title={chosen.file_name} data-testid="template-chosen">
            <Text size="sm">
              {t('policy.template.describe', {
                company: chosen.source_company,
                date: formatDateTime(chosen.exported_at, i18n.language),
                roles: chosen.roles,
                procedures: chosen.procedures,
                checklists: chosen.checklists,
                authorities: chosen.authorities,
                targets: chosen.targets,
              })}
            </Text>
            {chosen.language !== i18n.language && (
              <Text size="sm" c="orange.8">
                {t('policy.template.otherLanguage', { language: t(`language.${chosen.language}`) })}
              </Text>
            )}
            <Text size="sm" mt="xs">
              {t('policy.template.replaces')}
            </Text>
            <ConfirmButton
              mt="sm"
              color="orange"
              question={t('policy.template.confirm')}
              confirmLabel={t('policy.template.import')}
              onConfirm={() =>
                template.save(async () => {
                  setImported(await api.importChosenPolicyTemplate());
                  setChosen(null);
                  onPolicyReplaced();
                })
              }
              testId="import-template"
            >
              {t('policy.template.import')}
            </ConfirmButton>
          </Alert>
        )}
        {imported && (
          <Alert color="green" mt="md" title={t('policy.template.done')} data-testid="template-imported">
            <Text size="sm">
              {t('policy.template.summary', {
                kept: imported.roles_holders_kept,
                dropped: imported.roles_holders_dropped,
                targetsKept: imported.targets_links_kept,
                targetsDropped: imported.targets_links_dropped,
              })}
            </Text>
          </Alert>
        )}
      </Card>
    </Stack>
  );
}
