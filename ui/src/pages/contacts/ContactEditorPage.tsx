// One contact's form: name and reading, organisation, several phones and emails, tags, notes, its
// place in the call tree, and when it was last confirmed. "Confirmed today" is one click. A
// contact that holds a role or owns a recovery cannot be deleted; the page says where it is used.
import { useCallback, useEffect, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Chip,
  Group,
  List,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../../api';
import { useNewerElsewhere } from '../../companyChanges';
import type { ContactDetails, ContactInput, ContactKind, ContactTag, ContactUse, ErrorReport } from '../../bindings';
import { ConfirmButton } from '../../components/ConfirmButton';
import { lastChangeFinder, NewerElsewhere, SaveRefusal } from '../../components/ChangedElsewhere';
import { formatDue } from '../../deadline';
import { keyedByContent, useRowKeys } from '../../listKeys';
import { useNavigate } from '../../navigation';
import { CONTACT_TAGS } from './ContactsPage';

const EMPTY: ContactInput = {
  kind: 'person',
  name: '',
  name_kana: '',
  organization: '',
  department: '',
  title: '',
  notes: '',
  call_order: null,
  last_confirmed_on: null,
  phones: [{ label: '', number: '', emergency: true }],
  emails: [{ label: '', address: '' }],
  tags: [],
};

function asInput(details: ContactDetails): ContactInput {
  const { kind, name, name_kana, organization, department, title, notes, call_order, last_confirmed_on, phones, emails, tags } =
    details;
  return { kind, name, name_kana, organization, department, title, notes, call_order, last_confirmed_on, phones, emails, tags };
}

export function ContactEditorPage({ id }: { id: number | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [form, setForm] = useState<ContactInput>(EMPTY);
  const [details, setDetails] = useState<ContactDetails | null>(null);
  const [usage, setUsage] = useState<ContactUse[]>([]);
  const [error, setError] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState(false);
  const phoneKeys = useRowKeys(form.phones.length);
  const emailKeys = useRowKeys(form.emails.length);

  const show = useCallback((loaded: ContactDetails) => {
    setDetails(loaded);
    setForm(asInput(loaded));
  }, []);
  const load = useCallback(() => {
    if (id === null) return;
    api.contactDetails(id).then(show, (e) => setError(asErrorReport(e)));
    api.contactUsage(id).then(setUsage, () => {});
  }, [id, show]);
  useEffect(load, [load]);

  // Another PC changed this contact: an untouched form shows the latest at once; a form being
  // edited keeps what is typed and says so, with the latest one click away.
  const [newerElsewhere, seenNewer] = useNewerElsewhere(
    ['contacts'],
    details,
    (shown) => api.contactDetails(shown.id),
    (contact) => contact.last_change_id,
    (latest) => {
      if (!details || JSON.stringify(form) !== JSON.stringify(asInput(details))) return false;
      show(latest);
      return true;
    },
  );

  /** Shows the contact as it is now, in place of what was typed (both notices' button). */
  const loadLatest = () => {
    setError(null);
    seenNewer();
    load();
  };

  const set = (change: Partial<ContactInput>) => {
    setForm((before) => ({ ...before, ...change }));
    setSaved(false);
  };

  const run = async (work: () => Promise<void>) => {
    setError(null);
    setSaved(false);
    try {
      await work();
    } catch (e) {
      setError(asErrorReport(e));
    }
  };
  const save = () =>
    run(async () => {
      if (id === null) {
        const created = await api.createContact(form);
        navigate({ page: 'contact', id: created.id });
      } else {
        show(await api.updateContact(id, form, details?.last_change_id ?? null));
        setSaved(true);
      }
    });
  const confirmToday = () =>
    run(async () => {
      if (id === null) return;
      await api.confirmContacts([id]);
      show(await api.contactDetails(id));
    });
  const remove = () =>
    run(async () => {
      if (id === null) return;
      try {
        await api.deleteContact(id, details?.last_change_id ?? null);
        navigate({ page: 'contacts' });
      } catch (e) {
        setUsage(await api.contactUsage(id));
        throw e;
      }
    });

  const blocking = usage.filter((u) => u.kind === 'role_holder' || u.kind === 'recovery_owner');
  const describe = (use: ContactUse) => {
    switch (use.kind) {
      case 'role_holder':
        return t(use.deputy ? 'contact.use.deputy' : 'contact.use.holder', { role: use.role_name });
      case 'recovery_owner':
        return t('contact.use.recoveryOwner', { target: use.target_name });
      case 'related_contact':
        return t('contact.use.related', { target: use.target_name });
      case 'exercise_confirmation':
        return t('contact.use.exercise', { date: formatDue(use.held_on, i18n.language) });
      case 'incident_call':
        return t('contact.use.call', { title: use.incident_title, count: use.calls });
    }
  };

  return (
    <Stack gap="md" maw={860}>
      <Group justify="space-between">
        <Title order={2}>{id === null ? t('contact.new') : form.name || t('contact.edit')}</Title>
        <Button variant="subtle" onClick={() => navigate({ page: 'contacts' })}>
          {t('contact.back')}
        </Button>
      </Group>

      {details && (
        <Card withBorder padding="sm" bg={details.stale ? 'orange.0' : undefined} data-testid="confirmation">
          <Group justify="space-between">
            <Text data-testid="last-confirmed">
              {details.last_confirmed_on
                ? t('contact.lastConfirmed', { date: formatDue(details.last_confirmed_on, i18n.language) })
                : t('contact.neverConfirmed')}
              {details.stale && (
                <Badge color="orange" ml="sm">
                  {t('contact.due')}
                </Badge>
              )}
            </Text>
            <Button color="teal" onClick={() => void confirmToday()} data-testid="confirm-today">
              {t('contact.confirmToday')}
            </Button>
          </Group>
        </Card>
      )}

      <SaveRefusal
        error={error}
        onClose={() => setError(null)}
        findChange={lastChangeFinder('contact', id)}
        onReload={loadLatest}
      />
      {error?.code === 'contact_in_use' && blocking.length > 0 && (
        <Alert color="orange" title={t('contact.inUseTitle')} data-testid="in-use">
          <List size="sm">
            {keyedByContent(blocking).map(({ key, item: use }) => (
              <List.Item key={key}>{describe(use)}</List.Item>
            ))}
          </List>
          <Text size="sm" mt="xs">
            {t('contact.inUseHelp')}
          </Text>
        </Alert>
      )}

      <SegmentedControl
        value={form.kind}
        onChange={(kind) => set({ kind: kind as ContactKind })}
        data={[
          { value: 'person', label: t('contact.kind.person') },
          { value: 'organization', label: t('contact.kind.organization') },
        ]}
        w={300}
      />
      <Group grow align="flex-start">
        <TextInput
          label={t('contacts.name')}
          required
          value={form.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          data-testid="contact-name"
        />
        <TextInput
          label={t('contact.kana')}
          value={form.name_kana}
          onChange={(e) => set({ name_kana: e.currentTarget.value })}
          data-testid="contact-kana"
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput
          label={t('contacts.organization')}
          value={form.organization}
          onChange={(e) => set({ organization: e.currentTarget.value })}
          data-testid="contact-organization"
        />
        <TextInput
          label={t('contact.department')}
          value={form.department}
          onChange={(e) => set({ department: e.currentTarget.value })}
          data-testid="contact-department"
        />
        <TextInput
          label={t('contact.title')}
          value={form.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
          data-testid="contact-title"
        />
      </Group>

      <Stack gap={6}>
        <Text fw={600} size="sm">
          {t('contacts.phone')}
        </Text>
        {form.phones.map((phone, index) => (
          <Group key={phoneKeys.keys[index]} gap="xs" wrap="nowrap">
            <TextInput
              w={160}
              placeholder={t('contact.phoneLabel')}
              aria-label={t('contact.phoneLabel')}
              value={phone.label}
              onChange={(e) =>
                set({ phones: form.phones.map((p, i) => (i === index ? { ...p, label: e.currentTarget.value } : p)) })
              }
            />
            <TextInput
              style={{ flex: 1 }}
              placeholder="03-1234-5678"
              aria-label={t('contacts.phone')}
              value={phone.number}
              onChange={(e) =>
                set({ phones: form.phones.map((p, i) => (i === index ? { ...p, number: e.currentTarget.value } : p)) })
              }
              data-testid={`contact-phone-${index}`}
            />
            <Checkbox
              label={t('contact.emergency')}
              checked={phone.emergency}
              onChange={(e) =>
                set({ phones: form.phones.map((p, i) => (i === index ? { ...p, emergency: e.currentTarget.checked } : p)) })
              }
            />
            <ActionIcon
              variant="default"
              aria-label={t('steps.remove')}
              onClick={() => {
                phoneKeys.removed(index);
                set({ phones: form.phones.filter((_, i) => i !== index) });
              }}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            size="xs"
            variant="light"
            onClick={() => {
              phoneKeys.added();
              set({ phones: [...form.phones, { label: '', number: '', emergency: false }] });
            }}
          >
            {t('contact.addPhone')}
          </Button>
        </Group>
      </Stack>

      <Stack gap={6}>
        <Text fw={600} size="sm">
          {t('contacts.email')}
        </Text>
        {form.emails.map((email, index) => (
          <Group key={emailKeys.keys[index]} gap="xs" wrap="nowrap">
            <TextInput
              w={160}
              placeholder={t('contact.emailLabel')}
              aria-label={t('contact.emailLabel')}
              value={email.label}
              onChange={(e) =>
                set({ emails: form.emails.map((m, i) => (i === index ? { ...m, label: e.currentTarget.value } : m)) })
              }
            />
            <TextInput
              style={{ flex: 1 }}
              placeholder="name@example.jp"
              aria-label={t('contacts.email')}
              value={email.address}
              onChange={(e) =>
                set({ emails: form.emails.map((m, i) => (i === index ? { ...m, address: e.currentTarget.value } : m)) })
              }
              data-testid={`contact-email-${index}`}
            />
            <ActionIcon
              variant="default"
              aria-label={t('steps.remove')}
              onClick={() => {
                emailKeys.removed(index);
                set({ emails: form.emails.filter((_, i) => i !== index) });
              }}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            size="xs"
            variant="light"
            onClick={() => {
              emailKeys.added();
              set({ emails: [...form.emails, { label: '', address: '' }] });
            }}
          >
            {t('contact.addEmail')}
          </Button>
        </Group>
      </Stack>

      <Stack gap={6}>
        <Text fw={600} size="sm">
          {t('contacts.tag')}
        </Text>
        <Chip.Group multiple value={form.tags} onChange={(tags) => set({ tags: tags as ContactTag[] })}>
          <Group gap="xs">
            {CONTACT_TAGS.map((tag) => (
              <Chip key={tag} value={tag} data-testid={`tag-${tag}`}>
                {t(`contacts.tags.${tag}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Stack>

      <NumberInput
        label={t('contact.callOrder')}
        description={t('contact.callOrderHelp')}
        min={1}
        allowDecimal={false}
        value={form.call_order ?? ''}
        onChange={(value) => set({ call_order: typeof value === 'number' ? value : null })}
        w={260}
      />
      <Textarea
        label={t('contact.notes')}
        autosize
        minRows={2}
        value={form.notes}
        onChange={(e) => set({ notes: e.currentTarget.value })}
        data-testid="contact-notes"
      />

      <Group justify="space-between">
        <Group>
          <Button onClick={() => void save()} disabled={form.name.trim() === ''} data-testid="save-contact">
            {t('contact.save')}
          </Button>
          {saved && <Text c="green.8">{t('contacts.saved')}</Text>}
        </Group>
        {id !== null && (
          <ConfirmButton
            variant="subtle"
            color="red"
            question={t('contact.deleteConfirm', { name: details?.name ?? '' })}
            confirmLabel={t('contact.delete')}
            onConfirm={remove}
            testId="delete-contact"
          >
            {t('contact.delete')}
          </ConfirmButton>
        )}
      </Group>

      {usage.length > 0 && (
        <Card withBorder padding="sm">
          <Text fw={600} size="sm" mb={4}>
            {t('contact.usedIn')}
          </Text>
          <List size="sm">
            {keyedByContent(usage).map(({ key, item: use }) => (
              <List.Item key={key}>{describe(use)}</List.Item>
            ))}
          </List>
        </Card>
      )}
      {/* A save refused for the same reason says so itself, with the same button. */}
      {newerElsewhere && error?.code !== 'changed_elsewhere' && (
        <NewerElsewhere title={t('changedElsewhere.newerContact')} onReload={loadLatest} />
      )}
    </Stack>
  );
}
