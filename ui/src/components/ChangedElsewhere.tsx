// A save refused because someone else changed the same thing meanwhile (on another PC, for a
// company on a server): says who and when, keeps what the user typed on screen so that it can be
// copied, and offers to read the thing as it is now.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { ChangeRecord, ChangedEntity, ErrorReport } from '../bindings';
import { formatDateTime } from '../datetime';
import { ErrorAlert } from './ErrorAlert';

/** A refused save explained: who changed the thing first when that is why, else the reason. */
export function SaveRefusal({
  error,
  onClose,
  entity,
  entityId,
  onReload,
}: {
  error: ErrorReport | null;
  onClose: () => void;
  entity: ChangedEntity;
  entityId: number | null;
  onReload: () => void;
}) {
  if (error?.code === 'changed_elsewhere') return <ChangedElsewhere entity={entity} entityId={entityId} onReload={onReload} />;
  return <ErrorAlert error={error} onClose={onClose} />;
}

export function ChangedElsewhere({
  entity,
  entityId,
  onReload,
}: {
  entity: ChangedEntity;
  /** Null for a thing the form did not know to exist (someone else created it first). */
  entityId: number | null;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation();
  /** Their change; null until read, and when the history cannot be read (the alert still says what happened). */
  const [change, setChange] = useState<ChangeRecord | null>(null);
  useEffect(() => {
    if (entityId === null) return;
    api.lastChange(entity, entityId).then(setChange, () => setChange(null));
  }, [entity, entityId]);
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
