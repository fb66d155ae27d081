// The reporting step's answers as the office gives them, and the assessment facts they stand for.
// The screen asks in plain words ("at least how many", "we don't know yet", "not sure"); this
// module turns those answers into the facts of the assessment and back, so that an empty count
// always means "not known" (never 0) and "not sure" about My Numbers means "they may be there".
//
// Beside the facts it keeps what the drafts print (the data items, whose data, what happened to
// it, the IPA form's details). Some items answer a question too — health data is sensitive, card
// numbers put money at risk, My Numbers are My Numbers — so ticking one ticks its answer, and an
// item whose answer was unticked afterwards is a contradiction to fix before assessing (the core
// refuses it as `contradicting_items`).
import {
  type Contradiction,
  type DataAnswers,
  type DataAtRisk,
  type DataItem,
  type DataItems,
  type Facts,
  type IncidentDetail,
  type Ownership,
  type ReportingAnswers,
  type ReportingDetails,
  type TechnicalDetails,
  DATA_ITEM_VALUES,
  DATA_SUBJECT_GROUP_VALUES,
  HARM_VALUES,
} from '../../bindings';

/** The data items in the order the checklist shows them. */
export const DATA_ITEMS = DATA_ITEM_VALUES;
export const SUBJECT_GROUPS = DATA_SUBJECT_GROUP_VALUES;
export const HARMS = HARM_VALUES;

/** A count the office may not know: `null` is "not known", never 0. */
export type Count = number | null;

// The form's types are the core's (incident/draft.rs), so that a draft saved as the user types is
// checked against the same shape the window fills.
export type { DataAnswers, MyNumberAnswer, Ownership, ReportingAnswers } from '../../bindings';

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
  items: [],
  other: null,
};

const NO_ITEMS: DataItems = { items: [], other: null };

/** The IPA and JPCERT/CC forms' technical details before anything is typed. */
export const NO_TECHNICAL: TechnicalDetails = {
  os: '',
  systems: '',
  pc_count: null,
  prefecture: '',
  addresses_seen: '',
  log_times: '',
};

/** What an incident records beside the facts before anything is said. */
export const NO_DETAILS: ReportingDetails = {
  data: { own: NO_ITEMS, client: NO_ITEMS, whose: [], harm: [] },
  malware_name: '',
  how_found: '',
  infection_route: '',
  technical: NO_TECHNICAL,
};

/** The members of `list` in the order of `order`, each once. */
function inOrder<T>(order: readonly T[], list: readonly T[]): T[] {
  return order.filter((value) => list.includes(value));
}

/** `list` with `value` added or taken out, kept in the order of `order`. */
export function toggled<T>(order: readonly T[], list: readonly T[], value: T, on: boolean): T[] {
  return inOrder(order, on ? [...list, value] : list.filter((v) => v !== value));
}

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

function dataAnswers(data: DataAtRisk, items: DataItems): DataAnswers {
  const myNumbers =
    data.my_number_involved === true ||
    data.my_number_subjects > 0 ||
    data.my_number_subjects_max !== null ||
    data.my_number_public;
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
    items: inOrder(DATA_ITEMS, items.items),
    other: items.other,
  };
}

/**
 * The answers the step starts from: the facts last assessed, or those the earlier steps suggest,
 * with what the incident records beside them.
 */
export function answersFromFacts(facts: Facts, details: ReportingDetails): ReportingAnswers {
  const own = facts.personal_data;
  const entrusted = facts.entrusted_data;
  const ownInvolved = involved(own);
  const clientInvolved = entrusted !== null && involved(entrusted);
  // Version 1 said "all of it is a client's, and the client was told" with one box.
  const allEntrustedOfOld = own.entrusted_by_client_notified && entrusted === null;
  const ownership: Ownership =
    allEntrustedOfOld || (clientInvolved && !ownInvolved) ? 'all_entrusted' : clientInvolved ? 'some_entrusted' : 'own';
  return {
    category: facts.category,
    unauthorized_access: facts.unauthorized_access,
    malware: facts.malware,
    crime_suspected: facts.crime_suspected,
    communicationsSecrecy: facts.communications_secrecy,
    personal: ownInvolved || clientInvolved || allEntrustedOfOld,
    ownership,
    own: allEntrustedOfOld ? { ...EMPTY_DATA } : dataAnswers(own, details.data.own),
    client: allEntrustedOfOld
      ? dataAnswers(own, details.data.client)
      : entrusted
        ? dataAnswers(entrusted, details.data.client)
        : { ...EMPTY_DATA, items: inOrder(DATA_ITEMS, details.data.client.items), other: details.data.client.other },
    clientNotified: allEntrustedOfOld || (entrusted?.client_notified ?? false),
    whose: inOrder(SUBJECT_GROUPS, details.data.whose),
    harm: inOrder(HARMS, details.data.harm),
    malwareName: details.malware_name,
    howFound: details.how_found,
    infectionRoute: details.infection_route,
    technical: details.technical ?? NO_TECHNICAL,
  };
}

/**
 * A draft saved by an earlier version of the step lacks the newer answers, also inside each body
 * of data; they are taken from what the step would start from.
 */
