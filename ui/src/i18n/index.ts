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
