import { describe, expect, it } from 'vitest';
import ja from './ja.json';
import en from './en.json';
import {
  CASE_KIND_VALUES,
  CHANGE_ACTION_VALUES,
  CHANGED_ENTITY_VALUES,
  CONTACT_TAG_VALUES,
  CSV_ENCODING_VALUES,
  CSV_FIELD_VALUES,
  DATA_ITEM_VALUES,
  DATA_SUBJECT_GROUP_VALUES,
  DATE_STYLE_VALUES,
  DOCUMENT_KIND_VALUES,
  DOCUMENT_NAMES,
  DOCUMENT_STAGES,
  EXERCISE_STEP_VALUES,
  HAPPENED_VALUES,
  HARM_VALUES,
  INCIDENT_STAGE_VALUES,
  INCIDENT_STATUS_VALUES,
  MEASURE_KIND_VALUES,
  OBLIGATION_STATUS_VALUES,
  QUESTION_VALUES,
  FACT_NAMES,
  READINESS_STATE_VALUES,
  READINESS_TASK_VALUES,
  SECTOR_VALUES,
} from '../bindings';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[path] = value;
    else Object.assign(out, flatten(value, path));
  }
  return out;
}

const jaTexts = flatten(ja as Tree);
const enTexts = flatten(en as Tree);
// Texts that are the same in both languages on purpose (each language's own name in the switch).
const SAME_IN_BOTH = ['language.ja', 'language.en'];

// Each list of values the core generates, and where the interface keeps its label: a value the
// core adds without a Japanese and an English label fails here.
const LABELLED: [string, readonly string[], string?][] = [
  ['case', CASE_KIND_VALUES, '.name'],
  ['history.action', CHANGE_ACTION_VALUES],
  ['history.entity', CHANGED_ENTITY_VALUES],
  ['contacts.tags', CONTACT_TAG_VALUES],
  ['csv.encoding', CSV_ENCODING_VALUES],
  ['csv.field', CSV_FIELD_VALUES],
  ['facts.item', DATA_ITEM_VALUES],
  ['facts.whose', DATA_SUBJECT_GROUP_VALUES],
  ['policy.company.details.dateStyle', DATE_STYLE_VALUES],
  ['exercise.run.tabs', EXERCISE_STEP_VALUES],
  ['wizard.step.severity.happenedOption', HAPPENED_VALUES],
  ['facts.harm', HARM_VALUES],
  ['incident.stage', INCIDENT_STAGE_VALUES],
  ['incidents.status', INCIDENT_STATUS_VALUES],
  ['jigyokei.kind', MEASURE_KIND_VALUES],
  ['obligation.status', OBLIGATION_STATUS_VALUES],
  ['interview.q', QUESTION_VALUES, '.title'],
  ['interview.q', QUESTION_VALUES, '.why'],
  ['interview.q', QUESTION_VALUES, '.example'],
  ['readiness.state', READINESS_STATE_VALUES],
  ['readiness.task', READINESS_TASK_VALUES],
  ['company.sector', SECTOR_VALUES],
];

describe("labels of the core's values", () => {
  it.each(LABELLED)('%s has a Japanese and an English label for every value', (prefix, values, suffix = '') => {
    for (const value of values) {
      const key = `${prefix}.${value}${suffix}`;
      expect(jaTexts[key], `ja ${key}`).toBeTruthy();
      expect(enTexts[key], `en ${key}`).toBeTruthy();
    }
  });

  it('names every document in both languages, a report in two stages by each stage', () => {
    for (const language of ['ja', 'en'] as const) {
      for (const document of DOCUMENT_KIND_VALUES) {
        const names = DOCUMENT_NAMES[language][document];
        expect(names.preliminary, `${language} ${document}`).toBeTruthy();
        expect(names.final !== names.preliminary, `${language} ${document}`).toBe(DOCUMENT_STAGES[document].length > 1);
      }
    }
  });
});

describe("the interview's words for the facts", () => {
  // Said by steps 1–2 or the company profile: never left open by the interview.
  const GIVEN = [
    'occurred_at',
    'stage',
    'category',
    'involved',
    'entrusted_by_client_notified',
    'privacy_mark',
    'isms_certified',
    'cyber_insurance',
  ];
  it('say what to confirm and what was answered for every fact the interview can leave open', () => {
    for (const name of FACT_NAMES) {
      const fact = name.slice(name.lastIndexOf('.') + 1);
      if (GIVEN.includes(fact)) continue;
      for (const part of ['confirm', 'lifted']) {
        const key = `interview.fact.${fact}.${part}`;
        expect(jaTexts[key], `ja ${key}`).toBeTruthy();
        expect(enTexts[key], `en ${key}`).toBeTruthy();
      }
    }
  });
});

describe('interface catalogues', () => {
  it('have the same keys in Japanese and English', () => {
    expect(Object.keys(jaTexts).sort()).toEqual(Object.keys(enTexts).sort());
  });

  it('have no empty texts', () => {
    for (const [key, text] of [...Object.entries(jaTexts), ...Object.entries(enTexts)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('leave no English in the Japanese interface', () => {
    const japanese = /[\u3001-\u303f\u3040-\u30ff\u4e00-\u9fff]/;
    for (const [key, text] of Object.entries(jaTexts)) {
      if (SAME_IN_BOTH.includes(key) || key === 'app.name') continue;
      expect(japanese.test(text), `${key}: ${text}`).toBe(true);
    }
  });

  it('leave no Japanese in the English interface', () => {
    const japanese = /[\u3001-\u303f\u3040-\u30ff\u4e00-\u9fff\uff01-\uff5e]/;
    for (const [key, text] of Object.entries(enTexts)) {
      if (SAME_IN_BOTH.includes(key)) continue;
      expect(japanese.test(text), `${key}: ${text}`).toBe(false);
    }
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => (text.match(/{{\w+}}/g) ?? []).sort();
    for (const key of Object.keys(jaTexts)) {
      expect(placeholders(enTexts[key]), key).toEqual(placeholders(jaTexts[key]));
    }
  });
});
