import { describe, expect, it } from 'vitest';
import ja from './ja.json';
import en from './en.json';

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
