import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { inviteSession, storedCount, workshopBody } from './accounts-support.js';
import {
  apiCaller,
  spawnServer,
  startTestServer,
  TEST_ADMIN_TOKEN,
  tempDataDir,
  waitFor,
} from './helpers.js';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let server: RunningServer & { dataDir: string };
let base: string;
const api = apiCaller(() => base);

beforeAll(async () => {
  server = await startTestServer();
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
});

describe('saved templates belong to the owner of the workshop they were saved from', () => {
  /** A workshop of `who` (a session cookie, or the admin token), entered as its facilitator. */
  async function workshopOf(who: { cookie: string } | 'admin', title: string) {
    const created =
      who === 'admin'
        ? await api('POST', '/workshops', TEST_ADMIN_TOKEN, workshopBody(title))
        : await api('POST', '/workshops', null, workshopBody(title), { cookie: who.cookie });
    expect(created.status).toBe(201);
    return { id: created.body.workshopId as string, token: created.body.token as string };
  }

  it("another account's workshop can neither list, read, rename, delete nor use it", async () => {
    const anne = await inviteSession(api, 'Anne');
    const bjorn = await inviteSession(api, 'Bjørn');
    const a1 = await workshopOf(anne, 'Annes første');
    const a2 = await workshopOf(anne, 'Annes andre');
    const b = await workshopOf(bjorn, 'Bjørns');
    const admin = await workshopOf('admin', 'Skriptets');

    const phase = await api('POST', `/workshops/${a1.id}/phases`, a1.token, {
      name: 'Fremtid',
      template: 'future',
      plenary: true,
    });
    expect(phase.status).toBe(201);
    const boardId = (phase.body.boardIds as string[])[0];
    const saved = await api('POST', `/workshops/${a1.id}/templates`, a1.token, {
      boardId,
      name: 'Annes mal',
    });
    expect(saved.status).toBe(201);
    const templateId = saved.body.templateId as string;

    for (const [who, w] of [
      ['Bjørn', b],
      ['the administrator', admin],
    ] as const) {
      const list = await api('GET', '/templates', w.token);
      expect(list.status, who).toBe(200);
      expect(list.body, who).toEqual([]);
      expect((await api('GET', `/templates/${templateId}`, w.token)).status, who).toBe(404);
      const rename = await api('PATCH', `/templates/${templateId}`, w.token, { name: 'Stjålet' });
      expect(rename.status, who).toBe(404);
      expect((await api('DELETE', `/templates/${templateId}`, w.token)).status, who).toBe(404);
      // Using it answers exactly like a template that does not exist, and makes no phase.
      const use = await api('POST', `/workshops/${w.id}/phases`, w.token, {
        name: 'Kopi',
        template: `saved:${templateId}`,
      });
      expect(use.status, who).toBe(400);
      expect(use.body.error, who).toBe('unknown_template');
      expect((await server.service.state(w.id)).phases, who).toEqual([]);
    }

    // Anne's other workshop sees it, unchanged, and can use it.
    const listed = await api('GET', '/templates', a2.token);
    expect(
      (listed.body as unknown as { id: string; name: string }[]).map((t) => [t.id, t.name]),
    ).toEqual([[templateId, 'Annes mal']]);
    const read = await api('GET', `/templates/${templateId}`, a2.token);
    expect(read.status).toBe(200);
    expect((read.body.shapes as unknown[]).length).toBeGreaterThan(0);
    const used = await api('POST', `/workshops/${a2.id}/phases`, a2.token, {
      name: 'Fra mal',
      template: `saved:${templateId}`,
      plenary: true,
    });
    expect(used.status).toBe(201);
    const copy = await api('GET', `/boards/${(used.body.boardIds as string[])[0]}`, a2.token);
    expect((copy.body.shapes as unknown[]).length).toBe((read.body.shapes as unknown[]).length);
    expect((await api('DELETE', `/templates/${templateId}`, a2.token)).status).toBe(204);
  });

  it('templates saved from administrator workshops are shared by those only', async () => {
    const one = await workshopOf('admin', 'Skript 1');
    const two = await workshopOf('admin', 'Skript 2');
    const phase = await api('POST', `/workshops/${one.id}/phases`, one.token, {
      name: 'Tom',
      template: 'blank',
      plenary: true,
    });
    const saved = await api('POST', `/workshops/${one.id}/templates`, one.token, {
      boardId: (phase.body.boardIds as string[])[0],
      name: 'Felles',
    });
    expect(saved.status).toBe(201);
    const listed = await api('GET', '/templates', two.token);
    expect((listed.body as unknown as { id: string }[]).map((t) => t.id)).toContain(
      saved.body.templateId,
    );
    const kari = await inviteSession(api, 'Kari');
    const hers = await workshopOf(kari, 'Karis');
    expect((await api('GET', '/templates', hers.token)).body).toEqual([]);
  });
});

