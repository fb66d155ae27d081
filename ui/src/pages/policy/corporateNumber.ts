// The 法人番号 checked in the window as the core checks it (company/edit.rs), so that a
// mistyped digit is said under the field before saving. Full-width digits, spaces and hyphens
// are accepted as typed; the first of the 13 digits is a check digit over the other twelve:
// counted from the right, odd places weigh 1 and even places 2, and the check digit is 9 minus
// the weighted sum modulo 9 (National Tax Agency, 法人番号の構成).

/** What is wrong with a typed corporate number: not 13 digits, or a digit that does not fit. */
export type CorporateNumberProblem = 'length' | 'checkDigit';

/** The problem with a typed corporate number, or null when it is valid or left empty. */
export function corporateNumberProblem(typed: string): CorporateNumberProblem | null {
  const digits = [...typed]
    .filter((c) => !/\s/.test(c) && !['-', 'ー', '－'].includes(c))
    .map((c) => (c >= '０' && c <= '９' ? String.fromCharCode(c.charCodeAt(0) - 0xfee0) : c))
    .join('');
  if (digits === '') return null;
  if (!/^[0-9]{13}$/.test(digits)) return 'length';
  const values = [...digits].map(Number);
  const weighted = values
    .slice(1)
    .reverse()
    .reduce((sum, digit, place) => sum + (place % 2 === 0 ? digit : digit * 2), 0);
  return values[0] === 9 - (weighted % 9) ? null : 'checkDigit';
}
