// How close a deadline is, as a badge. A legal deadline is red when overdue or within 24 hours,
// otherwise the days left. A target (目安, such as the 速報's day 5) is never red: amber when past,
// because missing it breaks no law but the office should still act.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { daysLeft, urgency } from '../deadline';

export function DeadlineBadge({ due, now, target = false }: { due: string; now: Date; target?: boolean }) {
  const { t } = useTranslation();
  const state = urgency(due, now);
  if (target && state === 'overdue')
    return (
      <Badge color="yellow" c="dark" data-testid="target-passed">
        {t('deadline.targetPassed')}
      </Badge>
    );
  if (target && state === 'soon')
    return (
      <Badge color="yellow" variant="light" c="dark">
        {t('deadline.targetSoon')}
      </Badge>
    );
  if (state === 'overdue') return <Badge color="red">{t('deadline.overdue')}</Badge>;
  if (state === 'soon') return <Badge color="red">{t('deadline.soon')}</Badge>;
  return <Badge variant="light">{t('deadline.daysLeft', { count: daysLeft(due, now) })}</Badge>;
}
