// Starts the export worker (render-worker.ts) when the server runs from TypeScript sources
// with tsx (npm start, vitest, the CLI): a worker thread does not get the main thread's
// loader, so it registers tsx's own before importing the TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('./render-worker.ts');
