// 対応手順 per category × level, and the first-response checklist of each case the wizard offers.
// Steps are edited as a list and saved together.
import { useState } from 'react';
import { Button, Card, Group, SegmentedControl, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { EditableChecklist, EditablePolicy, EditableProcedure } from '../../bindings';
import { lastChangeFinder, SaveRefusal } from '../../components/ChangedElsewhere';
import { type EditableStep, StepListEditor } from '../../components/StepListEditor';
import { lastChangeOf, useReloadPolicy, useSave } from './useEditor';

type Roles = { id: number; name: string }[];

export function ProceduresSection({ policy, onChange }: { policy: EditablePolicy; onChange: (p: EditablePolicy) => void }) {
  const { t } = useTranslation();
  const { generation } = useReloadPolicy();
  const [category, setCategory] = useState(policy.categories[0]?.key ?? '');
  const [level, setLevel] = useState('3');
  const [caseKey, setCaseKey] = useState<string | null>(policy.checklists[0]?.case_key ?? null);
  const roles = policy.roles.map((r) => ({ id: r.id, name: r.name }));
  const procedure = policy.procedures.find((p) => p.category_key === category && p.level === Number(level));
  const checklist = policy.checklists.find((c) => c.case_key === caseKey);

  return (
    <Stack gap="lg" maw={1000}>
      <Card withBorder padding="lg">
        <Title order={3} mb="xs">
          {t('policy.procedures.title')}
        </Title>
        <Text size="sm" mb="sm">
          {t('policy.procedures.help')}
        </Text>
        <Group mb="md">
          <SegmentedControl
            value={category}
            onChange={setCategory}
            data={policy.categories.map((c) => ({ value: c.key, label: c.name }))}
            data-testid="procedure-category"
          />
          <SegmentedControl
            value={level}
            onChange={setLevel}
            data={[0, 1, 2, 3].map((n) => ({ value: String(n), label: t('incident.level', { level: n }) }))}
            data-testid="procedure-level"
          />
        </Group>
        <ProcedureEditor
          key={`${category}-${level}-${generation}`}
          categoryKey={category}
          level={Number(level)}
          procedure={procedure}
          roles={roles}
          onChange={onChange}
        />
      </Card>

      <Card withBorder padding="lg">
        <Title order={3} mb="xs">
          {t('policy.checklists.title')}
        </Title>
        <Text size="sm" mb="sm">
          {t('policy.checklists.help')}
        </Text>
        <Select
          label={t('policy.checklists.case')}
          value={caseKey}
          onChange={setCaseKey}
          allowDeselect={false}
          data={policy.checklists.map((c) => ({
            value: c.case_key,
            label: t(`case.${c.case_key}.name`, { defaultValue: c.title }),
          }))}
          w={360}
          mb="md"
        />
        {checklist && (
          <ChecklistEditor key={`${checklist.case_key}-${generation}`} checklist={checklist} roles={roles} onChange={onChange} />
        )}
      </Card>
    </Stack>
  );
}

function ProcedureEditor({
  categoryKey,
  level,
  procedure,
  roles,
  onChange,
}: {
  categoryKey: string;
  level: number;
  procedure: EditableProcedure | undefined;
  roles: Roles;
  onChange: (p: EditablePolicy) => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState(procedure?.note ?? '');
  const [steps, setSteps] = useState<EditableStep[]>(procedure?.steps ?? []);
  const { error, saved, busy, save, clearError } = useSave();
  const [basis, setBasis] = useState(procedure?.last_change_id ?? null);
  const { reload } = useReloadPolicy();
  return (
    <Stack gap="sm">
      <Textarea
        label={t('policy.procedures.note')}
        autosize
        minRows={1}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <StepListEditor steps={steps} roles={roles} onChange={setSteps} testId="procedure-steps" />
      <SaveRefusal
        error={error}
        onClose={clearError}
        findChange={lastChangeFinder('procedure', procedure?.id ?? null)}
        onReload={reload}
      />
      <Group>
        <Button
          loading={busy}
          disabled={steps.some((s) => s.text.trim() === '')}
          onClick={() =>
            void save(async () => {
              const next = await api.saveProcedure(categoryKey, level, note, steps, basis);
              setBasis(lastChangeOf(next.procedures, (p) => p.category_key === categoryKey && p.level === level));
              onChange(next);
            })
          }
          data-testid="save-procedure"
        >
          {t('policy.procedures.save')}
        </Button>
        {saved && <Text c="green.8">{t('contacts.saved')}</Text>}
      </Group>
    </Stack>
  );
}

function ChecklistEditor({
  checklist,
  roles,
  onChange,
}: {
  checklist: EditableChecklist;
  roles: Roles;
  onChange: (p: EditablePolicy) => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(checklist.title);
  const [items, setItems] = useState<EditableStep[]>(checklist.items);
  const { error, saved, busy, save, clearError } = useSave();
  const [basis, setBasis] = useState(checklist.last_change_id);
  const { reload } = useReloadPolicy();
  return (
    <Stack gap="sm">
      <TextInput label={t('policy.checklists.titleLabel')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
      <StepListEditor steps={items} roles={roles} onChange={setItems} testId="checklist-items" />
      <SaveRefusal
        error={error}
        onClose={clearError}
        findChange={lastChangeFinder('checklist', checklist.id)}
        onReload={reload}
      />
      <Group>
        <Button
          loading={busy}
          disabled={items.some((s) => s.text.trim() === '')}
          onClick={() =>
            void save(async () => {
              const next = await api.saveChecklist(checklist.case_key, title, items, basis);
              setBasis(lastChangeOf(next.checklists, (c) => c.case_key === checklist.case_key));
              onChange(next);
            })
          }
          data-testid="save-checklist"
        >
          {t('policy.checklists.save')}
        </Button>
        {saved && <Text c="green.8">{t('contacts.saved')}</Text>}
      </Group>
    </Stack>
  );
}
