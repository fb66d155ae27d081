import { act, renderHook } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { keyedByContent, useRowKeys } from './listKeys';

/** A list kept in state the way an editor keeps it, with its row keys. */
function useKeyedList(initial: string[]) {
  const [items, setItems] = useState(initial);
  return { items, setItems, rowKeys: useRowKeys(items.length) };
}

describe('row keys of a list edited in place', () => {
  it('stay with their rows when rows are removed, swapped and added', () => {
    const { result } = renderHook(() => useKeyedList(['a', 'b', 'c']));
    const [a, b, c] = result.current.rowKeys.keys;
    expect(new Set([a, b, c]).size).toBe(3);

    act(() => {
      result.current.rowKeys.removed(0);
      result.current.setItems(['b', 'c']);
    });
    expect(result.current.rowKeys.keys).toEqual([b, c]);

    act(() => {
      result.current.rowKeys.swapped(0, 1);
      result.current.setItems(['c', 'b']);
    });
    expect(result.current.rowKeys.keys).toEqual([c, b]);

    act(() => {
      result.current.rowKeys.added();
      result.current.setItems(['c', 'b', '']);
    });
    expect(result.current.rowKeys.keys.slice(0, 2)).toEqual([c, b]);
    expect([a, b, c]).not.toContain(result.current.rowKeys.keys[2]);
  });

  it('start afresh for a list of another length from elsewhere', () => {
    const { result } = renderHook(() => useKeyedList(['a']));
    const [first] = result.current.rowKeys.keys;
    act(() => result.current.setItems(['x', 'y', 'z']));
    expect(result.current.rowKeys.keys).toHaveLength(3);
    expect(new Set(result.current.rowKeys.keys).size).toBe(3);
    expect(result.current.rowKeys.keys).not.toContain(first);
  });
});

describe('keys of a list that is only shown', () => {
  it('come from the content and tell repeated entries apart', () => {
    const keys = keyedByContent(['a', { code: 'x' }, 'a', null]).map((entry) => entry.key);
    expect(new Set(keys).size).toBe(4);
    expect(keyedByContent(['b', 'a', 'a']).map((entry) => entry.key)).toEqual(['0:"b"', '0:"a"', '1:"a"']);
  });

  it('stay with their entries when another entry is taken out', () => {
    const before = keyedByContent(['a', 'b', 'c']);
    const after = keyedByContent(['a', 'c']);
    expect(after.map((entry) => entry.key)).toEqual([before[0].key, before[2].key]);
  });
});
