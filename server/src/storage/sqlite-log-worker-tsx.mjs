// Starts the log writer (sqlite-log-worker.ts) when the server runs from TypeScript sources
// with tsx (vitest, the CLI): a worker thread does not get the main thread's loader, so it
// registers tsx's own before importing the TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('./sqlite-log-worker.ts');