export function completeDraft(draft: ReportingAnswers, start: ReportingAnswers): ReportingAnswers {
  return { ...start, ...draft, own: { ...start.own, ...draft.own }, client: { ...start.client, ...draft.client } };
}

/** Which bodies of data the answers are about: the company's own, a client's, or both. */
export function dataShown(answers: ReportingAnswers): { own: boolean; client: boolean } {
  return {
    own: answers.personal && answers.ownership !== 'all_entrusted',
    client: answers.personal && answers.ownership !== 'own',
  };
}

/** Whether the IPA and JPCERT/CC forms' technical details are asked: malware or an intrusion. */
export function technicalAsked(answers: ReportingAnswers): boolean {
  return malwareInvolved(answers) || answers.unauthorized_access;
}

/** Whether the IPA form's details are asked: malware was ticked, or it is the category. */
export function malwareInvolved(answers: ReportingAnswers): boolean {
  return answers.malware || answers.category === 'malware';
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
  const { own: ownInvolved, client: clientInvolved } = dataShown(answers);
  return {
    discovered_at: detail.discovered_at,
    occurred_at: detail.facts?.occurred_at ?? null,
    stage: detail.stage,
    category: answers.category,
    unauthorized_access: answers.unauthorized_access,
    malware: answers.malware,
    crime_suspected: answers.crime_suspected,
    // Asked of telecom carriers only; anyone else's answer is no.
    communications_secrecy: organization.sector === 'telecom' && answers.communicationsSecrecy,
    personal_data: { ...(ownInvolved ? dataAtRisk(answers.own, true) : NOT_INVOLVED), entrusted_by_client_notified: false },
    entrusted_data: clientInvolved ? { ...dataAtRisk(answers.client, false), client_notified: answers.clientNotified } : null,
    organization,
  };
}

/** What in the counts contradicts itself, as i18n keys (checked before assessing). */
export function countProblems(data: DataAnswers): string[] {
  const problems: string[] = [];
  if (!data.unknown && data.atLeast !== null && data.atMost !== null && data.atMost < data.atLeast)
    problems.push('maxBelowCount');
  if (
    data.myNumbers === 'yes' &&
    data.myNumberCount !== null &&
    data.myNumberMax !== null &&
    data.myNumberMax < data.myNumberCount
  ) {
    problems.push('myNumberMaxBelowCount');
  }
  return problems;
}

/** Whether the head-count is not known (so it is treated as possibly over the threshold). */
export function countUnknown(data: DataAnswers): boolean {
  return data.unknown || (data.atLeast === null && data.atMost === null);
}

/** What the drafts need beside the facts; the items of data not asked about are left out. */
export function detailsFromAnswers(answers: ReportingAnswers): ReportingDetails {
  const shown = dataShown(answers);
  const items = (data: DataAnswers): DataItems => ({ items: inOrder(DATA_ITEMS, data.items), other: data.other });
  const malware = malwareInvolved(answers);
  return {
    data: {
      own: shown.own ? items(answers.own) : NO_ITEMS,
      client: shown.client ? items(answers.client) : NO_ITEMS,
      whose: answers.personal ? inOrder(SUBJECT_GROUPS, answers.whose) : [],
      harm: answers.personal ? inOrder(HARMS, answers.harm) : [],
    },
    malware_name: malware ? answers.malwareName : '',
    how_found: malware ? answers.howFound : '',
    infection_route: malware ? answers.infectionRoute : '',
    technical: technicalAsked(answers) ? answers.technical : NO_TECHNICAL,
  };
}

/** The answer an item gives by itself, ticked with it. */
const ANSWERED_BY_ITEM: Partial<Record<DataItem, Partial<DataAnswers>>> = {
  health: { sensitive: true },
  card_number: { financial: true },
  // Not every ID can move money (see credentialsNote); the office may untick it again.
  credentials: { financial: true },
  my_number: { myNumbers: 'yes' },
};

/** The answers after ticking or unticking an item; ticking also ticks the answer it gives. */
export function tickItem(data: DataAnswers, item: DataItem, ticked: boolean): DataAnswers {
  const items = toggled(DATA_ITEMS, data.items, item, ticked);
  return ticked ? { ...data, ...ANSWERED_BY_ITEM[item], items } : { ...data, items };
}

/** Items that disagree with the answers about the same data (the core's check, the same order). */
export function contradictions(data: DataAnswers): Contradiction[] {
  const found: Contradiction[] = [];
  if (data.items.includes('health') && !data.sensitive) found.push('health_not_sensitive');
  if (data.items.includes('card_number') && !data.financial) found.push('card_not_financial');
  if (data.items.includes('my_number') && data.myNumbers === 'no') found.push('my_number_not_involved');
  return found;
}

/**
 * IDs and passwords ticked with money not at risk: not a contradiction (only IDs that can pay or
 * send money count), but worth a word.
 */
export function credentialsNote(data: DataAnswers): boolean {
  return data.items.includes('credentials') && !data.financial;
}

/** Whether anything in the data asked about must be fixed before assessing. */
export function blocksAssessing(answers: ReportingAnswers): boolean {
  const shown = dataShown(answers);
  const bodies = [shown.own && answers.own, shown.client && answers.client].filter((d): d is DataAnswers => d !== false);
  return bodies.some((data) => countProblems(data).length > 0 || contradictions(data).length > 0);
}
