// Where the notice to the people is offered: says so when the company has not set the inquiry
// desk the notice prints (a phone or an email), and takes the user to where it is set. The PDF
// prints a reminder in its place until then.
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { CompanyDetails } from '../bindings';
import { useNavigate } from '../navigation';

/** Whether the notice can say how to reach the company: the desk has a phone or an email. */
export function inquiryDeskSet(details: CompanyDetails): boolean {
  return details.inquiry_desk.phone.trim() !== '' || details.inquiry_desk.email.trim() !== '';
}

export function InquiryDeskNote() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    // Without the profile nothing is said: the document buttons work either way.
    api.homeSummary().then(
      (summary) => setMissing(!inquiryDeskSet(summary.company.details)),
      () => {},
    );
  }, []);
  if (!missing) return null;
  return (
    <Alert color="orange" p="xs" data-testid="inquiry-desk-missing">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <div>
          <Text size="sm" fw={500}>
            {t('documents.inquiryDeskMissing')}
          </Text>
          <Text size="xs">{t('documents.inquiryDeskMissingHelp')}</Text>
        </div>
        <Button
          size="xs"
          variant="light"
          color="orange"
          style={{ flexShrink: 0 }}
          onClick={() => navigate({ page: 'policy', section: 'company-details' })}
          data-testid="inquiry-desk-set"
        >
          {t('documents.inquiryDeskSet')}
        </Button>
      </Group>
    </Alert>
  );
}
