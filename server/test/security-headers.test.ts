import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { boardDocId, ORIGIN_SERVER, stickyDefaults, writeShapes } from '@torg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { startTestServer, TEST_ADMIN_TOKEN, tempDataDir } from './helpers.js';

/** A small built client: index.html, a hashed asset and the service worker. */
function staticDir(): string {
  const dir = tempDataDir();
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><title>Torg</title><script type="module" src="/assets/index-abc.js"></script>',
  );
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc.js'), 'console.log("torg");\n');
  fs.writeFileSync(path.join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});\n');
  return dir;
}

let server: RunningServer;
let base: string;

beforeAll(async () => {
  server = await startTestServer({ staticDir: staticDir() });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
});

function csp(res: Response): Map<string, string> {
  const value = res.headers.get('content-security-policy') ?? '';
  return new Map(
    value
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name = '', ...rest] = d.split(/\s+/);
        return [name, rest.join(' ')] as const;
      }),
  );
}

function expectSecurityHeaders(res: Response, wsOrigin = `ws://127.0.0.1:${server.port}`) {
  const policy = csp(res);
  expect(policy.get('default-src')).toBe("'self'");
  expect(policy.get('script-src')).toBe("'self'");
  expect(policy.get('style-src')).toBe("'self'");
  expect(policy.get('img-src')).toBe("'self' data: blob:");
  expect(policy.get('font-src')).toBe("'self'");
  expect(policy.get('connect-src')).toBe(`'self' ${wsOrigin}`);
  expect(policy.get('worker-src')).toBe("'self'");
  expect(policy.get('object-src')).toBe("'none'");
  expect(policy.get('base-uri')).toBe("'none'");
  expect(policy.get('form-action')).toBe("'self'");
  expect(policy.get('frame-ancestors')).toBe("'none'");
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  const permissions = res.headers.get('permissions-policy') ?? '';
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
    expect(permissions).toContain(`${feature}=()`);
  }
  // The copy buttons write to the clipboard: that stays allowed.
  expect(permissions).not.toContain('clipboard-write');
}

/** GET / with a Host header of our choosing (fetch does not let one set it). */
function getWithHost(host: string, headers: Record<string, string> = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port: server.port, path: '/', headers: { ...headers, host } },
      (res) => {
        res.resume();
        res.on('end', () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
          resolve(new Response(null, { status: res.statusCode, headers: h }));
        });
      },
    );
    req.on('error', reject);
  });
}

describe('security headers', () => {
  it('are on the page, on client routes, on the service worker and the icon', async () => {
    for (const p of ['/', '/w/some-workshop', '/sw.js', '/favicon.svg']) {
      const res = await fetch(`${base}${p}`);
      await res.arrayBuffer();
      expectSecurityHeaders(res);
    }
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/assets/index-abc.js');
  });

  it('a script, style or font gets the two that apply to it, not the rules for documents', async () => {
    const script = await fetch(`${base}/assets/index-abc.js`);
    expect(await script.text()).toContain('torg');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(script.headers.get('referrer-policy')).toBe('no-referrer');
    for (const documentOnly of [
      'content-security-policy',
      'permissions-policy',
      'x-frame-options',
      'cross-origin-opener-policy',
    ])
      expect(script.headers.get(documentOnly), documentOnly).toBeNull();
    // A missing asset is answered in full (it is not our script).
    const missing = await fetch(`${base}/assets/index-gone.js`);
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing);
  });

  it('are on API answers, errors and 404s', async () => {
    const info = await fetch(`${base}/api/info`);
    expect(info.status).toBe(200);
    expectSecurityHeaders(info);
    const missing = await fetch(`${base}/api/assets/doesNotExist1`);
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing);
    const noRoute = await fetch(`${base}/api/no-such-route`, { method: 'POST' });
    expect(noRoute.status).toBe(404);
    expectSecurityHeaders(noRoute);
    const bad = await fetch(`${base}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expectSecurityHeaders(bad);
    const health = await fetch(`${base}/healthz`);
    expectSecurityHeaders(health);
  });

  it('are on downloads', async () => {
    const room = await server.registry.acquire(boardDocId('scratchBoard1'));
    writeShapes(
      room.doc,
      [{ ...stickyDefaults(), id: 'sticky1', x: 0, y: 0, z: 'a1', text: 'Hei' }],
      ORIGIN_SERVER,
    );
    server.registry.release(room);
    const res = await fetch(`${base}/api/boards/scratchBoard1/export/svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    await res.arrayBuffer();
    expectSecurityHeaders(res);
  });

  it('let the page connect to its WebSocket on the host it was asked for, wss: behind HTTPS', async () => {
    const proxied = await getWithHost('torg.example.no', { 'x-forwarded-proto': 'https' });
    expectSecurityHeaders(proxied, 'wss://torg.example.no');
    // A Host header that could smuggle in another directive never makes it into the policy.
    const odd = await getWithHost("evil.example; script-src 'unsafe-inline'");
    expect(odd.headers.get('content-security-policy') ?? '').not.toContain('unsafe-inline');
  });
});
