import { act, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CompanyChanges } from './bindings';
import type { SeenChanges } from './companyChanges';
import { ASK_EVERY_MS, CompanyChangesContext, useChangesTo, useNewerElsewhere, useWatchCompanyChanges } from './companyChanges';

const api = vi.hoisted(() => ({ companyChanges: vi.fn() }));
vi.mock('./api', async (original) => ({ ...(await original<typeof import('./api')>()), api }));

/** A screen showing the contacts: what it would read them again by. */
function ContactsReader() {
  return <span data-testid="contacts">{useChangesTo('contacts')}</span>;
}

function Window({ server }: { server: string | null }) {
  const seen = useWatchCompanyChanges(server);
  return (
    <CompanyChangesContext.Provider value={seen}>
      <ContactsReader />
    </CompanyChangesContext.Provider>
  );
}

const answer = (generation: number, parts: CompanyChanges['parts']): CompanyChanges => ({ generation, parts });

describe('changes on other PCs', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    api.companyChanges.mockReset();
  });
  afterEach(() => vi.useRealTimers());

  const turn = async () => {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(ASK_EVERY_MS);
    });
  };

  it('reads a part again when another PC changed it, and asks from the last count', async () => {
    api.companyChanges
      .mockResolvedValueOnce(answer(0, []))
      .mockResolvedValueOnce(answer(2, ['incidents']))
      .mockResolvedValueOnce(answer(3, ['contacts']))
      .mockResolvedValue(answer(3, []));
    render(<Window server="takahashi@nas:5432/sakura" />);
    await turn();
    await turn();
    expect(screen.getByTestId('contacts')).toHaveTextContent('0');
    await turn();
    expect(screen.getByTestId('contacts')).toHaveTextContent('3');
    await turn();
    expect(api.companyChanges.mock.calls.map((call) => call[0])).toEqual([0, 0, 2, 3]);
  });

  it('keeps asking after a failed question', async () => {
    api.companyChanges.mockRejectedValueOnce({ code: 'internal', message: 'x' }).mockResolvedValue(answer(1, ['contacts']));
    render(<Window server="takahashi@nas:5432/sakura" />);
    await turn();
    await turn();
    expect(screen.getByTestId('contacts')).toHaveTextContent('1');
  });

  it('asks nothing for a company file', async () => {
    render(<Window server={null} />);
    await turn();
    await turn();
    expect(api.companyChanges).not.toHaveBeenCalled();
  });
});

/** An editor of the policy showing version 1, with the server's version as `latest`. */
function PolicyEditor({ latest }: { latest: () => string }) {
  const [newer, seen] = useNewerElsewhere(['policy'], 'v1', async () => latest());
  return newer ? (
    <button type="button" onClick={seen}>
      newer
    </button>
  ) : (
    <span>as shown</span>
  );
}

/** A form nobody typed in, which takes the latest itself; what it took is kept in `took`. */
const took: string[] = [];
function UntouchedForm() {
  const [shown, setShown] = useState('v1');
  const [newer] = useNewerElsewhere(
    ['contacts'],
    shown,
    async () => 'v2',
    undefined,
    (latest) => {
      took.push(latest);
      setShown(latest);
      return true;
    },
  );
  return <span>{newer ? 'newer' : shown}</span>;
}

describe('an editor told that another PC changed what it shows', () => {
  const withChanges = (seen: SeenChanges, latest: () => string) => (
    <CompanyChangesContext.Provider value={seen}>
      <PolicyEditor latest={latest} />
    </CompanyChangesContext.Provider>
  );

  it('says so only when its part changed and the latest differs from the screen', async () => {
    let latest = 'v1';
    const { rerender } = render(withChanges({}, () => latest));
    expect(screen.getByText('as shown')).toBeInTheDocument();
    // The contacts changed: nothing read, nothing said.
    rerender(withChanges({ contacts: 1 }, () => latest));
    await act(async () => {});
    expect(screen.getByText('as shown')).toBeInTheDocument();
    // The policy was written but is as shown (a change undone, or this screen already has it).
    rerender(withChanges({ contacts: 1, policy: 2 }, () => latest));
    await act(async () => {});
    expect(screen.getByText('as shown')).toBeInTheDocument();
    latest = 'v2';
    rerender(withChanges({ contacts: 1, policy: 3 }, () => latest));
    expect(await screen.findByText('newer')).toBeInTheDocument();
    act(() => screen.getByText('newer').click());
    expect(screen.getByText('as shown')).toBeInTheDocument();
  });

  it('says nothing when the screen took the latest itself, nothing being typed in it', async () => {
    const { rerender } = render(
      <CompanyChangesContext.Provider value={{}}>
        <UntouchedForm />
      </CompanyChangesContext.Provider>,
    );
    rerender(
      <CompanyChangesContext.Provider value={{ contacts: 1 }}>
        <UntouchedForm />
      </CompanyChangesContext.Provider>,
    );
    expect(await screen.findByText('v2')).toBeInTheDocument();
    expect(took).toEqual(['v2']);
  });
});
