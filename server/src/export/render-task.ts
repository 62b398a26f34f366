import type { WorkshopBoard, WorkshopExportRequest } from '@torg/shared';
import type { ExportFile } from './jobs.js';

/**
 * What the export worker threads (`render-worker.ts`) are asked to make, and the messages
 * between them and the pool (`render-pool.ts`). Everything here is plain data: it crosses a
 * thread boundary by structured clone, file bytes by transfer.
 */
export type RenderTask =
  | { kind: 'workshop'; workshopId: string; request: WorkshopExportRequest }
  | {
      kind: 'board';
      board: WorkshopBoard;
      format: 'svg' | 'png' | 'pdf';
      scale: 1 | 2;
      paper: 'a4' | 'a3';
      pins: boolean;
    };

/** What a worker reads from the main thread's export source while it renders. */
export type SourceRequest =
  | { what: 'doc'; id: string }
  | { what: 'asset'; id: string }
  | { what: 'workshop'; id: string };

export type ToWorker =
  | { type: 'task'; task: RenderTask }
  | { type: 'reply'; rid: number; value: unknown }
  | { type: 'reply'; rid: number; error: string };

export type FromWorker =
  | ({ type: 'need'; rid: number } & SourceRequest)
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; file: ExportFile; threadId: number }
  | { type: 'failed'; name: string; message: string };
