// React keys for lists whose entries have no id of their own. With the position as the key, a
// row that moves, or loses a row above it, would take over another row's state (focus, the
// height of a growing text area).
import { useState } from 'react';

/**
 * The entries of a list that is only shown, each with a key made from its content and the number
 * of entries with the same content before it, so the key stays with its entry when others come,
 * go or move.
 */
export function keyedByContent<T>(items: readonly T[]): { key: string; item: T }[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const content = String(JSON.stringify(item));
    const before = seen.get(content) ?? 0;
    seen.set(content, before + 1);
    return { key: `${before}:${content}`, item };
  });
}

let lastRowKey = 0;
const newRowKey = () => ++lastRowKey;

/**
 * Keys for the rows of a list edited in place (the steps of a procedure, a contact's phone
 * numbers), kept alongside it: tell them of each row added, removed or swapped with another, in
 * the same event as the list is changed. A list of another length from elsewhere (loaded, reset)
 * gets new keys.
 */
export function useRowKeys(length: number) {
  const [keys, setKeys] = useState(() => Array.from({ length }, newRowKey));
  let current = keys;
  if (keys.length !== length) {
    current = Array.from({ length }, newRowKey);
    setKeys(current);
  }
  return {
    keys: current,
    added: () => setKeys([...current, newRowKey()]),
    removed: (index: number) => setKeys(current.filter((_, i) => i !== index)),
    swapped: (index: number, other: number) => {
      const next = [...current];
      [next[index], next[other]] = [next[other], next[index]];
      setKeys(next);
    },
  };
}
