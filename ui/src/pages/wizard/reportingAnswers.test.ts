import { describe, expect, it } from 'vitest';
import type { DataAtRisk, Facts, IncidentDetail } from '../../bindings';
import {
  answersFromFacts,
  blocksAssessing,
  completeDraft,
  contradictions,
  countProblems,
  countUnknown,
  credentialsNote,
  detailsFromAnswers,
  EMPTY_DATA,
  factsFromAnswers,
  NO_DETAILS,
  NOT_INVOLVED,
  tickItem,
  type ReportingAnswers,
} from './reportingAnswers';

// Nothing said yet about personal data (the module's `false` is what the screen sends when unticked).
const notInvolved: DataAtRisk = { ...NOT_INVOLVED, involved: null };

const organization: Facts['organization'] = {
  privacy_mark: false,
  isms_certified: false,
  cyber_insurance: false,
  gdpr_applies: true,
  sector: 'general',
};

const suggested = (patch: Partial<DataAtRisk> = {}): Facts => ({
  discovered_at: '2026-08-03T09:10:00+09:00',
  occurred_at: null,
  stage: 'incident',
  category: 'malware',
  unauthorized_access: false,
  malware: true,
  crime_suspected: true,
  communications_secrecy: false,
  personal_data: { ...notInvolved, ...patch, entrusted_by_client_notified: false },
  entrusted_data: null,
  organization,
});

const detail = { discovered_at: '2026-08-03T09:10:00+09:00', stage: 'event', facts: null } as unknown as IncidentDetail;

