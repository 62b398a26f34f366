import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { boardDocId } from '@torg/shared';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerConfig } from '../src/config.js';
import type { RunningServer } from '../src/server.js';
import { hugeBody, participantCount, plenaryBoard, rows, send, wrongCode } from './edge-support.js';
import {
  apiCaller,
  createWorkshop,
  spawnServer,
  startTestServer,
  TEST_ADMIN_TOKEN,
  tempDataDir,
} from './helpers.js';
import { png } from './images.js';

/**
 * The edges of the server as an attacker finds them: bodies without end, guessing join
 * codes, a forged X-Forwarded-For, and floods of the expensive requests (uploads, exports,
 * creating workshops). Every refusal is checked for what it left behind: nothing.
 *
 * Requests are sent from different loopback addresses (127.0.0.x, `localAddress`), so the
 * server sees different hosts, as on the internet.
 */

const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function start(overrides: Partial<ServerConfig> = {}) {
  const server = await startTestServer(overrides);
  servers.push(server);
  return server;
}

describe('no body limit', () => {
  it('a 20 MB JSON body to POST /api/join is refused (413) by its Content-Length before it is sent, and nobody joined', async () => {
    const server = await start();
    const api = apiCaller(() => server.url);
    const w = await createWorkshop(api, { title: 'Kropp', groups: ['A', 'B'] });
    const before = await participantCount(server, w.workshopId);
    const code = (await api('GET', `/workshops/${w.workshopId}/codes`, w.facilitator)).body
      .joinCode as string;
    const total = 20 * 1024 * 1024;
    const head = `{"code":"${code}","name":"Mallory","groupId":"${w.groups[0]}","pad":"`;
    const answer = await hugeBody(server, { declare: true, head, total });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'too_large' });
    // The answer came while all but the first bytes of the 20 MB were still unsent.
    expect(answer.sent).toBe(head.length);
    expect(await participantCount(server, w.workshopId)).toBe(before);
  });

  it('the same body streamed without Content-Length is stopped at the limit, and nobody joined', async () => {
    const server = await start({
      limits: { maxMessageBytes: 1024 * 1024, maxJsonBytes: 32 * 1024 },
    });
    const api = apiCaller(() => server.url);
    const w = await createWorkshop(api, { title: 'Kropp', groups: ['A', 'B'] });
    const before = await participantCount(server, w.workshopId);
    const code = (await api('GET', `/workshops/${w.workshopId}/codes`, w.facilitator)).body
      .joinCode as string;
    const head = `{"code":"${code}","name":"Mallory","groupId":"${w.groups[0]}","pad":"`;
    const answer = await hugeBody(server, { declare: false, head, total: 20 * 1024 * 1024 });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'too_large' });
    // Stopped at the 32 KiB limit: far from the 20 MB (a loaded machine may answer late).
    expect(answer.sent).toBeLessThan(5 * 1024 * 1024);
    expect(await participantCount(server, w.workshopId)).toBe(before);
    // A small join still works, chunked too (counted, then handed on to the route).
    expect(
      (await api('POST', '/join', null, { code, name: 'Anne', groupId: w.groups[0] })).status,
    ).toBe(201);
    const chunked = await send(server, {
      method: 'POST',
      path: '/join',
      from: '127.0.0.52',
      body: { code, name: 'Bjørn', groupId: w.groups[0] },
      chunked: true,
    });
    expect(chunked.status).toBe(201);
    expect(await participantCount(server, w.workshopId)).toBe(before + 2);
  });

  it('every other route has the JSON limit too, checked before the token', async () => {
    const server = await start();
    const big = Buffer.alloc(200 * 1024, 0x20);
    for (const p of ['/workshops', '/workshops/x/message', '/auth/logout', '/templates/x']) {
      const answer = await send(server, {
        method: 'POST',
        path: p,
        from: '127.0.0.51',
        headers: { 'content-type': 'application/json' },
        raw: big,
      });
      expect(answer.status, p).toBe(413);
    }
  });
});

