import axe from 'axe-core';
import type { Page } from 'playwright-core';
import type { BoardPage } from '../pages/BoardPage.js';

declare global {
  interface Window {
    axe: typeof axe;
    __cspViolations?: string[];
  }
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA) on the page as it is now and returns one readable line
 * per violation: where, rule id, impact, help and the failing nodes' selectors.
 */
export async function axeViolations(page: Page, where: string): Promise<string[]> {
  await page.evaluate(axe.source);
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
  );
  return result.violations.map(
    (v) =>
      `[${where}] ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .map(
          (n) =>
            `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`,
        )
        .join('\n    ')}`,
  );
}

/**
 * Everything the browsers of the watched people fetch or connect to, and every Content Security
 * Policy violation they report, per person; `check(view)` records anything that left the app's
 * own origin (`baseUrl`), broke the policy, or came as a document without the policy since the
 * last check, in `problems`.
 */
export class Watch {
  readonly requests: { url: string; type: string; who: string }[] = [];
  readonly documents: { url: string; csp: string | undefined }[] = [];
  readonly problems: string[] = [];
  private readonly own: URL;
  private readonly consoleViolations: string[] = [];
  private readonly pages: { page: Page; who: string }[] = [];
  private checked = 0;

  constructor(baseUrl: string) {
    this.own = new URL(baseUrl);
  }

  /** Starts watching this person's page (before it loads anything); returns the person. */
  async watch(p: BoardPage, who: string): Promise<BoardPage> {
    const { page } = p;
    const context = page.context();
    this.pages.push({ page, who });
    // The context sees the page's requests and, in Chromium, its service worker's too.
    context.on('request', (r) =>
      this.requests.push({
        url: r.url(),
        type: r.resourceType(),
        who: `${who}${r.serviceWorker() ? ' (service worker)' : ''}`,
      }),
    );
    page.on('websocket', (ws) => this.requests.push({ url: ws.url(), type: 'websocket', who }));
    page.on('response', (res) => {
      if (res.request().resourceType() === 'document')
        this.documents.push({ url: res.url(), csp: res.headers()['content-security-policy'] });
    });
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text()))
        this.consoleViolations.push(`${who}: ${msg.text()}`);
    });
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations?.push(
          `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
        );
      });
    });
    return p;
  }

  /** Records what went wrong since the last check, labelled with the view. */
  async check(view: string): Promise<void> {
    for (const r of this.requests.slice(this.checked)) {
      if (r.url.startsWith('data:') || r.url.startsWith('blob:')) continue;
      const url = new URL(r.url);
      const sameHost = url.host === this.own.host;
      const sameScheme = url.protocol === this.own.protocol || url.protocol === 'ws:';
      if (!sameHost || !sameScheme)
        this.problems.push(`[${view}] ${r.who} requested ${r.type} ${r.url}`);
    }
    this.checked = this.requests.length;
    for (const { page, who } of this.pages) {
      if (page.isClosed()) continue;
      const found = await page.evaluate(() => window.__cspViolations?.splice(0) ?? []);
      for (const v of found) this.problems.push(`[${view}] ${who}: CSP violation: ${v}`);
    }
    for (const v of this.consoleViolations.splice(0)) this.problems.push(`[${view}] ${v}`);
    for (const d of this.documents.splice(0)) {
      if (!d.csp?.includes("script-src 'self'"))
        this.problems.push(`[${view}] ${d.url} came without the Content-Security-Policy`);
    }
  }
}
