// How close a deadline is, as a badge: red when overdue or within 24 hours, otherwise the days left.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { daysLeft, urgency } from '../deadline';

export function DeadlineBadge({ due, now }: { due: string; now: Date }) {
  const { t } = useTranslation();
  const state = urgency(due, now);
  if (state === 'overdue') return <Badge color="red">{t('deadline.overdue')}</Badge>;
  if (state === 'soon') return <Badge color="red">{t('deadline.soon')}</Badge>;
  return <Badge variant="light">{t('deadline.daysLeft', { count: daysLeft(due, now) })}</Badge>;
}
