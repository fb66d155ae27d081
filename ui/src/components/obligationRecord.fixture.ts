// An obligation as the incident detail hands it to a card, for the cards' tests: a mandatory,
// current duty not started yet, with `patch` over it.
import type { ObligationRecord } from '../bindings';

export const obligationRecord = (patch: Partial<ObligationRecord> = {}): ObligationRecord => ({
  id: 1,
  authority: 'ppc',
  duty: 'mandatory',
  grounds: ['unlawful_purpose'],
  deadlines: [],
  two_stages: false,
  next_due: null,
  status: 'not_started',
  sent_on: null,
  reference_number: '',
  preliminary_sent_on: null,
  preliminary_reference: '',
  waived_reason: '',
  current: true,
  contact: null,
  submit_to: null,
  rules: '2024-04-01',
  covers: [],
  own_report_due: null,
  ...patch,
});
