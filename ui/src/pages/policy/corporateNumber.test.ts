import { describe, expect, it } from 'vitest';
import { corporateNumberProblem } from './corporateNumber';

describe('a corporate number', () => {
  it('is valid as published, however it is typed', () => {
    // The National Tax Agency's own number, and Toyota Motor's.
    for (const typed of ['7000012050002', '1180-3010-1877-1', '７０００ ０１２０ ５０００２', '7000－0120－50002', '']) {
      expect(corporateNumberProblem(typed), typed).toBeNull();
    }
  });

  it('has a digit mistyped when its check digit does not fit', () => {
    expect(corporateNumberProblem('7000012050003')).toBe('checkDigit');
    expect(corporateNumberProblem('8000012050002')).toBe('checkDigit');
    // Two neighbouring digits swapped.
    expect(corporateNumberProblem('7000010250002')).toBe('checkDigit');
  });

  it('has 13 digits and nothing else', () => {
    for (const typed of ['700001205000', '70000120500021', '700001205000A']) {
      expect(corporateNumberProblem(typed), typed).toBe('length');
    }
  });
});
