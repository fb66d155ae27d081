import { describe, expect, it } from 'vitest';
import { daysLeft, deadlineInstant, urgency } from './deadline';

describe('deadline urgency', () => {
  it('treats a date as due at the end of that day', () => {
    const end = deadlineInstant('2026-01-17');
    expect([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours()]).toEqual([2026, 0, 17, 23]);
  });

  it('is overdue the day after a date deadline', () => {
    expect(urgency('2026-01-17', new Date(2026, 0, 18, 0, 0, 1))).toBe('overdue');
  });

  it('warns within the last 24 hours of a date deadline', () => {
    expect(urgency('2026-01-17', new Date(2026, 0, 17, 9, 0))).toBe('soon');
    expect(urgency('2026-01-17', new Date(2026, 0, 17, 0, 30))).toBe('soon');
    expect(urgency('2026-01-17', new Date(2026, 0, 16, 23, 0))).toBe('later');
    expect(urgency('2026-01-17', new Date(2026, 0, 15, 12, 0))).toBe('later');
  });

  it('uses the exact instant of a timestamp deadline (GDPR 72 hours)', () => {
    const due = '2026-04-09T15:30:00+09:00';
    expect(urgency(due, new Date('2026-04-09T06:31:00Z'))).toBe('overdue');
    expect(urgency(due, new Date('2026-04-08T06:30:00Z'))).toBe('soon');
    expect(urgency(due, new Date('2026-04-08T06:29:00Z'))).toBe('later');
  });

  it('counts whole days left', () => {
    expect(daysLeft('2026-01-17', new Date(2026, 0, 13, 10, 0))).toBe(4);
    expect(daysLeft('2026-01-17', new Date(2026, 0, 17, 10, 0))).toBe(0);
    expect(daysLeft('2026-01-17', new Date(2026, 0, 19, 10, 0))).toBe(0);
  });
});
