/** Every demo's rendered output keeps the accessibility basics (titled images, named buttons). */
import { expectAccessibleBasics } from '../../support/accessibility';
import { demoCheck } from '../../support/demo-checks';

demoCheck('keeps the accessibility basics after it ran', {}, async ({ id, page }) => {
  await expectAccessibleBasics(page, `[data-demo="${id}"]`);
});
