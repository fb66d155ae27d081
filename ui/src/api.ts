// The one place the UI talks to the Rust side: every command with its argument and result types
// (generated in bindings.ts). Components call `api.*`, never `invoke` directly.
import { invoke } from '@tauri-apps/api/core';
import type { Assessment, ErrorReport, Facts, HomeSummary, Language, OpenFileState, Preferences } from './bindings';

export const api = {
  openFileState: () => invoke<OpenFileState>('open_file_state'),
  homeSummary: () => invoke<HomeSummary>('home_summary'),
  preferences: () => invoke<Preferences>('preferences'),
  setLanguage: (language: Language) => invoke<Preferences>('set_language', { language }),
  /** Who must or should be told, by when (the incident wizard's reporting step). */
  assess: (facts: Facts) => invoke<Assessment>('assess', { facts }),
};

/** Turns whatever a command rejected with into an ErrorReport. */
export function asErrorReport(error: unknown): ErrorReport {
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    return error as ErrorReport;
  }
  return { code: 'internal', message: String(error) };
}
