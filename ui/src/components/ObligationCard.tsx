// One addressee of an incident: must or should be told, why, by when (with days left), where
// (from the authority directory), and what was done about it — drafted, sent on a date with a
// reference number, or decided against with a reason.
import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  DOCUMENT_STAGES,
  DRAFTS_FOR,
  type DeadlineStage,
  type IncidentDetail,
  type ObligationRecord,
  type ObligationStatus,
  type ObligationUpdate,
  OBLIGATION_STATUS_VALUES,
} from '../bindings';
import type { IncidentAction } from '../useIncidentAction';
import { api } from '../api';
import { formatDue } from '../deadline';
import { today } from '../datetime';
import { ClientChoice } from './ClientChoice';
import { Copyable } from './Copyable';
import { DeadlineBadge } from './DeadlineBadge';
import { DocumentActions } from './DocumentActions';
import { GdprTextsEditor } from './GdprTextsEditor';
import { InquiryDeskNote } from './InquiryDeskNote';

/**
 * A 速報 (and any first report) is due "promptly": its date is a target (目安), not a legal
 * deadline (docs/rules.md §3.3), so it is labelled and coloured as one.
 */
export const isTarget = (stage: DeadlineStage): boolean => stage === 'preliminary';

/** An obligation's record in the form a change to it takes. */
function recordOf(obligation: ObligationRecord): ObligationUpdate {
  return {
    status: obligation.status,
    sent_on: obligation.sent_on,
    reference_number: obligation.reference_number,
    waived_reason: obligation.waived_reason,
    preliminary_sent_on: obligation.preliminary_sent_on,
    preliminary_reference: obligation.preliminary_reference,
  };
}

