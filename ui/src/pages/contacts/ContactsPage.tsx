// 連絡先: the people and organisations the company calls — staff, authorities, vendors, insurers —
// searchable the way an office types (kana or kanji, half or full width, part of a number), with
// the ones due for confirmation marked.
import { useCallback, useEffect, useState } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../../api';
import { useChangesTo } from '../../companyChanges';
import { type ContactPage, type ContactTag, type ErrorReport, CONTACT_TAG_VALUES } from '../../bindings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDue } from '../../deadline';
import { useNavigate } from '../../navigation';
import { CallTreeEditor } from './CallTreeEditor';

const PAGE_SIZE = 50;
export const CONTACT_TAGS = CONTACT_TAG_VALUES;

export function ContactsPage({ onlyStale: startWithStale = false }: { onlyStale?: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [search] = useDebouncedValue(text, 150);
  const [tag, setTag] = useState<ContactTag | null>(null);
  const [onlyStale, setOnlyStale] = useState(startWithStale);
  const [page, setPage] = useState(1);
  const [contacts, setContacts] = useState<ContactPage | null>(null);
  const [months, setMonths] = useState<number>(12);
  const [error, setError] = useState<ErrorReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Changes made on this page, counted: the call tree editor starts afresh after each. */
  const [changes, setChanges] = useState(0);

  /** Sets a filter; a new search or filter starts again from its first page. */
  const filter =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };
  const filterByText = filter(setText);
  const filterByTag = filter(setTag);
  const filterByStale = filter(setOnlyStale);

  const load = useCallback(() => {
    const query = { text: search, tag, only_stale: onlyStale, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE };
    api.listContacts(query).then(setContacts, (e) => setError(asErrorReport(e)));
  }, [search, tag, onlyStale, page]);
  // Read again when another PC changed the contacts.
  const changedElsewhere = useChangesTo('contacts');
  // biome-ignore lint/correctness/useExhaustiveDependencies: changedElsewhere is bumped to read again
  useEffect(load, [load, changedElsewhere]);

  /** Something was changed here: the list is read again and the call tree editor starts afresh. */
  const changed = () => {
    load();
    setChanges((n) => n + 1);
  };

  useEffect(() => {
    api.homeSummary().then(
      (s) => setMonths(s.company.stale_contact_months),
      () => {},
    );
  }, []);

  const act = async (work: () => Promise<unknown>, done?: string) => {
    setError(null);
    setNotice(null);
    try {
      const result = await work();
      if (done && result !== null) setNotice(done);
      changed();
    } catch (e) {
      setError(asErrorReport(e));
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t('contacts.title')}</Title>
        <Group gap="xs">
          <Button onClick={() => navigate({ page: 'contact', id: null })} data-testid="new-contact">
            {t('contacts.add')}
          </Button>
          <Button variant="default" onClick={() => navigate({ page: 'contactsImport' })} data-testid="import-contacts">
            {t('contacts.import')}
          </Button>
          <Button
            variant="default"
            onClick={() => void act(() => api.exportContactsCsv(t('contacts.exportFileName')), t('contacts.exported'))}
            data-testid="export-contacts"
          >
            {t('contacts.export')}
          </Button>
        </Group>
      </Group>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {notice && <Text c="green.8">{notice}</Text>}

      <Group align="flex-end" gap="md">
        <TextInput
          label={t('contacts.search')}
          placeholder={t('contacts.searchPlaceholder')}
          value={text}
          onChange={(e) => filterByText(e.currentTarget.value)}
          w={320}
          data-testid="contact-search"
        />
        <Select
          label={t('contacts.tag')}
          placeholder={t('contacts.allTags')}
          clearable
          value={tag}
          onChange={(value) => filterByTag(value as ContactTag | null)}
          data={CONTACT_TAGS.map((value) => ({ value, label: t(`contacts.tags.${value}`) }))}
          w={200}
        />
        <Checkbox
          label={t('contacts.onlyStale', { months })}
          checked={onlyStale}
          onChange={(e) => filterByStale(e.currentTarget.checked)}
          mb={8}
          data-testid="only-stale"
        />
      </Group>

      {contacts && (
        <>
          <Text size="sm" c="dimmed" data-testid="contact-total">
            {t('contacts.total', { count: contacts.total })}
          </Text>
          <Table striped highlightOnHover data-testid="contact-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('contacts.name')}</Table.Th>
                <Table.Th>{t('contacts.organization')}</Table.Th>
                <Table.Th>{t('contacts.phone')}</Table.Th>
                <Table.Th>{t('contacts.email')}</Table.Th>
                <Table.Th>{t('contacts.lastConfirmed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {contacts.items.map((contact) => (
                <Table.Tr key={contact.id} data-testid="contact-row">
                  <Table.Td>
                    <UnstyledButton
                      onClick={() => navigate({ page: 'contact', id: contact.id })}
                      data-testid={`contact-${contact.id}`}
                    >
                      <Text fw={600} c="blue.8">
                        {contact.call_order !== null && (
                          <Badge size="xs" variant="light" mr={6}>
                            {t('contacts.callOrderShort', { n: contact.call_order })}
                          </Badge>
                        )}
                        {contact.name}
                      </Text>
                      {contact.name_kana && (
                        <Text size="xs" c="dimmed">
                          {contact.name_kana}
                        </Text>
                      )}
                    </UnstyledButton>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{contact.organization}</Text>
                    <Text size="xs" c="dimmed">
                      {[contact.department, contact.title].filter(Boolean).join(' ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {(contact.emergency_phone ?? contact.phone)?.number ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {contact.email ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {contact.stale ? (
                      <Badge color="orange" variant="light">
                        {contact.last_confirmed_on
                          ? formatDue(contact.last_confirmed_on, i18n.language)
                          : t('contacts.neverConfirmed')}
                      </Badge>
                    ) : (
                      <Text size="sm">{contact.last_confirmed_on && formatDue(contact.last_confirmed_on, i18n.language)}</Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {contacts.total === 0 && <Text c="dimmed">{t('contacts.none')}</Text>}
          {contacts.total > PAGE_SIZE && (
            <Pagination total={Math.ceil(contacts.total / PAGE_SIZE)} value={page} onChange={setPage} />
          )}
        </>
      )}

      <CallTreeEditor key={changes} onSaved={changed} />

      <Group align="flex-end">
        <NumberInput
          label={t('contacts.staleMonths')}
          description={t('contacts.staleMonthsHelp')}
          min={1}
          max={120}
          allowDecimal={false}
          value={months}
          onChange={(value) => setMonths(typeof value === 'number' ? value : Number(value) || 12)}
          w={260}
        />
        <Button variant="default" onClick={() => void act(() => api.setStaleContactMonths(months), t('contacts.saved'))}>
          {t('contacts.saveStaleMonths')}
        </Button>
      </Group>
    </Stack>
  );
}
