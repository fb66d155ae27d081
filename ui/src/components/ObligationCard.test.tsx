import { render, screen, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { describe, expect, it, vi } from 'vitest';
import type { ObligationRecord } from '../bindings';
import i18n from '../i18n';
import { ObligationCard } from './ObligationCard';
import { obligationRecord } from './obligationRecord.fixture';

const record = obligationRecord;

function renderCard(obligation: ObligationRecord) {
  render(
    <MantineProvider>
      <ObligationCard incidentId={4} dayOne="2026-04-06" obligation={obligation} act={vi.fn()} readOnly />
    </MantineProvider>,
  );
}

describe('ObligationCard', () => {
  it('shows a passed 速報 date as a missed target, and a passed 確報 date as overdue', async () => {
    await i18n.changeLanguage('ja');
    renderCard(
      record({
        deadlines: [
          { stage: 'preliminary', due_by: '2020-01-10' },
          { stage: 'final', due_by: '2020-02-05' },
        ],
      }),
    );
    const preliminary = screen.getByTestId('deadline-preliminary');
    expect(preliminary).toHaveTextContent('（目安）');
    expect(within(preliminary).getByText('目安を過ぎています')).toBeInTheDocument();
    expect(within(preliminary).queryByText('期限を過ぎています')).toBeNull();
    const final = screen.getByTestId('deadline-final');
    expect(final).not.toHaveTextContent('目安');
    expect(within(final).getByText('期限を過ぎています')).toBeInTheDocument();
  });

  it('says which day counted as day 1, in Japan time', async () => {
    await i18n.changeLanguage('ja');
    renderCard(record({}));
    expect(screen.getByTestId('day-one')).toHaveTextContent('1日目：2026年4月6日(月)（日本時間で知った日）');
  });

  it("gives the office's own PPC date on the client card until the client is told", async () => {
    await i18n.changeLanguage('en');
    renderCard(record({ authority: 'client', own_report_due: '2026-11-12', covers: ['client'] }));
    expect(screen.getByTestId('own-report-due')).toHaveTextContent(
      "Until the client is told, the PPC report on this data is the company's own duty: the final report is due by Thu, 12 November 2026",
    );
    expect(screen.getByTestId('covers')).toHaveTextContent("Data covered: the client's data");
  });

  it('says nothing of whose data when the case has one body of data', async () => {
    await i18n.changeLanguage('ja');
    renderCard(record({}));
    expect(screen.queryByTestId('covers')).toBeNull();
    expect(screen.queryByTestId('own-report-due')).toBeNull();
  });

  it('keeps the 確報 deadline in view once the 速報 is recorded as sent', async () => {
    await i18n.changeLanguage('ja');
    renderCard(
      record({
        two_stages: true,
        status: 'drafted',
        preliminary_sent_on: '2020-01-09',
        preliminary_reference: 'R-1',
        deadlines: [
          { stage: 'preliminary', due_by: '2020-01-10' },
          { stage: 'final', due_by: '2020-02-05' },
        ],
      }),
    );
    const preliminary = screen.getByTestId('deadline-preliminary');
    expect(within(preliminary).getByText('提出済み')).toBeInTheDocument();
    expect(within(preliminary).queryByText('目安を過ぎています')).toBeNull();
    expect(within(screen.getByTestId('deadline-final')).getByText('期限を過ぎています')).toBeInTheDocument();
    expect(screen.getByTestId('preliminary-sent')).toHaveTextContent('速報：2020年1月9日(木) に提出（受付番号：R-1）');
    expect(screen.getByTestId('final-still-due')).toBeInTheDocument();
    expect(screen.getByTestId('status')).toHaveTextContent('速報提出済み');
  });

  it('names a sent two-stage report as its 確報', async () => {
    await i18n.changeLanguage('en');
    renderCard(
      record({
        two_stages: true,
        status: 'sent',
        sent_on: '2026-02-18',
        reference_number: 'F-9',
        deadlines: [
          { stage: 'preliminary', due_by: '2026-01-23' },
          { stage: 'final', due_by: '2026-03-16' },
        ],
      }),
    );
    expect(screen.getByTestId('status')).toHaveTextContent('Final report sent');
    expect(screen.getByTestId('sent')).toHaveTextContent('Final report sent on Wed, 18 February 2026 (reference: F-9)');
    expect(screen.queryByTestId('final-still-due')).toBeNull();
  });
});
