import { describe, expect, it } from 'vitest';
import type { DataAtRisk, Facts, IncidentDetail } from '../../bindings';
import { answersFromFacts, countProblems, countUnknown, EMPTY_DATA, factsFromAnswers, NOT_INVOLVED, type ReportingAnswers } from './reportingAnswers';

// Nothing said yet about personal data (the module's `false` is what the screen sends when unticked).
const notInvolved: DataAtRisk = { ...NOT_INVOLVED, involved: null };

const organization: Facts['organization'] = { privacy_mark: false, isms_certified: false, cyber_insurance: false, gdpr_applies: true, sector: 'general' };

const suggested = (patch: Partial<DataAtRisk> = {}): Facts => ({
  discovered_at: '2026-08-03T09:10:00+09:00',
  occurred_at: null,
  stage: 'incident',
  category: 'malware',
  unauthorized_access: false,
  malware: true,
  crime_suspected: true,
  personal_data: { ...notInvolved, ...patch, entrusted_by_client_notified: false },
  entrusted_data: null,
  organization,
});

const detail = { discovered_at: '2026-08-03T09:10:00+09:00', stage: 'event', facts: null } as unknown as IncidentDetail;

describe('the reporting answers', () => {
  it('start with personal data involved when step 2 said so, and the count not known', () => {
    const answers = answersFromFacts(suggested({ involved: true, unlawful_purpose: true }));
    expect(answers.personal).toBe(true);
    expect(answers.ownership).toBe('own');
    expect(answers.own.atLeast).toBeNull();
    expect(answers.own.unlawful).toBe(true);
    expect(countUnknown(answers.own)).toBe(true);
  });

  it('never turn an empty count into a known 0', () => {
    const answers = answersFromFacts(suggested({ involved: true }));
    const facts = factsFromAnswers(answers, detail, organization);
    expect(facts.personal_data.involved).toBe(true);
    expect(facts.personal_data.subjects).toBe(0);
    expect(facts.personal_data.subjects_max).toBeNull();
    expect(facts.stage).toBe('event');
  });

  it('take "not sure" about My Numbers as involved with the count unknown', () => {
    const answers: ReportingAnswers = {
      ...answersFromFacts(suggested({ involved: true })),
      own: { ...EMPTY_DATA, atLeast: 12, myNumbers: 'unsure', myNumberCount: 5 },
    };
    const facts = factsFromAnswers(answers, detail, organization);
    expect(facts.personal_data.my_number_involved).toBe(true);
    expect(facts.personal_data.my_number_subjects).toBe(0);
    expect(facts.personal_data.my_number_subjects_max).toBeNull();
  });

  it('keep a client\u2019s data apart from the company\u2019s own', () => {
    const answers: ReportingAnswers = {
      ...answersFromFacts(suggested({ involved: true })),
      ownership: 'some_entrusted',
      own: { ...EMPTY_DATA, atLeast: 25, sensitive: true },
      client: { ...EMPTY_DATA, atLeast: 800, beingAcquired: true },
      clientNotified: false,
    };
    const facts = factsFromAnswers(answers, detail, organization);
    expect(facts.personal_data.subjects).toBe(25);
    expect(facts.entrusted_data?.subjects).toBe(800);
    expect(facts.entrusted_data?.client_notified).toBe(false);
    // Information being acquired is the company's own matter only.
    expect(facts.entrusted_data?.being_acquired).toBe(false);
    const all = factsFromAnswers({ ...answers, ownership: 'all_entrusted' }, detail, organization);
    expect(all.personal_data.involved).toBe(false);
    expect(all.personal_data.subjects).toBe(0);
  });

  it('read version 1\u2019s "all entrusted, client told" box as a client\u2019s data', () => {
    const old = suggested({ subjects: 40 });
    old.personal_data.entrusted_by_client_notified = true;
    const answers = answersFromFacts(old);
    expect(answers.ownership).toBe('all_entrusted');
    expect(answers.client.atLeast).toBe(40);
    expect(answers.clientNotified).toBe(true);
    const facts = factsFromAnswers(answers, detail, organization);
    expect(facts.personal_data.entrusted_by_client_notified).toBe(false);
    expect(facts.entrusted_data?.client_notified).toBe(true);
  });

  it('point out a maximum below the count before assessing', () => {
    expect(countProblems({ ...EMPTY_DATA, atLeast: 50, atMost: 10 })).toEqual(['maxBelowCount']);
    expect(countProblems({ ...EMPTY_DATA, atLeast: 50, atMost: 10, unknown: true })).toEqual([]);
    expect(countProblems({ ...EMPTY_DATA, myNumbers: 'yes', myNumberCount: 3, myNumberMax: 2 })).toEqual(['myNumberMaxBelowCount']);
  });
});
