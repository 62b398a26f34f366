import type { Page } from 'playwright-core';
import { E2E_ADMIN_TOKEN } from './server-process.js';

/** An invite link from the administrator API (`POST /api/admin/invites`, admin token). */
export async function makeInvite(baseUrl: string, name: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/admin/invites`, {
    method: 'POST',
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST /api/admin/invites: ${res.status} ${text}`);
  return (JSON.parse(text) as { url: string }).url;
}

/** Whether this page's browser has a facilitator session on the server. */
export async function isSignedIn(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const res = await fetch('/api/auth/status', { cache: 'no-store' });
    return res.ok && ((await res.json()) as { signedIn?: boolean }).signedIn === true;
  });
}

/**
 * Signs this page's browser in as a new facilitator the way a person is let in without an
 * identity provider: the administrator makes an invite, the person opens the link and accepts
 * it. Ends on the start page, signed in ("Mine samlinger" shown).
 */
export async function signInAsFacilitator(page: Page, baseUrl: string, name: string) {
  const url = new URL(await makeInvite(baseUrl, name));
  // The link names the server's own address; the browser tests browse it as `baseUrl`.
  await page.goto(`${baseUrl}${url.pathname}`);
  const welcome = new RegExp(
    `^(Velkommen|Welcome), ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`,
  );
  await page.getByRole('heading', { name: welcome }).waitFor();
  await page
    .getByRole('button', { name: /^(Ta imot invitasjonen|Accept the invitation)$/ })
    .click();
  await page.getByRole('heading', { name: /^(Mine samlinger|My workshops)$/ }).waitFor();
}
