// Lists the window keeps in the order the core lists their values, whatever order they were ticked in.

/** `list` with `value` added or taken out, kept in the order of `order`, each value once. */
export function toggled<T>(order: readonly T[], list: readonly T[], value: T, on: boolean): T[] {
  const next = on ? [...list, value] : list.filter((v) => v !== value);
  return order.filter((v) => next.includes(v));
}
