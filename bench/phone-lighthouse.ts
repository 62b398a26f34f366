/**
 * Lighthouse 12.2.3 (pinned in package.json) on the phone pages, through its Node API, against
 * the system Chromium started with a DevTools port: its default mobile settings (Moto G Power
 * screen, 'mobileSlow4G' simulated throttling), performance and accessibility only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse, { generateReport } from 'lighthouse';
import { CHROMIUM_PATH } from '../e2e/support/browser.js';
import { BENCH_DIR, REPO_DIR } from './bench-common.js';

/** Full reports and final screenshots; not committed (bench/.gitignore). */
const REPORT_DIR = path.join(BENCH_DIR, 'profiles');

export interface LighthouseFailure {
  id: string;
  title: string;
  /** 0–1 (null for informative audits). */
  score: number | null;
  displayValue?: string;
  /** The failing elements (selector and markup), for accessibility audits. */
  elements: string[];
}

export interface LighthouseResult {
  page: string;
  url: string;
  /** Where the page ended up (a page that sends the visitor elsewhere shows here). */
  finalUrl: string;
  /** The full HTML report (bench/profiles/, not committed). */
  report: string;
  performance: number | null;
  accessibility: number | null;
  /** Lab metrics (ms; CLS unitless) as Lighthouse simulated them. */
  metrics: Record<string, number | null>;
  failing: { performance: LighthouseFailure[]; accessibility: LighthouseFailure[] };
  runtimeError?: string;
  warnings: string[];
}

interface RunningChromium {
  port: number;
  child: ChildProcess;
  profileDir: string;
  stop(): Promise<void>;
}

/** Headless Chromium with a DevTools port of its own choosing (read from its stderr). */
async function startChromium(): Promise<RunningChromium> {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'torg-lighthouse-'));
  const child = spawn(
    CHROMIUM_PATH,
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--remote-debugging-port=0',
      `--user-data-dir=${profileDir}`,
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium gave no port:\n${err}`)), 30_000);
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited:\n${err}`));
    });
  });
  return {
    port,
    child,
    profileDir,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      // Chromium's helper processes may still be writing the profile as the browser exits.
      fs.rmSync(profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}

const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
  'interactive',
] as const;

/** The nodes an audit names (accessibility audits list the failing elements). */
function elementsOf(details: unknown): string[] {
  const items = (details as { items?: { node?: { selector?: string; snippet?: string } }[] })
    ?.items;
  if (!Array.isArray(items)) return [];
  return items.flatMap((item) =>
    item.node ? [`${item.node.selector ?? '?'} ${item.node.snippet ?? ''}`.trim()] : [],
  );
}

/** Runs Lighthouse on each page in turn. */
export async function runLighthouse(
  pages: { page: string; url: string }[],
): Promise<LighthouseResult[]> {
  const results: LighthouseResult[] = [];
  for (const { page, url } of pages) {
    console.log(`lighthouse: ${page}…`);
    results.push(await auditPage(page, url));
  }
  return results;
}

/**
 * One page in a Chromium of its own: a fresh profile, so nothing an earlier page stored
 * (IndexedDB, which Lighthouse does not clear) is there.
 */
async function auditPage(page: string, url: string): Promise<LighthouseResult> {
  const chromium = await startChromium();
  try {
    const run = await lighthouse(url, {
      port: chromium.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      formFactor: 'mobile',
      throttlingMethod: 'simulate',
    });
    if (!run) throw new Error(`lighthouse returned nothing for ${page}`);
    const { lhr } = run;
    // The whole report, to open in a browser or the Lighthouse viewer (not committed).
    fs.mkdirSync(REPORT_DIR, { recursive: true });
    const reportFile = path.join(REPORT_DIR, `lighthouse-${page}.html`);
    fs.writeFileSync(reportFile, generateReport(lhr, 'html'));
    const shot = (lhr.audits['final-screenshot']?.details as { data?: string } | undefined)?.data;
    if (shot?.startsWith('data:image/jpeg;base64,'))
      fs.writeFileSync(
        path.join(REPORT_DIR, `lighthouse-${page}.jpg`),
        Buffer.from(shot.slice('data:image/jpeg;base64,'.length), 'base64'),
      );
    const score = (id: string) => {
      const s = lhr.categories[id]?.score;
      return s === null || s === undefined ? null : Math.round(s * 100);
    };
    const failing = (category: string): LighthouseFailure[] =>
      (lhr.categories[category]?.auditRefs ?? []).flatMap((ref) => {
        const audit = lhr.audits[ref.id];
        if (!audit || audit.score === null || audit.score >= 0.9) return [];
        if (ref.group === 'hidden') return [];
        return [
          {
            id: audit.id,
            title: audit.title,
            score: audit.score,
            ...(audit.displayValue ? { displayValue: audit.displayValue } : {}),
            elements: category === 'accessibility' ? elementsOf(audit.details) : [],
          },
        ];
      });
    return {
      page,
      url: url.replace(/#t=[^&]+/, '#t=…'),
      finalUrl: lhr.finalDisplayedUrl,
      report: path.relative(REPO_DIR, reportFile),
      performance: score('performance'),
      accessibility: score('accessibility'),
      metrics: Object.fromEntries(METRICS.map((id) => [id, lhr.audits[id]?.numericValue ?? null])),
      failing: { performance: failing('performance'), accessibility: failing('accessibility') },
      ...(lhr.runtimeError ? { runtimeError: lhr.runtimeError.message } : {}),
      warnings: lhr.runWarnings,
    };
  } finally {
    await chromium.stop();
  }
}
