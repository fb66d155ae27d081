import { fireEvent, render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { describe, expect, it, vi } from 'vitest';
import type { IncidentDetail } from '../bindings';
import i18n from '../i18n';
import { GdprTextsEditor, pastSeventyTwoHours } from './GdprTextsEditor';
import { obligationRecord } from './obligationRecord.fixture';

// Only what the editor reads of an incident.
const incident = (due: string, delay = ''): IncidentDetail =>
  ({
    id: 7,
    description: '顧客名簿を別の顧客にメールで送ってしまった。',
    recovery: {
      cause: '',
      secondary_damage: '',
      subject_response: '対象の方に電話で説明した。',
      publication: '',
      measures_taken: '受信者に削除を依頼し、削除を確認した。',
      measures_planned: '',
      lessons: '',
    },
    gdpr_texts: { nature: '', consequences: '', measures: '', delay_reasons: delay },
    obligations: [obligationRecord({ authority: 'eu_supervisory_authority', deadlines: [{ stage: 'notice', due_by: due }] })],
  }) as unknown as IncidentDetail;

describe('GdprTextsEditor', () => {
  it('knows when the 72 hours have run out, as an instant', () => {
    const detail = incident('2026-04-09T15:30:00+02:00');
    expect(pastSeventyTwoHours(detail, new Date('2026-04-09T13:29:00Z'))).toBe(false);
    expect(pastSeventyTwoHours(detail, new Date('2026-04-09T13:31:00Z'))).toBe(true);
  });

  it('shows the Japanese record beside each English field, asks why when late, and saves what was typed', async () => {
    await i18n.changeLanguage('ja');
    const act = vi.fn().mockResolvedValue(null);
    render(
      <MantineProvider>
        <GdprTextsEditor detail={incident('2020-01-01T00:00:00+09:00')} act={act} />
      </MantineProvider>,
    );
    expect(screen.getByTestId('gdpr-texts-state')).toHaveTextContent('記録から自動で作成');
    fireEvent.click(screen.getByTestId('edit-gdpr-texts'));
    expect(await screen.findByTestId('gdpr-japanese-nature')).toHaveTextContent('顧客名簿を別の顧客にメールで送ってしまった。');
    expect(screen.getByTestId('gdpr-japanese-measures')).toHaveTextContent('受信者に削除を依頼し');
    expect(screen.getByTestId('gdpr-japanese-consequences')).toHaveTextContent('まだ記録がありません');
    expect(screen.getByTestId('gdpr-english-delay_reasons')).toBeInTheDocument();
    fireEvent.change(screen.getByTestId('gdpr-english-nature'), {
      target: { value: 'A customer list was e-mailed to another customer.' },
    });
    fireEvent.click(screen.getByTestId('gdpr-texts-save'));
    expect(act).toHaveBeenCalledTimes(1);
  });

  it('does not ask for the reasons for a delay within the 72 hours', async () => {
    await i18n.changeLanguage('en');
    render(
      <MantineProvider>
        <GdprTextsEditor detail={incident('2999-01-01T00:00:00+09:00')} act={vi.fn()} />
      </MantineProvider>,
    );
    fireEvent.click(screen.getByTestId('edit-gdpr-texts'));
    expect(await screen.findByTestId('gdpr-english-nature')).toBeInTheDocument();
    expect(screen.queryByTestId('gdpr-english-delay_reasons')).toBeNull();
  });
});
