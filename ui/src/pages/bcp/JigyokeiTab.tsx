// ジギョケイ: the answers the 事業継続力強化計画 application asks beyond the BCP, in the order of
// the form, with what would get it sent back and what is still 「未記入」 (each a link to its
// field), the PDF, and each section as text to copy into the web form. The draft is always in
// Japanese, as the application is.
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  CopyButton,
  Group,
  List,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, asErrorReport } from '../../api';
import {
  type ErrorReport,
  type JigyokeiCheck,
  type JigyokeiField,
  type JigyokeiMeasure,
  type JigyokeiPartner,
  type JigyokeiPlan,
  type JigyokeiReview,
  type JigyokeiSite,
  type MeasureKind,
  MEASURE_KIND_VALUES,
} from '../../bindings';
import { DocumentActions } from '../../components/DocumentActions';
import { lastChangeFinder, SaveRefusal } from '../../components/ChangedElsewhere';
import { ErrorAlert } from '../../components/ErrorAlert';

const EMPTY_SITE: JigyokeiSite = { name: '', address: '', earthquake: '', flood: '', landslide: '', tsunami: '' };

type TextKey = {
  [K in keyof JigyokeiPlan]: JigyokeiPlan[K] extends string ? K : never;
}[keyof JigyokeiPlan];

/** The element a field of the 「未記入」 list scrolls to. */
const anchor = (field: JigyokeiField | string) => `jigyokei-${field}`;

function scrollTo(field: JigyokeiField) {
  const element = document.getElementById(anchor(field));
  element?.scrollIntoView({ block: 'center' });
  element?.focus();
}

/** A check as the plain sentence the user reads. */
export function checkText(check: JigyokeiCheck, t: (key: string, values?: Record<string, unknown>) => string): string {
  switch (check.kind) {
    case 'target_without_owner':
    case 'site_without_address':
      return t(`jigyokei.check.${check.kind}`, { name: check.name });
    case 'hazard_without_site':
      return t('jigyokei.check.hazard_without_site', { position: check.position });
    case 'period_too_long':
      return t('jigyokei.check.period_too_long', { months: check.months });
    case 'no_measure_of_kind':
      return t(`jigyokei.check.no_measure_of_kind.${check.measure_kind}`);
    default:
      return t(`jigyokei.check.${check.kind}`);
  }
}

/** The list without its entry at `index`. */
function without<T>(list: T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

function RemoveButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button variant="subtle" color="red" size="compact-sm" onClick={onClick}>
      {t('jigyokei.remove')}
    </Button>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md">
      <Title order={4} mb="sm">
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Card>
  );
}

