// Importing contacts from a CSV as offices have them from Excel (UTF-8 or Shift_JIS). The file is
// previewed first with every problem on its line; while any row has an error nothing is imported.
// The user fixes the file in Excel, reads it again here, and imports.
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../../api';
import {
  type ChosenContactsCsv,
  type CsvField,
  type CsvImportSummary,
  type CsvProblem,
  type ErrorReport,
  CSV_FIELD_VALUES,
} from '../../bindings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { keyedByContent } from '../../listKeys';
import { useNavigate } from '../../navigation';

const ROWS_SHOWN = 200;

export function ContactsImportPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [chosen, setChosen] = useState<ChosenContactsCsv | null>(null);
  const [imported, setImported] = useState<CsvImportSummary | null>(null);
  const [error, setError] = useState<ErrorReport | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await work();
    } catch (e) {
      setError(asErrorReport(e));
    } finally {
      setBusy(false);
    }
  };
  const choose = () =>
    run(async () => {
      const next = await api.chooseContactsCsv();
      if (next) {
        setChosen(next);
        setImported(null);
      }
    });
  /** The columns as read now: what the import will use, and what is remembered for next time. */
  const mapping = (): (CsvField | null)[] | null => chosen?.preview.columns.map((c) => c.field) ?? null;
  const reread = () =>
    run(async () => {
      setChosen(await api.previewChosenContactsCsv(null));
      setImported(null);
    });
  const remap = (index: number, field: CsvField | null) =>
    run(async () => {
      const next = mapping();
      if (!next) return;
      next[index] = field;
      setChosen(await api.previewChosenContactsCsv(next));
    });
  const doImport = () =>
    run(async () => {
      setImported(await api.importChosenContactsCsv(mapping()));
      setChosen(null);
    });

  const problem = (p: CsvProblem) => {
    const key = `csv.problem.${p.code}`;
    const text = i18n.exists(key) ? t(key) : p.message;
    return p.column ? t('csv.inColumn', { column: p.column, text }) : text;
  };

  const preview = chosen?.preview;
  const errorRows = preview?.rows.filter((r) => r.errors.length > 0) ?? [];
  const skippedRows = preview?.rows.filter((r) => r.skipped) ?? [];

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between">
        <Title order={2}>{t('csv.title')}</Title>
        <Button variant="subtle" onClick={() => navigate({ page: 'contacts' })}>
          {t('contact.back')}
        </Button>
      </Group>
      <Text size="sm">{t('csv.help')}</Text>
      <Text size="sm" c="dimmed">
        {t('csv.headings')}
      </Text>
      <Group>
        <Button onClick={() => void choose()} loading={busy} data-testid="choose-csv">
          {t('csv.choose')}
        </Button>
        {chosen && (
          <Button variant="default" onClick={() => void reread()} loading={busy} data-testid="reread-csv">
            {t('csv.reread')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={error} onClose={() => setError(null)} />

      {imported && (
        <Alert color="green" title={t('csv.done')} data-testid="csv-imported">
          <Text>{t('csv.importedCount', { imported: imported.imported, skipped: imported.skipped })}</Text>
          <Button mt="sm" variant="light" onClick={() => navigate({ page: 'contacts' })}>
            {t('csv.toList')}
          </Button>
        </Alert>
      )}

      {chosen && preview && (
        <Card withBorder padding="lg" data-testid="csv-preview">
          <Group gap="xs" mb="sm">
            <Text fw={600}>{chosen.file_name}</Text>
            {preview.encoding && (
              <Badge variant="light" tt="none">
                {t(`csv.encoding.${preview.encoding}`)}
              </Badge>
            )}
            <Text size="sm" c="dimmed">
              {t('csv.rowCount', { count: preview.rows.length })}
            </Text>
          </Group>

          {preview.columns.length > 0 && (
            <Card withBorder padding="sm" mb="sm" data-testid="csv-mapping">
              <Text fw={600} size="sm">
                {t('csv.mapping')}
              </Text>
              <Text size="xs" c="dimmed" mb="xs">
                {t('csv.mappingHelp')}
              </Text>
              <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs">
                {preview.columns.map((column, index) => (
                  <Select
                    // biome-ignore lint/suspicious/noArrayIndexKey: a column is its place in the heading row
                    key={index}
                    size="xs"
                    label={column.header || t('csv.noHeading')}
                    data={[
                      { value: '', label: t('csv.ignore') },
                      ...CSV_FIELD_VALUES.map((f) => ({ value: f, label: t(`csv.field.${f}`) })),
                    ]}
                    value={column.field ?? ''}
                    onChange={(value) => void remap(index, value ? (value as CsvField) : null)}
                    allowDeselect={false}
                    data-testid={`csv-column-${index}`}
                  />
                ))}
              </SimpleGrid>
            </Card>
          )}
          {preview.file_errors.length > 0 && (
            <Alert color="red" title={t('csv.fileErrors')} mb="sm" data-testid="csv-file-errors">
              {keyedByContent(preview.file_errors).map(({ key, item: p }) => (
                <Text key={key} size="sm">
                  {problem(p)}
                </Text>
              ))}
            </Alert>
          )}
          {preview.column_warnings.length > 0 && (
            <Alert color="yellow" title={t('csv.columnWarnings')} mb="sm">
              {keyedByContent(preview.column_warnings).map(({ key, item: p }) => (
                <Text key={key} size="sm">
                  {problem(p)}
                </Text>
              ))}
            </Alert>
          )}
          {errorRows.length > 0 && (
            <Alert color="red" title={t('csv.rowErrors', { count: errorRows.length })} mb="sm" data-testid="csv-row-errors">
              <Text size="sm" mb="xs">
                {t('csv.nothingImported')}
              </Text>
              <Table withRowBorders={false} verticalSpacing={2} fz="sm">
                <Table.Tbody>
                  {errorRows.map((row) => (
                    <Table.Tr key={row.line} data-testid="csv-error-row">
                      <Table.Td w={110} style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                        {t('csv.line', { line: row.line })}
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>{row.contact.name || t('csv.noName')}</Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        {keyedByContent(row.errors).map(({ key, item: p }) => (
                          <Text key={key} size="sm">
                            {problem(p)}
                          </Text>
                        ))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Alert>
          )}
          {skippedRows.length > 0 && (
            <Alert color="yellow" title={t('csv.skipped', { count: skippedRows.length })} mb="sm">
              {skippedRows.slice(0, 20).map((row) => (
                <Text key={row.line} size="sm">
                  {t('csv.line', { line: row.line })} {row.contact.name}: {row.warnings.map(problem).join(' ')}
                </Text>
              ))}
            </Alert>
          )}

          {preview.importable ? (
            <Group mb="sm">
              <Button color="teal" onClick={() => void doImport()} loading={busy} data-testid="import-csv">
                {t('csv.import', { count: preview.to_import })}
              </Button>
            </Group>
          ) : (
            <Text size="sm" c="red.8" mb="sm" data-testid="csv-not-importable">
              {t('csv.fixFirst')}
            </Text>
          )}

          <Table striped fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('csv.lineHeading')}</Table.Th>
                <Table.Th>{t('contacts.name')}</Table.Th>
                <Table.Th>{t('contacts.organization')}</Table.Th>
                <Table.Th>{t('csv.field.department')}</Table.Th>
                <Table.Th>{t('contacts.phone')}</Table.Th>
                <Table.Th>{t('contacts.email')}</Table.Th>
                <Table.Th>{t('contacts.tag')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.rows.slice(0, ROWS_SHOWN).map((row) => (
                <Table.Tr key={row.line} bg={row.errors.length ? 'red.0' : row.skipped ? 'yellow.0' : undefined}>
                  <Table.Td>{row.line}</Table.Td>
                  <Table.Td>
                    {row.contact.name}
                    {row.contact.name_kana && (
                      <Text size="xs" c="dimmed">
                        {row.contact.name_kana}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{row.contact.organization}</Table.Td>
                  <Table.Td>{row.contact.department}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-line' }}>{row.contact.phones.map((p) => p.number).join('\n')}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.contact.emails.map((e) => e.address).join(' ')}</Table.Td>
                  <Table.Td>{row.contact.tags.map((tag) => t(`contacts.tags.${tag}`)).join(t('common.listSeparator'))}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {preview.rows.length > ROWS_SHOWN && (
            <Text size="sm" c="dimmed" mt="xs">
              {t('csv.moreRows', { count: preview.rows.length - ROWS_SHOWN })}
            </Text>
          )}
        </Card>
      )}
    </Stack>
  );
}
