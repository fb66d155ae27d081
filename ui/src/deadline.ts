// How close a reporting deadline is. A deadline is a date (due by the end of that day, local time)
// or an exact instant (the GDPR 72 hours).

export type Urgency = 'overdue' | 'soon' | 'later';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The last moment a deadline allows. */
export function deadlineInstant(due: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(due)) {
    const [y, m, d] = due.split('-').map(Number);
    return new Date(y, m - 1, d, 23, 59, 59, 999);
  }
  return new Date(due);
}

export function urgency(due: string, now: Date): Urgency {
  const left = deadlineInstant(due).getTime() - now.getTime();
  if (left < 0) return 'overdue';
  if (left <= DAY_MS) return 'soon';
  return 'later';
}

/** Whole days left until the deadline (0 on its last day). */
export function daysLeft(due: string, now: Date): number {
  return Math.max(0, Math.floor((deadlineInstant(due).getTime() - now.getTime()) / DAY_MS));
}

/** A date or instant for people: 2026年1月17日 / Jan 17, 2026 (with the time for an instant). */
export function formatDue(due: string, language: string): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(due);
  const locale = language === 'en' ? 'en-GB' : 'ja-JP';
  const options: Intl.DateTimeFormatOptions = dateOnly
    ? { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }
    : { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(locale, options).format(deadlineInstant(due));
}
