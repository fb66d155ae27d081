// Where a document belongs, the buttons that make it: save as PDF (a save dialog opens), and for
// a submission draft also its plain text for the authority's web form, shown to copy.
import { useState } from 'react';
import { Button, CopyButton, Group, Modal, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../api';
import { DOCUMENT_NAMES, type DocumentKind, type ErrorReport, LETTER_DOCUMENTS, type ReportStage } from '../bindings';
import { ErrorAlert } from './ErrorAlert';
import { LetterEditor } from './LetterEditor';

export function DocumentActions({
  document,
  incidentId = null,
  exerciseId = null,
  stage = 'preliminary',
  withText = false,
}: {
  document: DocumentKind;
  incidentId?: number | null;
  /** The exercise, for the exercise report. */
  exerciseId?: number | null;
  stage?: ReportStage;
  withText?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [text, setText] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const letter = LETTER_DOCUMENTS.includes(document) && incidentId !== null;
  const name = DOCUMENT_NAMES[i18n.language === 'en' ? 'en' : 'ja'][document][stage];

  const savePdf = async () => {
    setError(null);
    try {
      setSaved(await api.exportDocument(document, incidentId, exerciseId, stage, `${name}.pdf`));
    } catch (e) {
      setError(asErrorReport(e));
    }
  };
  const showText = async () => {
    setError(null);
    try {
      setText(await api.draftText(document, incidentId ?? 0, stage));
    } catch (e) {
      setError(asErrorReport(e));
    }
  };

  return (
    <div>
      <Group gap="xs">
        <Text size="sm" fw={500} w={320}>
          {name}
        </Text>
        <Button size="xs" variant="light" onClick={() => void savePdf()} data-testid={`pdf-${document}-${stage}`}>
          {t('documents.savePdf')}
        </Button>
        {withText && letter && (
          <Button size="xs" variant="default" onClick={() => setEditing(true)} data-testid={`edit-${document}`}>
            {t('letter.edit')}
          </Button>
        )}
        {withText && !letter && (
          <Button size="xs" variant="default" onClick={() => void showText()} data-testid={`text-${document}-${stage}`}>
            {t('documents.webFormText')}
          </Button>
        )}
      </Group>
      {saved && (
        <Text size="xs" c="green.8" style={{ overflowWrap: 'anywhere' }}>
          {t('documents.saved', { path: saved })}
        </Text>
      )}
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {letter && (
        <LetterEditor
          document={document}
          incidentId={incidentId}
          name={name}
          opened={editing}
          onClose={() => setEditing(false)}
        />
      )}
      <Modal opened={text !== null} onClose={() => setText(null)} title={name} size="xl">
        <Text size="sm" mb="xs">
          {t('documents.webFormHelp')}
        </Text>
        <Textarea value={text ?? ''} readOnly autosize minRows={10} maxRows={22} data-testid="draft-text" />
        <Group justify="flex-end" mt="sm">
          <CopyButton value={text ?? ''}>
            {({ copied, copy }) => (
              <Button onClick={copy} color={copied ? 'green' : undefined}>
                {copied ? t('common.copied') : t('documents.copyAll')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Modal>
    </div>
  );
}
