import { Worker } from 'node:worker_threads';
import type { Snapshot } from './snapshot.js';
import type { LogRequest, LogResponse } from './sqlite-log-messages.js';
import type { AppendEntry } from './storage.js';

type Request = LogRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

function workerUrl(): URL {
  // A worker thread does not inherit tsx's loader: a small .mjs registers it first.
  const ts = import.meta.url.endsWith('.ts');
  return new URL(ts ? './sqlite-log-worker-tsx.mjs' : './sqlite-log-worker.js', import.meta.url);
}

/**
 * The document log's writes (appends and compactions) on a thread of their own with its own
 * SQLite connection (`sqlite-log-worker.ts`): the fsync of each group commit no longer holds
 * up the sockets (issue 24). Requests are done in order; each promise settles when its write
 * is committed (or failed, nothing written). Reads stay on the main thread's connection.
 */
export class SqliteLogWriter {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(): void; reject(e: Error): void }>();
  private failed: Error | null = null;
  /** Writes asked for and not yet settled (`close` waits for them). */
  private readonly pending = new Set<Promise<void>>();

  constructor(file: string) {
    this.worker = new Worker(workerUrl(), { workerData: { file }, execArgv: [] });
    this.worker.on('message', (m: LogResponse) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.error === null) w?.resolve();
      else w?.reject(new Error(m.error));
    });
    // The thread is gone (it failed to open the file, or crashed): every write waiting and
    // every later one fails, so the registry keeps its updates and says so.
    const fail = (err: Error) => {
      this.failed = err;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`log writer exited (${code})`)));
  }

  append(entries: readonly AppendEntry[]): Promise<void> {
    return this.ask({ kind: 'append', entries: entries.map((e) => ({ ...e })) });
  }

  compact(docId: string, snapshot: Snapshot): Promise<void> {
    return this.ask({ kind: 'compact', docId, snapshot });
  }

  private ask(request: Request): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    const done = new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id } as LogRequest);
    });
    this.pending.add(done);
    const forget = () => this.pending.delete(done);
    done.then(forget, forget);
    return done;
  }

  /** Ends the thread after the writes asked for so far. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    await this.worker.terminate();
  }
}
