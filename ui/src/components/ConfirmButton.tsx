// A button for something that cannot be undone: it asks first, in the page (no browser dialog).
import { useState, type ReactNode } from 'react';
import { Button, type ButtonProps, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function ConfirmButton({
  children,
  question,
  confirmLabel,
  onConfirm,
  testId,
  ...buttonProps
}: ButtonProps & {
  children: ReactNode;
  question: string;
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  testId: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button {...buttonProps} onClick={() => setOpen(true)} data-testid={testId}>
        {children}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} withCloseButton={false} centered>
        <Text>{question}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setOpen(false)} data-testid={`${testId}-cancel`}>
            {t('common.cancel')}
          </Button>
          <Button
            color={buttonProps.color}
            onClick={() => {
              setOpen(false);
              void onConfirm();
            }}
            data-testid={`${testId}-confirm`}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
