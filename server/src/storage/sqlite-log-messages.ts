import type { Snapshot } from './snapshot.js';

/** What the main thread asks of the document log's writer thread (`sqlite-log-worker.ts`). */
export type LogRequest =
  | { id: number; kind: 'append'; entries: { docId: string; update: Uint8Array }[] }
  | { id: number; kind: 'compact'; docId: string; snapshot: Snapshot };

/** Its answer: done (committed), or why not (nothing was written then). */
export interface LogResponse {
  id: number;
  error: string | null;
}
