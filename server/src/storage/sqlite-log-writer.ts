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
  /** The thread, started with the first write and again with the next one after it died. */
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(): void; reject(e: Error): void }>();
  private closing = false;
  /** Writes asked for and not yet settled (`close` waits for them). */
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly file: string) {}

  private start(): Worker {
    const worker = new Worker(workerUrl(), { workerData: { file: this.file }, execArgv: [] });
    worker.on('message', (m: LogResponse) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.error === null) w?.resolve();
      else w?.reject(new Error(m.error));
    });
    // The thread is gone (it failed to open the file, or crashed): the writes waiting fail, so
    // the registry keeps their updates and tries them again; the next write starts a new one.
    const gone = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`log writer exited (${code})`)));
    return worker;
  }

  append(entries: readonly AppendEntry[]): Promise<void> {
    return this.ask({ kind: 'append', entries: [...entries] });
  }

  compact(docId: string, snapshot: Snapshot): Promise<void> {
    return this.ask({ kind: 'compact', docId, snapshot });
  }

  private ask(request: Request): Promise<void> {
    if (this.closing) return Promise.reject(new Error('log writer closed'));
    this.worker ??= this.start();
    const worker = this.worker;
    const id = this.nextId++;
    const done = new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } as LogRequest);
    });
    this.pending.add(done);
    const forget = () => this.pending.delete(done);
    done.then(forget, forget);
    return done;
  }

  /** Ends the thread after the writes asked for so far. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.pending]);
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}
