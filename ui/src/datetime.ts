// Dates and times as people type and read them, and as the company file stores them (RFC 3339
// with the machine's offset, so the day a deadline counts from is the local day).

const pad = (n: number) => String(n).padStart(2, '0');

/** The local date (YYYY-MM-DD) and time (HH:MM) of an instant. */
export function localParts(instant: string | Date): { date: string; time: string } {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  };
}

/** RFC 3339 with the local offset from a typed date and time, or null when either is not valid. */
export function fromLocalParts(date: string, time: string): string | null {
  const dm = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date.trim());
  const tm = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!dm || !tm) return null;
  const [y, mo, d, h, mi] = [Number(dm[1]), Number(dm[2]), Number(dm[3]), Number(tm[1]), Number(tm[2])];
  const local = new Date(y, mo - 1, d, h, mi);
  if (local.getFullYear() !== y || local.getMonth() !== mo - 1 || local.getDate() !== d || h > 23 || mi > 59) {
    return null;
  }
  const offset = -local.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** This PC's offset from UTC on `at` (default: now), as people read it: "UTC+09:00". */
export function clockOffset(at: Date = new Date()): string {
  const offset = -at.getTimezoneOffset();
  const abs = Math.abs(offset);
  return `UTC${offset >= 0 ? '+' : '-'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Today as YYYY-MM-DD, local. */
export function today(): string {
  return localParts(new Date()).date;
}

/** 2026年11月19日(木) 09:15 / Thu 19 Nov 2026, 09:15. */
export function formatDateTime(instant: string, language: string): string {
  const locale = language === 'en' ? 'en-GB' : 'ja-JP';
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(instant));
}

/** 09:15 */
export function formatTime(instant: string): string {
  return localParts(instant).time;
}
