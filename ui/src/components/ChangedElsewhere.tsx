// A save refused because someone else changed the same thing meanwhile (on another PC, for a
// company on a server): says who and when, keeps what the user typed on screen so that it can be
// copied, and offers to read the thing as it is now.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { ChangeRecord, ChangedEntity } from '../bindings';
import { formatDateTime } from '../datetime';

export function ChangedElsewhere({
  entity,
  entityId,
  onReload,
}: {
  entity: ChangedEntity;
  entityId: number;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation();
  /** Their change; null until read, and when the history cannot be read (the alert still says what happened). */
  const [change, setChange] = useState<ChangeRecord | null>(null);
  useEffect(() => {
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
