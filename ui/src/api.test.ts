// Every command the UI calls must be declared in build.rs (so it gets a permission) and granted to
// the main window in the capabilities — and nothing more is granted than the UI uses.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');

const invoked = [...read('ui/src/api.ts').matchAll(/invoke<[^>]+>\('(\w+)'/g)].map((m) => m[1]).sort();
const declared = [...read('src-tauri/build.rs').matchAll(/"(\w+)"/g)].map((m) => m[1]).sort();
const granted = (JSON.parse(read('src-tauri/capabilities/main-window.json')).permissions as string[])
  .filter((p) => p.startsWith('allow-'))
  .map((p) => p.slice('allow-'.length).replace(/-/g, '_'))
  .sort();

describe('command wiring', () => {
  it('finds the commands', () => {
    expect(invoked.length).toBeGreaterThan(0);
  });

  it('declares exactly the commands the UI calls', () => {
    expect(declared).toEqual(invoked);
  });

  it('grants the main window exactly the declared commands', () => {
    expect(granted).toEqual(declared);
  });
});
