// Deleting a VM: a confirmation dialog naming it, cancelled by its button or Escape (focus goes
// back), confirmed for a stopped VM and for a running one (which is forced off).
import assert from 'node:assert/strict';
import { e2eSuite } from './harness.mjs';
import {
  DEMO,
  action,
  createForm,
  emptyState,
  expectFocused,
  expectList,
  expectText,
  openList,
  row,
  summary,
} from './app-helpers.mjs';

const e2e = e2eSuite();

/** Clicks Delete on `name` and returns the confirmation dialog. */
async function askDelete(page, name) {
  await action(page, 'Delete', name).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  return dialog;
}

e2e('the delete confirmation names the VM; Cancel keeps it and gives focus back to its Delete button', async ({ page, url }) => {
  await openList(page, url);
  const dialog = await askDelete(page, 'build-runner');
  await page.getByRole('dialog', { name: 'Delete build-runner?', exact: true }).waitFor();
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  await expectText(dialog, 'build-runner and its configuration will be deleted. You can undo this with Undo (Ctrl+Z).');
  assert.ok(!(await dialog.textContent()).includes('forced off'), 'a stopped VM is not forced off');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).waitFor();
  // Focus starts on the safe choice.
  await expectFocused(dialog.getByRole('button', { name: 'Cancel', exact: true }), 'Cancel');

  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await expectList(page, DEMO);
  await expectFocused(action(page, 'Delete', 'build-runner'), 'the Delete build-runner button');
});

e2e('Escape cancels the delete confirmation and gives focus back to the Delete button', async ({ page, url }) => {
  await openList(page, url);
  const dialog = await askDelete(page, 'db-01');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await expectList(page, DEMO);
  await expectFocused(action(page, 'Delete', 'db-01'), 'the Delete db-01 button');
});

e2e('while the dialog is open the page behind it is inert', async ({ page, url }) => {
  await openList(page, url);
  await askDelete(page, 'web-01');
  // The page behind is inert: Tab never leaves the dialog for the page's controls.
  const inert = (locator) => locator.evaluate((element) => element.closest('[inert]') !== null);
  assert.ok(await inert(action(page, 'Stop', 'web-01')), 'the rows are inert');
  assert.ok(await inert(page.getByRole('button', { name: 'Reset to demo', exact: true })), 'the header is inert');
  assert.ok(await inert(createForm(page)), 'the create form is inert');
  for (let press = 0; press < 6; press += 1) {
    await page.keyboard.press('Tab');
    const outside = await page.evaluate(() => {
      const active = document.activeElement;
      const inDialog = active?.closest('[role="dialog"]');
      return active && active !== document.body && !inDialog ? active.outerHTML.slice(0, 80) : null;
    });
    assert.equal(outside, null, `Tab reached ${outside}`);
  }
  assert.equal(await page.getByRole('dialog').count(), 1);
  await expectText(page.getByRole('dialog'), 'Delete web-01?');
  await expectList(page, DEMO);
});

e2e('confirming deletes a stopped VM: its row is gone, also after a reload', async ({ page, url }) => {
  await openList(page, url);
  const dialog = await askDelete(page, 'build-runner');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await row(page, 'build-runner').waitFor({ state: 'detached' });
  await expectList(page, [DEMO[1], DEMO[2]]);
  await expectText(summary(page), '2 VMs: 1 running, 1 paused, 0 stopped.');
  // Focus lands somewhere sensible in the page, not lost on <body>.
  await expectFocused(page.getByRole('heading', { name: 'Virtual machines' }), 'the list heading');

  await page.reload();
  await row(page, 'db-01').waitFor();
  await expectList(page, [DEMO[1], DEMO[2]]);
});

e2e('deleting a running VM says it will be forced off, then deletes it', async ({ page, url }) => {
  await openList(page, url);
  const dialog = await askDelete(page, 'web-01');
  await expectText(dialog, 'web-01 is running: it will be forced off first');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await row(page, 'web-01').waitFor({ state: 'detached' });
  await expectList(page, [DEMO[0], DEMO[1]]);
  await expectText(summary(page), '2 VMs: 0 running, 1 paused, 1 stopped. Running VMs hold 0 MB and 0 vCPUs.');
});

e2e('deleting a paused VM says it will be forced off too', async ({ page, url }) => {
  await openList(page, url);
  const dialog = await askDelete(page, 'db-01');
  await expectText(dialog, 'db-01 is paused: it will be forced off first');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await row(page, 'db-01').waitFor({ state: 'detached' });
  await expectList(page, [DEMO[0], DEMO[2]]);
});

e2e('deleting every VM shows the empty state, which invites creating one', async ({ page, url }) => {
  await openList(page, url);
  for (const [name] of DEMO) {
    const dialog = await askDelete(page, name);
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await row(page, name).waitFor({ state: 'detached' });
  }
  await expectList(page, []);
  await expectText(emptyState(page), 'No VMs yet. Create your first one');
  await expectText(summary(page), '0 VMs: 0 running, 0 paused, 0 stopped.');
});
