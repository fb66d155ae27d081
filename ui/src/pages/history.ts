// Reading a change record: which fields differ between before and after, and how to show a value.
import type { TFunction } from 'i18next';
import { type ChangeRecord, CHANGED_ENTITY_VALUES } from '../bindings';

/** Every kind of thing the history records, in the filter's order (the core's). */
export const CHANGED_ENTITIES = CHANGED_ENTITY_VALUES;

/** Bookkeeping fields a reader of the history has no use for. */
const HIDDEN = ['id', 'key', 'required', 'stale', 'updated_at'];

export interface ChangedField {
  key: string;
  before: unknown;
  after: unknown;
}

function parse(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { value: json };
  }
}

/** The fields a change touched: for an update those that differ, else every non-empty field. Ids are left out. */
export function changedFields(record: ChangeRecord): ChangedField[] {
  const before = parse(record.before);
  const after = parse(record.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => !HIDDEN.includes(k) && !k.endsWith('_id') && !k.endsWith('_ids'),
  );
  return keys
    .map((key) => ({ key, before: before[key], after: after[key] }))
    .filter((f) =>
      record.action === 'update'
        ? JSON.stringify(f.before) !== JSON.stringify(f.after)
        : !isEmpty(record.action === 'create' ? f.after : f.before),
    );
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** A value as plain text: lists one per line, objects as their values, empty as a dash. */
export function formatValue(value: unknown, t: TFunction): string {
  if (isEmpty(value)) return '—';
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value)) return value.map((v) => formatValue(v, t)).join('\n');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => k !== 'id' && !k.endsWith('_id') && !isEmpty(v) && typeof v !== 'boolean')
      .map(([, v]) => v)
      .map((v) => formatValue(v, t))
      .join(' ');
  }
  return String(value);
}

/** For a list that changed: the entries taken out and put in (by value), or neither when only the order changed. */
export function listChange(before: unknown, after: unknown): { removed: unknown[]; added: unknown[] } | null {
  if (!Array.isArray(before) || !Array.isArray(after)) return null;
  const text = (v: unknown) => JSON.stringify(v);
  const beforeTexts = before.map(text);
  const afterTexts = after.map(text);
  return {
    removed: before.filter((_, i) => !afterTexts.includes(beforeTexts[i])),
    added: after.filter((_, i) => !beforeTexts.includes(afterTexts[i])),
  };
}
