// The English of the GDPR notices. The notice to an EU supervisory authority and to the people in
// the EU go out in English while the record is kept in Japanese: each narrative field is written
// here in the office's own English, with the Japanese record beside it. A field left empty is
// composed in English from the record. Past the 72 hours, the reasons for the delay are asked for,
// since the notification must give them (GDPR art. 33(1)).
import { useState } from 'react';
import { Alert, Button, Grid, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { GdprTexts, IncidentDetail } from '../bindings';
import type { IncidentAction } from '../useIncidentAction';

type Field = keyof GdprTexts;

/** Whether the 72 hours of the notice to the EU supervisory authority have run out by `now`. */
export function pastSeventyTwoHours(detail: IncidentDetail, now: Date): boolean {
  const notice = detail.obligations.find((o) => o.authority === 'eu_supervisory_authority');
  const due = notice?.deadlines.find((d) => d.stage === 'notice')?.due_by;
  return due !== undefined && now.getTime() > new Date(due).getTime();
}

export function GdprTextsEditor({ detail, act }: { detail: IncidentDetail; act: IncidentAction }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [texts, setTexts] = useState<GdprTexts>(detail.gdpr_texts);
  const [saved, setSaved] = useState(false);
  const recovery = detail.recovery;
  const japanese: Record<Field, string> = {
    nature: detail.description,
    consequences: recovery.secondary_damage,
    measures: [recovery.measures_taken, recovery.subject_response, recovery.measures_planned]
      .filter((text) => text.trim() !== '')
      .join('\n'),
    delay_reasons: '',
  };
  const fields: Field[] = ['nature', 'consequences', 'measures'];
  if (pastSeventyTwoHours(detail, new Date()) || detail.gdpr_texts.delay_reasons !== '') {
    fields.push('delay_reasons');
  }
  const written = (Object.keys(detail.gdpr_texts) as Field[]).some((field) => detail.gdpr_texts[field] !== '');

  const open = () => {
    setTexts(detail.gdpr_texts);
    setSaved(false);
    setOpened(true);
  };
  const save = async () => {
    const updated = await act(() => api.saveGdprTexts(detail.id, texts));
    if (updated) setSaved(true);
  };

  return (
    <>
      <Group gap="xs">
        <Button variant="light" size="xs" onClick={open} data-testid="edit-gdpr-texts">
          {t('gdprTexts.open')}
        </Button>
        <Text size="xs" c="dimmed" data-testid="gdpr-texts-state">
          {written ? t('gdprTexts.written') : t('gdprTexts.composed')}
        </Text>
      </Group>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('gdprTexts.title')} size="xl">
        <Stack gap="md">
          <Text size="sm">{t('gdprTexts.intro')}</Text>
          {fields.map((field) => (
            <Grid key={field} gutter="sm">
              <Grid.Col span={{ base: 12, sm: 5 }}>
                <Text size="sm" fw={600}>
                  {t(`gdprTexts.field.${field}`)}
                </Text>
                <Text size="xs" c="dimmed" mt={4}>
                  {field === 'delay_reasons' ? t('gdprTexts.delayWhy') : t('gdprTexts.record')}
                </Text>
                {field !== 'delay_reasons' && (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid={`gdpr-japanese-${field}`}>
                    {japanese[field] || t('gdprTexts.nothingRecorded')}
                  </Text>
                )}
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 7 }}>
                <Textarea
                  aria-label={t(`gdprTexts.field.${field}`)}
                  placeholder={field === 'delay_reasons' ? t('gdprTexts.delayPlaceholder') : t('gdprTexts.placeholder')}
                  value={texts[field]}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setTexts((before) => ({ ...before, [field]: value }));
                    setSaved(false);
                  }}
                  autosize
                  minRows={3}
                  lang="en"
                  spellCheck
                  data-testid={`gdpr-english-${field}`}
                />
              </Grid.Col>
            </Grid>
          ))}
          {saved && (
            <Alert color="green" p="xs" data-testid="gdpr-texts-saved">
              {t('gdprTexts.saved')}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('gdprTexts.close')}
            </Button>
            <Button onClick={() => void save()} data-testid="gdpr-texts-save">
              {t('gdprTexts.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
