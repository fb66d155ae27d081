// A letter that leaves the office (the notice to the people affected, the client notice), shown
// as Sonae composed it from the record so the office can change it in its own words before saving
// it as PDF. The saved text is the letter from then on; the timeline records each edit. When the
// facts change after an edit, the office is told and may compose the letter again — which asks
// first, since it replaces what the office wrote.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, CopyButton, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../api';
import type { DocumentKind, ErrorReport, LetterView } from '../bindings';
import { formatDateTime } from '../datetime';
import { ConfirmButton } from './ConfirmButton';
import { type FindOtherChange, SaveRefusal } from './ChangedElsewhere';

export function LetterEditor({
  document,
  incidentId,
  name,
  opened,
  onClose,
}: {
  document: DocumentKind;
  incidentId: number;
  name: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<LetterView | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState(false);

  const show = useCallback((next: LetterView) => {
    setView(next);
    setText(next.text);
  }, []);
  const run = async (work: () => Promise<LetterView>, afterwards?: () => void) => {
    setError(null);
    try {
      show(await work());
      afterwards?.();
    } catch (e) {
      setError(asErrorReport(e));
    }
  };

  const load = useCallback(() => {
    setError(null);
    api.letter(document, incidentId).then(show, (e) => setError(asErrorReport(e)));
  }, [document, incidentId, show]);
  useEffect(() => {
    if (!opened) return;
    setSaved(false);
    load();
  }, [opened, load]);

  const changed = view !== null && text !== view.text;
  /** The saved edit the text on screen is based on (null: the composed letter), sent with a save
   * or a recomposition so that one made over someone else's edit is refused. */
  const basis = view?.edited ?? null;
  /** Who edited the letter last, for a refusal. */
  const findEdit: FindOtherChange = async () => {
    const edited = (await api.letter(document, incidentId)).edited;
    return edited ? { author: edited.edited_by, at: edited.edited_at } : null;
  };

  return (
    <Modal opened={opened} onClose={onClose} title={name} size="xl" data-testid="letter-editor">
      {view && (
        <Stack gap="sm">
          <Text size="sm" c="dimmed" data-testid="letter-note">
            {view.note}
          </Text>
          {view.edited && (
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Text size="sm" data-testid="letter-edited">
                {t('letter.edited', {
                  when: formatDateTime(view.edited.edited_at, i18n.language),
                  who: view.edited.edited_by || t('letter.someone'),
                })}
              </Text>
              <ConfirmButton
                size="xs"
                variant="default"
                question={t('letter.recomposeQuestion')}
                confirmLabel={t('letter.recompose')}
                onConfirm={() => run(() => api.recomposeLetter(document, incidentId, basis))}
                testId="letter-recompose"
              >
                {t('letter.recompose')}
              </ConfirmButton>
            </Group>
          )}
          {view.facts_changed && (
            <Alert color="yellow" data-testid="letter-facts-changed">
              {t('letter.factsChanged')}
            </Alert>
          )}
          <Textarea
            label={t('letter.textLabel')}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setSaved(false);
            }}
            autosize
            minRows={12}
            maxRows={24}
            data-testid="letter-text"
          />
          <SaveRefusal error={error} onClose={() => setError(null)} findChange={findEdit} onReload={load} />
          <Group justify="space-between">
            <Text size="sm" c="green.8" data-testid="letter-saved">
              {saved ? t('letter.saved') : ''}
            </Text>
            <Group gap="xs">
              <CopyButton value={text}>
                {({ copied, copy }) => (
                  <Button variant="default" onClick={copy} color={copied ? 'green' : undefined}>
                    {copied ? t('common.copied') : t('documents.copyAll')}
                  </Button>
                )}
              </CopyButton>
              <Button
                disabled={!changed}
                onClick={() =>
                  void run(
                    () => api.saveLetter(document, incidentId, text, basis),
                    () => setSaved(true),
                  )
                }
                data-testid="letter-save"
              >
                {t('letter.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
