// The reporting step's answers as the office gives them, and the assessment facts they stand for.
// The screen asks in plain words ("at least how many", "we don't know yet", "not sure"); this
// module turns those answers into the facts of the assessment and back, so that an empty count
// always means "not known" (never 0) and "not sure" about My Numbers means "they may be there".
import type { DataAtRisk, Facts, IncidentCategory, IncidentDetail } from '../../bindings';

/** A count the office may not know: `null` is "not known", never 0. */
export type Count = number | null;

/** Whether My Numbers were among the data. "Not sure" is taken as yes with the count unknown. */
export type MyNumberAnswer = 'yes' | 'no' | 'unsure';

/** Whose the personal data was: all the company's own, partly a client's, or all a client's. */
export type Ownership = 'own' | 'some_entrusted' | 'all_entrusted';

/** What the office said about one body of personal data (its own, or a client's). */
export type DataAnswers = {
  atLeast: Count;
  atMost: Count;
  unknown: boolean;
  sensitive: boolean;
  financial: boolean;
  unlawful: boolean;
  /** Only for the company's own data: information customers were sending it, taken on the way. */
  beingAcquired: boolean;
  encrypted: boolean;
  recovered: boolean;
  myNumbers: MyNumberAnswer;
  myNumberCount: Count;
  myNumberMax: Count;
  myNumberPublic: boolean;
  euSubjects: Count;
};

export type ReportingAnswers = {
  category: IncidentCategory;
  unauthorized_access: boolean;
  malware: boolean;
  crime_suspected: boolean;
  /** Personal data was, or may have been, leaked, lost or damaged. */
  personal: boolean;
  ownership: Ownership;
  own: DataAnswers;
  client: DataAnswers;
  clientNotified: boolean;
};

export const EMPTY_DATA: DataAnswers = {
  atLeast: null,
  atMost: null,
  unknown: false,
  sensitive: false,
  financial: false,
  unlawful: false,
  beingAcquired: false,
  encrypted: false,
  recovered: false,
  myNumbers: 'no',
  myNumberCount: null,
  myNumberMax: null,
  myNumberPublic: false,
  euSubjects: null,
};

const known = (count: number | null | undefined): Count => (count === null || count === undefined || count === 0 ? null : count);

/** Whether the facts say this body of data is (or may be) involved. */
function involved(data: DataAtRisk): boolean {
  return (
    data.involved === true ||
    data.subjects > 0 ||
    data.subjects_max !== null ||
    data.subjects_unknown ||
    data.sensitive ||
    data.financial_damage_risk ||
    data.unlawful_purpose ||
    data.being_acquired ||
    data.my_number_involved === true ||
    data.my_number_subjects > 0 ||
    data.my_number_subjects_max !== null ||
    data.my_number_public
  );
}

function dataAnswers(data: DataAtRisk): DataAnswers {
  const myNumbers =
    data.my_number_involved === true || data.my_number_subjects > 0 || data.my_number_subjects_max !== null || data.my_number_public;
  return {
    atLeast: known(data.subjects),
    atMost: data.subjects_max ?? null,
    unknown: data.subjects_unknown,
    sensitive: data.sensitive,
    financial: data.financial_damage_risk,
    unlawful: data.unlawful_purpose,
    beingAcquired: data.being_acquired,
    encrypted: data.high_level_encryption,
    recovered: data.recovered_unviewed,
    myNumbers: myNumbers ? 'yes' : 'no',
    myNumberCount: known(data.my_number_subjects),
    myNumberMax: data.my_number_subjects_max ?? null,
    myNumberPublic: data.my_number_public,
    euSubjects: known(data.eu_subjects),
  };
}

