// One incident in full: what happened, its level, the timeline (append-only: corrections are
// new notes), the reports with their status, the checklists and the calls.
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Card, Grid, Group, Loader, Stack, Text, TextInput, Textarea, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../api';
import { useChangesTo } from '../companyChanges';
import { useIncidentAction } from '../useIncidentAction';
import type { IncidentDetail } from '../bindings';
import { DocumentActions } from '../components/DocumentActions';
import { SaveRefusal } from '../components/ChangedElsewhere';
import { ErrorAlert } from '../components/ErrorAlert';
import { ObligationCard } from '../components/ObligationCard';
import { TaskList } from '../components/TaskList';
import { formatDateTime } from '../datetime';
import { useNavigate } from '../navigation';

export function IncidentDetailPage({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [detail, setDetail] = useState<IncidentDetail | null>(null);
  const { act, error, setError } = useIncidentAction(setDetail);
  const [note, setNote] = useState('');
  // Who writes notes: asked here when the wizard has not asked yet on this computer.
  const [author, setAuthor] = useState<string | null>(null);
  const [askAuthor, setAskAuthor] = useState(false);

  useEffect(() => {
    void api.preferences().then((p) => {
      setAuthor(p.author_name);
      setAskAuthor(!p.author_name.trim());
    });
  }, []);
  // The incident, read again when another PC changed one (its timeline, calls, tasks…); the
  // note being typed stays.
  const changedElsewhere = useChangesTo('incidents');
  const load = useCallback(() => {
    api.incidentDetail(id).then(setDetail, (e) => setError(asErrorReport(e)));
  }, [id, setError]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: changedElsewhere is bumped to read again
  useEffect(load, [load, changedElsewhere]);

  if (!detail) return error ? <ErrorAlert error={error} /> : <Loader />;
  const open = detail.status === 'open';
  const language = i18n.language;

  const needsAuthor = author !== null && author.trim() === '';
  const addNote = async () => {
    if (needsAuthor) return;
    if (author !== null) await api.setAuthorName(author);
    if (await act(() => api.addIncidentNote(id, note))) setNote('');
  };

  return (
    <Stack gap="md" data-testid="incident-detail">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={2} data-testid="incident-title">
            {detail.title || t('wizard.newIncident')}
          </Title>
          <Group gap="xs" mt={4}>
            <Badge color={open ? 'orange' : 'gray'} data-testid="incident-status">
              {t(`incidents.status.${detail.status}`)}
            </Badge>
            {detail.level !== null && (
              <Badge color={detail.level >= 3 ? 'red' : 'blue'}>{t('incident.level', { level: detail.level })}</Badge>
            )}
            <Badge variant="light">{t(`incident.stage.${detail.stage}`)}</Badge>
            <Badge variant="light">{t(`incident.category.${detail.category ?? 'none'}`)}</Badge>
            <Badge variant="outline">{t(`case.${detail.case_kind}.name`)}</Badge>
          </Group>
          <Text size="sm" c="dimmed" mt={4}>
            {t('detail.discovered', { date: formatDateTime(detail.discovered_at, language), name: detail.discovered_by || '—' })}
          </Text>
        </div>
        {open && (
          <Button onClick={() => navigate({ page: 'wizard', id })} data-testid="continue-wizard">
            {t('detail.continue')}
          </Button>
        )}
      </Group>
      {/* Said where the user looks (a report's card may be far below). The page does not know which
          change came first, so a refusal for someone else's change names nobody. */}
      <SaveRefusal
        error={error}
        onClose={() => setError(null)}
        findChange={async () => null}
        onReload={() => {
          setError(null);
          load();
        }}
      />
      {detail.description && (
        <Card withBorder>
          <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{detail.description}</Text>
        </Card>
      )}
      <DocumentActions document="incident-report" incidentId={id} />
      {detail.level_override_reason && (
        <Text size="sm">{t('detail.overrideReason', { reason: detail.level_override_reason })}</Text>
      )}

      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <Title order={3}>{t('detail.obligations')}</Title>
            {detail.facts === null ? (
              <Text c="dimmed">{t('detail.notAssessed')}</Text>
            ) : detail.obligations.length === 0 ? (
              <Text c="dimmed">{t('wizard.step.reporting.nobody')}</Text>
            ) : (
              detail.obligations.map((obligation) => (
                <ObligationCard
                  key={`${obligation.id}-${obligation.status}`}
                  incidentId={id}
                  dayOne={detail.day_one}
                  obligation={obligation}
                  act={act}
                  incident={detail}
                  readOnly={!open}
                />
              ))
            )}
            <Title order={3}>{t('detail.tasks')}</Title>
            <TaskList
              tasks={detail.tasks}
              readOnly={!open}
              onToggle={(task, done) => void act(() => api.setTaskDone(id, task.id, done))}
            />
            {(['cause', 'secondary_damage', 'measures_taken', 'measures_planned', 'lessons'] as const)
              .filter((field) => detail.recovery[field])
              .map((field) => (
                <div key={field}>
                  <Text fw={600}>{t(`recovery.${field}`)}</Text>
                  <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{detail.recovery[field]}</Text>
                </div>
              ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Title order={3} mb="sm">
            {t('detail.timeline')}
          </Title>
          {open && (
            <Stack gap="xs" mb="md">
              <Textarea
                placeholder={t('detail.notePlaceholder')}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                autosize
                minRows={2}
                data-testid="note"
              />
              {askAuthor && (
                <TextInput
                  label={t('wizard.step.what.author')}
                  value={author ?? ''}
                  onChange={(e) => setAuthor(e.currentTarget.value)}
                  data-testid="note-author"
                />
              )}
              <Button
                onClick={() => void addNote()}
                disabled={!note.trim() || needsAuthor}
                w="fit-content"
                data-testid="add-note"
              >
                {t('detail.addNote')}
              </Button>
            </Stack>
          )}
          <Timeline bulletSize={14} lineWidth={2} data-testid="timeline">
            {[...detail.timeline].reverse().map((entry) => (
              <Timeline.Item key={entry.id}>
                <Text size="xs" c="dimmed">
                  {formatDateTime(entry.at, language)}
                  {t('common.separator')}
                  {entry.author || '—'}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {entry.message}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
