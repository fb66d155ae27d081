// Changes other PCs make to a company on a server, shown on the open screen without opening it
// again. The app asks the session every few seconds what changed (the session listens to the
// server; see DEVELOPMENT.md, "Changes on other PCs"), and each screen that reads a part of the
// company reads it again when that part changed. Editors are not refreshed under the user's
// typing: a save made from an older form is refused and says who changed it first.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { api } from './api';
import { CHANGED_PART_VALUES, type ChangedPart } from './bindings';

/** How often the window asks what changed, in milliseconds. */
export const ASK_EVERY_MS = 2000;

/** For each part, the count of changes at which it last changed on another PC. */
export type SeenChanges = Partial<Record<ChangedPart, number>>;

export const CompanyChangesContext = createContext<SeenChanges>({});

/** Asks, while a server company (`server`) is open, what other PCs changed; nothing for a file. */
export function useWatchCompanyChanges(server: string | null): SeenChanges {
  const [seen, setSeen] = useState<SeenChanges>({});
  useEffect(() => {
    setSeen({});
    if (!server) return;
    let generation = 0;
    let stopped = false;
    let timer: number | undefined;
    const ask = async () => {
      try {
        const changes = await api.companyChanges(generation);
        if (stopped) return;
        if (changes.parts.length > 0) {
          setSeen((before) => {
            const after = { ...before };
            for (const part of changes.parts) after[part] = changes.generation;
            return after;
          });
        }
        generation = changes.generation;
      } catch {
        // Asked again at the next turn.
      }
      if (!stopped) timer = window.setTimeout(ask, ASK_EVERY_MS);
    };
    timer = window.setTimeout(ask, ASK_EVERY_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [server]);
  return seen;
}

/** A number that grows whenever one of `parts` changed on another PC. */
export function changesTo(seen: SeenChanges, parts: readonly ChangedPart[]): number {
  return parts.reduce((sum, part) => sum + (seen[part] ?? 0), 0);
}

/** [`changesTo`] for a screen: put it among the dependencies of the effect that reads `parts`. */
export function useChangesTo(...parts: ChangedPart[]): number {
  return changesTo(useContext(CompanyChangesContext), parts);
}

/**
 * For an editing screen that cannot refresh under the user's typing (the policy, the BCP, a
 * contact, a wizard step): whether another PC changed what it shows since it was read. When one of
 * `parts` changes, `readLatest` reads the thing again, and if what `compared` takes of it is no
 * longer what the screen shows (`shown`), the screen says so (`NewerElsewhere`) and reads the
 * latest when asked. A screen may instead take the latest at once (nothing typed in it yet):
 * `took` answers whether it did. The second value hides the notice again, for after that reading.
 */
export function useNewerElsewhere<T>(
  parts: readonly ChangedPart[],
  shown: T | null,
  readLatest: (shown: T) => Promise<T>,
  compared: (thing: T) => unknown = (thing) => thing,
  took: (latest: T) => boolean = () => false,
): [boolean, () => void] {
  const changed = changesTo(useContext(CompanyChangesContext), parts);
  const [newer, setNewer] = useState(false);
  const current = useRef({ shown, readLatest, compared, took });
  current.current = { shown, readLatest, compared, took };
  useEffect(() => {
    const { shown, readLatest } = current.current;
    if (changed === 0 || shown === null) return;
    readLatest(shown).then(
      (latest) => {
        const { shown, compared, took } = current.current;
        if (shown === null || JSON.stringify(compared(latest)) === JSON.stringify(compared(shown))) return;
        if (!took(latest)) setNewer(true);
      },
      () => {},
    );
  }, [changed]);
  const seen = useCallback(() => setNewer(false), []);
  return [newer, seen];
}

/** Every part: for screens that show a little of each (home, the history). */
export const EVERY_PART = CHANGED_PART_VALUES;
