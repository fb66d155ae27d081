// One question of the reporting interview, in the words of the office's own case: the question,
// why it is asked, an example, and the answers, 「分からない」 always among them. Answered with
// the keyboard alone: the arrow keys choose, Enter goes on; a count is typed and Enter goes on.
import { useEffect, useRef, useState } from 'react';
import { Button, Group, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AnswerKind, Asked, CaseKind, Reply } from '../../bindings';

type Choice = 'yes' | 'no' | 'unknown' | 'own' | 'client' | 'both' | 'count';

const CHOICES: Record<AnswerKind, Choice[]> = {
  yes_no: ['yes', 'no', 'unknown'],
  count: ['count', 'unknown'],
  most: ['count', 'no', 'unknown'],
  whose: ['own', 'client', 'both', 'unknown'],
};

/** The largest count the core takes (a u32). */
const MAX_COUNT = 4_294_967_295;

/**
 * A question's text in the words of the case when it has its own, else the general words; with
 * both the company's own and a client's data, a count asks about the company's own part.
 */
export function useQuestionText(caseKind: CaseKind, bothBodies = false) {
  const { t } = useTranslation();
  return (question: string, part: 'title' | 'why' | 'example') =>
    t([
      ...(bothBodies ? [`interview.q.${question}.ownPart.${part}`] : []),
      `interview.q.${question}.byCase.${caseKind}.${part}`,
      `interview.q.${question}.${part}`,
    ]);
}

/** How a reply reads in the answer list. */
export function useReplyLabel() {
  const { t } = useTranslation();
  return (kind: AnswerKind, reply: Reply): string => {
    if (typeof reply === 'object') return t('interview.countValue', { count: reply.count });
    if (reply === 'no' && kind === 'most') return t('interview.noMore');
    if (reply === 'own' || reply === 'client' || reply === 'both') return t(`interview.whose.${reply}`);
    return t(`interview.${reply}`);
  };
}

export function InterviewQuestion({
  asked,
  caseKind,
  bothBodies,
  number,
  onReply,
}: {
  asked: Asked;
  caseKind: CaseKind;
  /** Whose data: both the company's own and a client's. */
  bothBodies: boolean;
  /** Its place in the interview, from 1. */
  number: number;
  onReply: (reply: Reply) => void;
}) {
  const { t } = useTranslation();
  const text = useQuestionText(caseKind, bothBodies);
  const replyLabel = useReplyLabel();
  const { question, kind, reply: given } = asked;
  const [choice, setChoice] = useState<Choice | null>(given === null ? null : typeof given === 'object' ? 'count' : given);
  const [count, setCount] = useState(given !== null && typeof given === 'object' ? String(given.count) : '');
  const form = useRef<HTMLFormElement>(null);

  // The question takes the focus when it appears: the count's field, else the answer given or the first.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the question appears, not as it is answered
  useEffect(() => {
    const root = form.current;
    if (!root) return;
    const target =
      (choice === null || choice === 'count') && kind !== 'yes_no' && kind !== 'whose'
        ? root.querySelector<HTMLInputElement>('[data-testid=reply-count-value]')
        : (root.querySelector<HTMLInputElement>('input[type=radio]:checked') ??
          root.querySelector<HTMLInputElement>('input[type=radio]'));
    target?.focus();
  }, []);

  const typed = count.trim();
  const countValid = /^\d+$/.test(typed) && Number(typed) >= 1 && Number(typed) <= MAX_COUNT;
  const reply: Reply | null =
    choice === null ? null : choice === 'count' ? (countValid ? { count: Number(typed) } : null) : choice;
  const submit = () => {
    if (reply !== null) onReply(reply);
  };

  return (
    <form
      ref={form}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        // Enter on a choice goes on, as it does in the count's field.
        if (e.key === 'Enter' && e.target instanceof HTMLInputElement && e.target.type === 'radio') {
          e.preventDefault();
          submit();
        }
      }}
      data-testid="interview-question"
      data-question={question}
    >
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {t('interview.progress', { count: number })}
        </Text>
        <Title order={4} id={`question-${question}`} data-testid="question-title">
          {text(question, 'title')}
        </Title>
        <Text size="sm" data-testid="question-why">
          <Text span fw={600} inherit>
            {t('interview.why')}
          </Text>
          {text(question, 'why')}
        </Text>
        {asked.for_documents && (
          <Text size="sm" c="blue.8" data-testid="for-documents">
            {t('interview.forDocuments')}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {t('interview.example')}
          {text(question, 'example')}
        </Text>
        <Radio.Group value={choice} onChange={(value) => setChoice(value as Choice)} aria-labelledby={`question-${question}`}>
          <Stack gap={10} mt={4}>
            {CHOICES[kind].map((value) =>
              value === 'count' ? (
                <Group key={value} gap="sm" wrap="nowrap" align="center">
                  <Radio value="count" label={t('interview.count')} data-testid="reply-count" />
                  <TextInput
                    aria-label={t('interview.countLabel')}
                    inputMode="numeric"
                    value={count}
                    onChange={(e) => {
                      setCount(e.currentTarget.value);
                      setChoice('count');
                    }}
                    rightSection={<Text size="xs">{t('interview.countUnit')}</Text>}
                    rightSectionWidth={48}
                    w={160}
                    error={choice === 'count' && typed !== '' && !countValid ? t('interview.countInvalid') : undefined}
                    data-testid="reply-count-value"
                  />
                </Group>
              ) : (
                <Radio key={value} value={value} label={replyLabel(kind, value)} data-testid={`reply-${value}`} />
              ),
            )}
          </Stack>
        </Radio.Group>
        <Group>
          <Button type="submit" disabled={reply === null} data-testid="interview-next">
            {t('interview.next')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('interview.keys')}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