/** The answers the step starts from: the facts last assessed, or those the earlier steps suggest. */
export function answersFromFacts(facts: Facts): ReportingAnswers {
  const own = facts.personal_data;
  const entrusted = facts.entrusted_data;
  const ownInvolved = involved(own);
  const clientInvolved = entrusted !== null && involved(entrusted);
  // Version 1 said "all of it is a client's, and the client was told" with one box.
  const allEntrustedOfOld = own.entrusted_by_client_notified && entrusted === null;
  const ownership: Ownership = allEntrustedOfOld || (clientInvolved && !ownInvolved) ? 'all_entrusted' : clientInvolved ? 'some_entrusted' : 'own';
  return {
    category: facts.category,
    unauthorized_access: facts.unauthorized_access,
    malware: facts.malware,
    crime_suspected: facts.crime_suspected,
    personal: ownInvolved || clientInvolved || allEntrustedOfOld,
    ownership,
    own: allEntrustedOfOld ? { ...EMPTY_DATA } : dataAnswers(own),
    client: allEntrustedOfOld ? dataAnswers(own) : entrusted ? dataAnswers(entrusted) : { ...EMPTY_DATA },
    clientNotified: allEntrustedOfOld || (entrusted?.client_notified ?? false),
  };
}

export const NOT_INVOLVED: DataAtRisk = {
  involved: false,
  subjects: 0,
  subjects_max: null,
  subjects_unknown: false,
  sensitive: false,
  financial_damage_risk: false,
  unlawful_purpose: false,
  being_acquired: false,
  high_level_encryption: false,
  recovered_unviewed: false,
  my_number_involved: null,
  my_number_subjects: 0,
  my_number_subjects_max: null,
  my_number_public: false,
  eu_subjects: 0,
};

/** One body of data as facts; `ownData` says whether "being acquired" can apply to it. */
export function dataAtRisk(answers: DataAnswers, ownData: boolean): DataAtRisk {
  const myNumbers = answers.myNumbers !== 'no';
  return {
    involved: true,
    subjects: answers.atLeast ?? 0,
    subjects_max: answers.unknown ? null : answers.atMost,
    subjects_unknown: answers.unknown,
    sensitive: answers.sensitive,
    financial_damage_risk: answers.financial,
    unlawful_purpose: answers.unlawful,
    being_acquired: ownData && answers.beingAcquired,
    high_level_encryption: answers.encrypted,
    recovered_unviewed: answers.recovered,
    my_number_involved: myNumbers,
    // "Not sure" is treated as yes with the count not known.
    my_number_subjects: answers.myNumbers === 'yes' ? (answers.myNumberCount ?? 0) : 0,
    my_number_subjects_max: answers.myNumbers === 'yes' ? answers.myNumberMax : null,
    my_number_public: myNumbers && answers.myNumberPublic,
    eu_subjects: answers.euSubjects ?? 0,
  };
}

/** The assessment facts the answers stand for. */
export function factsFromAnswers(answers: ReportingAnswers, detail: IncidentDetail, organization: Facts['organization']): Facts {
  const ownInvolved = answers.personal && answers.ownership !== 'all_entrusted';
  const clientInvolved = answers.personal && answers.ownership !== 'own';
  return {
    discovered_at: detail.discovered_at,
    occurred_at: detail.facts?.occurred_at ?? null,
    stage: detail.stage,
    category: answers.category,
    unauthorized_access: answers.unauthorized_access,
    malware: answers.malware,
    crime_suspected: answers.crime_suspected,
    personal_data: { ...(ownInvolved ? dataAtRisk(answers.own, true) : NOT_INVOLVED), entrusted_by_client_notified: false },
    entrusted_data: clientInvolved ? { ...dataAtRisk(answers.client, false), client_notified: answers.clientNotified } : null,
    organization,
  };
}

/** What in the counts contradicts itself, as i18n keys (checked before assessing). */
export function countProblems(data: DataAnswers): string[] {
  const problems: string[] = [];
  if (!data.unknown && data.atLeast !== null && data.atMost !== null && data.atMost < data.atLeast) problems.push('maxBelowCount');
  if (data.myNumbers === 'yes' && data.myNumberCount !== null && data.myNumberMax !== null && data.myNumberMax < data.myNumberCount) {
    problems.push('myNumberMaxBelowCount');
  }
  return problems;
}

/** Whether the head-count is not known (so it is treated as possibly over the threshold). */
export function countUnknown(data: DataAnswers): boolean {
  return data.unknown || (data.atLeast === null && data.atMost === null);
}