export function ObligationCard({
  incidentId,
  dayOne,
  obligation,
  act,
  readOnly,
  incident,
}: {
  incidentId: number;
  /** 知った日 in Japan time, day 1 of every deadline (the core's `day_one`). */
  dayOne: string;
  obligation: ObligationRecord;
  act: IncidentAction;
  readOnly?: boolean;
  /** The whole incident, for what a card writes beyond its status (the GDPR notices' English). */
  incident?: IncidentDetail;
}) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<ObligationStatus>(obligation.status);
  const [sentOn, setSentOn] = useState(obligation.sent_on ?? today());
  const [reference, setReference] = useState(obligation.reference_number);
  const [reason, setReason] = useState(obligation.waived_reason);
  // A report in two stages records its 速報 apart, so that the 確報's deadline stays in view.
  const twoStages = obligation.two_stages;
  const [preliminarySent, setPreliminarySent] = useState(obligation.preliminary_sent_on !== null);
  const [preliminaryOn, setPreliminaryOn] = useState(obligation.preliminary_sent_on ?? today());
  const [preliminaryReference, setPreliminaryReference] = useState(obligation.preliminary_reference);
  /** The record as this card read it or last saved it: sent with a save, which is refused when
   * someone else changed the record since (the card keeps what is typed in it meanwhile). */
  const [asRead, setAsRead] = useState(() => recordOf(obligation));
  const now = new Date();
  const open = obligation.status === 'not_started' || obligation.status === 'drafted';
  const mandatory = obligation.duty === 'mandatory';
  const contact = obligation.contact;
  const [draft, ...alsoDrafted] = DRAFTS_FOR[obligation.authority];
  const changed =
    status !== obligation.status ||
    (status === 'sent' && (sentOn !== obligation.sent_on || reference !== obligation.reference_number)) ||
    (status === 'waived' && reason !== obligation.waived_reason) ||
    preliminarySent !== (obligation.preliminary_sent_on !== null) ||
    (preliminarySent &&
      (preliminaryOn !== obligation.preliminary_sent_on || preliminaryReference !== obligation.preliminary_reference));
  const statusLabel = (value: ObligationStatus) =>
    twoStages && value === 'sent' ? t('obligation.statusFinal.sent') : t(`obligation.status.${value}`);

  const save = async () => {
    const updated = await act(() =>
      api.updateObligation(
        incidentId,
        obligation.id,
        {
          status,
          sent_on: status === 'sent' ? sentOn : null,
          reference_number: status === 'sent' ? reference : '',
          waived_reason: status === 'waived' ? reason : '',
          preliminary_sent_on: twoStages && preliminarySent ? preliminaryOn : null,
          preliminary_reference: twoStages && preliminarySent ? preliminaryReference : '',
        },
        asRead,
      ),
    );
    const saved = updated?.obligations.find((o) => o.id === obligation.id);
    if (saved) setAsRead(recordOf(saved));
  };

  return (
    <Card withBorder padding="md" data-testid={`obligation-${obligation.authority}`} opacity={obligation.current ? 1 : 0.7}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text fw={700} size="lg">
          {t(`reporting.authority.${obligation.authority}`)}
        </Text>
        <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
          {!obligation.current && <Badge color="gray">{t('obligation.notCurrent')}</Badge>}
          <Badge color={mandatory ? 'red' : 'blue'} variant={mandatory ? 'filled' : 'light'} data-testid="duty">
            {t(`reporting.duty.${obligation.duty}`)}
          </Badge>
          <Badge color={open ? 'orange' : 'green'} variant="outline" data-testid="status">
            {open && obligation.preliminary_sent_on ? t('obligation.statusPreliminarySent') : statusLabel(obligation.status)}
          </Badge>
        </Group>
      </Group>

      <Text size="sm" fw={500} mt="xs">
        {t('obligation.why')}
      </Text>
      <List size="sm" spacing={2}>
        {obligation.grounds.map((ground) => (
          <List.Item key={ground} data-testid={`ground-${ground}`}>
            {t(`reporting.ground.${ground}`)}
          </List.Item>
        ))}
      </List>
      {obligation.grounds.some((g) => g === 'subjects_may_exceed_1000' || g === 'my_number_may_exceed_100') && (
        <Text size="sm" mt={4} c="orange.9" data-testid="narrow-down">
          {t('obligation.narrowDown')}
        </Text>
      )}
      {obligation.covers.length > 0 && (
        <Text size="sm" mt="xs" fw={500} data-testid="covers">
          {t('obligation.covers', {
            list: obligation.covers.map((scope) => t(`obligation.scope.${scope}`)).join(t('common.separator')),
          })}
        </Text>
      )}
      {obligation.own_report_due && (
        <Alert color="orange" variant="light" mt="xs" p="xs" data-testid="own-report-due">
          <Text size="sm">
            {t('obligation.ownReportUntilTold', { date: formatDue(obligation.own_report_due, i18n.language) })}
          </Text>
        </Alert>
      )}
      {obligation.submit_to && (
        <Text size="sm" mt="xs" fw={500} c="blue.9" data-testid="submit-to">
          {t(`obligation.submitTo.${obligation.submit_to}`)}
        </Text>
      )}

      <Stack gap={4} mt="xs">
        {obligation.deadlines.length === 0 ? (
          <Text size="sm">{t(`reporting.timing.${obligation.authority}`)}</Text>
        ) : (
          obligation.deadlines.map((deadline) => (
            <Group key={deadline.stage} gap="xs" data-testid={`deadline-${deadline.stage}`}>
              <Text size="sm" fw={600} w={120}>
                {t(`reporting.deadline_stage.${deadline.stage}`)}
                {isTarget(deadline.stage) && t('obligation.targetSuffix')}
              </Text>
              <Text size="sm" data-testid="due">
                {formatDue(deadline.due_by, i18n.language)}
              </Text>
              {deadline.stage === 'preliminary' && obligation.preliminary_sent_on ? (
                <Badge color="green" variant="light" data-testid="preliminary-done">
                  {t('obligation.preliminaryDone')}
                </Badge>
              ) : (
                open && <DeadlineBadge due={deadline.due_by} now={now} target={isTarget(deadline.stage)} />
              )}
            </Group>
          ))
        )}
        <Text size="xs" c="dimmed" data-testid="day-one">
          {t('obligation.dayOne', { date: formatDue(dayOne, i18n.language) })}
        </Text>
      </Stack>

      <Text size="xs" c="dimmed" mt={4} data-testid="rules">
        {obligation.rules ? t('obligation.rules', { date: obligation.rules }) : t('obligation.rulesOld')}
      </Text>

      {contact && (
        <Stack gap={2} mt="sm">
          <Text size="sm" fw={500}>
            {contact.name}
          </Text>
          {contact.phone && <Copyable label={t('obligation.phone')} value={contact.phone} />}
          {contact.email && <Copyable label={t('obligation.email')} value={contact.email} />}
          {contact.url && (
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" c="dimmed" w={90} style={{ flexShrink: 0 }}>
                {t('obligation.url')}
              </Text>
              <Anchor size="sm" style={{ overflowWrap: 'anywhere' }} component="span">
                {contact.url}
              </Anchor>
            </Group>
          )}
          {contact.hours && (
            <Text size="xs" c="dimmed">
              {contact.hours}
            </Text>
          )}
        </Stack>
      )}

      {draft && (
        <Stack gap={4} mt="sm">
          {draft === 'data-subject-notice' && <InquiryDeskNote />}
          {incident && draft === 'client-notice' && <ClientChoice detail={incident} act={act} readOnly={readOnly} />}
          {incident && !readOnly && (draft === 'gdpr-draft' || draft === 'gdpr-subject-notice') && (
            <GdprTextsEditor detail={incident} act={act} />
          )}
          {DOCUMENT_STAGES[draft].map((stage) => (
            <DocumentActions key={stage} document={draft} incidentId={incidentId} stage={stage} withText />
          ))}
          {alsoDrafted.map((document) => (
            <DocumentActions key={document} document={document} incidentId={incidentId} withText />
          ))}
        </Stack>
      )}

      {obligation.preliminary_sent_on && (
        <Text size="sm" mt="xs" c="green.8" data-testid="preliminary-sent">
          {t('obligation.preliminarySentOn', {
            date: formatDue(obligation.preliminary_sent_on, i18n.language),
            reference: obligation.preliminary_reference || '—',
          })}
        </Text>
      )}
      {obligation.preliminary_sent_on && open && (
        <Text size="sm" mt={4} c="orange.9" data-testid="final-still-due">
          {t('obligation.finalStillDue')}
        </Text>
      )}
      {obligation.status === 'sent' && (
        <Text size="sm" mt="xs" c="green.8" data-testid="sent">
          {t(twoStages ? 'obligation.sentFinalOn' : 'obligation.sentOn', {
            date: formatDue(obligation.sent_on ?? '', i18n.language),
            reference: obligation.reference_number || '—',
          })}
        </Text>
      )}
      {obligation.status === 'waived' && (
        <Text size="sm" mt="xs">
          {t('obligation.waivedBecause', { reason: obligation.waived_reason })}
        </Text>
      )}

      {!readOnly && (
        <Stack gap="xs" mt="sm">
          <SegmentedControl
            value={status}
            onChange={(value) => setStatus(value as ObligationStatus)}
            data={OBLIGATION_STATUS_VALUES.map((value) => ({ value, label: statusLabel(value) }))}
            data-testid="status-control"
          />
          {twoStages && status !== 'waived' && (
            <Checkbox
              label={t('obligation.preliminarySent')}
              checked={preliminarySent}
              onChange={(e) => setPreliminarySent(e.currentTarget.checked)}
              data-testid="preliminary-sent-check"
            />
          )}
          {twoStages && status !== 'waived' && preliminarySent && (
            <SentFields
              dateLabel={t('obligation.preliminarySentOnLabel')}
              dateHelp={t('wizard.dateFormat')}
              date={[preliminaryOn, setPreliminaryOn]}
              referenceLabel={t('obligation.preliminaryReference')}
              reference={[preliminaryReference, setPreliminaryReference]}
              testIds={['preliminary-sent-on', 'preliminary-reference']}
            />
          )}
          {status === 'sent' && (
            <SentFields
              dateLabel={t(twoStages ? 'obligation.sentOnLabelFinal' : 'obligation.sentOnLabel')}
              dateHelp={twoStages ? `${t('wizard.dateFormat')} ${t('obligation.sentOnFinalHelp')}` : t('wizard.dateFormat')}
              date={[sentOn, setSentOn]}
              referenceLabel={t('obligation.reference')}
              reference={[reference, setReference]}
              testIds={['sent-on', 'reference']}
            />
          )}
          {status === 'waived' && (
            <Textarea
              label={t('obligation.waivedReason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={2}
              data-testid="waived-reason"
            />
          )}
          {changed && (
            <Group justify="flex-end">
              <Button onClick={() => void save()} data-testid="save-obligation">
                {t('obligation.save')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Card>
  );
}

/** The day a report was sent and the reference number the authority gave it. */
function SentFields({
  dateLabel,
  dateHelp,
  date: [date, setDate],
  referenceLabel,
  reference: [reference, setReference],
  testIds: [dateTestId, referenceTestId],
}: {
  dateLabel: string;
  dateHelp: string;
  date: [string, (value: string) => void];
  referenceLabel: string;
  reference: [string, (value: string) => void];
  testIds: [string, string];
}) {
  return (
    <Group grow align="flex-start">
      <TextInput
        label={dateLabel}
        description={dateHelp}
        value={date}
        onChange={(e) => setDate(e.currentTarget.value)}
        data-testid={dateTestId}
      />
      <TextInput
        label={referenceLabel}
        value={reference}
        onChange={(e) => setReference(e.currentTarget.value)}
        data-testid={referenceTestId}
      />
    </Group>
  );
}
