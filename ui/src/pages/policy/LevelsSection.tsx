// 事故レベル 0–3 (name, impact, responsible role) and the three categories of incident.
import { useState } from 'react';
import { Badge, Button, Card, Group, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { EditableCategory, EditableLevel, EditablePolicy } from '../../bindings';
import { lastChangeFinder, SaveRefusal } from '../../components/ChangedElsewhere';
import { lastChangeOf, useReloadPolicy, useSave } from './useEditor';

export function LevelsSection({ policy, onChange }: { policy: EditablePolicy; onChange: (p: EditablePolicy) => void }) {
  const { t } = useTranslation();
  const { generation } = useReloadPolicy();
  const roles = policy.roles.map((r) => ({ value: String(r.id), label: r.name }));
  return (
    <Stack gap="md" maw={900}>
      <Title order={3}>{t('policy.levels.title')}</Title>
      <Text size="sm">{t('policy.levels.help')}</Text>
      {policy.levels.map((level) => (
        <LevelCard key={`${level.level}-${generation}`} level={level} roles={roles} onChange={onChange} />
      ))}
      <Title order={3} mt="md">
        {t('policy.categories.title')}
      </Title>
      <Text size="sm">{t('policy.categories.help')}</Text>
      {policy.categories.map((category) => (
        <CategoryCard key={`${category.id}-${generation}`} category={category} onChange={onChange} />
      ))}
    </Stack>
  );
}

function LevelCard({
  level,
  roles,
  onChange,
}: {
  level: EditableLevel;
  roles: { value: string; label: string }[];
  onChange: (p: EditablePolicy) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(level.name);
  const [impact, setImpact] = useState(level.impact);
  const [role, setRole] = useState<string | null>(level.responsible_role_id === null ? null : String(level.responsible_role_id));
  const { error, saved, busy, save, clearError } = useSave();
  const [basis, setBasis] = useState(level.last_change_id);
  const { reload } = useReloadPolicy();
  return (
    <Card withBorder padding="md" data-testid={`level-${level.level}`}>
      <Stack gap="sm">
        <Group align="flex-end">
          <Badge size="lg" color={level.level === 3 ? 'red' : level.level === 2 ? 'orange' : 'gray'}>
            {t('incident.level', { level: level.level })}
          </Badge>
          <TextInput
            label={t('policy.roles.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Select
            label={t('history.field.responsible_role')}
            data={roles}
            value={role}
            onChange={setRole}
            allowDeselect={false}
            w={240}
          />
        </Group>
        <Textarea
          label={t('history.field.impact')}
          autosize
          minRows={2}
          value={impact}
          onChange={(e) => setImpact(e.currentTarget.value)}
        />
        <SaveRefusal error={error} onClose={clearError} findChange={lastChangeFinder('level', level.level)} onReload={reload} />
        <Group>
          <Button
            loading={busy}
            disabled={role === null}
            onClick={() =>
              void save(async () => {
                const next = await api.updateLevel(level.level, { name, impact, responsible_role_id: Number(role) }, basis);
                setBasis(lastChangeOf(next.levels, (l) => l.level === level.level));
                onChange(next);
              })
            }
          >
            {t('contact.save')}
          </Button>
          {saved && <Text c="green.8">{t('contacts.saved')}</Text>}
        </Group>
      </Stack>
    </Card>
  );
}

function CategoryCard({ category, onChange }: { category: EditableCategory; onChange: (p: EditablePolicy) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(category.name);
  const [description, setDescription] = useState(category.description);
  const { error, saved, busy, save, clearError } = useSave();
  const [basis, setBasis] = useState(category.last_change_id);
  const { reload } = useReloadPolicy();
  return (
    <Card withBorder padding="md" data-testid={`category-${category.key}`}>
      <Stack gap="sm">
        <TextInput label={t('policy.roles.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Textarea
          label={t('history.field.description')}
          autosize
          minRows={1}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        <SaveRefusal
          error={error}
          onClose={clearError}
          findChange={lastChangeFinder('category', category.id)}
          onReload={reload}
        />
        <Group>
          <Button
            loading={busy}
            onClick={() =>
              void save(async () => {
                const next = await api.updateCategory(category.id, { name, description }, basis);
                setBasis(lastChangeOf(next.categories, (c) => c.id === category.id));
                onChange(next);
              })
            }
          >
            {t('contact.save')}
          </Button>
          {saved && <Text c="green.8">{t('contacts.saved')}</Text>}
        </Group>
      </Stack>
    </Card>
  );
}
