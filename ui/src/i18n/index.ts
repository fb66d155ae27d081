// The interface texts: Japanese (default) and English catalogues, one key set.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import ja from './ja.json';
import en from './en.json';

export const resources = { ja: { translation: ja }, en: { translation: en } } as const;

i18n.use(initReactI18next).init({
  resources,
  lng: 'ja',
  fallbackLng: 'ja',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;

/**
 * Adds the assessment's names and explanations (from the Rust side, the same words the command
 * line and exported documents use) under `reporting.*`, e.g. `reporting.authority.ppc`.
 */
export function addReportingTexts(language: string, texts: Record<string, string>) {
  const nested: Record<string, Record<string, string>> = {};
  for (const [key, text] of Object.entries(texts)) {
    const [group, id] = key.split('.', 2);
    nested[group] ??= {};
    nested[group][id] = text;
  }
  i18n.addResourceBundle(language, 'translation', { reporting: nested }, true, true);
}
