// Scenario time as people read it: T+0分, T+2時間, T+26時間30分 / T+0m, T+2h, T+26h30m.
import type { TFunction } from 'i18next';

export function scenarioTime(minutes: number, t: TFunction): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t('exercise.at.minutes', { m });
  if (m === 0) return t('exercise.at.hours', { h });
  return t('exercise.at.hoursMinutes', { h, m });
}
