// The home screen: which company this is, what is open, which contacts need confirming, and
// which reviews and exercises are due.
import { useState } from 'react';
import { Badge, Button, Card, Group, List, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../api';
import type { ErrorReport, HomeSummary, IncidentSummary, ServerPerson } from '../bindings';
import { DocumentActions } from '../components/DocumentActions';
import { DeadlineBadge } from '../components/DeadlineBadge';
import { ErrorAlert } from '../components/ErrorAlert';
import { ReadinessCard } from '../components/Readiness';
import { formatDue, urgency } from '../deadline';
import { useNavigate } from '../navigation';

/** "Something happened": opens a new incident record and the wizard in one click. */
export function StartIncidentButton({ size = 'md' }: { size?: 'md' | 'xl' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState<ErrorReport | null>(null);
  const start = async () => {
    try {
      const detail = await api.startIncident('other');
      navigate({ page: 'wizard', id: detail.id });
    } catch (e) {
      setError(asErrorReport(e));
    }
  };
  return (
    <>
      <Button size={size} color="red" onClick={() => void start()} data-testid="start-incident">
        {t('home.startIncident')}
      </Button>
      <ErrorAlert error={error} onClose={() => setError(null)} />
    </>
  );
}

/** Under a list cut short on the home screen: how many more there are, opening the full list. */
function MoreLink({ label, onClick, testId }: { label: string; onClick: () => void; testId: string }) {
  return (
    <Button variant="subtle" size="compact-sm" mt="sm" px={0} onClick={onClick} data-testid={testId}>
      {label}
    </Button>
  );
}

export function HomePage({
  summary,
  path,
  server,
  signedIn,
}: {
  summary: HomeSummary;
  path: string | null;
  server: string | null;
  signedIn: ServerPerson | null;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { company } = summary;
  const months = company.stale_contact_months;
  const flags = [
    company.privacy_mark && t('company.privacyMark'),
    company.isms_certified && t('company.isms'),
    company.handles_my_number && t('company.myNumber'),
    company.handles_eu_data && t('company.euData'),
  ].filter(Boolean) as string[];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={1} data-testid="company-name">
            {company.name}
          </Title>
          <Group gap="xs" mt="xs">
            <Badge variant="light">{t(`company.sector.${company.sector}`)}</Badge>
            {company.prefecture && (
              <Badge variant="light" color="gray">
                {company.prefecture}
              </Badge>
            )}
            {flags.map((flag) => (
              <Badge key={flag} variant="outline" color="teal">
                {flag}
              </Badge>
            ))}
          </Group>
          {path && (
            <Text size="xs" c="dimmed" mt={6}>
              {t('company.file')}: {path}
            </Text>
          )}
          {server && (
            <Text size="xs" c="dimmed" mt={6} data-testid="open-server">
              {t('company.server')}: {server}
            </Text>
          )}
          {server && signedIn?.access && (
            <Text size="sm" mt={6} data-testid="signed-in">
              {t('server.signedIn', { name: signedIn.name, access: t(`server.access.${signedIn.access}`) })}{' '}
              <Text span size="sm" c="dimmed">
                {t(`server.accessHelp.${signedIn.access}`)}
              </Text>
            </Text>
          )}
        </div>
        <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
          <StartIncidentButton size="xl" />
          <Text size="xs" c="dimmed">
            {t('home.startIncidentHelp')}
          </Text>
        </Stack>
      </Group>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder padding="lg" data-testid="open-incidents">
          <Title order={3} mb="sm">
            {t('home.openIncidents')}
          </Title>
          {summary.open_incidents.length === 0 ? (
            <Text c="dimmed">{t('home.noOpenIncidents')}</Text>
          ) : (
            <Stack gap="sm">
              {summary.open_incidents.map((incident) => (
                <OpenIncident key={incident.id} incident={incident} language={i18n.language} />
              ))}
            </Stack>
          )}
          {summary.open_incident_count > summary.open_incidents.length && (
            <MoreLink
              label={t('home.moreOpenIncidents', { count: summary.open_incident_count - summary.open_incidents.length })}
              onClick={() => navigate({ page: 'incidents', onlyOpen: true })}
              testId="more-open-incidents"
            />
          )}
        </Card>

        <Card withBorder padding="lg" data-testid="stale-contacts">
          <Title order={3} mb="sm">
            {t('home.staleContacts')}
          </Title>
          {summary.stale_contacts.length === 0 ? (
            <Text c="dimmed">{t('home.noStaleContacts', { months })}</Text>
          ) : (
            <>
              <Text size="sm" mb="sm">
                {t('home.staleContactsHelp', { months })}
              </Text>
              <List spacing="xs">
                {summary.stale_contacts.map((contact) => (
                  <List.Item key={contact.id} data-testid="stale-contact">
                    <UnstyledButton
                      onClick={() => navigate({ page: 'contact', id: contact.id })}
                      data-testid={`stale-contact-${contact.id}`}
                    >
                      <Text fw={600} span c="blue.8">
                        {contact.name}
                      </Text>
                    </UnstyledButton>
                    {contact.organization && (
                      <Text span c="dimmed">
                        {' '}
                        ({contact.organization})
                      </Text>
                    )}
                    <Text size="sm" c={contact.last_confirmed_on ? 'dimmed' : 'orange.8'}>
                      {contact.last_confirmed_on
                        ? t('home.lastConfirmed', { date: formatDue(contact.last_confirmed_on, i18n.language) })
                        : t('home.neverConfirmed')}
                    </Text>
                  </List.Item>
                ))}
              </List>
              {summary.stale_contact_count > summary.stale_contacts.length && (
                <MoreLink
                  label={t('home.moreStaleContacts', { count: summary.stale_contact_count - summary.stale_contacts.length })}
                  onClick={() => navigate({ page: 'contacts', onlyStale: true })}
                  testId="more-stale-contacts"
                />
              )}
            </>
          )}
          <Text size="sm" c="dimmed" mt="md">
            {t('home.contactCount', { count: summary.contact_count })}
          </Text>
        </Card>
      </SimpleGrid>

      <ReadinessCard readiness={summary.readiness} />

      <Card withBorder padding="lg" data-testid="documents">
        <Title order={3} mb="sm">
          {t('documents.title')}
        </Title>
        <Stack gap="xs">
          <DocumentActions document="policy" />
          <DocumentActions document="bcp" />
          <DocumentActions document="contacts-card" />
        </Stack>
      </Card>
    </Stack>
  );
}

function OpenIncident({ incident, language }: { incident: IncidentSummary; language: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const now = new Date();
  const due = incident.next_deadline;
  const state = due ? urgency(due, now) : null;
  return (
    <UnstyledButton onClick={() => navigate({ page: 'incident', id: incident.id })} data-testid={`open-incident-${incident.id}`}>
      <Card
        withBorder
        padding="sm"
        radius="sm"
        bg={state === 'later' || !state ? undefined : incident.next_deadline_is_target ? 'yellow.0' : 'red.0'}
      >
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600}>{incident.title || t('wizard.newIncident')}</Text>
          <Badge color={incident.level === 3 ? 'red' : incident.level === 2 ? 'orange' : 'gray'} style={{ flexShrink: 0 }}>
            {incident.level === null ? t('incident.levelUnset') : t('incident.level', { level: incident.level })}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t(`incident.category.${incident.category ?? 'none'}`)}
          {t('common.separator')}
          {t(`incident.stage.${incident.stage}`)}
          {t('common.separator')}
          {t('home.discoveredAt', { date: formatDue(incident.discovered_at, language) })}
        </Text>
        {due ? (
          <Group gap="xs" mt={4}>
            <Text size="sm">
              {t(incident.next_deadline_is_target ? 'deadline.nextTarget' : 'deadline.next', { date: formatDue(due, language) })}
            </Text>
            <DeadlineBadge due={due} now={now} target={incident.next_deadline_is_target} />
          </Group>
        ) : (
          <Text size="sm" c="dimmed" mt={4}>
            {t('deadline.none')}
          </Text>
        )}
      </Card>
    </UnstyledButton>
  );
}
