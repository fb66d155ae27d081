import { describe, expect, it } from 'vitest';
import { clockOffset, fromLocalParts, localParts } from './datetime';

describe('typed dates and times', () => {
  it('round-trips through RFC 3339 with the local offset', () => {
    const stored = fromLocalParts('2026-04-06', '15:30');
    expect(stored).toMatch(/^2026-04-06T15:30:00[+-]\d{2}:\d{2}$/);
    if (stored === null) throw new Error('a valid date and time were refused');
    expect(localParts(stored)).toEqual({ date: '2026-04-06', time: '15:30' });
  });

  it('refuses impossible dates and times instead of rolling them over', () => {
    expect(fromLocalParts('2026-02-30', '10:00')).toBeNull();
    expect(fromLocalParts('2026-04-06', '24:00')).toBeNull();
    expect(fromLocalParts('昨日', '10:00')).toBeNull();
    expect(fromLocalParts('2026-4-6', '9:05')).toMatch(/^2026-04-06T09:05:00/);
  });

  it("names this PC's clock by the same offset a typed time is stored with", () => {
    const stored = fromLocalParts('2026-04-06', '15:30') ?? '';
    expect(`UTC${stored.slice(-6)}`).toBe(clockOffset(new Date(2026, 3, 6, 15, 30)));
    expect(clockOffset()).toMatch(/^UTC[+-]\d{2}:\d{2}$/);
  });
});
