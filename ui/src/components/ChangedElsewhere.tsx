// A save refused because someone else changed the same thing meanwhile (on another PC, for a
// company on a server): says who and when, keeps what the user typed on screen so that it can be
// copied, and offers to read the thing as it is now. And the notice, before any save, that the
// thing on screen was changed on another PC since it was read.
import { useEffect, useRef, useState } from 'react';
import { Affix, Alert, Button, Paper, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { ChangedEntity, ErrorReport } from '../bindings';
import { formatDateTime } from '../datetime';
import { ErrorAlert } from './ErrorAlert';

/** Who made the change that came first, and when. */
export type OtherChange = { author: string; at: string };

/** Finds that change (in the history, or the incident's timeline); null when it cannot be told. */
export type FindOtherChange = () => Promise<OtherChange | null>;

/** Finds who changed a thing last in the change history (a contact, a policy entry); nothing for a
 * thing the form did not know to exist. */
export function lastChangeFinder(entity: ChangedEntity, id: number | null): FindOtherChange {
  return () => (id === null ? Promise.resolve(null) : api.lastChange(entity, id));
}

/** A refused save explained: who changed the thing first when that is why, else the reason. */
export function SaveRefusal({
  error,
  onClose,
  findChange,
  onReload,
}: {
  error: ErrorReport | null;
  onClose: () => void;
  findChange: FindOtherChange;
  onReload: () => void;
}) {
  if (error?.code === 'changed_elsewhere') return <ChangedElsewhere findChange={findChange} onReload={onReload} />;
  return <RefusalInView error={error} onClose={onClose} />;
}

/** Any other refusal (no right to change it, the server away, only a copy open): said where the
 * user looks, since the save button that was pressed may be far below. */
function RefusalInView({ error, onClose }: { error: ErrorReport | null; onClose: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) box.current?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  }, [error]);
  if (!error) return null;
  return (
    <div ref={box}>
      <ErrorAlert error={error} onClose={onClose} />
    </div>
  );
}

function ChangedElsewhere({ findChange, onReload }: { findChange: FindOtherChange; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  /** Their change; null until found, and when it cannot be (the alert still says what happened). */
  const [change, setChange] = useState<OtherChange | null>(null);
  // Looked up once, when the refusal is shown.
  const find = useRef(findChange);
  useEffect(() => {
    find.current().then(setChange, () => setChange(null));
  }, []);
  // The save button that was pressed may be far below: bring the reason into view.
  const alert = useRef<HTMLDivElement>(null);
  useEffect(() => {
    alert.current?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  }, []);

  return (
    <Alert ref={alert} color="orange" title={t('changedElsewhere.title')} data-testid="changed-elsewhere">
      {change && (
        <Text size="sm" fw={600} mb={4} data-testid="changed-by">
          {t('changedElsewhere.who', {
            author: change.author === '' ? t('changedElsewhere.someone') : change.author,
            at: formatDateTime(change.at, i18n.language),
          })}
        </Text>
      )}
      <Text size="sm" mb="sm">
        {t('changedElsewhere.help')}
      </Text>
      <Button size="xs" variant="light" color="orange" onClick={onReload} data-testid="reload-latest">
        {t('changedElsewhere.reload')}
      </Button>
    </Alert>
  );
}

/** Another PC changed what this screen shows (`title` says what) since it was read: what is typed
 * stays until the user asks for the latest. It floats in the window's lower corner, in view
 * however far down the user is typing, and takes no room among the fields: its arrival moves
 * nothing under the pointer. Put it last on the page: there it leaves room of its own height, so
 * that the end of the page can still be scrolled out from under it. */
export function NewerElsewhere({ title, onReload }: { title: string; onReload: () => void }) {
  const { t } = useTranslation();
  const { ref, height } = useElementSize();
  return (
    <>
      <div style={{ height: height + CORNER_GAP }} aria-hidden />
      <Affix position={{ bottom: CORNER_GAP, right: CORNER_GAP }} withinPortal={false}>
        <Paper ref={ref} shadow="md" radius="md" w={`min(420px, calc(100vw - ${2 * CORNER_GAP}px))`}>
          <Alert color="blue" title={title} data-testid="newer-elsewhere">
            <Text size="sm" mb="sm">
              {t('changedElsewhere.newerHelp')}
            </Text>
            <Button size="xs" variant="light" onClick={onReload} data-testid="load-newer">
              {t('changedElsewhere.reload')}
            </Button>
          </Alert>
        </Paper>
      </Affix>
    </>
  );
}

/** The notice's distance from the window's edges, in pixels. */
const CORNER_GAP = 20;