describe('guessing join codes', () => {
  const failures = { burst: 5, perSecond: 1 / 3600 };

  it('failed lookups from one address hit 429; then its right code is refused too, while another address joins', async () => {
    const server = await start({ rateLimits: { joinFailures: failures } });
    const api = apiCaller(() => server.url);
    const w = await createWorkshop(api, { title: 'Gjetting', groups: ['A', 'B'] });
    const code = (await api('GET', `/workshops/${w.workshopId}/codes`, w.facilitator)).body
      .joinCode as string;
    const before = await participantCount(server, w.workshopId);
    const attacker = '127.0.0.10';
    const statuses: number[] = [];
    // Lookups and joins with wrong codes, taking turns: both spend the same budget.
    for (let i = 0; i < 8; i++) {
      const guess =
        i % 2 === 0
          ? { method: 'GET', path: `/join/${wrongCode(i)}` }
          : { method: 'POST', path: '/join', body: { code: wrongCode(i), name: 'Mallory' } };
      statuses.push((await send(server, { ...guess, from: attacker })).status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429, 429]);
    expect(await participantCount(server, w.workshopId)).toBe(before);
    // HEAD reaches the same lookup (as GET without a body): no way around the budget either.
    expect(
      (await send(server, { method: 'HEAD', path: `/join/${code}`, from: attacker })).status,
    ).toBe(429);

    // No oracle: the right code answers exactly like a wrong one.
    const lookup = await send(server, { method: 'GET', path: `/join/${code}`, from: attacker });
    expect(lookup.status).toBe(429);
    expect(lookup.body).toMatchObject({ error: 'rate_limited' });
    expect(Number(lookup.headers['retry-after'])).toBeGreaterThan(0);
    const join = await send(server, {
      method: 'POST',
      path: '/join',
      from: attacker,
      body: { code, name: 'Mallory', groupId: w.groups[0] },
    });
    expect(join.status).toBe(429);
    expect(await participantCount(server, w.workshopId)).toBe(before);

    // Someone else (another address) is not affected.
    const other = '127.0.0.11';
    expect(
      (await send(server, { method: 'GET', path: `/join/${wrongCode(99)}`, from: other })).status,
    ).toBe(404);
    expect((await send(server, { method: 'GET', path: `/join/${code}`, from: other })).status).toBe(
      200,
    );
    const anne = await send(server, {
      method: 'POST',
      path: '/join',
      from: other,
      body: { code, name: 'Anne', groupId: w.groups[0] },
    });
    expect(anne.status).toBe(201);
    expect(await participantCount(server, w.workshopId)).toBe(before + 1);
  });

  it('parallel guesses cannot beat the budget: what ran over is owed', async () => {
    const server = await start({ rateLimits: { joinFailures: { burst: 5, perSecond: 1 } } });
    const attacker = '127.0.0.12';
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        send(server, { method: 'GET', path: `/join/${wrongCode(i)}`, from: attacker }),
      ),
    );
    const looked = answers.filter((a) => a.status === 404).length;
    expect(looked).toBeGreaterThanOrEqual(5);
    expect(answers.filter((a) => a.status === 429).length).toBe(40 - looked);
    // Each lookup beyond the burst must be paid back at one a second before the next one.
    const wait = Number(
      (await send(server, { method: 'GET', path: `/join/${wrongCode(50)}`, from: attacker }))
        .headers['retry-after'],
    );
    expect(wait).toBeGreaterThanOrEqual(Math.min(looked - 5 + 1, 5));
  });

  it('without a trusted proxy, a forged X-Forwarded-For buys no fresh budget', async () => {
    const server = await start({ rateLimits: { joinFailures: failures } });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const forged = { 'x-forwarded-for': `198.51.100.${i}` };
      statuses.push(
        (
          await send(server, {
            method: 'GET',
            path: `/join/${wrongCode(i)}`,
            from: '127.0.0.13',
            headers: forged,
          })
        ).status,
      );
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429, 429]);
  });

  it('behind one trusted proxy, two clients get separate budgets and a forged left part changes nothing', async () => {
    const server = await start({ trustProxy: 1, rateLimits: { joinFailures: failures } });
    const proxy = '127.0.0.14';
    const as = (client: string, forgedPrefix = '') => ({
      'x-forwarded-for': `${forgedPrefix}${client}`,
    });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (
          await send(server, {
            method: 'GET',
            path: `/join/${wrongCode(i)}`,
            from: proxy,
            // The client writes its own X-Forwarded-For; the proxy appends what it saw.
            headers: as('203.0.113.1', `198.51.100.${i}, `),
          })
        ).status,
      );
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
    // Another client behind the same proxy: its own budget.
    const other = await send(server, {
      method: 'GET',
      path: `/join/${wrongCode(10)}`,
      from: proxy,
      headers: as('203.0.113.2'),
    });
    expect(other.status).toBe(404);
  });

  it('behind a trusted proxy, the sync connection cap counts the forwarded address', async () => {
    const server = await start({
      trustProxy: 1,
      openBoards: true,
      limits: { maxMessageBytes: 1024 * 1024, maxConnectionsPerClient: 2 },
    });
    const url = `ws://127.0.0.1:${server.port}/sync/${boardDocId('edgeboard')}`;
    const open = (client: string) =>
      new Promise<{ status: number; ws: WebSocket | null }>((resolve) => {
        const ws = new WebSocket(url, {
          headers: { 'x-forwarded-for': client },
          localAddress: '127.0.0.15',
        });
        ws.once('open', () => resolve({ status: 101, ws }));
        ws.once('unexpected-response', (_req, res) =>
          resolve({ status: res.statusCode ?? 0, ws: null }),
        );
        ws.once('error', () => {});
      });
    const first = [await open('203.0.113.7'), await open('203.0.113.7')];
    const third = await open('203.0.113.7');
    const elsewhere = await open('203.0.113.8');
    try {
      expect(first.map((r) => r.status)).toEqual([101, 101]);
      expect(third.status).toBe(429);
      expect(elsewhere.status).toBe(101);
    } finally {
      for (const r of [...first, third, elsewhere]) r.ws?.close();
    }
  });
});

