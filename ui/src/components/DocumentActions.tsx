// Where a document belongs, the buttons that make it: save as PDF (a save dialog opens), and for
// a submission draft also its plain text for the authority's web form, shown to copy.
import { useState } from 'react';
import { Button, CopyButton, Group, Modal, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../api';
import type { Authority, DocumentKind, ErrorReport, ReportStage } from '../bindings';
import { ErrorAlert } from './ErrorAlert';
import { LETTERS, LetterEditor } from './LetterEditor';

/** The draft each addressee's report starts from, if Sonae writes one. */
export const DRAFT_FOR: Partial<Record<Authority, DocumentKind>> = {
  ppc: 'ppc-draft',
  ppc_my_number: 'ppc-my-number-draft',
  data_subjects: 'data-subject-notice',
  client: 'client-notice',
  insurer: 'insurer-notice',
  eu_supervisory_authority: 'gdpr-draft',
  eu_data_subjects: 'gdpr-subject-notice',
  // A financial business may send one report covering the PPC and the FSA (docs/rules.md §7.8).
  fsa: 'ppc-draft',
  police: 'police-memo',
  ipa_malware: 'ipa-draft',
  ipa_unauthorized_access: 'ipa-access-draft',
  jpcert: 'jpcert-draft',
};

/**
 * Further documents an addressee's card offers: the notice to the people also exists as the
 * public notice for the web site, for when they cannot be told one by one.
 */
export const ALSO_DRAFTED: Partial<Record<Authority, DocumentKind[]>> = {
  data_subjects: ['public-notice'],
};

/** Drafts written in two stages, 速報 (preliminary) and 確報 (final); the others have one. */
const STAGED: DocumentKind[] = ['ppc-draft', 'ppc-my-number-draft'];

/** The stages a draft is offered in. */
export function draftStages(document: DocumentKind): ReportStage[] {
  return STAGED.includes(document) ? ['preliminary', 'final'] : ['preliminary'];
}

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
  const { t } = useTranslation();
  const [error, setError] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [text, setText] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const letter = LETTERS.includes(document) && incidentId !== null;
  const name = STAGED.includes(document) ? t(`documents.name.${document}-${stage}`) : t(`documents.name.${document}`);

  const savePdf = async () => {
    setError(null);
    try {
      setSaved(await api.exportDocument(document, incidentId, stage, `${name}.pdf`, exerciseId));
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
