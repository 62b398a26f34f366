import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import JSZip from 'jszip';
import type { Download, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { ConsolePage, joinByCode, StartPage } from '../pages/WorkshopPages.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);

/** Clicks and returns the file the browser downloads, saved under e2e/output. */
async function download(page: Page, click: () => Promise<void>, name: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const target = outputFile(name);
  await (file as Download).saveAs(target);
  return { target, suggested: (file as Download).suggestedFilename() };
}

describe('export after the gathering', () => {
  it('the facilitator exports the workshop from the console with a progress bar; a board on its own', async () => {
    const fac = await crowd().person(null, { viewport: { width: 1400, height: 1000 } });
    await new StartPage(fac.page, baseUrl).createWorkshop({
      title: 'Helse og omsorg 2035',
      groups: ['Gruppe Nord', 'Gruppe Sør'],
      facilitator: 'Kari',
    });
    const consolePage = new ConsolePage(fac.page);
    const code = await consolePage.joinCode();
    const asmund = await crowd().person(null);
    await joinByCode(asmund, code, 'Åsmund Ærlig', 'Gruppe Nord');
    await consolePage.newPhase('Idémyldring');
    await asmund.page.waitForURL(/\/w\/[^/]+\/b\/[^/]+$/);
    await asmund.waitForStatus('connected');
    await asmund.addSticky(300, 260, 'Økt bruk av velferdsteknologi');
    await asmund.addSticky(560, 260, 'Færre på sykehjem, flere hjemme');
    await expect.poll(() => asmund.contentTexts()).toHaveLength(2);

    // Everything in one ZIP, anonymised: the progress bar, then the download.
    // The export is a step of its own in the console (issue 17: the console by the flow).
    await consolePage.openStep('Eksport');
    const panel = fac.page.getByRole('region', { name: 'Eksport' });
    await panel.getByRole('checkbox', { name: /Anonymiser deltakerne/ }).check();
    const zip = await download(
      fac.page,
      () => panel.getByRole('button', { name: 'Alt i én ZIP' }).click(),
      'workshop-export.zip',
    );
    const progress = panel.getByRole('progressbar', { name: 'Fremdrift: Alt i én ZIP' });
    expect(await progress.getAttribute('value')).toBe('100');
    await panel.getByText('Ferdig: Helse og omsorg 2035.zip').waitFor();
    expect(zip.suggested).toBe('Helse og omsorg 2035.zip');
    const files = await JSZip.loadAsync(fs.readFileSync(zip.target));
    const names = Object.keys(files.files);
    for (const ext of ['pdf', 'docx', 'csv', 'md', 'torg.json'])
      expect(names).toContain(`Helse og omsorg 2035.${ext}`);
    expect(names.filter((n) => n.endsWith('.png'))).toHaveLength(2);
    const csv = (await files.file('Helse og omsorg 2035.csv')?.async('string')) ?? '';
    expect(csv).toContain('Økt bruk av velferdsteknologi');
    expect(csv).not.toContain('Åsmund');
    await panel.screenshot({ path: outputFile('export-panel.png') });

    // The PDF report with names: its cover, summary and first board page, as pictures to look at.
    await panel.getByRole('checkbox', { name: /Anonymiser deltakerne/ }).uncheck();
    const pdf = await download(
      fac.page,
      () => panel.getByRole('button', { name: 'PDF-rapport' }).click(),
      'workshop-report.pdf',
    );
    expect(pdf.suggested).toBe('Helse og omsorg 2035.pdf');
    for (const [page, name] of [
      [1, 'report-cover-page'],
      [2, 'report-summary-page'],
      [3, 'report-board-page'],
    ] as const) {
      const at = String(page);
      execFileSync('pdftoppm', [
        '-f',
        at,
        '-l',
        at,
        '-r',
        '60',
        '-png',
        '-singlefile',
        pdf.target,
        outputFile(name),
      ]);
      expect(fs.statSync(outputFile(`${name}.png`)).size).toBeGreaterThan(5000);
    }
    const text = execFileSync('pdftotext', ['-layout', pdf.target, '-']).toString();
    expect(text).toContain('Åsmund Ærlig');
    expect(text).toContain('Økt bruk av velferdsteknologi');

    // One board from its own menu, as a PNG.
    await asmund.page.getByLabel(/Eksporter tavlen/).click();
    const png = await download(
      asmund.page,
      () => asmund.page.getByRole('button', { name: 'PNG', exact: true }).click(),
      'board.png',
    );
    expect(png.suggested).toMatch(/\.png$/);
    expect(fs.readFileSync(png.target).subarray(1, 4).toString()).toBe('PNG');
  });
});
