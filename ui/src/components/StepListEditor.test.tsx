import { fireEvent, render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import '../i18n';
import { type EditableStep, StepListEditor } from './StepListEditor';

function Editor({ texts }: { texts: string[] }) {
  const [steps, setSteps] = useState<EditableStep[]>(texts.map((text) => ({ text, role_id: null })));
  return (
    <MantineProvider>
      <StepListEditor steps={steps} roles={[]} onChange={setSteps} testId="steps" />
    </MantineProvider>
  );
}

describe('the step list editor', () => {
  it('keeps each step in its own field when a step above it is removed', () => {
    render(<Editor texts={['連絡する', '記録する', '報告する']} />);
    const second = screen.getByDisplayValue('記録する');
    fireEvent.click(screen.getAllByLabelText('削除')[0]);
    expect(screen.getByDisplayValue('記録する')).toBe(second);
    expect(screen.getAllByTestId('steps-step')).toHaveLength(2);
  });

  it('moves a step together with its field', () => {
    render(<Editor texts={['連絡する', '記録する']} />);
    const first = screen.getByDisplayValue('連絡する');
    fireEvent.click(screen.getAllByLabelText('下へ')[0]);
    expect(screen.getByLabelText('1 番目の内容')).toHaveValue('記録する');
    expect(screen.getByLabelText('2 番目の内容')).toBe(first);
  });
});