describe('floods of expensive requests', () => {
  it('creating workshops past the budget is 429 and stores nothing', async () => {
    const server = await start({ rateLimits: { create: { burst: 3, perSecond: 1 / 3600 } } });
    const body = { title: 'Flom', date: '2026-11-23', groups: ['A', 'B'], facilitatorName: 'F' };
    const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (
          await send(server, {
            method: 'POST',
            path: '/workshops',
            from: '127.0.0.20',
            headers: auth,
            body,
          })
        ).status,
      );
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(rows(server, 'workshops')).toBe(3);
    // The import is the same budget.
    const imported = await send(server, {
      method: 'POST',
      path: '/workshops/import',
      from: '127.0.0.20',
      headers: auth,
      body: {},
    });
    expect(imported.status).toBe(429);
    expect(rows(server, 'workshops')).toBe(3);
  });

  it('uploads past the budget are 429 and store nothing', async () => {
    const server = await start({ rateLimits: { upload: { burst: 3, perSecond: 1 / 3600 } } });
    const api = apiCaller(() => server.url);
    const w = await createWorkshop(api, { title: 'Bilder', groups: ['A', 'B'] });
    const anne = await w.join('Anne', 0);
    const boardId = await plenaryBoard(api, w);
    const image = png(4, 4);
    const upload = () =>
      send(server, {
        method: 'POST',
        path: `/boards/${boardId}/assets`,
        from: '127.0.0.21',
        headers: { authorization: `Bearer ${anne.token}`, 'content-type': 'image/png' },
        raw: image,
      });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await upload()).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(rows(server, 'assets')).toBe(3);
  });

  it('exports past the budget are 429 (board exports, workshop export jobs and backups share it)', async () => {
    const server = await start({ rateLimits: { export: { burst: 3, perSecond: 1 / 3600 } } });
    const api = apiCaller(() => server.url);
    const w = await createWorkshop(api, { title: 'Eksport', groups: ['A', 'B'] });
    const boardId = await plenaryBoard(api, w);
    const auth = { authorization: `Bearer ${w.facilitator}` };
    const from = '127.0.0.22';
    const svg = `/workshops/${w.workshopId}/boards/${boardId}/export/svg`;
    const statuses = [
      (await send(server, { method: 'GET', path: svg, from, headers: auth })).status,
      (
        await send(server, {
          method: 'GET',
          path: `/workshops/${w.workshopId}/backup`,
          from,
          headers: auth,
        })
      ).status,
      (await send(server, { method: 'GET', path: svg, from, headers: auth })).status,
      (await send(server, { method: 'GET', path: svg, from, headers: auth })).status,
      (
        await send(server, {
          method: 'GET',
          path: `/workshops/${w.workshopId}/backup`,
          from,
          headers: auth,
        })
      ).status,
    ];
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const job = await send(server, {
      method: 'POST',
      path: `/workshops/${w.workshopId}/exports`,
      from,
      headers: auth,
      body: { format: 'pdf' },
    });
    expect(job.status).toBe(429);
    // Nothing was started.
    expect(rows(server, 'export_jobs')).toBe(0);
    // Another address still exports.
    expect(
      (await send(server, { method: 'GET', path: svg, from: '127.0.0.23', headers: auth })).status,
    ).toBe(200);
  });

  it("members' reads of the vote and of a board's authors share a budget; past it 429, another address still reads", async () => {
    const server = await start({ rateLimits: { memberRead: { burst: 4, perSecond: 1 / 3600 } } });
    const api = apiCaller(() => server.url);
    const w = await createWorkshop(api, { title: 'Lesing', groups: ['A', 'B'] });
    const anne = await w.join('Anne', 0);
    const boardId = await plenaryBoard(api, w);
    expect(
      (await api('POST', `/workshops/${w.workshopId}/vote`, w.facilitator, { boardIds: [boardId] }))
        .status,
    ).toBe(200);
    const auth = { authorization: `Bearer ${anne.token}` };
    const read = (path: string, from: string) =>
      send(server, {
        method: 'GET',
        path: `/workshops/${w.workshopId}${path}`,
        from,
        headers: auth,
      });
    const from = '127.0.0.25';
    const authors = `/boards/${boardId}/authors`;
    const statuses = [
      (await read('/vote/ballot', from)).status,
      (await read('/vote/mine', from)).status,
      (await read(authors, from)).status,
      (await read('/vote/ballot', from)).status,
      (await read('/vote/ballot', from)).status,
      (await read(authors, from)).status,
      (await read('/vote/results', from)).status,
    ];
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429]);
    // The budget is the address's, not Anne's: from another address she still reads.
    const other = await read('/vote/ballot', '127.0.0.26');
    expect(other.status).toBe(200);
    expect(other.body.voteId).toBeTruthy();
  });

  it("a board's whole content (GET /api/boards/<id>) spends the members' read budget too", async () => {
    const server = await start({ rateLimits: { memberRead: { burst: 2, perSecond: 1 / 3600 } } });
    const api = apiCaller(() => server.url);
    const w = await createWorkshop(api, { title: 'Hele tavla', groups: ['A', 'B'] });
    const anne = await w.join('Anne', 0);
    const boardId = await plenaryBoard(api, w);
    const read = (from: string) =>
      send(server, {
        method: 'GET',
        path: `/boards/${boardId}`,
        from,
        headers: { authorization: `Bearer ${anne.token}` },
      });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await read('127.0.0.27')).status);
    expect(statuses).toEqual([200, 200, 429]);
    const other = await read('127.0.0.28');
    expect(other.status).toBe(200);
    expect(other.body.boardId).toBe(boardId);
  });

  it('sign-in routes have a budget; the home page’s status check does not spend it', async () => {
    const server = await start({ rateLimits: { signIn: { burst: 2, perSecond: 1 / 3600 } } });
    const from = '127.0.0.24';
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await send(server, { method: 'GET', path: '/invites/nosuchinvite', from })).status,
      );
    expect(statuses.slice(0, 2).every((s) => s !== 429)).toBe(true);
    expect(statuses[2]).toBe(429);
    for (let i = 0; i < 5; i++)
      expect((await send(server, { method: 'GET', path: '/auth/status', from })).status).toBe(200);
  });
});

