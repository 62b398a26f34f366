import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { SQLITE_FILE } from '../src/storage/sqlite-storage.js';
import type { apiCaller } from './helpers.js';

/**
 * Raw HTTP for the edge attacks (attacks-edges.test.ts): requests from a chosen loopback
 * address (127.0.0.x looks like another host), bodies that never end, and what the server
 * stored, read from its SQLite file.
 */

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** One HTTP request from a chosen loopback address. */
export function send(
  server: { port: number },
  opts: {
    method: string;
    path: string;
    from: string;
    headers?: Record<string, string>;
    body?: unknown;
    raw?: Uint8Array;
    /** Sent chunked, without Content-Length (as a streaming client would). */
    chunked?: boolean;
  },
): Promise<Answer> {
  const payload =
    opts.raw ?? (opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body)));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: opts.method,
        path: `/api${opts.path}`,
        localAddress: opts.from,
        headers: {
          ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(payload && !opts.chunked ? { 'content-length': String(payload.length) } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let body: Record<string, unknown> = {};
          try {
            body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            body = { text };
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('error', reject);
    if (payload && opts.chunked) req.write(payload);
    req.end(opts.chunked ? undefined : payload);
  });
}

/** How many rows a table of the server's SQLite file holds (read beside the server). */
export function rows(
  server: { dataDir: string },
  table: 'workshops' | 'assets' | 'export_jobs',
): number {
  const db = new Database(path.join(server.dataDir, SQLITE_FILE), { readonly: true });
  try {
    return db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).get()?.n ?? -1;
  } finally {
    db.close();
  }
}

export async function participantCount(server: RunningServer, workshopId: string): Promise<number> {
  return (await server.service.state(workshopId)).participants.length;
}

/**
 * Starts a request with a huge body, either declared (Content-Length, then only `head` is
 * sent) or streamed (chunked: `head`, then more while no answer has come); resolves with the
 * answer and how many bytes were sent.
 */
export function hugeBody(
  server: { port: number },
  opts: { declare: boolean; head: string; total: number },
): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request({
      host: '127.0.0.1',
      port: server.port,
      method: 'POST',
      path: '/api/join',
      localAddress: '127.0.0.50',
      headers: {
        'content-type': 'application/json',
        ...(opts.declare ? { 'content-length': String(opts.total) } : {}),
      },
    });
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.on('data', (d: Buffer) => {
        body += d.toString();
      });
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, sent });
      });
    });
    // The server may close the connection once it has answered; that is not a failure here.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    req.flushHeaders();
    const chunk = Buffer.alloc(16 * 1024, 'a');
    const first = Buffer.from(opts.head);
    req.write(first);
    sent += first.length;
    // With a declared length, nothing but the first bytes is ever sent: only a server that
    // refuses by the header answers at all. Without one, a slow sender: 16 KiB every 10 ms
    // (20 MB would take 13 s), and never more once an answer is there.
    const timer = setInterval(() => {
      if (opts.declare || answered || sent + chunk.length > opts.total) {
        clearInterval(timer);
        return;
      }
      req.write(chunk);
      sent += chunk.length;
    }, 10);
    req.on('close', () => clearInterval(timer));
  });
}

/** A join code that no workshop has, in the right format. */
export function wrongCode(i: number): string {
  const letters = 'ACDEFGHJKMNPQRTUVWXY34679';
  return `${letters[i % 25]}${letters[Math.floor(i / 25) % 25]}AAAAAA`;
}

/** A board everyone in the workshop may draw on: a plenary phase's. */
export async function plenaryBoard(
  api: ReturnType<typeof apiCaller>,
  w: { workshopId: string; facilitator: string },
): Promise<string> {
  const phase = await api('POST', `/workshops/${w.workshopId}/phases`, w.facilitator, {
    name: 'Plenum',
    plenary: true,
  });
  expect(phase.status).toBe(201);
  return (phase.body.boardIds as string[])[0] ?? '';
}