/** Runs `pnpm admin …` (the CLI as a process) on a data dir. */
function runAdmin(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/admin.ts', ...args], {
      cwd: serverDir,
      env: { ...process.env, INIT_CWD: serverDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the admin command', () => {
  it('makes an invite in the storage of a running server; its link lets the person in', async () => {
    const r = await runAdmin(['invite', '--name', 'Kari Nordmann', '--days', '3'], {
      TORG_DATA_DIR: server.dataDir,
      TORG_PUBLIC_URL: 'https://torg.kommune.no',
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const url = /https:\/\/torg\.kommune\.no\/invite\/([A-Za-z0-9_-]{43})/.exec(r.stdout);
    expect(url).not.toBeNull();
    const secret = url?.[1] ?? '';
    const shown = await api('GET', `/invites/${secret}`, null);
    expect(shown.status).toBe(200);
    expect(shown.body.name).toBe('Kari Nordmann');
    const days = ((shown.body.expiresAt as number) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.9);
    expect(days).toBeLessThanOrEqual(3);
    const accepted = await fetch(`${base}/api/invites/${secret}/accept`, { method: 'POST' });
    expect(accepted.status).toBe(201);
  });

  it('refuses bad arguments and stores nothing', async () => {
    const before = storedCount(server.dataDir, 'invites');
    for (const args of [
      [],
      ['invite'],
      ['invite', '--name', ''],
      ['invite', '--name', 'Kari', '--days', '0'],
      ['invite', '--name', 'Kari', '--days', '365'],
      ['delete-everything', '--name', 'Kari'],
    ]) {
      const r = await runAdmin(args, { TORG_DATA_DIR: server.dataDir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
    }
    expect(storedCount(server.dataDir, 'invites')).toBe(before);
  });
});

describe('the first start', () => {
  it('prints a one-time invite while there is no facilitator, and not once there is one', async () => {
    const dataDir = tempDataDir();
    const first = await spawnServer(dataDir, { TORG_ADMIN_TOKEN: '' });
    try {
      const line = /First facilitator: (http:\/\/\S+\/invite\/([A-Za-z0-9_-]{43}))/.exec(
        first.stdout(),
      );
      expect(line, first.stdout()).not.toBeNull();
      const local = `http://127.0.0.1:${first.port}`;
      const secret = line?.[2] ?? '';
      const accepted = await fetch(`${local}/api/invites/${secret}/accept`, { method: 'POST' });
      expect(accepted.status).toBe(201);
      // The facilitator it made can create gatherings; nobody else can (no admin token).
      const cookie = accepted.headers.getSetCookie()[0]?.split(';')[0] ?? '';
      const ok = await fetch(`${local}/api/workshops`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(workshopBody('Første')),
      });
      expect(ok.status).toBe(201);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
    const second = await spawnServer(dataDir, { TORG_ADMIN_TOKEN: '' });
    try {
      await waitFor(() => second.stdout().includes('Torg'), 'start line');
      expect(second.stdout()).not.toMatch(/invite/);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  it('a short administrator token stops the start', async () => {
    await expect(spawnServer(tempDataDir(), { TORG_ADMIN_TOKEN: 'kort' })).rejects.toThrow(
      /TORG_ADMIN_TOKEN/,
    );
  });
});

describe('a signed-in facilitator puts their own gatherings into a series', () => {
  it('adds one of their gatherings to their series; another’s gathering or series looks like none', async () => {
    const anne = await inviteSession(api, 'Anne Rekke');
    const bjorn = await inviteSession(api, 'Bjørn Rekke');
    const make = async (who: { cookie: string }, title: string) => {
      const r = await api('POST', '/workshops', null, workshopBody(title), { cookie: who.cookie });
      return { id: r.body.workshopId as string, token: r.body.token as string };
    };
    const first = await make(anne, 'Samling 1');
    const second = await make(anne, 'Samling 2');
    const bjorns = await make(bjorn, 'Bjørns samling');
    const series = await api('POST', `/workshops/${first.id}/series`, first.token, {
      name: 'Rekka',
    });
    const seriesId = series.body.id as string;
    const add = (who: { cookie: string } | null, workshopId: string) =>
      api(
        'POST',
        `/account/series/${seriesId}/gatherings`,
        null,
        { workshopId },
        who ? { cookie: who.cookie } : {},
      );

    expect((await add(null, second.id)).status).toBe(401);
    // Bjørn owns neither the series nor Anne's gathering; nor may Anne add Bjørn's.
    expect((await add(bjorn, second.id)).status).toBe(404);
    expect((await add(bjorn, bjorns.id)).status).toBe(404);
    expect((await add(anne, bjorns.id)).status).toBe(404);
    expect(
      (await api('GET', `/workshops/${second.id}/brief`, second.token)).body.series,
    ).toBeNull();

    expect((await add(anne, second.id)).status).toBe(200);
    const overview = await api('GET', `/workshops/${second.id}/series`, second.token);
    expect((overview.body.gatherings as { title: string }[]).map((g) => g.title)).toEqual([
      'Samling 1',
      'Samling 2',
    ]);
    const again = await add(anne, second.id);
    expect([again.status, again.body.error]).toEqual([409, 'in_series']);
    // Her list says which series each gathering is in.
    const mine = await api('GET', '/account/workshops', null, undefined, { cookie: anne.cookie });
    const listed = mine.body as unknown as { title: string; series: { name: string } | null }[];
    expect(listed.find((w) => w.title === 'Samling 2')?.series?.name).toBe('Rekka');
  });
});
