import { createTheme } from '@mantine/core';

// System fonts only (no remote fonts): Japanese faces first so kanji and kana match. Windows' own
// Japanese faces lead, since Windows PCs may also carry a Noto or IPA font an installer brought;
// Linux and macOS have neither and fall through to theirs.
export const theme = createTheme({
  primaryColor: 'blue',
  fontFamily: '"Yu Gothic UI", "Meiryo", "IPAexGothic", "Noto Sans CJK JP", "Hiragino Sans", system-ui, sans-serif',
  headings: { fontFamily: 'inherit' },
  defaultRadius: 'md',
});
