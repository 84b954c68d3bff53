/** Every page, in both colour schemes on both devices: the theme it asked for, axe-core and the accessibility basics. */
import { expect } from 'vitest';
import { expectAccessibleBasics, expectNoAxeViolations } from '../../support/accessibility';
import { DEVICES, pageCheck } from '../../support/page-checks';

pageCheck('is shown in the colour scheme the reader’s system asks for', {}, async ({ page, scheme }) => {
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
});

pageCheck('has no axe-core violation and the accessibility basics', {}, async ({ page, path, scheme, device }) => {
  await expectNoAxeViolations(page, `${path} (${scheme}, ${DEVICES[device].viewport.width} px)`);
  await expectAccessibleBasics(page);
});