describe('the reporting answers', () => {
  it('start with personal data involved when step 2 said so, and the count not known', () => {
    const answers = answersFromFacts(suggested({ involved: true, unlawful_purpose: true }), NO_DETAILS);
    expect(answers.personal).toBe(true);
    expect(answers.ownership).toBe('own');
    expect(answers.own.atLeast).toBeNull();
    expect(answers.own.unlawful).toBe(true);
    expect(countUnknown(answers.own)).toBe(true);
  });

  it('never turn an empty count into a known 0', () => {
    const answers = answersFromFacts(suggested({ involved: true }), NO_DETAILS);
    const facts = factsFromAnswers(answers, detail, organization);
    expect(facts.personal_data.involved).toBe(true);
    expect(facts.personal_data.subjects).toBe(0);
    expect(facts.personal_data.subjects_max).toBeNull();
    expect(facts.stage).toBe('event');
  });

  it('take "not sure" about My Numbers as involved with the count unknown', () => {
    const answers: ReportingAnswers = {
      ...answersFromFacts(suggested({ involved: true }), NO_DETAILS),
      own: { ...EMPTY_DATA, atLeast: 12, myNumbers: 'unsure', myNumberCount: 5 },
    };
    const facts = factsFromAnswers(answers, detail, organization);
    expect(facts.personal_data.my_number_involved).toBe(true);
    expect(facts.personal_data.my_number_subjects).toBe(0);
    expect(facts.personal_data.my_number_subjects_max).toBeNull();
  });

  it('keep a client\u2019s data apart from the company\u2019s own', () => {
    const answers: ReportingAnswers = {
      ...answersFromFacts(suggested({ involved: true }), NO_DETAILS),
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
    const answers = answersFromFacts(old, NO_DETAILS);
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
    expect(countProblems({ ...EMPTY_DATA, myNumbers: 'yes', myNumberCount: 3, myNumberMax: 2 })).toEqual([
      'myNumberMaxBelowCount',
    ]);
  });
});

describe('the data items', () => {
  const withPersonal = () => answersFromFacts(suggested({ involved: true }), NO_DETAILS);

  it('tick the answer an item gives: health is sensitive, cards and IDs put money at risk, My Numbers are there', () => {
    expect(tickItem(EMPTY_DATA, 'health', true).sensitive).toBe(true);
    expect(tickItem(EMPTY_DATA, 'card_number', true).financial).toBe(true);
    expect(tickItem(EMPTY_DATA, 'credentials', true).financial).toBe(true);
    expect(tickItem({ ...EMPTY_DATA, myNumbers: 'unsure' }, 'my_number', true).myNumbers).toBe('yes');
    const name = tickItem(EMPTY_DATA, 'name', true);
    expect(name).toEqual({ ...EMPTY_DATA, items: ['name'] });
  });

  it('leave the answer as it was when an item is unticked', () => {
    const ticked = tickItem(EMPTY_DATA, 'health', true);
    const unticked = tickItem(ticked, 'health', false);
    expect(unticked.items).toEqual([]);
    expect(unticked.sensitive).toBe(true);
  });

  it('keep the checklist\u2019s order whatever order they are ticked in', () => {
    const data = ['my_number', 'phone', 'name'].reduce((d, item) => tickItem(d, item as 'name', true), EMPTY_DATA);
    expect(data.items).toEqual(['name', 'phone', 'my_number']);
  });

  it('contradict an answer unticked afterwards, and block assessing until one of them is fixed', () => {
    const health = { ...tickItem(EMPTY_DATA, 'health', true), sensitive: false };
    expect(contradictions(health)).toEqual(['health_not_sensitive']);
    const card = { ...tickItem(EMPTY_DATA, 'card_number', true), financial: false };
    expect(contradictions(card)).toEqual(['card_not_financial']);
    const myNumber = { ...tickItem(EMPTY_DATA, 'my_number', true), myNumbers: 'no' as const };
    expect(contradictions(myNumber)).toEqual(['my_number_not_involved']);
    expect(contradictions({ ...myNumber, myNumbers: 'unsure' })).toEqual([]);

    const answers: ReportingAnswers = { ...withPersonal(), own: health };
    expect(blocksAssessing(answers)).toBe(true);
    expect(blocksAssessing({ ...answers, own: { ...health, sensitive: true } })).toBe(false);
    // A body of data not asked about (all of it is a client's) does not block.
    expect(blocksAssessing({ ...answers, ownership: 'all_entrusted' })).toBe(false);
    expect(blocksAssessing({ ...answers, ownership: 'all_entrusted', client: health })).toBe(true);
  });

  it('say a word, without blocking, about IDs and passwords when money is not at risk', () => {
    const ids = { ...tickItem(EMPTY_DATA, 'credentials', true), financial: false };
    expect(credentialsNote(ids)).toBe(true);
    expect(contradictions(ids)).toEqual([]);
    expect(blocksAssessing({ ...withPersonal(), own: ids })).toBe(false);
    expect(credentialsNote({ ...ids, financial: true })).toBe(false);
  });

  it('send a client\u2019s items as the client\u2019s, and leave out the body not asked about', () => {
    const answers: ReportingAnswers = {
      ...withPersonal(),
      ownership: 'all_entrusted',
      own: { ...EMPTY_DATA, items: ['health'], sensitive: true },
      client: { ...EMPTY_DATA, items: ['name', 'bank_account'] },
    };
    const details = detailsFromAnswers(answers);
    expect(details.data.client).toEqual({ items: ['name', 'bank_account'], other: null });
    expect(details.data.own).toEqual({ items: [], other: null });
    const both = detailsFromAnswers({ ...answers, ownership: 'some_entrusted' });
    expect(both.data.own.items).toEqual(['health']);
  });

  it('tell "other" not ticked (null) from ticked with its text, and read both back', () => {
    const facts = suggested({ involved: true });
    for (const other of [null, '', '会員番号']) {
      const answers: ReportingAnswers = { ...withPersonal(), own: { ...EMPTY_DATA, items: ['email'], other } };
      const details = detailsFromAnswers(answers);
      expect(details.data.own.other).toBe(other);
      const again = answersFromFacts(facts, details);
      expect(again.own.other).toBe(other);
      expect(again.own.items).toEqual(['email']);
    }
  });

  it('ask whose data and what happened to it only with personal data, and the IPA details only with malware', () => {
    const answers: ReportingAnswers = {
      ...withPersonal(),
      category: 'leak',
      malware: false,
      whose: ['employees', 'customers'],
      harm: ['damage', 'leak'],
      malwareName: 'Emotet',
      howFound: 'ウイルス対策ソフトの警告',
      infectionRoute: 'メールの添付ファイル',
    };
    const details = detailsFromAnswers(answers);
    expect(details.data.whose).toEqual(['customers', 'employees']);
    expect(details.data.harm).toEqual(['leak', 'damage']);
    expect(details.malware_name).toBe('');
    expect(detailsFromAnswers({ ...answers, category: 'malware' }).malware_name).toBe('Emotet');
    const withMalware = detailsFromAnswers({ ...answers, malware: true });
    expect([withMalware.malware_name, withMalware.how_found, withMalware.infection_route]).toEqual([
      'Emotet',
      'ウイルス対策ソフトの警告',
      'メールの添付ファイル',
    ]);
    const none = detailsFromAnswers({ ...answers, personal: false });
    expect(none.data).toEqual(NO_DETAILS.data);
  });

  it('start from what the incident recorded, and fill a draft of an earlier version from it', () => {
    const recorded = {
      ...NO_DETAILS,
      data: {
        own: { items: ['name' as const, 'address' as const], other: null },
        client: { items: [], other: null },
        whose: ['customers' as const],
        harm: ['leak' as const],
      },
      how_found: '電車に置き忘れた',
    };
    const start = answersFromFacts(suggested({ involved: true }), recorded);
    expect(start.own.items).toEqual(['name', 'address']);
    expect(start.whose).toEqual(['customers']);
    expect(start.howFound).toBe('電車に置き忘れた');
    // A draft saved before the items were asked: its own answers, with the recorded items.
    const { items: _items, other: _other, ...ownOfOld } = { ...EMPTY_DATA, atLeast: 30 };
    const { whose: _whose, harm: _harm, ...answersOfOld } = { ...start, own: ownOfOld };
    const draft = completeDraft(answersOfOld as ReportingAnswers, start);
    expect(draft.own.atLeast).toBe(30);
    expect(draft.own.items).toEqual(['name', 'address']);
    expect(draft.whose).toEqual(['customers']);
  });
});
