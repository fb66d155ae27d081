// The one place the UI talks to the Rust side: the commands generated from their Rust declarations
// (commands.ts, types in bindings.ts). Components call `api.*`, never `invoke` directly.
import type { ErrorReport } from './bindings';
import { commands } from './commands';

/** Every command, typed from its Rust declaration (generated in commands.ts). */
export const api = commands;

/** Turns whatever a command rejected with into an ErrorReport. */
export function asErrorReport(error: unknown): ErrorReport {
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    return error as ErrorReport;
  }
  return { code: 'internal', message: String(error) };
}
