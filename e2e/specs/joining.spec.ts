import { describe, expect, inject, it } from 'vitest';
import { ConsolePage } from '../pages/WorkshopPages.js';
import { createGathering as createGatheringWith } from '../support/gathering.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

const createGathering = (title: string) => createGatheringWith(baseUrl, title);

describe('open scratch boards', () => {
  it('open when the server has them on (as this test server does: TORG_OPEN_BOARDS=1)', async () => {
    const info = (await (await fetch(`${baseUrl}/api/info`)).json()) as { openBoards: boolean };
    expect(info.openBoards).toBe(true);
    const someone = await crowd().onBoard(null, `skisse${Date.now().toString(36)}`);
    await someone.canvas.waitFor();
  });
});

describe('who may still join', () => {
  it('the facilitator closes and reopens joining, and makes new codes that sign everyone out', async () => {
    const w = await createGathering('Bydelsmøte');
    const kari = await crowd().person(null, { viewport: { width: 1440, height: 900 } });
    await kari.page.goto(`${baseUrl}/w/${w.workshopId}/console#t=${w.token}`);
    const consolePage = new ConsolePage(kari.page);
    await kari.page.getByTestId('join-code').waitFor();
    expect(await consolePage.joinCode()).toBe(w.joinCode);
    await kari.page.getByText('Påmeldingen er åpen').waitFor();

    // Anne joins with the code.
    const anne = await crowd().person(null);
    await anne.page.goto(`${baseUrl}/j/${w.joinCode}`);
    await anne.page.getByLabel('Navnet ditt').fill('Anne');
    await anne.page.getByLabel('Gruppe Nord').check();
    await anne.page.getByRole('button', { name: 'Bli med' }).click();
    await anne.page.getByText(/Venter på fasilitatoren/).waitFor();

    await kari.page.screenshot({ path: outputFile('joining-console-1440.png'), fullPage: true });

    // Closed: a latecomer is turned away with a reason; reopened, the code works again.
    await kari.page.getByRole('button', { name: 'Steng påmelding' }).click();
    await kari.page.getByText('Påmeldingen er stengt').waitFor();
    // The projector view says so too, so the room is not invited to a closed door.
    await kari.page.getByRole('button', { name: 'Vis stort' }).click();
    const large = kari.page.getByRole('dialog');
    await large.getByText('Påmeldingen er stengt – koden slipper ingen nye inn nå.').waitFor();
    await kari.page.screenshot({ path: outputFile('joining-large-closed-1440.png') });
    await large.getByRole('button', { name: 'Lukk' }).click();
    await large.waitFor({ state: 'hidden' });
    const late = await crowd().person(null);
    await late.page.goto(`${baseUrl}/j/${w.joinCode}`);
    await late.page.getByText('Påmeldingen til denne samlingen er stengt').waitFor();
    await kari.page.getByRole('button', { name: 'Åpne påmelding' }).click();
    await kari.page.getByText('Påmeldingen er åpen').waitFor();
    await late.page.reload();
    await late.page.getByLabel('Navnet ditt').waitFor();

    // New codes with sign-out, after a confirm step.
    await kari.page.getByRole('button', { name: 'Lag nye koder' }).click();
    const dialog = kari.page.getByRole('dialog');
    await dialog.getByLabel('Logg ut alle som har blitt med').check();
    await kari.page.screenshot({ path: outputFile('joining-confirm-1440.png') });
    await dialog.getByRole('button', { name: 'Ja, lag nye koder og logg ut alle' }).click();
    await kari.page
      .getByText('Nye koder er laget, og alle som hadde blitt med er logget ut.')
      .waitFor();
    await expect.poll(() => consolePage.joinCode(), { timeout: 10_000 }).not.toBe(w.joinCode);
    const newCode = await consolePage.joinCode();

    // Anne's open page learns that her link is no longer valid; the old code is unknown.
    await anne.page.getByText('Lenken din er ikke gyldig lenger').waitFor();
    await late.page.goto(`${baseUrl}/j/${w.joinCode}`);
    await late.page.getByText(`Fant ingen samling med koden`).waitFor();
    // The new code admits people; the facilitator is still in.
    await late.page.goto(`${baseUrl}/j/${newCode}`);
    await late.page.getByLabel('Navnet ditt').waitFor();
    await kari.page.getByText('Påmeldingen er åpen').waitFor();

    // The console on a phone.
    const phone = await crowd().person(null, { viewport: { width: 390, height: 844 } });
    await phone.page.goto(`${baseUrl}/w/${w.workshopId}/console#t=${w.token}`);
    // People have joined, so the console opens on the phases: inviting is one tab away.
    await new ConsolePage(phone.page).openStep('Inviter');
    await phone.page.getByTestId('join-code').waitFor();
    await phone.page.getByRole('button', { name: 'Steng påmelding' }).scrollIntoViewIfNeeded();
    await phone.page.screenshot({ path: outputFile('joining-console-390.png') });
    await phone.page.getByRole('button', { name: 'Lag nye koder' }).click();
    await phone.page.screenshot({ path: outputFile('joining-confirm-390.png') });
  });
});
