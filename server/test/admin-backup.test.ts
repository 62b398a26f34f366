import { type ChildProcess, execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readAllShapes, writeShapes } from '@torg/shared';
import { afterAll, describe, expect, it } from 'vitest';
import {
  apiCaller,
  connectClient,
  spawnServer,
  sticky,
  TEST_ADMIN_TOKEN,
  type TestClient,
  tempDataDir,
  waitFor,
  waitSynced,
} from './helpers.js';

/**
 * Backups without stopping (`pnpm admin backup` / `restore`): the real server as its own
 * process, written to while the copy is made, and a fresh server restored from the copy.
 */

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);
const admin = (args: string[], dataDir: string) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/admin.ts', ...args], {
    cwd: serverDir,
    env: { ...process.env, TORG_DATA_DIR: dataDir, TORG_DATABASE_URL: '' },
  });

const clients: TestClient[] = [];
const children: { child: ChildProcess; exited: Promise<unknown> }[] = [];
afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const s of children) {
    s.child.kill('SIGTERM');
    await s.exited;
  }
});

describe('backups without stopping the server', () => {
  it('copies the database while a board is being written, and a fresh server restored from it serves every board', async () => {
    const dataDir = tempDataDir();
    const first = await spawnServer(dataDir);
    children.push(first);
    const api = apiCaller(() => `http://127.0.0.1:${first.port}`);
    const made = await api('POST', '/workshops', TEST_ADMIN_TOKEN, {
      title: 'Sikkerhetskopi',
      date: '2026-12-06',
      groups: ['Nord', 'Sør'],
      facilitatorName: 'Kari',
    });
    const { workshopId, token } = made.body as { workshopId: string; token: string };
    const phase = await api('POST', `/workshops/${workshopId}/phases`, token, {
      name: 'Fremtid',
      template: 'future',
    });
    const boards = phase.body.boardIds as string[];
    const boardId = boards[0] as string;
    const writer = connectClient(first, boardId, undefined, { token });
    clients.push(writer);
    await waitSynced(writer);
    const count = () => readAllShapes(writer.doc).length;
    const stored = async () =>
      ((await api('GET', `/boards/${boardId}`, token)).body.shapes as unknown[]).length;

    // Notes keep coming while the copy is made.
    let n = 0;
    let writing = true;
    const writes = (async () => {
      while (writing) {
        writeShapes(
          writer.doc,
          [sticky(`note${String(n).padStart(4, '0')}`, `Lapp ${n}`, n * 10)],
          {
            source: 'local',
          },
        );
        n++;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await waitFor(async () => (await stored()) >= 40, 'notes stored before the backup');
    const before = await stored();
    const file = path.join(tempDataDir(), 'torg-backup.sqlite');
    const done = await admin(['backup', '--out', file], dataDir);
    const after = await stored();
    writing = false;
    await writes;
    expect(done.stdout).toContain(file);
    expect(count()).toBeGreaterThan(before);

    // A copy is never made over another file, and a restore never over a database.
    await expect(admin(['backup', '--out', file], dataDir)).rejects.toThrow(/exists already/);
    await expect(admin(['restore', '--from', file], dataDir)).rejects.toThrow(
      /holds a Torg database/,
    );
    const notTorg = path.join(tempDataDir(), 'other.txt');
    fs.writeFileSync(notTorg, 'no database');
    await expect(admin(['restore', '--from', notTorg], tempDataDir())).rejects.toThrow(
      /not a Torg backup/,
    );

    // Restored into an empty folder: a new server serves the gathering and every board, and the
    // facilitator's link still works (the secret came along).
    const restoredDir = tempDataDir();
    const restored = await admin(['restore', '--from', file], restoredDir);
    expect(restored.stdout).toContain('restored, 1 gatherings');
    const second = await spawnServer(restoredDir);
    children.push(second);
    const api2 = apiCaller(() => `http://127.0.0.1:${second.port}`);
    expect((await api2('GET', `/workshops/${workshopId}/codes`, token)).status).toBe(200);
    for (const id of boards) expect((await api2('GET', `/boards/${id}`, token)).status).toBe(200);
    const copied = ((await api2('GET', `/boards/${boardId}`, token)).body.shapes as unknown[])
      .length;
    // One consistent moment between the start and the end of the copy.
    expect(copied).toBeGreaterThanOrEqual(before);
    expect(copied).toBeLessThanOrEqual(after);
  });
});
