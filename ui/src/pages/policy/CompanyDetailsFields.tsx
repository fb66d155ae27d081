// 書類に載せる会社の情報: what the drafts and the notice to the people print about the company
// beyond its name — address, representative, corporate number, line of business, the cyber
// insurance policy number, the inquiry desk the public may call, and how dates are written. Other
// screens link here (the policy page's `company-details` section) when something is missing.
import { useState } from 'react';
import { Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type CompanyDetails, type DateStyle, type InquiryDesk, DATE_STYLE_VALUES } from '../../bindings';
import type { PolicySection } from '../../navigation';
import { corporateNumberProblem } from './corporateNumber';

const SECTION: PolicySection = 'company-details';

export function CompanyDetailsFields({
  details,
  onChange,
  cyberInsurance,
  tried,
  refusedNumber,
}: {
  details: CompanyDetails;
  onChange: (details: CompanyDetails) => void;
  /** The policy number is asked only of a company with cyber insurance. */
  cyberInsurance: boolean;
  /** Saving was tried: a problem with the corporate number shows even if the field was not left. */
  tried: boolean;
  /** The core refused the corporate number (`invalid_corporate_number`). */
  refusedNumber: boolean;
}) {
  const { t } = useTranslation();
  const [numberLeft, setNumberLeft] = useState(false);
  const set = (change: Partial<CompanyDetails>) => onChange({ ...details, ...change });
  const setDesk = (change: Partial<InquiryDesk>) => set({ inquiry_desk: { ...details.inquiry_desk, ...change } });
  const problem = corporateNumberProblem(details.corporate_number);
  const numberError =
    problem && (numberLeft || tried)
      ? t(`policy.company.details.corporateNumber.${problem}`)
      : refusedNumber
        ? t('errors.invalid_corporate_number')
        : undefined;

  return (
    <Stack gap="sm" id={SECTION} data-testid="company-details" style={{ scrollMarginTop: 80 }}>
      <div>
        <Title order={4}>{t('policy.company.details.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('policy.company.details.help')}
        </Text>
      </div>
      <TextInput
        label={t('policy.company.details.address')}
        value={details.address}
        onChange={(e) => set({ address: e.currentTarget.value })}
        data-testid="profile-address"
      />
      <Group grow align="flex-start">
        <TextInput
          label={t('policy.company.details.representative')}
          placeholder={t('policy.company.details.representativeExample')}
          value={details.representative}
          onChange={(e) => set({ representative: e.currentTarget.value })}
          data-testid="profile-representative"
        />
        <TextInput
          label={t('policy.company.details.businessType')}
          placeholder={t('policy.company.details.businessTypeExample')}
          value={details.business_type}
          onChange={(e) => set({ business_type: e.currentTarget.value })}
          data-testid="profile-business-type"
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput
          label={t('policy.company.details.corporateNumber.label')}
          description={t('policy.company.details.corporateNumber.help')}
          value={details.corporate_number}
          onChange={(e) => set({ corporate_number: e.currentTarget.value })}
          onBlur={() => setNumberLeft(true)}
          error={numberError}
          inputMode="numeric"
          data-testid="profile-corporate-number"
        />
        {cyberInsurance ? (
          <TextInput
            label={t('policy.company.details.insurancePolicyNumber')}
            description={t('policy.company.details.insurancePolicyNumberHelp')}
            value={details.insurance_policy_number}
            onChange={(e) => set({ insurance_policy_number: e.currentTarget.value })}
            data-testid="profile-insurance-policy-number"
          />
        ) : (
          <span />
        )}
      </Group>

      <Stack gap={6} mt="xs">
        <div>
          <Text size="sm" fw={600}>
            {t('policy.company.details.desk.title')}
          </Text>
          <Text size="sm" data-testid="inquiry-desk-help">
            {t('policy.company.details.desk.help')}
          </Text>
        </div>
        <Group grow align="flex-start">
          <TextInput
            label={t('policy.company.details.desk.name')}
            placeholder={t('policy.company.details.desk.nameExample')}
            value={details.inquiry_desk.name}
            onChange={(e) => setDesk({ name: e.currentTarget.value })}
            data-testid="profile-desk-name"
          />
          <TextInput
            label={t('policy.company.details.desk.hours')}
            placeholder={t('policy.company.details.desk.hoursExample')}
            value={details.inquiry_desk.hours}
            onChange={(e) => setDesk({ hours: e.currentTarget.value })}
            data-testid="profile-desk-hours"
          />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label={t('policy.company.details.desk.phone')}
            value={details.inquiry_desk.phone}
            onChange={(e) => setDesk({ phone: e.currentTarget.value })}
            inputMode="tel"
            data-testid="profile-desk-phone"
          />
          <TextInput
            label={t('policy.company.details.desk.email')}
            value={details.inquiry_desk.email}
            onChange={(e) => setDesk({ email: e.currentTarget.value })}
            inputMode="email"
            data-testid="profile-desk-email"
          />
        </Group>
      </Stack>

      <Stack gap={4} mt="xs">
        <Text size="sm" fw={500}>
          {t('policy.company.details.dateStyle.label')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('policy.company.details.dateStyle.help')}
        </Text>
        <SegmentedControl
          w="fit-content"
          value={details.date_style}
          onChange={(value) => set({ date_style: value as DateStyle })}
          data={DATE_STYLE_VALUES.map((value) => ({ value, label: t(`policy.company.details.dateStyle.${value}`) }))}
          data-testid="profile-date-style"
        />
      </Stack>
    </Stack>
  );
}
