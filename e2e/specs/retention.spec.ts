import { type MessageKey, translate } from '@torg/shared';
import { describe, expect, inject, it } from 'vitest';
import { ConsolePage, StartPage } from '../pages/WorkshopPages.js';
import { outputFile } from '../support/paths.js';
import { usePeople } from '../support/people.js';

const baseUrl = inject('baseUrl');
const crowd = usePeople(baseUrl);
const t = (key: MessageKey, params?: Record<string, string | number>) =>
  translate('nb', key, params);

describe('automatic deletion in the console', () => {
  it('the facilitator chooses 90 days and the console says when the data goes', async () => {
    const fac = await crowd().person(null);
    const { page } = fac;
    await new StartPage(page, baseUrl).createWorkshop({
      title: 'Kortlevd samling',
      groups: ['Nord', 'Sør'],
      facilitator: 'Kari',
    });
    // Automatic deletion sits in the console's last step (issue 17: the console by the flow).
    await new ConsolePage(page).openStep('Avslutt');
    const select = page.getByLabel(t('console.retention'));
    await expect.poll(() => select.inputValue()).toBe('');
    const status = page.getByTestId('retention-status');
    await expect.poll(() => status.textContent()).toBe(t('console.retentionNone'));

    await select.selectOption({ label: t('console.retentionDays', { n: 90 }) });
    await expect
      .poll(() => status.textContent())
      .toMatch(
        /^Dataene slettes automatisk \d{1,2}\. \p{L}+ \d{4} \(90 dager etter samlingen\)\.$/u,
      );
    await status.scrollIntoViewIfNeeded();
    await page.screenshot({ path: outputFile('retention-console.png') });

    // It survives a reload (the server stores it), and can be turned off again.
    await page.reload();
    await new ConsolePage(page).openStep('Avslutt');
    await expect.poll(() => page.getByLabel(t('console.retention')).inputValue()).toBe('90');
    await page.getByLabel(t('console.retention')).selectOption('');
    await expect
      .poll(() => page.getByTestId('retention-status').textContent())
      .toBe(t('console.retentionNone'));
  });
});
