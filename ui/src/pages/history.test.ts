import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { ChangeRecord } from '../bindings';
import i18n from '../i18n';
import { CHANGED_ENTITIES, changedFields, formatValue, listChange } from './history';

const t = ((key: string) => (key === 'common.yes' ? 'はい' : key === 'common.no' ? 'いいえ' : key)) as unknown as TFunction;

const record = (action: ChangeRecord['action'], before: object | null, after: object | null): ChangeRecord => ({
  id: 1,
  at: '2026-11-22T09:00:00+09:00',
  author: '佐藤',
  entity: 'contact',
  entity_id: 3,
  action,
  label: '山田',
  before: before && JSON.stringify(before),
  after: after && JSON.stringify(after),
});

describe('change records', () => {
  it('show only the fields an update changed, without ids', () => {
    const fields = changedFields(
      record(
        'update',
        { id: 3, name: '山田', title: '部長', phones: [{ number: '03-1', emergency: false }] },
        { id: 3, name: '山田', title: '本部長', phones: [{ number: '03-2', emergency: false }] },
      ),
    );
    expect(fields.map((f) => f.key)).toEqual(['title', 'phones']);
    expect(fields[0]).toMatchObject({ before: '部長', after: '本部長' });
  });

  it('show every filled field of a creation and of a deletion', () => {
    expect(changedFields(record('create', null, { name: '山田', notes: '', tags: [] })).map((f) => f.key)).toEqual(['name']);
    expect(changedFields(record('delete', { name: '山田', notes: 'メモ' }, null)).map((f) => f.key)).toEqual(['name', 'notes']);
  });

  it('write values as plain text', () => {
    expect(formatValue(null, t)).toBe('—');
    expect(formatValue(true, t)).toBe('はい');
    expect(formatValue(['internal', 'vendor'], t)).toBe('internal\nvendor');
    expect(formatValue({ contact_id: 4, label: '携帯', number: '090-1234-5678', emergency: true }, t)).toBe('携帯 090-1234-5678');
  });
});

describe('list changes', () => {
  it('show the entries taken out and put in, or only a new order', () => {
    expect(listChange(['a', 'b', 'c'], ['a', 'c', 'd'])).toEqual({ removed: ['b'], added: ['d'] });
    expect(listChange(['a', 'b'], ['b', 'a'])).toEqual({ removed: [], added: [] });
    expect(listChange('a', ['a'])).toBeNull();
  });

  it('name every kind of thing the history records, in both languages', async () => {
    for (const language of ['ja', 'en']) {
      await i18n.changeLanguage(language);
      for (const entity of CHANGED_ENTITIES) {
        expect(i18n.exists(`history.entity.${entity}`), `${language}: ${entity}`).toBe(true);
      }
    }
    await i18n.changeLanguage('ja');
    expect(i18n.t('history.entity.exercise_follow_up')).toBe('訓練の改善事項');
  });
});
