// Which client (委託元) the incident's client notice goes to, chosen from the contacts: the letter
// is addressed to it (a company 御中, a person 様) instead of a line left for the office to fill in.
import { useEffect, useState } from 'react';
import { Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { ContactListItem, IncidentDetail } from '../bindings';
import type { IncidentAction } from '../useIncidentAction';

/** A contact as a choice: the name, with its organisation when that says more. */
export const contactLabel = (c: Pick<ContactListItem, 'name' | 'organization'>): string =>
  c.organization && c.organization !== c.name ? `${c.name}（${c.organization}）` : c.name;

export function ClientChoice({ detail, act, readOnly }: { detail: IncidentDetail; act: IncidentAction; readOnly?: boolean }) {
  const { t } = useTranslation();
  const [contacts, setContacts] = useState<ContactListItem[]>([]);
  useEffect(() => {
    if (readOnly) return;
    api.listContacts({ text: '', tag: null, only_stale: false, offset: 0, limit: 0 }).then(
      (page) => setContacts(page.items),
      () => {},
    );
  }, [readOnly]);

  if (readOnly) {
    return detail.client ? (
      <Text size="sm" data-testid="client-named">
        {t('clientChoice.named', { name: contactLabel(detail.client) })}
      </Text>
    ) : null;
  }
  return (
    <Select
      label={t('clientChoice.label')}
      description={t('clientChoice.help')}
      placeholder={t('clientChoice.placeholder')}
      searchable
      clearable
      value={detail.client ? String(detail.client.contact_id) : null}
      onChange={(value) => void act(() => api.setIncidentClient(detail.id, value === null ? null : Number(value)))}
      data={contacts.map((c) => ({ value: String(c.id), label: contactLabel(c) }))}
      nothingFoundMessage={t('clientChoice.nothingFound')}
      data-testid="client-choice"
    />
  );
}
