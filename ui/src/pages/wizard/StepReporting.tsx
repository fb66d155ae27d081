// Step 5 — who must be told, as an interview: one plain question at a time, chosen by the core
// from what is still open (incident/interview), with the answer as it stands beside it. Each
// unknown is taken the safe way, and the answer says which unknowns keep a report standing and
// which replies lifted one. Any reply can be changed from the list of answers; once nothing is
// left to ask the office records the answer, and a later review goes through the same interview
// from the replies recorded.
import { useEffect, useState } from 'react';
import { Accordion, Alert, Badge, Button, Card, Checkbox, Grid, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../../api';
import type {
  CaseKind,
  ErrorReport,
  InterviewState,
  Question,
  Replied,
  Reply,
  ReportingDetails,
  ReportingDraft,
} from '../../bindings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ObligationCard } from '../../components/ObligationCard';
import { formatDue } from '../../deadline';
import { DataItemsChecklist } from './DataItemsChecklist';
import { InterviewQuestion, useQuestionText, useReplyLabel } from './InterviewQuestion';
import { IpaQuestions } from './IpaQuestions';
import { StepActions, type StepProps, useConfirmationBasis } from './StepActions';
import { TechnicalQuestions } from './TechnicalQuestions';
import { useStepDraft } from './useStepDraft';
import { WhoseDataQuestions } from './WhoseDataQuestions';

/** A fact's contract name without its body of data (`personal_data.sensitive` → `sensitive`). */
const factKey = (name: string) => name.slice(name.lastIndexOf('.') + 1);

export function StepReporting({ detail, act, goTo }: StepProps) {
  const { t } = useTranslation();
  const confirmation = useConfirmationBasis(detail, 'interview');
  const [draft, update] = useStepDraft(
    detail,
    'reporting',
    (): ReportingDraft => ({
      replies: detail.interview_replies,
      details: detail.details,
      save_to_profile: true,
    }),
  );
  const [state, setState] = useState<InterviewState | null>(null);
  const [problem, setProblem] = useState<ErrorReport | null>(null);
  const [changing, setChanging] = useState<Question | null>(null);

  useEffect(() => {
    let current = true;
    api.interview(detail.id, draft.replies, draft.details).then(
      (next) => {
        if (!current) return;
        setState(next);
        setProblem(null);
      },
      (e) => current && setProblem(asErrorReport(e)),
    );
    return () => {
      current = false;
    };
  }, [detail.id, draft.replies, draft.details]);

  const bothBodies = draft.replies.some((r) => r.question === 'whose' && r.reply === 'both');
  const reply = (question: Question, answer: Reply) => {
    const replies: Replied[] = [...draft.replies.filter((r) => r.question !== question), { question, reply: answer }];
    update({ replies });
    setChanging(null);
  };
  const changeDetails = (patch: Partial<ReportingDetails>) => update({ details: { ...draft.details, ...patch } });

  const assessed = detail.facts !== null;
  const changedSinceRecorded =
    assessed &&
    (JSON.stringify(draft.replies) !== JSON.stringify(detail.interview_replies) ||
      JSON.stringify(draft.details) !== JSON.stringify(detail.details));
  const current = state && (changing ? (state.answered.find((a) => a.question === changing) ?? null) : state.next);
  const finished = state !== null && state.next === null && changing === null;
  const record = async () =>
    confirmation.after(
      await act(() => api.recordInterview(detail.id, draft.replies, draft.details, draft.save_to_profile, confirmation.basis())),
    );
  const profileAsked = state?.answered.some((a) => a.question === 'eu_establishment' || a.question === 'eu_targeting');
  // Recorded as "nothing happened yet", but with an attack, malware or personal data: usually an
  // incident, which the near-miss stage would keep from every mandatory report.
  const nearMissLooksLikeIncident =
    detail.stage === 'near_miss' &&
    state !== null &&
    (state.facts.malware || state.facts.unauthorized_access || state.facts.personal_data.involved === true);
  const obligations = detail.obligations.filter((o) => o.current || o.status !== 'not_started');

  return (
    <Stack gap="md">
      <div>
        <Title order={3}>{t('interview.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('interview.intro')}
        </Text>
      </div>
      {detail.stage === 'near_miss' && (
        <Alert color="gray" data-testid="near-miss-note">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('facts.answers.nearMissNote')}</Text>
            <Button size="xs" variant="light" color="gray" onClick={() => void goTo(1)} data-testid="back-to-step-2">
              {t('facts.answers.nearMissBack')}
            </Button>
          </Stack>
        </Alert>
      )}
      {nearMissLooksLikeIncident && (
        <Alert color="orange" data-testid="near-miss-warning">
          {t('facts.answers.nearMissWarning')}
        </Alert>
      )}
      <ErrorAlert error={problem} />
      {state && (
        <Grid gutter="md" align="flex-start">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Card withBorder padding="md">
              {current ? (
                <Stack gap="xs">
                  {changing && (
                    <Text size="xs" c="orange.8">
                      {t('interview.summary.changing')}
                    </Text>
                  )}
                  <InterviewQuestion
                    key={`${current.question}-${changing ?? ''}`}
                    asked={current}
                    caseKind={detail.case_kind}
                    bothBodies={bothBodies}
                    number={changing ? state.answered.findIndex((a) => a.question === changing) + 1 : state.answered.length + 1}
                    onReply={(answer) => reply(current.question, answer)}
                  />
                </Stack>
              ) : (
                finished && (
                  <Stack gap="sm" data-testid="interview-done">
                    <Title order={4}>{t('interview.done.title')}</Title>
                    <Text size="sm">{t('interview.done.text')}</Text>
                    {profileAsked && (
                      <Checkbox
                        label={t('interview.saveToProfile')}
                        checked={draft.save_to_profile}
                        onChange={(e) => update({ save_to_profile: e.currentTarget.checked })}
                        data-testid="save-to-profile"
                      />
                    )}
                    {state.contradictions.length > 0 && (
                      <Alert color="red" data-testid="contradictions">
                        <Text size="sm">{t('interview.contradiction')}</Text>
                        <List size="sm">
                          {state.contradictions.map((c) => (
                            <List.Item key={c}>{t(`facts.contradiction.${c}`)}</List.Item>
                          ))}
                        </List>
                      </Alert>
                    )}
                    {assessed && !changedSinceRecorded ? (
                      <Text size="sm" c="green.8" data-testid="recorded">
                        {t('interview.done.recorded')}
                      </Text>
                    ) : (
                      <Group>
                        <Button onClick={() => void record()} disabled={state.contradictions.length > 0} data-testid="assess">
                          {assessed ? t('interview.done.rerecord') : t('interview.done.record')}
                        </Button>
                      </Group>
                    )}
                    {changedSinceRecorded && (
                      <Text size="sm" c="orange.8">
                        {t('interview.done.changed')}
                      </Text>
                    )}
                  </Stack>
                )
              )}
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <LiveAnswer state={state} />
          </Grid.Col>
        </Grid>
      )}
      {state && state.answered.length > 0 && (
        <AnswerList
          state={state}
          caseKind={detail.case_kind}
          bothBodies={bothBodies}
          changing={changing}
          onChange={setChanging}
        />
      )}
      {finished && (
        <DocumentDetails
          details={draft.details}
          own={state.facts.personal_data.involved === true}
          client={state.facts.entrusted_data !== null}
          malware={state.facts.malware}
          intrusion={state.facts.malware || state.facts.unauthorized_access}
          onChange={changeDetails}
        />
      )}
      {assessed && finished && !changedSinceRecorded && (
        <Stack gap="sm" data-testid="obligations">
          <Title order={4}>{t('wizard.step.reporting.whoToTell')}</Title>
          {obligations.length === 0 ? (
            <Alert color="green">{t('wizard.step.reporting.nobody')}</Alert>
          ) : (
            obligations.map((obligation) => (
              <ObligationCard
                key={`${obligation.id}-${obligation.status}`}
                incidentId={detail.id}
                dayOne={detail.day_one}
                obligation={obligation}
                act={act}
                incident={detail}
              />
            ))
          )}
        </Stack>
      )}
      <StepActions step={4} goTo={goTo} onNext={assessed ? () => goTo(5) : undefined} />
    </Stack>
  );
}

/** Who must be told as the replies stand, each with its deadlines, what would lift it, and what was lifted. */
function LiveAnswer({ state }: { state: InterviewState }) {
  const { t, i18n } = useTranslation();
  // The same fact of the company's own and of a client's data reads once.
  const facts = (names: string[], part: 'confirm' | 'lifted') =>
    [...new Set(names.map((name) => t(`interview.fact.${factKey(name)}.${part}`)))].join(t('common.separator'));
  return (
    <Stack gap="xs" data-testid="live-answer" aria-live="polite">
      <Text fw={600}>{t('interview.live.title')}</Text>
      {state.assessment.obligations.length === 0 && (
        <Text size="sm" c="green.8" data-testid="live-nobody">
          {t('interview.live.nobody')}
        </Text>
      )}
      {state.assessment.obligations.map((obligation) => {
        // What would lift a duty is said for duties; a recommendation stays one either way.
        const unsettled =
          obligation.duty === 'mandatory' ? state.unsettled.find((u) => u.authority === obligation.authority) : undefined;
        return (
          <Card key={obligation.authority} withBorder padding="xs" data-testid={`live-${obligation.authority}`}>
            <Group gap="xs" justify="space-between" wrap="nowrap">
              <Text size="sm" fw={600}>
                {t(`reporting.authority.${obligation.authority}`)}
              </Text>
              <Badge size="sm" color={obligation.duty === 'mandatory' ? 'red' : 'gray'} variant="light" style={{ flexShrink: 0 }}>
                {t(`reporting.duty.${obligation.duty}`)}
              </Badge>
            </Group>
            {obligation.deadlines.map((deadline) => (
              <Text key={deadline.stage} size="xs">
                {t('interview.live.due', {
                  stage: t(`reporting.deadline_stage.${deadline.stage}`),
                  date: formatDue(deadline.due_by, i18n.language),
                })}
              </Text>
            ))}
            {unsettled && (
              <Stack gap={2} mt={4} data-testid="unsettled">
                <Text size="xs" c="orange.9">
                  {t('interview.live.unsettled')}
                </Text>
                <List size="xs">
                  {unsettled.ways.map((way) => (
                    <List.Item key={way.join()}>
                      {way.length === 1 ? facts(way, 'confirm') : t('interview.live.together', { list: facts(way, 'confirm') })}
                    </List.Item>
                  ))}
                </List>
              </Stack>
            )}
          </Card>
        );
      })}
      {state.lifted.length > 0 && (
        <Stack gap={2} data-testid="lifted">
          <Text size="sm" fw={600}>
            {t('interview.live.liftedTitle')}
          </Text>
          {state.lifted.map((lifted) => (
            <Text key={lifted.authority} size="xs" data-testid={`lifted-${lifted.authority}`}>
              {t('interview.live.lifted', {
                authority: t(`reporting.authority.${lifted.authority}`),
                reasons: facts(lifted.by, 'lifted'),
              })}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** The replies given, in the interview's order, each with a button to change it. */
function AnswerList({
  state,
  caseKind,
  bothBodies,
  changing,
  onChange,
}: {
  state: InterviewState;
  caseKind: CaseKind;
  bothBodies: boolean;
  changing: Question | null;
  onChange: (question: Question | null) => void;
}) {
  const { t } = useTranslation();
  const text = useQuestionText(caseKind, bothBodies);
  const replyLabel = useReplyLabel();
  return (
    <Stack gap={4} data-testid="answer-list">
      <Text fw={600}>{t('interview.summary.title')}</Text>
      {state.answered.map((asked) => (
        <Group key={asked.question} gap="sm" wrap="nowrap" justify="space-between" data-testid={`answer-${asked.question}`}>
          <Text size="sm" style={{ flex: 1 }}>
            {text(asked.question, 'title')}
          </Text>
          <Text size="sm" fw={600} data-testid="answer-value">
            {asked.reply !== null && replyLabel(asked.kind, asked.reply)}
          </Text>
          <Button
            size="compact-sm"
            variant={changing === asked.question ? 'filled' : 'default'}
            onClick={() => onChange(changing === asked.question ? null : asked.question)}
            data-testid="change-answer"
          >
            {t('interview.summary.change')}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}

/** What the drafts print beside the answer: the data items, whose data, what happened to it, the IPA form's details. */
function DocumentDetails({
  details,
  own,
  client,
  malware,
  intrusion,
  onChange,
}: {
  details: ReportingDetails;
  /** The company's own personal data is involved; a client's. */
  own: boolean;
  client: boolean;
  malware: boolean;
  intrusion: boolean;
  onChange: (patch: Partial<ReportingDetails>) => void;
}) {
  const { t } = useTranslation();
  const personal = own || client;
  if (!personal && !malware && !intrusion) return null;
  const data = details.data;
  return (
    <Accordion variant="separated" data-testid="document-details">
      <Accordion.Item value="details">
        <Accordion.Control>
          <Text fw={600}>{t('interview.details.title')}</Text>
          <Text size="xs" c="dimmed">
            {t('interview.details.help')}
          </Text>
        </Accordion.Control>
        <Accordion.Panel>
          <Stack gap="md">
            {own && (
              <Stack gap={4}>
                {client && <Title order={5}>{t('facts.answers.ownTitle')}</Title>}
                <DataItemsChecklist
                  data={data.own}
                  onChange={(patch) => onChange({ data: { ...data, own: { ...data.own, ...patch } } })}
                  prefix="own"
                />
              </Stack>
            )}
            {client && (
              <Stack gap={4}>
                <Title order={5}>{t('facts.answers.clientTitle')}</Title>
                <DataItemsChecklist
                  data={data.client}
                  onChange={(patch) => onChange({ data: { ...data, client: { ...data.client, ...patch } } })}
                  prefix="client"
                />
              </Stack>
            )}
            {personal && <WhoseDataQuestions answers={data} onChange={(patch) => onChange({ data: { ...data, ...patch } })} />}
            {malware && <IpaQuestions answers={details} onChange={onChange} />}
            {intrusion && <TechnicalQuestions value={details.technical} onChange={(technical) => onChange({ technical })} />}
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
