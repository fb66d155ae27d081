import { describe, expect, it } from 'vitest';
import { type JigyokeiCheck, MEASURE_KIND_VALUES } from '../../bindings';
import i18n from '../../i18n';
import { checkText } from './JigyokeiTab';

const KINDS = MEASURE_KIND_VALUES;

// One of every check the core sends (`JigyokeiCheck` in src-tauri/core/src/jigyokei.rs).
const EVERY_CHECK: JigyokeiCheck[] = [
  { kind: 'no_supply_chain_role' },
  { kind: 'no_risk_chosen' },
  { kind: 'hazard_without_site', position: 2 },
  { kind: 'site_without_address', name: '倉庫' },
  { kind: 'no_evacuation' },
  { kind: 'no_safety_check' },
  { kind: 'target_without_owner', name: '販売管理' },
  ...KINDS.map((measure_kind): JigyokeiCheck => ({ kind: 'no_measure_of_kind', measure_kind })),
  { kind: 'no_training_planned' },
  { kind: 'no_review_date' },
  { kind: 'period_too_long', months: 37 },
  { kind: 'period_reversed' },
];

describe('the ジギョケイ checks list', () => {
  for (const language of ['ja', 'en']) {
    const t = i18n.getFixedT(language);

    it(`reads every check as a sentence in ${language}`, () => {
      for (const check of EVERY_CHECK) {
        const text = checkText(check, t);
        expect(text, JSON.stringify(check)).not.toContain('jigyokei.');
        expect(text, JSON.stringify(check)).not.toContain('{{');
        expect(text, JSON.stringify(check)).toMatch(/[。.]$/);
      }
    });
  }

  it('names a kind with no measure in the words of the form', () => {
    const ja = i18n.getFixedT('ja');
    const en = i18n.getFixedT('en');
    const money: JigyokeiCheck = { kind: 'no_measure_of_kind', measure_kind: 'money' };
    expect(checkText(money, ja)).toContain('「C 資金調達手段の確保（カネ）」');
    expect(checkText(money, ja)).toContain('資金繰り');
    expect(checkText(money, en)).toContain('C Securing funds (money)');
    expect(checkText(money, en)).toContain('insurance');
    const texts = KINDS.map((measure_kind) => checkText({ kind: 'no_measure_of_kind', measure_kind }, ja));
    expect(texts.map((text) => text.match(/「([ABCD]) /)?.[1])).toEqual(['A', 'B', 'C', 'D']);
  });
});
