import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startOidcProvider, type TestOidcProvider } from '../../server/test/oidc-provider.js';
import { StartPage } from '../pages/WorkshopPages.js';
import { isSignedIn, makeInvite } from '../support/facilitator.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';
import { freePort, type ServerProcess, startServerProcess } from '../support/server-process.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

/** What a browser gets when it tries to create a gathering itself (its cookies, no token). */
const tryCreate = (page: Page) =>
  page.evaluate(async () => {
    const res = await fetch('/api/workshops', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        title: 'Snik',
        date: '2026-12-01',
        groups: ['A'],
        facilitatorName: 'Snik',
      }),
    });
    return res.status;
  });

/** Tabs to the control (it must be reachable that way) and presses Enter on it. */
async function enterWithKeyboard(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable with Tab: ${target}`);
}

/** The provider's own (development) login and consent pages, as a person fills them in. */
async function signInAtProvider(page: Page, issuer: string, login: string): Promise<void> {
  await page.waitForURL((url) => url.toString().startsWith(issuer));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('hemmelig');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

describe('signing in through the organisation’s identity provider (OpenID Connect)', () => {
  let idp: TestOidcProvider;
  let torg: ServerProcess;

  beforeAll(async () => {
    // Torg's port first: its callback address is registered at the provider.
    const port = await freePort();
    idp = await startOidcProvider({
      accounts: [
        {
          login: 'kari',
          claims: { name: 'Kari Nordmann', groups: ['ansatte', 'torg-fasilitatorer'], org: 'Ås' },
        },
        { login: 'ola', claims: { name: 'Ola Nordmann', groups: ['ansatte'] } },
      ],
      redirectUris: [`http://localhost:${port}/auth/callback`],
    });
    torg = await startServerProcess({
      port,
      env: {
        TORG_OIDC_ISSUER: idp.issuer,
        TORG_OIDC_CLIENT_ID: idp.clientId,
        TORG_OIDC_CLIENT_SECRET: idp.clientSecret,
        TORG_OIDC_FACILITATOR_CLAIM: 'groups',
        TORG_OIDC_FACILITATOR_VALUE: 'torg-fasilitatorer',
        TORG_OIDC_ORG_CLAIM: 'org',
        TORG_OPEN_BOARDS: '0',
      },
    });
  });

  afterAll(async () => {
    await torg?.stop();
    await idp?.close();
  });

  it('a facilitator signs in, creates a gathering, finds it in "Mine samlinger" and signs out', {
    timeout: 120_000,
  }, async () => {
    const { page } = await crowd().person(null, { viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.goto(`${torg.url}/`);
    // Participants still join with a code, no account; no open boards on this server.
    await page.getByRole('heading', { name: 'Bli med' }).waitFor();
    await page.getByRole('link', { name: 'Logg inn' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Tavle uten samling' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Logg inn' }).click();
    await signInAtProvider(page, idp.issuer, 'kari');

    // Back on Torg, signed in under the provider's name.
    await page.waitForURL(`${torg.url}/`);
    const card = page.getByRole('region', { name: 'For fasilitatorer' });
    await card.getByText('Kari Nordmann').waitFor();
    await page.getByRole('heading', { name: 'Mine samlinger' }).waitFor();
    await page.screenshot({ path: outputFile('signin-oidc-signed-in.png') });

    const workshopId = await new StartPage(page, torg.url).createWorkshop({
      title: 'Innlogget samling',
      groups: ['Gruppe 1', 'Gruppe 2'],
      facilitator: 'Kari',
    });
    await page.getByTestId('join-code').waitFor();

    await page.goto(`${torg.url}/`);
    const mine = page.getByRole('region', { name: 'Mine samlinger' });
    await mine.getByText('Innlogget samling', { exact: true }).first().waitFor();
    await page.screenshot({ path: outputFile('signin-oidc-my-workshops.png') });
    // "Åpne" gets the console back from the account, even with this browser's token gone.
    await page.evaluate((id) => localStorage.removeItem(`torg.token.${id}`), workshopId);
    await mine.getByRole('button', { name: 'Åpne Innlogget samling' }).click();
    await page.waitForURL(`${torg.url}/w/${workshopId}/console`);
    await page.getByTestId('join-code').waitFor();

    // Signing out: the start page shows the way in again, and creating is refused.
    await page.goto(`${torg.url}/`);
    await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.getByRole('link', { name: 'Logg inn' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Mine samlinger' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Ny samling' }).count()).toBe(0);
    expect(await isSignedIn(page)).toBe(false);
    expect(await tryCreate(page)).toBe(401);
    // The console token this browser held for the account's gathering is forgotten too.
    expect(
      await page.evaluate((id) => localStorage.getItem(`torg.token.${id}`), workshopId),
    ).toBeNull();
    await page.screenshot({ path: outputFile('signin-oidc-signed-out.png') });
  });

  it('someone without the facilitator claim is told so and cannot create gatherings', {
    timeout: 90_000,
  }, async () => {
    const { page } = await crowd().person(null, { viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.goto(`${torg.url}/`);
    await page.getByRole('link', { name: 'Logg inn' }).click();
    await signInAtProvider(page, idp.issuer, 'ola');

    await page
      .getByText('Kontoen din har ikke tilgang til å lage samlinger', { exact: false })
      .waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(await isSignedIn(page)).toBe(false);
    expect(await page.getByRole('heading', { name: 'Ny samling' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Mine samlinger' }).count()).toBe(0);
    expect(await tryCreate(page)).toBe(401);
    await page.screenshot({ path: outputFile('signin-oidc-denied.png') });
  });

  it('a forged return from the provider ends on the start page with "sign-in failed"', async () => {
    const { page } = await crowd().person(null);
    await page.goto(`${torg.url}/auth/callback?code=forged&state=forged`);
    await page.getByText('Innloggingen mislyktes', { exact: false }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await isSignedIn(page)).toBe(false);
    await page.getByRole('link', { name: 'Logg inn' }).waitFor();
  });
});

describe('a facilitator invite (no identity provider)', () => {
  it('invite link → accept → create → still signed in after a reload; the link is then used', {
    timeout: 90_000,
  }, async () => {
    const { page } = await crowd().person(null, { viewport: { width: 1440, height: 900 } });
    await page.goto(`${baseUrl}/`);
    await page.getByText('Fasilitatorer får en invitasjonslenke', { exact: false }).waitFor();
    // Without an identity provider there is nothing to sign in with, only invites.
    expect(await page.getByRole('link', { name: 'Logg inn' }).count()).toBe(0);
    expect(await tryCreate(page)).toBe(401);
    // "Ny tavle" (a board without a gathering) exactly where the server allows open boards.
    const { openBoards } = await page.evaluate(async () =>
      (await fetch('/api/auth/status')).json(),
    );
    expect(await page.getByRole('heading', { name: 'Tavle uten samling' }).count()).toBe(
      openBoards ? 1 : 0,
    );

    const link = await makeInvite(baseUrl, 'Ingrid Invitert');
    expect(new URL(link).origin).toBe(new URL(baseUrl).origin);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Velkommen, Ingrid Invitert' }).waitFor();
    // With the keyboard only: the invite, and later "Åpne".
    await enterWithKeyboard(page, page.getByRole('button', { name: 'Ta imot invitasjonen' }));
    await page.getByRole('heading', { name: 'Mine samlinger' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');

    const workshopId = await new StartPage(page, baseUrl).createWorkshop({
      title: 'Invitert samling',
      groups: ['Nord', 'Sør'],
      facilitator: 'Ingrid',
    });
    await page.goto(`${baseUrl}/`);
    await page.reload();
    const mine = page.getByRole('region', { name: 'Mine samlinger' });
    await mine.getByText('Invitert samling', { exact: true }).first().waitFor();
    expect(await isSignedIn(page)).toBe(true);
    await enterWithKeyboard(page, mine.getByRole('button', { name: 'Åpne Invitert samling' }));
    await page.waitForURL(`${baseUrl}/w/${workshopId}/console`);

    // The same link again: used up, in this browser and in a fresh one.
    await page.goto(link);
    await page.getByRole('heading', { name: 'Invitasjonen kan ikke brukes' }).waitFor();
    const other = await crowd().person(null);
    await other.page.goto(link);
    await other.page.getByRole('heading', { name: 'Invitasjonen kan ikke brukes' }).waitFor();
    expect(await other.page.getByRole('button', { name: 'Ta imot invitasjonen' }).count()).toBe(0);
    expect(await isSignedIn(other.page)).toBe(false);
    await other.page.screenshot({ path: outputFile('signin-invite-used.png') });
  });
});

describe('the start and invite pages on a laptop and on a phone', () => {
  const sizes = [
    { name: 'laptop', options: { viewport: { width: 1440, height: 900 } } },
    {
      name: 'phone',
      options: {
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
      },
    },
  ] as const;

  /**
   * How far the page is wider than the screen (a phone browser would zoom out or scroll
   * sideways): the widest element's right edge past the viewport's width.
   */
  const overflow = (page: Page) =>
    page.evaluate((width) => {
      let right = 0;
      for (const el of Array.from(document.querySelectorAll('body *')))
        right = Math.max(right, el.getBoundingClientRect().right);
      return Math.ceil(right) - width;
    }, page.viewportSize()?.width ?? 0);

  it.each(sizes)(
    '$name: signed out, the invite, signed in with two gatherings',
    {
      timeout: 90_000,
    },
    async ({ name, options }) => {
      const { page } = await crowd().person(null, options);
      await page.goto(`${baseUrl}/`);
      await page.getByText('Fasilitatorer får en invitasjonslenke', { exact: false }).waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({
        path: outputFile(`signin-start-signed-out-${name}.png`),
        fullPage: true,
      });

      await page.goto(await makeInvite(baseUrl, 'Kari Nordmann'));
      await page.getByRole('button', { name: 'Ta imot invitasjonen' }).waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: outputFile(`signin-invite-${name}.png`), fullPage: true });
      await page.getByRole('button', { name: 'Ta imot invitasjonen' }).click();
      await page.getByRole('heading', { name: 'Mine samlinger' }).waitFor();

      // Two gatherings of this account, made with its session as the form would.
      for (const [title, date] of [
        ['Fremtidens hjemmetjenester', '2026-11-12'],
        ['Personvern i skolen – oppfølging med foreldreutvalget', '2026-12-03'],
      ])
        expect(
          await page.evaluate(
            async (body) =>
              (
                await fetch('/api/workshops', {
                  method: 'POST',
                  headers: { 'Content-Type': 'application/json' },
                  body: JSON.stringify(body),
                })
              ).status,
            { title, date, groups: ['Gruppe 1', 'Gruppe 2'], facilitatorName: 'Kari' },
          ),
        ).toBe(201);
      await page.reload();
      const mine = page.getByRole('region', { name: 'Mine samlinger' });
      await mine.getByRole('listitem').nth(1).waitFor();
      expect(await mine.getByRole('listitem').count()).toBe(2);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({
        path: outputFile(`signin-start-signed-in-${name}.png`),
        fullPage: true,
      });
    },
  );
});