describe('settings', () => {
  it('TORG_TRUST_PROXY and TORG_RATE_LIMIT_SCALE reach the running server', async () => {
    // A tenth of the defaults: 5 failed lookups per address.
    const env = { TORG_TRUST_PROXY: '1', TORG_RATE_LIMIT_SCALE: '0.1' };
    const server = await spawnServer(tempDataDir(), env);
    try {
      const guess = (i: number, client: string) =>
        send(server, {
          method: 'GET',
          path: `/join/${wrongCode(i)}`,
          from: '127.0.0.30',
          headers: { 'x-forwarded-for': client },
        }).then((a) => a.status);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push(await guess(i, '203.0.113.1'));
      expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
      expect(await guess(6, '203.0.113.2')).toBe(404);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it('a typo in a setting, or a setting that does not exist, stops the start with one line naming it', async () => {
    for (const [env, line] of <[Record<string, string>, string][]>[
      [{ TORG_TRUST_PROXY: 'yes' }, 'Torg: TORG_TRUST_PROXY="yes": a whole number from 0 to 10'],
      [{ TORG_TRUST_PROXY: '-1' }, 'Torg: TORG_TRUST_PROXY="-1"'],
      [{ TORG_MAX_JSON_BYTES: '64k' }, 'Torg: TORG_MAX_JSON_BYTES="64k"'],
      [{ TORG_RATE_LIMIT_SCALE: '0' }, 'Torg: TORG_RATE_LIMIT_SCALE="0": a number above 0'],
      [
        { TORG_OPEN_BOARD: '1' },
        'Torg: TORG_OPEN_BOARD is no setting of Torg (did you mean TORG_OPEN_BOARDS?)',
      ],
    ])
      await expect(spawnServer(tempDataDir(), env), JSON.stringify(env)).rejects.toThrow(
        `server exited (1): ${line}`,
      );
  });

  it('--help lists every setting with its default and starts nothing', async () => {
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/main.ts', '--help'], {
      cwd: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
      encoding: 'utf8',
    });
    expect(out).toContain('TORG_DATA_DIR');
    expect(out).toMatch(
      /TORG_MAX_JSON_BYTES +largest body of every other API request \(default: 65536\)/,
    );
  });
});
