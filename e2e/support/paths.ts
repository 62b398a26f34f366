import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = path.resolve(E2E_DIR, '..');
export const CLIENT_DIR = path.join(REPO_DIR, 'client');
export const SERVER_DIR = path.join(REPO_DIR, 'server');
/** Screenshots and other artefacts of the browser tests. */
export const OUTPUT_DIR = path.join(E2E_DIR, 'output');

export function outputFile(name: string): string {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  return path.join(OUTPUT_DIR, name);
}
