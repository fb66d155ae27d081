// commands.ts and the main window's capability are both generated from the Rust commands by
// src-tauri/build.rs; this checks the committed pair still agree (neither edited by hand, both
// committed after the same build): the window is granted exactly the commands the UI can call.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');

const invoked = [...read('ui/src/commands.ts').matchAll(/invoke<.+?>\('(\w+)'/g)].map((m) => m[1]).sort();
const granted = (JSON.parse(read('src-tauri/capabilities/main-window.json')).permissions as string[])
  .map((p) => p.replace(/^allow-/, '').replace(/-/g, '_'))
  .sort();

describe('command wiring', () => {
  it('finds the commands', () => {
    expect(invoked.length).toBeGreaterThan(100);
  });

  it('grants the main window exactly the commands the UI can call', () => {
    expect(granted).toEqual(invoked);
  });
});
