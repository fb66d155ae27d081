import { createTheme } from '@mantine/core';

// System fonts only (no remote fonts): Japanese faces first so kanji and kana match.
export const theme = createTheme({
  primaryColor: 'blue',
  fontFamily: '"IPAexGothic", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic UI", "Meiryo", system-ui, sans-serif',
  headings: { fontFamily: 'inherit' },
  defaultRadius: 'md',
});