export function JigyokeiTab() {
  const { t } = useTranslation();
  const [review, setReview] = useState<JigyokeiReview | null>(null);
  const [plan, setPlan] = useState<JigyokeiPlan | null>(null);
  const [error, setError] = useState<ErrorReport | null>(null);
  const [saved, setSaved] = useState(false);

  // `review.plan` is the answers as stored when read or last saved: sent with a save, which is
  // refused when someone else saved them since.
  const load = useCallback(() => {
    setError(null);
    api.jigyokeiReview().then(
      (r) => {
        setReview(r);
        setPlan(r.plan);
      },
      (e) => setError(asErrorReport(e)),
    );
  }, []);
  useEffect(load, [load]);

  if (!plan || !review) return <ErrorAlert error={error} />;

  const change = (next: Partial<JigyokeiPlan>) => {
    setPlan({ ...plan, ...next });
    setSaved(false);
  };
  const text = (key: TextKey, multiline = true, field: JigyokeiField | null = null) => {
    const props = {
      id: anchor(field ?? key),
      label: t(`jigyokei.field.${key}`),
      description: i18nHelp(key),
      value: plan[key],
      onChange: (e: { currentTarget: { value: string } }) => change({ [key]: e.currentTarget.value }),
      'data-testid': `jigyokei-${key}`,
    };
    return multiline ? <Textarea key={key} {...props} autosize minRows={2} /> : <TextInput key={key} {...props} />;
  };
  const i18nHelp = (key: string) => {
    const help = `jigyokei.help.${key}`;
    const value = t(help);
    return value === help ? undefined : value;
  };
  const setSite = (index: number, next: Partial<JigyokeiSite>) =>
    change({ sites: plan.sites.map((s, i) => (i === index ? { ...s, ...next } : s)) });
  const setMeasure = (index: number, next: Partial<JigyokeiMeasure>) =>
    change({ measures: plan.measures.map((m, i) => (i === index ? { ...m, ...next } : m)) });
  const setPartner = (index: number, next: Partial<JigyokeiPartner>) =>
    change({ partners: plan.partners.map((p, i) => (i === index ? { ...p, ...next } : p)) });

  const save = async () => {
    setError(null);
    try {
      const next = await api.saveJigyokei(plan, review.plan);
      setReview(next);
      setPlan(next.plan);
      setSaved(true);
    } catch (e) {
      setError(asErrorReport(e));
    }
  };

  return (
    <Stack gap="md" maw={1000} data-testid="jigyokei">
      <Text size="sm">{t('jigyokei.intro')}</Text>

      <Card withBorder padding="md" data-testid="jigyokei-checks">
        <Title order={4} mb="xs">
          {t('jigyokei.checksTitle')}
        </Title>
        {review.checks.length === 0 ? (
          <Text c="teal.8">{t('jigyokei.noChecks')}</Text>
        ) : (
          <List spacing={4}>
            {review.checks.map((check) => (
              <List.Item key={JSON.stringify(check)}>
                <Text c="red.8">{checkText(check, t)}</Text>
              </List.Item>
            ))}
          </List>
        )}
        {review.missing.length > 0 && (
          <div data-testid="jigyokei-missing">
            <Text fw={600} mt="sm" mb={4}>
              {t('jigyokei.missingTitle')}
            </Text>
            <Group gap={6}>
              {review.missing.map((field) => (
                <Button
                  key={field}
                  variant="light"
                  color="orange"
                  size="compact-sm"
                  onClick={() => scrollTo(field)}
                  data-testid={`missing-${field}`}
                >
                  {t(`jigyokei.missing.${field}`)}
                </Button>
              ))}
            </Group>
          </div>
        )}
        <Text size="xs" c="dimmed" mt="sm">
          {t('jigyokei.checksSaved')}
        </Text>
      </Card>

      <Section title={t('jigyokei.section.name')}>
        <Text size="sm">{t('jigyokei.fromCompany')}</Text>
        <Group grow align="flex-start">
          {text('name_kana', false)}
          {text('capital', false)}
          <NumberInput
            id={anchor('employees')}
            label={t('jigyokei.field.employees')}
            value={plan.employees ?? ''}
            onChange={(value) => change({ employees: value === '' ? null : Number(value) })}
            min={0}
            allowDecimal={false}
            data-testid="jigyokei-employees"
          />
        </Group>
      </Section>

      <Section title={t('jigyokei.section.goal')}>
        {text('business_overview')}
        {text('supply_chain_role')}
        {text('purpose')}
        <Text fw={600} size="sm">
          {t('jigyokei.risks')}
        </Text>
        <Group>
          <Checkbox
            label={t('jigyokei.field.covers_natural')}
            checked={plan.covers_natural}
            onChange={(e) => change({ covers_natural: e.currentTarget.checked })}
          />
          <Checkbox
            label={t('jigyokei.field.covers_infection')}
            checked={plan.covers_infection}
            onChange={(e) => change({ covers_infection: e.currentTarget.checked })}
          />
          <Checkbox
            label={t('jigyokei.field.covers_cyber')}
            checked={plan.covers_cyber}
            onChange={(e) => change({ covers_cyber: e.currentTarget.checked })}
            data-testid="jigyokei-covers-cyber"
          />
        </Group>
        {plan.covers_cyber && text('cyber_risks')}
        <Text fw={600} size="sm" id={anchor('sites')} tabIndex={-1}>
          {t('jigyokei.sites')}
        </Text>
        <Text size="sm">{t('jigyokei.sitesHelp')}</Text>
        {plan.sites.map((site, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: sites have no identity but their place
          <Card key={index} withBorder padding="sm" data-testid={`jigyokei-site-${index}`}>
            <Group grow align="flex-start">
              <TextInput
                label={t('jigyokei.site.name')}
                value={site.name}
                onChange={(e) => setSite(index, { name: e.currentTarget.value })}
                data-testid="site-name"
              />
              <TextInput
                label={t('jigyokei.site.address')}
                value={site.address}
                onChange={(e) => setSite(index, { address: e.currentTarget.value })}
                data-testid="site-address"
              />
            </Group>
            <Group grow align="flex-start" mt="xs">
              {(['earthquake', 'flood', 'landslide', 'tsunami'] as const).map((hazard) => (
                <TextInput
                  key={hazard}
                  label={t(`jigyokei.site.${hazard}`)}
                  value={site[hazard]}
                  onChange={(e) => setSite(index, { [hazard]: e.currentTarget.value })}
                  data-testid={`site-${hazard}`}
                />
              ))}
            </Group>
            <Group justify="flex-end" mt="xs">
              <RemoveButton onClick={() => change({ sites: without(plan.sites, index) })} />
            </Group>
          </Card>
        ))}
        <Group>
          <Button
            variant="light"
            size="compact-sm"
            onClick={() => change({ sites: [...plan.sites, EMPTY_SITE] })}
            data-testid="add-site"
          >
            {t('jigyokei.addSite')}
          </Button>
        </Group>
        <Text fw={600} size="sm">
          {t('jigyokei.impacts')}
        </Text>
        {text('impact_people')}
        {text('impact_goods')}
        {text('impact_money')}
        {text('impact_information')}
      </Section>

      <Section title={t('jigyokei.section.firstResponse')}>
        {text('evacuation')}
        {text('safety_check')}
        {text('emergency_organisation')}
        {text('damage_sharing')}
      </Section>

      <Section title={t('jigyokei.section.measures')}>
        <Text size="sm" id={anchor('measures')} tabIndex={-1}>
          {t('jigyokei.measuresHelp')}
        </Text>
        {plan.measures.map((measure, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: measures have no identity but their place
          <Group key={index} align="flex-end" wrap="nowrap" data-testid={`jigyokei-measure-${index}`}>
            <Select
              label={t('jigyokei.measure.kind')}
              data={MEASURE_KIND_VALUES.map((k) => ({ value: k, label: t(`jigyokei.kind.${k}`) }))}
              value={measure.kind}
              onChange={(value) => value && setMeasure(index, { kind: value as MeasureKind })}
              allowDeselect={false}
              w={170}
            />
            <TextInput
              label={t('jigyokei.measure.content')}
              value={measure.content}
              onChange={(e) => setMeasure(index, { content: e.currentTarget.value })}
              style={{ flex: 1 }}
              data-testid="measure-content"
            />
            <TextInput
              label={t('jigyokei.measure.timing')}
              value={measure.timing}
              onChange={(e) => setMeasure(index, { timing: e.currentTarget.value })}
              w={150}
            />
            <NumberInput
              label={t('jigyokei.measure.cost')}
              value={measure.cost_yen ?? ''}
              onChange={(value) => setMeasure(index, { cost_yen: value === '' ? null : Number(value) })}
              min={0}
              allowDecimal={false}
              thousandSeparator=","
              w={140}
            />
            <RemoveButton onClick={() => change({ measures: without(plan.measures, index) })} />
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            size="compact-sm"
            onClick={() => change({ measures: [...plan.measures, { kind: 'people', content: '', timing: '', cost_yen: null }] })}
            data-testid="add-measure"
          >
            {t('jigyokei.addMeasure')}
          </Button>
        </Group>
      </Section>

      <Section title={t('jigyokei.section.keeping')}>
        {text('promotion')}
        {text('training_plan')}
        {text('review_plan')}
      </Section>

      <Section title={t('jigyokei.section.period')}>
        <Group grow align="flex-start">
          <TextInput
            id={anchor('period')}
            label={t('jigyokei.field.period_start')}
            description={t('wizard.dateFormat')}
            value={plan.period_start}
            onChange={(e) => change({ period_start: e.currentTarget.value })}
            data-testid="jigyokei-period_start"
          />
          <TextInput
            label={t('jigyokei.field.period_end')}
            description={t('jigyokei.help.period_end')}
            value={plan.period_end}
            onChange={(e) => change({ period_end: e.currentTarget.value })}
            data-testid="jigyokei-period_end"
          />
        </Group>
        {text('funding')}
        <Text fw={600} size="sm">
          {t('jigyokei.partners')}
        </Text>
        {plan.partners.map((partner, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: partners have no identity but their place
          <Group key={index} align="flex-end" wrap="nowrap">
            <TextInput
              label={t('jigyokei.partner.name')}
              value={partner.name}
              onChange={(e) => setPartner(index, { name: e.currentTarget.value })}
              w={280}
            />
            <TextInput
              label={t('jigyokei.partner.role')}
              value={partner.role}
              onChange={(e) => setPartner(index, { role: e.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <RemoveButton onClick={() => change({ partners: without(plan.partners, index) })} />
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            size="compact-sm"
            onClick={() => change({ partners: [...plan.partners, { name: '', role: '' }] })}
          >
            {t('jigyokei.addPartner')}
          </Button>
        </Group>
      </Section>

      <SaveRefusal error={error} onClose={() => setError(null)} findChange={lastChangeFinder('jigyokei', 1)} onReload={load} />
      <Group style={{ position: 'sticky', bottom: 0, zIndex: 5 }} bg="white" py="xs">
        <Button onClick={() => void save()} data-testid="save-jigyokei">
          {t('jigyokei.save')}
        </Button>
        {saved && (
          <Text c="green.8" size="sm" data-testid="jigyokei-saved">
            {t('jigyokei.saved')}
          </Text>
        )}
      </Group>

      <Card withBorder padding="md">
        <Title order={4} mb="xs">
          {t('jigyokei.exportTitle')}
        </Title>
        <Text size="sm" mb="sm">
          {t('jigyokei.exportHelp')}
        </Text>
        <DocumentActions document="jigyokei" />
        {!saved && plan !== review.plan && (
          <Alert color="yellow" mt="sm">
            {t('jigyokei.unsaved')}
          </Alert>
        )}
        <Stack gap="sm" mt="md">
          {review.sections.map((section) => (
            <Card key={section.heading} withBorder padding="sm" data-testid="jigyokei-section">
              <Group justify="space-between" mb={4}>
                <Text fw={700}>{section.heading}</Text>
                <CopyButton value={section.text}>
                  {({ copied, copy }) => (
                    <Button size="compact-sm" variant="light" color={copied ? 'green' : undefined} onClick={copy}>
                      {copied ? t('common.copied') : t('common.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {section.text}
              </Text>
            </Card>
          ))}
        </Stack>
      </Card>
    </Stack>
  );
}
