// Which screen the window shows. The app is a handful of screens, so a small state value does
// what a router would, and every screen can send the user elsewhere through `useNavigate`.
import { createContext, useContext } from 'react';
import type { ScenarioSpec } from './bindings';

export type View =
  | { page: 'home' }
  | { page: 'incidents'; onlyOpen?: boolean }
  | { page: 'incident'; id: number }
  | { page: 'wizard'; id: number }
  | { page: 'nearMisses' }
  | { page: 'backups' }
  | { page: 'files' }
  | { page: 'history' }
  | { page: 'people' }
  | { page: 'contacts'; onlyStale?: boolean }
  | { page: 'contact'; id: number | null }
  | { page: 'contactsImport' }
  | { page: 'policy'; section?: PolicySection }
  | { page: 'bcp' }
  | { page: 'readiness' }
  | { page: 'portfolio' }
  | { page: 'exercises' }
  | { page: 'exercise'; id: number }
  | { page: 'exerciseScenario'; id: number | null; from?: ScenarioSpec };

/** Parts of the policy page other screens send the user to, by their element id. */
export type PolicySection = 'company-details';

export const NavigationContext = createContext<(view: View) => void>(() => {});

export function useNavigate(): (view: View) => void {
  return useContext(NavigationContext);
}

/** Called after another company file was opened in place of the current one: every screen reloads. */
export const FileSwitchedContext = createContext<() => void>(() => {});

export function useFileSwitched(): () => void {
  return useContext(FileSwitchedContext);
}
