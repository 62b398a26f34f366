/**
 * The phone of issue 18: Chromium at 390 × 844 with touch, 4× CPU slowdown, 150 ms round trip
 * and 1.6 Mbit/s down — the constants of Lighthouse's mobile throttling ('mobileSlow4G' in
 * lighthouse 12.2.3: rttMs 150, throughputKbps 1638.4, upload 750 Kbps, cpuSlowdownMultiplier
 * 4) — with a cold cache, and what the page fetched (DevTools protocol `Network` events).
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { installPhoneAgent } from './phone-agent.js';

export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  cpuSlowdown: 4,
  /** Added to every request (DevTools protocol `latency`: one round trip per request). */
  latencyMs: 150,
  downloadKbps: 1638.4,
  uploadKbps: 750,
} as const;

/** Kbit/s (1 Kbit = 1,024 bits, as Lighthouse counts) → bytes per second. */
const bytesPerSecond = (kbps: number): number => Math.floor((kbps * 1024) / 8);

/** One request the page made, as the DevTools protocol saw it. */
export interface Fetched {
  url: string;
  type: string;
  mimeType: string;
  status: number;
  /** `Content-Encoding` of the response, `none` without one. */
  encoding: string;
  /** Bytes received for it (headers and body as sent, i.e. compressed). */
  bytes: number;
  /** Seconds (protocol clock) when it was requested and when its last byte arrived. */
  startedAt: number;
  finishedAt: number;
}

/**
 * Records every request of one page over its own protocol session; `t0` is the first
 * document request, the start of the navigation the page measures from.
 */
export class NetworkLog {
  readonly done: Fetched[] = [];
  /** Bytes of WebSocket messages received, with their protocol time. */
  readonly socketFrames: { at: number; bytes: number }[] = [];
  t0: number | null = null;
  private readonly pending = new Map<string, Partial<Fetched>>();

  constructor(cdp: CDPSession) {
    cdp.on('Network.requestWillBeSent', (e) => {
      if (this.t0 === null && e.type === 'Document') this.t0 = e.timestamp;
      this.pending.set(e.requestId, {
        url: e.request.url,
        type: e.type ?? 'Other',
        startedAt: e.timestamp,
      });
    });
    cdp.on('Network.responseReceived', (e) => {
      const entry = this.pending.get(e.requestId);
      if (!entry) return;
      const headers = Object.fromEntries(
        Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
      );
      entry.mimeType = e.response.mimeType;
      entry.status = e.response.status;
      entry.encoding = headers['content-encoding'] ?? 'none';
    });
    cdp.on('Network.loadingFinished', (e) => {
      const entry = this.pending.get(e.requestId);
      if (!entry) return;
      this.pending.delete(e.requestId);
      this.done.push({
        url: entry.url ?? '',
        type: entry.type ?? 'Other',
        mimeType: entry.mimeType ?? '',
        status: entry.status ?? 0,
        encoding: entry.encoding ?? 'none',
        bytes: e.encodedDataLength,
        startedAt: entry.startedAt ?? e.timestamp,
        finishedAt: e.timestamp,
      });
    });
    cdp.on('Network.webSocketFrameReceived', (e) => {
      // Binary frames come base64-encoded; text frames as they are.
      const data = e.response.payloadData;
      const bytes = e.response.opcode === 2 ? Math.floor((data.length * 3) / 4) : data.length;
      this.socketFrames.push({ at: e.timestamp, bytes });
    });
  }

  /** Requests finished within `ms` after navigation start. */
  finishedBy(ms: number): Fetched[] {
    const t0 = this.t0;
    if (t0 === null) return [];
    return this.done.filter((f) => (f.finishedAt - t0) * 1000 <= ms);
  }

  /** WebSocket bytes received within `ms` after navigation start. */
  socketBytesBy(ms: number): number {
    const t0 = this.t0;
    if (t0 === null) return 0;
    return this.socketFrames
      .filter((f) => (f.at - t0) * 1000 <= ms)
      .reduce((sum, f) => sum + f.bytes, 0);
  }
}

export interface PhonePage {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  network: NetworkLog;
}

/**
 * A cold phone: a fresh browser context (empty HTTP cache, storage and IndexedDB), service
 * workers blocked (none from earlier runs, and none fetching beside the page on a network the
 * throttling would not cover), the measuring agent installed, CPU and network throttled.
 */
export async function openPhonePage(browser: Browser, boardObjects: number): Promise<PhonePage> {
  const context = await browser.newContext({
    viewport: PHONE.viewport,
    deviceScaleFactor: PHONE.deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  // tsx keeps function names with an `__name` helper that serialised functions would call.
  await page.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  await page.addInitScript(installPhoneAgent, boardObjects);
  const cdp = await context.newCDPSession(page);
  const network = new NetworkLog(cdp);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PHONE.latencyMs,
    downloadThroughput: bytesPerSecond(PHONE.downloadKbps),
    uploadThroughput: bytesPerSecond(PHONE.uploadKbps),
    connectionType: 'cellular4g',
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
  return { context, page, cdp, network };
}
