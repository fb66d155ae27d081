// React keys for lists whose entries have no id of their own. With the position as the key, a
// row that moves, or loses a row above it, would take over another row's state (focus, the
// height of a growing text area).
import { useState } from 'react';

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
